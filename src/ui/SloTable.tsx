import { Box, Text } from 'ink';
import React from 'react';
import { formatAge } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { SloState, SloStatus } from '../engine/state.js';
import { type PlannedColumn, planColumns, SLO_TITLES, type SloColumn } from './columns.js';
import { Grid, type GridRow } from './Grid.js';
import { sparkline } from './sparkline.js';

const rate = (v: number | null | undefined) => (v == null ? '—' : v >= 100 ? `${Math.round(v)}x` : `${v.toFixed(1)}x`);

function statusCell(s: SloState): string {
  const word = statusWord(s.status);
  return s.status === 'stale' && s.ageMs !== null ? `${word} ${formatAge(s.ageMs)}` : word;
}

const CELLS: Record<SloColumn, (s: SloState, width: number) => string> = {
  id: (s) => s.id,
  name: (s) => s.name,
  value: (s) => `${formatValue(s.value, s.unit)}${s.kind === 'ratio' && s.value !== null ? ' err' : ''}`,
  objective: (s) => s.objective,
  status: statusCell,
  trend: (s, width) =>
    sparkline(
      s.series.map((p) => p.v),
      width,
    ),
  burn: (s) => (s.kind === 'ratio' ? `${rate(s.burnRates?.['1h'])}/${rate(s.burnRates?.['6h'])}` : ''),
  budget: (s) => (s.kind === 'ratio' && s.budgetRemaining != null ? `${Math.round(s.budgetRemaining * 100)}%` : ''),
};

const STATUSES: SloStatus[] = ['ok', 'warning', 'critical', 'no_data', 'unknown', 'stale'];

/** The status a status cell spells ("STALE 45s" is stale): the theme colours it by that. */
export function statusOfCell(text: string): SloStatus | undefined {
  return STATUSES.find((k) => text === statusWord(k) || text.startsWith(`${statusWord(k)} `));
}

const tint = (title: string, text: string) => (title === SLO_TITLES.status ? statusOfCell(text) : undefined);

/** The columns `width` terminal columns hold for these SLOs (see columns.ts for which go first). */
export function sloColumns(slos: SloState[], width: number): PlannedColumn[] {
  return planColumns(width, {
    longestId: Math.max(0, ...slos.map((s) => [...s.id].length)),
    longestStatus: Math.max(0, ...slos.map((s) => statusCell(s).length)),
    ratio: slos.some((s) => s.kind === 'ratio'),
  });
}

export interface SloTableProps {
  slos: SloState[];
  selected: number;
  focused: boolean;
  width: number;
  /** Rows that fit; more SLOs than that scroll with the selection, as k9s lists do. */
  maxRows?: number;
}

/** The first row shown when only `maxRows` fit: the selection stays in view. */
export function firstRow(count: number, selected: number, maxRows: number): number {
  if (count <= maxRows) return 0;
  return Math.min(Math.max(0, selected - maxRows + 1), count - maxRows);
}

function SloTableView({ slos, selected, focused, width, maxRows = Infinity }: SloTableProps) {
  if (slos.length === 0) return <Text dimColor>no SLOs configured</Text>;
  const cols = sloColumns(slos, width);
  const count = Math.max(1, maxRows);
  const first = firstRow(slos.length, selected, count);
  const shown = slos.slice(first, first + count);
  const rows = shown.map((s, j) => {
    const row: GridRow = {};
    for (const c of cols) row[c.title] = CELLS[c.key](s, c.width);
    // The selection mark takes the id column's first character.
    row[SLO_TITLES.id] = `${first + j === selected && focused ? '›' : ' '}${s.id}`;
    return row;
  });
  return (
    <Box flexDirection="column">
      <Grid columns={cols} rows={rows} tint={tint} />
      {shown.length < slos.length ? <Text dimColor>{`  rows ${first + 1}–${first + shown.length} of ${slos.length} (↑/↓ scroll)`}</Text> : null}
    </Box>
  );
}

/** Redrawn only when its data changes, not when the header or an age ticks. */
export const SloTable = React.memo(SloTableView);
