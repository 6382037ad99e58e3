import React from 'react';
import { Box, Text } from 'ink';
import { formatDuration } from '../config/duration.js';
import type { Config, Playbook, Step } from '../config/types.js';
import { Dim } from './theme.js';

export function PlaybookPicker({ config, selected }: { config: Config; selected: number }) {
  if (config.playbooks.length === 0) return <Text>No playbooks in this config. Esc to go back.</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Playbooks</Text>
      {config.playbooks.map((p, i) => (
        <Text key={p.id}>
          {i === selected ? '› ' : '  '}
          {p.id.padEnd(18)} {p.severity ?? '  '} {p.title}
        </Text>
      ))}
      <Dim>↑ ↓ choose, Enter open, Esc back</Dim>
    </Box>
  );
}

function stepText(s: Step): string {
  switch (s.kind) {
    case 'http':
      return `probe ${s.method} ${s.url} expect ${s.expectStatus}`;
    case 'query':
      return `probe ${s.source}: ${s.query} ${s.passWhen === 'met' ? 'expect' : 'fails when'} ${s.threshold.text}`;
    case 'alert':
      return `alert ${s.id}`;
    case 'slo':
      return `SLO ${s.id}`;
    case 'run':
      return `run: ${s.command}`;
    case 'manual':
      return 'by hand';
  }
}

export function PlaybookDetail({ config, playbook }: { config: Config; playbook: Playbook }) {
  const sev = playbook.severity ? config.severities[playbook.severity] : undefined;
  const list = (title: string, items: string[]) =>
    items.length ? (
      <Box flexDirection="column">
        <Text bold>{title}</Text>
        {items.map((x, i) => (
          <Text key={i}>  - {x}</Text>
        ))}
      </Box>
    ) : null;
  return (
    <Box flexDirection="column">
      <Text bold>
        {playbook.title} <Dim>({playbook.id})</Dim>
      </Text>
      {playbook.severity ? (
        <Text>
          Severity {playbook.severity}
          {sev ? `: ${sev.title}, respond within ${formatDuration(sev.respondMs)}` : ''}
        </Text>
      ) : null}
      {list('Symptoms', playbook.symptoms)}
      {list('Steps', playbook.steps.map((s, i) => `${i + 1}. ${s.title} (${stepText(s)})`))}
      {list('Causes', playbook.causes)}
      {list('Resolutions', playbook.resolutions)}
      <Dim>oncall incident {playbook.id} opens it as a guided, timed walk. Esc to go back.</Dim>
    </Box>
  );
}
