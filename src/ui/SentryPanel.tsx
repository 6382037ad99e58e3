import { Box, Text } from 'ink';
import React from 'react';
import { formatAge } from '../config/duration.js';
import type { Panels } from '../poller/panels.js';
import { clip, sparkline } from './sparkline.js';
import { Dim, StaleMark, Tinted } from './theme.js';

function SentryPanelView({
  panel,
  now,
  focused,
  selected = 0,
  width,
  maxIssues,
}: {
  panel: Panels['sentry'];
  now: number;
  focused: boolean;
  /** The issue `o` and `y` act on, when the panel has focus. */
  selected?: number;
  width: number;
  maxIssues: number;
}) {
  if (!panel) return null;
  const d = panel.data;
  const perMinute = d?.perMinute.map((p) => p.v) ?? [];
  const last = perMinute.length ? perMinute[perMinute.length - 1] : null;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold={focused}>{focused ? '▸ ' : '  '}Sentry</Text> errors/min {sparkline(perMinute, Math.min(30, Math.max(8, width - 40)))}{' '}
        {last === null ? '—' : `${last}/min`}
        <StaleMark error={panel.error} at={panel.at} now={now} />
      </Text>
      {d && d.issues.length === 0 ? <Dim> no unresolved issues since the deploy</Dim> : null}
      {(d?.issues ?? []).slice(0, maxIssues).map((i, row) => {
        const tail = ` ×${i.count}  ${formatAge(now - Date.parse(i.lastSeen))} ago`;
        return (
          <Text key={i.id} wrap="truncate-end">
            {focused && row === selected ? '  › ' : '    '}
            <Tinted kind={i.level === 'warning' ? 'warning' : 'critical'}>{i.shortId}</Tinted>{' '}
            {clip(i.title, Math.max(10, width - i.shortId.length - tail.length - 7))}
            <Dim>{tail}</Dim>
          </Text>
        );
      })}
    </Box>
  );
}

/** Redrawn only when its data changes, not when the header or an age ticks. */
export const SentryPanel = React.memo(SentryPanelView);
