import { Box, Text } from 'ink';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { checkLines } from '../engine/checks.js';
import { phaseAt } from '../engine/schedule.js';
import type { Snapshot } from '../engine/state.js';
import { Grid, type GridColumn, gridWidth } from './Grid.js';
import { RESULT, RESULT_WIDTH, resultKind } from './results.js';
import { Dim } from './theme.js';

const tint = (title: string, text: string) => (title === 'Result' ? resultKind(text) : undefined);

/** Result, check and detail in `width` columns (the last one free): the check as long as its longest title, up to half of what the result leaves. */
export function checkColumns(width: number, titles: string[]): GridColumn[] {
  const result: GridColumn = { title: 'Result', width: RESULT_WIDTH };
  const spare = Math.max(2, width - 1 - gridWidth([result, { title: 'Check', width: 0 }, { title: 'Detail', width: 0 }]));
  const check = Math.max(1, Math.min(Math.floor(spare / 2), Math.max('Check'.length, ...titles.map((t) => [...t].length))));
  return [result, { title: 'Check', width: check }, { title: 'Detail', width: spare - check }];
}

export function ChecksView({ config, snapshot, sinceDeployMs, width }: { config: Config; snapshot: Snapshot; sinceDeployMs: number | null; width: number }) {
  if (sinceDeployMs === null) return <Text>The deploy time is unknown: start watch with --since, or record one with oncall deploy.</Text>;
  const phase = phaseAt(config.schedule, sinceDeployMs);
  const hour = Math.floor(sinceDeployMs / 3_600_000) + 1;
  if (!phase) return <Text>Hour {hour} after the deploy is outside the schedule.</Text>;
  const lines = checkLines(phase, snapshot, config);
  const rows = lines.map((l) => ({ Result: RESULT[l.verdict], Check: l.title, Detail: l.detail }));
  return (
    <Box flexDirection="column">
      <Text bold>
        Hour {hour}: {phase.name} <Dim>({phase.everyMs ? `every ${formatDuration(phase.everyMs)}` : 'continuous'})</Dim>
      </Text>
      <Grid
        columns={checkColumns(
          width,
          lines.map((l) => l.title),
        )}
        rows={rows}
        tint={tint}
      />
      <Dim>Manual checks are ticked in `oncall check`.</Dim>
    </Box>
  );
}
