import React from 'react';
import { Box, Text } from 'ink';
import { Table, type CellProps } from '@alcalzone/ink-table';
import { formatAge } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { SloState } from '../engine/state.js';
import { clip, sparkline } from './sparkline.js';
import { colorOf, useColor } from './theme.js';

type Row = Record<string, string>;

/** ink-table, drawn compactly: one rule under the headings instead of one between every row. */
class CompactTable extends Table<Row> {
  render() {
    const columns = this.getColumns();
    const headings = this.getHeadings();
    const rows = [
      this.header({ key: 'header', columns, data: {} }),
      this.heading({ key: 'heading', columns, data: headings }),
      this.separator({ key: 'sep', columns, data: {} }),
      ...this.props.data.map((row, i) => this.data({ key: `row-${i}`, columns, data: row })),
      this.footer({ key: 'footer', columns, data: {} }),
    ];
    return (
      <Box flexDirection="column">
        {rows.map((r, i) => (
          <React.Fragment key={i}>{r}</React.Fragment>
        ))}
      </Box>
    );
  }
}

const STATUS_KINDS: Record<string, string> = { OK: 'ok', WARN: 'warning', CRIT: 'critical', 'NO DATA': 'no_data', STALE: 'stale' };

function statusCell(s: SloState): string {
  const word = statusWord(s.status);
  return s.status === 'stale' && s.ageMs !== null ? `${word} ${formatAge(s.ageMs)}` : word;
}

const rate = (v: number | null | undefined) => (v == null ? '—' : v >= 100 ? `${Math.round(v)}x` : `${v.toFixed(1)}x`);

export interface SloTableProps {
  slos: SloState[];
  selected: number;
  focused: boolean;
  width: number;
}

export function SloTable({ slos, selected, focused, width }: SloTableProps) {
  const color = useColor();
  const wide = width >= 110;
  const hasRatio = slos.some((s) => s.kind === 'ratio');
  // ink-table pads every cell by one space each side and draws a border between columns.
  const fixed = 8 + 8 + 9 + (hasRatio ? 10 + 6 : 0) + (wide ? 11 : 0);
  const cols = 5 + (hasRatio ? 2 : 0) + (wide ? 1 : 0);
  const flexible = Math.max(12, width - 1 - (cols + 1) - 2 * cols - fixed);
  const nameW = Math.max(8, Math.floor(flexible * 0.6));
  const trendW = Math.max(4, flexible - nameW);
  const data: Row[] = slos.map((s, i) => {
    const row: Row = {
      ID: `${i === selected && focused ? '›' : ' '}${clip(s.id, 7)}`,
      SLO: clip(s.name, nameW),
      Value: `${formatValue(s.value, s.unit)}${s.kind === 'ratio' && s.value !== null ? ' err' : ''}`,
    };
    if (wide) row.Objective = clip(s.objective, 11);
    row.Status = statusCell(s);
    row.Trend = sparkline(s.series.map((p) => p.v), trendW);
    if (hasRatio) {
      row['Burn 1h/6h'] = s.kind === 'ratio' ? `${rate(s.burnRates?.['1h'])}/${rate(s.burnRates?.['6h'])}` : '';
      row.Budget = s.kind === 'ratio' && s.budgetRemaining != null ? `${Math.round(s.budgetRemaining * 100)}%` : '';
    }
    return row;
  });
  const Cell = ({ children }: CellProps) => {
    const text = React.Children.toArray(children).join('');
    const word = Object.keys(STATUS_KINDS).find((w) => text.trim().startsWith(w));
    return <Text color={color && word ? colorOf(STATUS_KINDS[word]) : undefined}>{children}</Text>;
  };
  if (slos.length === 0) return <Text dimColor>no SLOs configured</Text>;
  return <CompactTable data={data} padding={0} cell={Cell} />;
}
