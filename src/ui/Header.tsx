import React from 'react';
import { Box, Text } from 'ink';
import { formatAge } from '../config/duration.js';
import type { SourceState } from '../engine/state.js';
import { Dim, Tinted } from './theme.js';

export interface HeaderProps {
  service: string;
  environment?: string;
  sinceDeployMs: number | null;
  refreshMs: number;
  nextInMs: number | null;
  paused: boolean;
  sources: SourceState[];
  slowMs: number;
  demo?: string;
}

function SourceDot({ s, slowMs }: { s: SourceState; slowMs: number }) {
  const state = !s.ok ? 'down' : s.latencyMs !== null && s.latencyMs > slowMs ? 'slow' : 'ok';
  const kind = state === 'down' ? 'critical' : state === 'slow' ? 'warning' : 'ok';
  return (
    <Text>
      {s.name} <Tinted kind={kind}>● {state}</Tinted>
      {state === 'down' && s.error ? <Dim> ({s.error})</Dim> : null}
      {'  '}
    </Text>
  );
}

export function Header(p: HeaderProps) {
  const deploy = p.sinceDeployMs === null ? 'deploy time unknown (--since)' : `deployed ${formatAge(p.sinceDeployMs)} ago`;
  const refresh = p.paused ? 'PAUSED (p resumes)' : `every ${formatAge(p.refreshMs)}${p.nextInMs !== null ? `, next in ${Math.max(0, Math.ceil(p.nextInMs / 1000))}s` : ''}`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{p.service}</Text>
        {p.environment ? ` · ${p.environment}` : ''} · {deploy} · refresh {refresh}
        {p.demo ? <Dim> · {p.demo}</Dim> : null}
      </Text>
      <Text wrap="truncate-end">
        {p.sources.map((s) => (
          <SourceDot key={s.name} s={s} slowMs={p.slowMs} />
        ))}
      </Text>
    </Box>
  );
}
