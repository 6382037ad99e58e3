import { Box, Text } from 'ink';
import { formatDuration } from '../config/duration.js';
import type { Config, Playbook, Step } from '../config/types.js';
import { Grid, type GridColumn, gridWidth } from './Grid.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { Dim } from './theme.js';

const MAX_PLAYBOOK_ID = 24;

/** Id (with the selection mark), severity and title in `width` columns, the last one free; the title takes the rest. */
export function pickerColumns(config: Config, width: number): GridColumn[] {
  const id: GridColumn = { title: 'ID', width: Math.min(MAX_PLAYBOOK_ID, Math.max(2, ...config.playbooks.map((p) => [...p.id].length + 2))) };
  const sev: GridColumn = { title: 'Sev', width: Math.max(3, ...config.playbooks.map((p) => [...(p.severity ?? '')].length)) };
  const rest = width - 1 - gridWidth([id, sev, { title: 'Playbook', width: 0 }]);
  return [id, sev, { title: 'Playbook', width: Math.max(1, rest) }];
}
export function PlaybookPicker({ config, selected, width }: { config: Config; selected: number; width?: number }) {
  const terminal = useTerminalSize();
  if (config.playbooks.length === 0) return <Text>No playbooks in this config.</Text>;
  const rows = config.playbooks.map((p, i) => ({ ID: `${i === selected ? '› ' : '  '}${p.id}`, Sev: p.severity ?? '', Playbook: p.title }));
  return (
    <Box flexDirection="column">
      <Text bold>Playbooks</Text>
      <Grid columns={pickerColumns(config, width ?? terminal.width)} rows={rows} />
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
  const sev = playbook.severity && Object.hasOwn(config.severities, playbook.severity) ? config.severities[playbook.severity] : undefined;
  const list = (title: string, items: string[]) =>
    items.length ? (
      <Box flexDirection="column">
        <Text bold>{title}</Text>
        {items.map((x, i) => (
          <Text key={i}> - {x}</Text>
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
      {list(
        'Steps',
        playbook.steps.map((s, i) => `${i + 1}. ${s.title} (${stepText(s)})`),
      )}
      {list('Causes', playbook.causes)}
      {list('Resolutions', playbook.resolutions)}
      <Dim>oncall incident {playbook.id} opens it as a guided, timed walk.</Dim>
    </Box>
  );
}
