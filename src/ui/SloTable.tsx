import React from 'react';
import { Box, Text } from 'ink';
import { formatAge } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { SloState } from '../engine/state.js';
import { clip, sparkline } from './sparkline.js';
import { Tinted } from './theme.js';

// A bordered table drawn column by column: one multi-line text node per column
// and per border. Ink measures every text node's width on every frame, and
// string-width gives a line holding anything beyond ASCII (a border, a
// sparkline) a Unicode segmentation pass per character; whole rows cost ~15 ms
// a frame at 160x60. Split into columns, only the borders and the trend pay
// it, on short lines. (The bundle also answers those characters' widths
// without segmenting: src/ui/text-width.ts.)

interface Column {
  title: string;
  width: number;
  cell: (s: SloState, i: number) => string;
}

/** The widest the id column grows to fit long ids. */
const MAX_ID = 20;

const rate = (v: number | null | undefined) => (v == null ? '—' : v >= 100 ? `${Math.round(v)}x` : `${v.toFixed(1)}x`);

function statusCell(s: SloState): string {
  const word = statusWord(s.status);
  return s.status === 'stale' && s.ageMs !== null ? `${word} ${formatAge(s.ageMs)}` : word;
}

// A line break inside a cell (a YAML block scalar in a name) would push every
// later row of its column down; the table keeps one line per SLO.
const pad = (s: string, n: number) => {
  const c = clip(s.replace(/[\r\n]+/g, ' '), n);
  return c + ' '.repeat(Math.max(0, n - [...c].length));
};

export function columnsFor(slos: SloState[], width: number, selected: number, focused: boolean): Column[] {
  const wide = width >= 110;
  const hasRatio = slos.some((s) => s.kind === 'ratio');
  const cols: Column[] = [
    { title: 'ID', width: 9, cell: (s, i) => `${i === selected && focused ? '›' : ' '}${s.id}` },
    { title: 'SLO', width: 0, cell: (s) => s.name },
    { title: 'Value', width: 10, cell: (s) => `${formatValue(s.value, s.unit)}${s.kind === 'ratio' && s.value !== null ? ' err' : ''}` },
  ];
  if (wide) cols.push({ title: 'Objective', width: 10, cell: (s) => s.objective });
  // Wide enough for the longest status shown ("STALE 12m40s"): an age cut short reads as another age.
  cols.push({ title: 'Status', width: Math.max(10, ...slos.map((s) => statusCell(s).length)), cell: statusCell });
  cols.push({ title: 'Trend', width: 0, cell: () => '' });
  if (hasRatio) {
    cols.push({ title: 'Burn 1h/6h', width: 11, cell: (s) => (s.kind === 'ratio' ? `${rate(s.burnRates?.['1h'])}/${rate(s.burnRates?.['6h'])}` : '') });
    cols.push({ title: 'Budget', width: 6, cell: (s) => (s.kind === 'ratio' && s.budgetRemaining != null ? `${Math.round(s.budgetRemaining * 100)}%` : '') });
  }
  // Each column has a space either side and a border before it; the last border closes the row.
  let fixed = cols.reduce((n, c) => n + c.width + 3, 1);
  // Longer ids (UPTIME-ENTERPRISE, UPTIME-PRO) are widened into the room the
  // name and trend can spare, so that rows never read the same once clipped.
  const id = cols[0];
  const longest = Math.max(...slos.map((s) => [...s.id].length)) + 1;
  const grow = Math.max(0, Math.min(longest - id.width, MAX_ID - id.width, width - 1 - fixed - 30));
  id.width += grow;
  fixed += grow;
  const flexible = Math.max(12, width - 1 - fixed);
  const name = cols.find((c) => c.title === 'SLO')!;
  const trend = cols.find((c) => c.title === 'Trend')!;
  name.width = Math.max(8, Math.floor(flexible * 0.6));
  trend.width = Math.max(4, flexible - name.width);
  trend.cell = (s) => sparkline(s.series.map((p) => p.v), trend.width);
  return cols;
}

const rule = (cols: Column[], l: string, m: string, r: string) => l + cols.map((c) => '─'.repeat(c.width + 2)).join(m) + r;

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
  const cols = columnsFor(slos, width, selected, focused);
  const heads = cols.map((c) => pad(c.title, c.width));
  const rows = Math.max(1, maxRows);
  const first = firstRow(slos.length, selected, rows);
  const shown = slos.slice(first, first + rows);
  const border = (key: string, text: string) => <Text key={key}>{Array(shown.length).fill(text).join('\n')}</Text>;
  const body: React.ReactNode[] = [];
  cols.forEach((c, i) => {
    body.push(border(`b${i}`, i === 0 ? '│ ' : ' │ '));
    const cells = shown.map((s, j) => pad(c.cell(s, first + j), c.width));
    body.push(
      c.title === 'Status' ? (
        <Text key={c.title}>
          {cells.map((cell, j) => (
            <React.Fragment key={j}>
              {j > 0 ? '\n' : ''}
              <Tinted kind={shown[j].status}>{cell}</Tinted>
            </React.Fragment>
          ))}
        </Text>
      ) : (
        <Text key={c.title}>{cells.join('\n')}</Text>
      ),
    );
  });
  body.push(border('end', ' │'));
  return (
    <Box flexDirection="column">
      <Text>{rule(cols, '┌', '┬', '┐')}</Text>
      <Text>{`│ ${heads.join(' │ ')} │`}</Text>
      <Text>{rule(cols, '├', '┼', '┤')}</Text>
      <Box flexDirection="row">{body}</Box>
      <Text>{rule(cols, '└', '┴', '┘')}</Text>
      {shown.length < slos.length ? <Text dimColor>{`  rows ${first + 1}–${first + shown.length} of ${slos.length} (↑/↓ scroll)`}</Text> : null}
    </Box>
  );
}

/** Redrawn only when its data changes, not on every countdown tick. */
export const SloTable = React.memo(SloTableView);
