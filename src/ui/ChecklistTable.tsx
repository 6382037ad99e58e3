import { Box } from 'ink';
import type { CheckLine } from '../engine/checks.js';
import type { Progress } from '../store/checklist.js';
import { type PlannedCheckColumn, planChecklist } from './columns.js';
import { Grid, type GridRow } from './Grid.js';
import { RESULT, RESULT_WIDTH, type Result, resultKind } from './results.js';
import { firstRow } from './SloTable.js';
import { Dim } from './theme.js';

/** The selection mark and the space after it, before each result. */
const MARK = 2;

const resultOf = (line: CheckLine, done: boolean): Result => (line.kind === 'manual' ? (done ? 'done' : 'manual') : line.verdict);

/** The columns for all of a round's checks, whichever the filter shows: filtering moves no column. */
export function checklistColumns(lines: CheckLine[], progress: Progress, width: number): PlannedCheckColumn[] {
  return planChecklist(width, {
    longestResult: MARK + RESULT_WIDTH,
    longestTitle: Math.max(0, ...lines.map((l) => [...l.title].length)),
    longestNote: Math.max(0, ...lines.map((l) => [...(progress.notes[l.key] ?? '')].length)),
  });
}

export interface ChecklistTableProps {
  lines: CheckLine[];
  /** Indexes into `lines` of the checks the filter shows. */
  shown: number[];
  selected: number;
  progress: Progress;
  width: number;
  /** Lines under the table's frame (4 lines); more checks than fit scroll with the selection, as the SLO table's do, and the last line says which are shown. */
  maxRows: number;
}

const tint = (title: string, text: string) => (title === 'Result' ? resultKind(text) : undefined);

/**
 * One row per check: the selection mark and the result in words, the check,
 * what it found, and the note typed for it. Without a note column (a narrow
 * terminal) the note follows the detail.
 */
export function ChecklistTable({ lines, shown, selected, progress, width, maxRows }: ChecklistTableProps) {
  const columns = checklistColumns(lines, progress, width);
  const noteColumn = columns.some((c) => c.key === 'note');
  const count = shown.length > Math.max(1, maxRows) ? Math.max(1, maxRows - 1) : shown.length;
  const first = firstRow(shown.length, Math.max(0, shown.indexOf(selected)), count);
  const rows = shown.slice(first, first + count).map((i): GridRow => {
    const l = lines[i];
    const note = progress.notes[l.key] ?? '';
    const detail = !noteColumn && note ? [l.detail, note].filter(Boolean).join(' — ') : l.detail;
    const cells: GridRow = { Result: `${i === selected ? '›' : ' '} ${RESULT[resultOf(l, Boolean(progress.done[l.key]))]}`, Check: l.title, Detail: detail };
    if (noteColumn) cells.Note = note;
    return cells;
  });
  return (
    <Box flexDirection="column">
      <Grid columns={columns} rows={rows} tint={tint} />
      {count < shown.length ? <Dim>{`  rows ${first + 1}–${first + count} of ${shown.length} (↑/↓ scroll)`}</Dim> : null}
    </Box>
  );
}
