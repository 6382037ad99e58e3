import { Box, Text } from 'ink';
import React from 'react';
import { formatAge } from '../config/duration.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { AlertState } from '../engine/state.js';
import { KEYMAP, keyFor } from './keys.js';
import { clip } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

export interface AlertsPanelProps {
  alerts: AlertState[];
  now: number;
  selected: number;
  focused: boolean;
  width: number;
  maxLines: number;
}

/** Alerts that need a look: firing first, then pending and unknown. */
export function activeAlerts(alerts: AlertState[]): AlertState[] {
  const order = { firing: 0, pending: 1, unknown: 2, ok: 3 };
  return alerts.filter((a) => a.status !== 'ok').sort((a, b) => order[a.status] - order[b.status] || (a.severity ?? '').localeCompare(b.severity ?? ''));
}

function AlertsPanelView({ alerts, now, selected, focused, width, maxLines }: AlertsPanelProps) {
  const active = activeAlerts(alerts);
  return (
    <Box flexDirection="column">
      <Text bold={focused}>
        {focused ? '▸ ' : '  '}Alerts{' '}
        <Dim>
          ({active.length} of {alerts.length} need a look)
        </Dim>
      </Text>
      {active.length === 0 ? <Dim> none firing or pending</Dim> : null}
      {active.slice(0, maxLines).map((a, i) => {
        const held = a.activeSinceMs !== null ? ` for ${formatAge(now - a.activeSinceMs)}` : '';
        const book = a.playbook ? ` → ${a.playbook} (${keyFor(KEYMAP.watch, 'playbooks')})` : '';
        const head = `${i === selected && focused ? '›' : ' '} ${(a.severity ?? '--').padEnd(3)} `;
        return (
          <Text key={a.id} wrap="truncate-end">
            {head}
            <Tinted kind={a.status}>{statusWord(a.status).padEnd(7)}</Tinted>{' '}
            {clip(`${a.name}${held}: ${a.reason}`, Math.max(10, width - head.length - 9 - book.length))}
            <Dim>{book}</Dim>
          </Text>
        );
      })}
    </Box>
  );
}

/** Redrawn only when its data changes, not when the header or an age ticks. */
export const AlertsPanel = React.memo(AlertsPanelView);
