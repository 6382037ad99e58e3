import { Box, Text } from 'ink';
import React from 'react';
import { formatAge } from '../config/duration.js';
import { groupAlerts, stateWords } from '../engine/routed-alerts.js';
import { labelText } from '../engine/rule-state.js';
import type { Panels } from '../poller/panels.js';
import { clip } from './sparkline.js';
import { Dim, StaleMark, Tinted } from './theme.js';

/** Alertmanager's alerts by group, newest group first: a line per group, then its newest alerts with their state spelled out. */
function AlertmanagerPanelView({ panel, now, width, maxLines }: { panel: Panels['alertmanager']; now: number; width: number; maxLines: number }) {
  if (!panel) return null;
  const d = panel.data;
  const groups = d ? groupAlerts(d.alerts, d.groupBy) : [];
  const lines: React.ReactNode[] = [];
  for (const g of groups) {
    if (lines.length >= maxLines) break;
    lines.push(
      <Text key={`g${lines.length}`} wrap="truncate-end">
        {'  '}
        <Tinted kind={g.active > 0 ? 'critical' : 'muted'}>{labelText(g.labels)}</Tinted> ×{g.alerts.length}
        <Dim>
          {' '}
          ({g.active} active, {g.suppressed} suppressed)
        </Dim>
      </Text>,
    );
    for (const a of g.alerts) {
      if (lines.length >= maxLines) break;
      const state = stateWords(a, d!.silences, now);
      const tail = `  ${formatAge(now - a.startsAt)} ago`;
      const text = a.annotations.summary ?? labelText(a.labels);
      lines.push(
        <Text key={`a${lines.length}`} wrap="truncate-end">
          {'    '}
          <Tinted kind={a.state === 'active' ? 'critical' : 'muted'}>{state}</Tinted> {clip(text, Math.max(10, width - state.length - tail.length - 6))}
          <Dim>{tail}</Dim>
        </Text>,
      );
    }
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {'  '}Alertmanager {panel.source}
        {d ? ` ${d.alerts.length} alert${d.alerts.length === 1 ? '' : 's'} in ${groups.length} group${groups.length === 1 ? '' : 's'}` : ''}
        <StaleMark error={panel.error} at={panel.at} now={now} />
      </Text>
      {d && d.alerts.length === 0 ? <Dim> no alerts</Dim> : null}
      {lines}
    </Box>
  );
}

export const AlertmanagerPanel = React.memo(AlertmanagerPanelView);
