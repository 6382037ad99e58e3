import React from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { formatAge } from '../config/duration.js';
import type { SourceState } from '../engine/state.js';
import { Dim, Tinted } from './theme.js';

export interface HeaderProps {
  service: string;
  environment?: string;
  sinceDeployMs: number | null;
  refreshMs: number;
  /** Real ms between cycles (the refresh, divided by the demo's speed): the countdown's width. */
  intervalMs: number;
  nextInMs: number | null;
  paused: boolean;
  sources: SourceState[];
  slowMs: number;
  demo?: string;
}

/** Seconds to the next refresh, padded to the interval's width so what follows on the line stays put. */
export function countdownText(nextInMs: number, intervalMs: number): string {
  const width = String(Math.ceil(intervalMs / 1000)).length + 1;
  return `${Math.max(0, Math.ceil(nextInMs / 1000))}s`.padStart(width);
}

/** The seconds to the next refresh, when there is a countdown to show. */
const countdown = (p: HeaderProps): string | null => (p.paused || p.nextInMs === null ? null : countdownText(p.nextInMs, p.intervalMs));

/** The first line after the service name, up to the countdown. */
function lead(p: HeaderProps): string {
  const deploy = p.sinceDeployMs === null ? 'deploy time unknown (--since)' : `deployed ${formatAge(p.sinceDeployMs)} ago`;
  const refresh = p.paused ? 'PAUSED (p resumes)' : `every ${formatAge(p.refreshMs)}${countdown(p) !== null ? ', next in ' : ''}`;
  return `${p.environment ? ` · ${p.environment}` : ''} · ${deploy} · refresh ${refresh}`;
}

/**
 * The 0-based column of the countdown on the header's first line, or null when
 * there is none or the line does not fit in `width` (it is truncated there, and
 * a tick would redraw the screen for nothing).
 */
export function countdownColumn(p: HeaderProps, width: number): number | null {
  const text = countdown(p);
  if (text === null) return null;
  const col = stringWidth(p.service + lead(p));
  const end = col + text.length + (p.demo ? stringWidth(` · ${p.demo}`) : 0);
  return end <= width ? col : null;
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
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{p.service}</Text>
        {lead(p)}
        {countdown(p) ?? ''}
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
