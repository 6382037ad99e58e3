import { Box, Text } from 'ink';
import React from 'react';
import type { Panels } from '../poller/panels.js';
import { timeOfDay, useClock } from './clock.js';
import { clip } from './sparkline.js';
import { matches } from './state/list.js';
import { Dim, StaleMark, Tinted } from './theme.js';

const LEVEL = /\blevel="?(error|warn(?:ing)?|info|debug)"?/i;

export function levelOf(line: string, labels: Record<string, string>): string {
  const l = (labels.level ?? labels.detected_level ?? LEVEL.exec(line)?.[1] ?? 'info').toLowerCase();
  return l.startsWith('warn') ? 'warn' : l;
}

function LogsPanelView({
  panel,
  now,
  focused,
  width,
  maxLines,
  filter,
}: {
  panel: Panels['logs'];
  now: number;
  focused: boolean;
  width: number;
  maxLines: number;
  filter: string;
}) {
  const { timeZone } = useClock();
  if (!panel || maxLines <= 0) return null;
  const lines = (panel.data ?? []).filter((l) => matches(l.line, filter));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold={focused}>{focused ? '▸ ' : '  '}Logs</Text>
        {filter ? <Dim> /{filter}</Dim> : null}
        <StaleMark error={panel.error} at={panel.at} now={now} />
      </Text>
      {lines.slice(0, maxLines).map((l) => {
        const level = levelOf(l.line, l.labels);
        const time = timeOfDay(l.t, timeZone);
        return (
          <Text key={l.ns + l.line.slice(0, 20)} wrap="truncate-end">
            {'    '}
            <Dim>{time}</Dim> <Tinted kind={level}>{level.toUpperCase().padEnd(5)}</Tinted>{' '}
            {clip(l.line.replace(/^level=\S+\s+msg="?|"$/g, ''), Math.max(10, width - 20))}
          </Text>
        );
      })}
    </Box>
  );
}

/** Redrawn only when its data changes, not when the header or an age ticks. */
export const LogsPanel = React.memo(LogsPanelView);
