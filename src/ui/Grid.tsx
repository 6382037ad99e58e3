import { type CellProps, Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import React, { createContext, useContext, useMemo } from 'react';
import { redact } from '../text/redact.js';
import { Tinted } from './theme.js';

// ink-table draws the borders, but sizes a column by its longest value's
// .length and pads each cell to it: a sparkline bar or an "é" counts right,
// a wide character or an emoji does not, and a long name makes the table as
// wide as the name. So the widths are chosen by the caller (to fit the
// terminal), and the cell components below give every cell exactly that
// width, cutting the text with an ellipsis through Ink's own truncation,
// which counts display columns. (Ink's cli-truncate 5 can overrun by one
// column when it cuts just after a wide character: the cell's right padding
// takes it, and the border stays in place.)

export interface GridColumn {
  /** The heading, and the key of the column in each row. */
  title: string;
  /** Display columns of text; a space either side comes on top. */
  width: number;
}

export type GridRow = Record<string, string>;

/** What the cells need to know that ink-table does not tell them: their width, and what colours them. */
interface Layout {
  columns: GridColumn[];
  /** The meaning of a cell's text ("ok", "critical"), for the theme to colour; words carry it without colour. */
  tint?: (title: string, text: string) => string | undefined;
}

const LayoutContext = createContext<Layout>({ columns: [] });
const PAD = 1;

/** One line per row: a line break would push the rest of its column down. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ');

/** ink-table hands a cell its text with its own padding: one space in front (left-aligned), .length-counted spaces behind. */
const textOf = (children: React.ReactNode) =>
  String(children ?? '')
    .slice(PAD)
    .trimEnd();

function Fitted({ column, bold, children }: { column: number; bold?: boolean; children: React.ReactNode }) {
  const { columns } = useContext(LayoutContext);
  return (
    <Box width={(columns[column]?.width ?? 0) + 2 * PAD} paddingX={PAD} flexShrink={0}>
      <Text bold={bold} wrap="truncate-end">
        {children}
      </Text>
    </Box>
  );
}

function Cell({ column, children }: CellProps) {
  const { columns, tint } = useContext(LayoutContext);
  const text = textOf(children);
  const kind = tint?.(columns[column]?.title ?? '', text);
  return <Fitted column={column}>{kind ? <Tinted kind={kind}>{text}</Tinted> : text}</Fitted>;
}

// Typed as children only, but handed its column's index as a cell is.
function Heading({ column = 0, children }: Partial<CellProps>) {
  return (
    <Fitted column={column} bold>
      {textOf(children)}
    </Fitted>
  );
}

/** Border characters, and the rules' runs of "─", which come with their column's index. */
function Skeleton({ column, children }: Partial<CellProps>) {
  const { columns } = useContext(LayoutContext);
  const s = String(children ?? '');
  return <Text>{column === undefined ? s : s.charAt(0).repeat((columns[column]?.width ?? 0) + 2 * PAD)}</Text>;
}

/**
 * ink-table rules a line between every two rows; a dashboard keeps one line
 * per row, so the rule is drawn under the heading only. The rows are
 * ink-table's own, built by its row builders.
 */
class OneLineTable extends Table<GridRow> {
  override render() {
    const columns = this.getColumns();
    return (
      <Box flexDirection="column">
        {this.header({ key: 'top', columns, data: {} })}
        {this.heading({ key: 'heading', columns, data: this.getHeadings() })}
        {this.separator({ key: 'rule', columns, data: {} })}
        {this.props.data.map((row, i) => (
          <React.Fragment key={i}>{this.data({ key: `row-${i}`, columns, data: row })}</React.Fragment>
        ))}
        {this.footer({ key: 'bottom', columns, data: {} })}
      </Box>
    );
  }
}

/** Display columns the grid takes: each column, its padding and its border, and the closing border. */
export const gridWidth = (columns: GridColumn[]) => columns.reduce((n, c) => n + c.width + 2 * PAD + 1, 1);

export interface GridProps {
  columns: GridColumn[];
  rows: GridRow[];
  tint?: Layout['tint'];
}

/**
 * A bordered table drawn by ink-table, each column exactly as wide as given,
 * each row on one line. Text is scrubbed of secrets before it is cut: a token
 * cut at the column's edge is no longer recognisable.
 */
export function Grid({ columns, rows, tint }: GridProps) {
  const layout = useMemo(() => ({ columns, tint }), [columns, tint]);
  const data = rows.map((r) => Object.fromEntries(columns.map((c) => [c.title, redact(oneLine(r[c.title] ?? ''))])));
  return (
    <LayoutContext.Provider value={layout}>
      <OneLineTable data={data} columns={columns.map((c) => c.title)} padding={PAD} cell={Cell} header={Heading} skeleton={Skeleton} />
    </LayoutContext.Provider>
  );
}
