import React from 'react';
import { Box, Text } from 'ink';
import { Dim } from './theme.js';

const KEYS: Array<[string, string]> = [
  ['?', 'this help (again to close)'],
  ['q, Ctrl-C', 'quit (the terminal is restored)'],
  ['r', 'refresh now, and retry sources that are backing off'],
  ['Tab / Shift-Tab, ← →', 'move focus between panels'],
  ['↑ ↓, j k', 'move within the focused panel'],
  ['Enter', 'detail of the focused SLO or alert: query, chart, thresholds, last error'],
  ['Esc', 'back'],
  ['c', 'the checks due in the current hour of the schedule'],
  ['i', 'playbooks (the focused alert\'s is preselected)'],
  ['p', 'pause or resume polling'],
  ['/', 'filter the log lines'],
];

export function HelpView() {
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([k, what]) => (
        <Text key={k}>
          {'  '}
          {k.padEnd(22)}
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Dim>Statuses are spelled out: OK, WARN, CRIT, NO DATA, STALE (with the age of the data shown) for SLOs;</Dim>
      <Dim>FIRING, PENDING, UNKNOWN for alerts. A STALE panel keeps its last good value until its source answers again.</Dim>
      <Dim>Esc or ? to go back.</Dim>
    </Box>
  );
}
