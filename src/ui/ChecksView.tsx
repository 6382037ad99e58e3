import React from 'react';
import { Box, Text } from 'ink';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { checkLines } from '../engine/checks.js';
import { phaseAt } from '../engine/schedule.js';
import type { Snapshot } from '../engine/state.js';
import { clip } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

const MARK = { pass: '✓', fail: '✗', unknown: '?', manual: '☐' };
const KIND = { pass: 'ok', fail: 'critical', unknown: 'unknown', manual: 'no_data' };

export function ChecksView({ config, snapshot, sinceDeployMs, width }: { config: Config; snapshot: Snapshot; sinceDeployMs: number | null; width: number }) {
  if (sinceDeployMs === null) return <Text>The deploy time is unknown: start watch with --since, or record one with oncall deploy.</Text>;
  const phase = phaseAt(config.schedule, sinceDeployMs);
  const hour = Math.floor(sinceDeployMs / 3_600_000) + 1;
  if (!phase) return <Text>Hour {hour} after the deploy is outside the schedule.</Text>;
  const lines = checkLines(phase, snapshot, config);
  return (
    <Box flexDirection="column">
      <Text bold>
        Hour {hour}: {phase.name} <Dim>({phase.everyMs ? `every ${formatDuration(phase.everyMs)}` : 'continuous'})</Dim>
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {'  '}
          <Tinted kind={KIND[l.verdict]}>{MARK[l.verdict]}</Tinted> {clip(l.kind === 'manual' ? l.title : `${l.title}: ${l.detail}`, width - 6)}
        </Text>
      ))}
      <Dim>Manual checks are ticked in `oncall check`. Esc to go back.</Dim>
    </Box>
  );
}
