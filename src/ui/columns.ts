// Which columns of the SLO table and of the checklist a terminal of a given
// width shows, and how wide each is.

export type SloColumn = 'id' | 'name' | 'value' | 'objective' | 'status' | 'trend' | 'burn' | 'budget';

/**
 * The SLO table's columns, most important first. A terminal too narrow for
 * all of them drops them from the end of this list: trend first, then burn,
 * budget, objective and value. id, status and name always stay: they say
 * which SLO is in trouble. A column is never shown while one before it here
 * is dropped; burn and budget exist only when some SLO is a ratio.
 */
export const SLO_PRIORITY: readonly SloColumn[] = ['id', 'status', 'name', 'value', 'objective', 'budget', 'burn', 'trend'];
const ALWAYS = 3;

/** Left to right on the screen. */
const DISPLAY: readonly SloColumn[] = ['id', 'name', 'value', 'objective', 'status', 'trend', 'burn', 'budget'];

export const SLO_TITLES: Record<SloColumn, string> = {
  id: 'ID',
  name: 'SLO',
  value: 'Value',
  objective: 'Objective',
  status: 'Status',
  trend: 'Trend',
  burn: 'Burn 1h/6h',
  budget: 'Budget',
};

// Fixed widths, so that a new value does not move the columns every cycle:
// "0.207% err", "< 500ms", "12.3x/10.0x", "100%".
const FIXED: Partial<Record<SloColumn, number>> = { value: 10, objective: 10, burn: 11, budget: 6 };
/** The status column fits its longest word, and "STALE 12s" without moving. */
const STATUS_MIN = 10;
/** The id column fits the longest id and the selection mark, up to this. */
const MAX_ID = 20;
/** Name and trend share the room left; below these they are not worth showing. */
const NAME_MIN = 12;
const TREND_MIN = 8;
/** Each column has a space either side and a border before it; one more border closes the row. */
const tableWidth = (widths: number[]) => widths.reduce((n, w) => n + w + 3, 1);

export interface PlannedColumn {
  key: SloColumn;
  title: string;
  /** Display columns of text inside the padding. */
  width: number;
}

export interface TableContent {
  /** The longest id, in characters. */
  longestId: number;
  /** The longest status cell ("STALE 12m40s"). */
  longestStatus: number;
  /** Some SLO is a ratio: burn rates and budget have something to show. */
  ratio: boolean;
}

/**
 * The columns to draw in `width` terminal columns, left to right. The last
 * terminal column stays free: a line that reaches it leaves some terminals
 * about to wrap.
 */
export function planColumns(width: number, content: TableContent): PlannedColumn[] {
  const room = width - 1;
  const fixed: Partial<Record<SloColumn, number>> = {
    ...FIXED,
    id: Math.min(MAX_ID, Math.max(SLO_TITLES.id.length, content.longestId + 1)),
    status: Math.max(STATUS_MIN, content.longestStatus),
  };
  const candidates = SLO_PRIORITY.filter((k) => content.ratio || (k !== 'burn' && k !== 'budget'));
  // What the name and trend share with the first n candidates shown.
  const spareWith = (keys: readonly SloColumn[]) =>
    room - tableWidth(keys.filter((k) => k !== 'name' && k !== 'trend').map((k) => fixed[k]!)) - 3 * (keys.includes('trend') ? 2 : 1);
  const fits = (keys: readonly SloColumn[]) => spareWith(keys) >= NAME_MIN + (keys.includes('trend') ? TREND_MIN : 0);
  let n = candidates.length;
  while (n > ALWAYS && !fits(candidates.slice(0, n))) n--;
  const keys = candidates.slice(0, n);
  const spare = spareWith(keys);
  // The name takes 60% of what is left and the trend the rest, each at least its minimum.
  const trend = keys.includes('trend');
  const name = trend ? Math.min(spare - TREND_MIN, Math.max(NAME_MIN, Math.floor(spare * 0.6))) : Math.max(1, spare);
  const widths: Partial<Record<SloColumn, number>> = { ...fixed, name, trend: spare - name };
  return DISPLAY.filter((k) => keys.includes(k)).map((key) => ({ key, title: SLO_TITLES[key], width: widths[key]! }));
}

export type CheckColumn = 'result' | 'check' | 'detail' | 'note';

/**
 * The checklist's columns (`oncall check`, `c` in watch), most important
 * first, dropped from the end when the terminal is too narrow for each to
 * get its minimum. The result (with the selection mark) and the check always
 * stay: they say which check stands where. The note goes first: below 69
 * columns (60-68 of the 60-79 a small terminal has) it is written after the
 * detail instead, so what was typed stays on screen; the detail goes next,
 * below 54 columns, where only the why view (Enter) shows it. The note
 * column exists only when some check has a note.
 */
export const CHECK_PRIORITY: readonly CheckColumn[] = ['result', 'check', 'detail', 'note'];

export const CHECK_TITLES: Record<CheckColumn, string> = { result: 'Result', check: 'Check', detail: 'Detail', note: 'Note' };

/** Below these a column is not worth showing; the result is as wide as its longest cell. */
const CHECK_MIN: Record<Exclude<CheckColumn, 'result'>, number> = { check: 16, detail: 16, note: 12 };

export interface ChecklistContent {
  /** The widest result cell any check can have, selection mark included ("› ? unknown"): a new verdict moves no column. */
  longestResult: number;
  longestTitle: number;
  /** The longest note; 0 when no check has one. */
  longestNote: number;
}

export interface PlannedCheckColumn {
  key: CheckColumn;
  title: string;
  width: number;
}

/** The checklist's columns in `width` terminal columns, the last one free, left to right (the order of CHECK_PRIORITY). */
export function planChecklist(width: number, content: ChecklistContent): PlannedCheckColumn[] {
  const room = width - 1;
  const result = Math.max(CHECK_TITLES.result.length, content.longestResult);
  const candidates = CHECK_PRIORITY.filter((k) => k !== 'note' || content.longestNote > 0);
  // The text the other columns share, with the first n candidates shown.
  const spareWith = (keys: readonly CheckColumn[]) => room - tableWidth([result]) - 3 * (keys.length - 1);
  const mins = (keys: readonly CheckColumn[]) => keys.reduce((n, k) => n + (k === 'result' ? 0 : CHECK_MIN[k]), 0);
  let n = candidates.length;
  while (n > 2 && spareWith(candidates.slice(0, n)) < mins(candidates.slice(0, n))) n--;
  const keys = candidates.slice(0, n);
  const spare = Math.max(1, spareWith(keys));
  // The note as long as the longest, up to a quarter; the check as long as its longest title, up to half of the rest.
  const longestNote = Math.max(CHECK_TITLES.note.length, content.longestNote);
  const note = keys.includes('note') ? Math.min(longestNote, Math.max(CHECK_MIN.note, Math.floor(spare / 4))) : 0;
  const rest = spare - note;
  const check = keys.includes('detail')
    ? Math.min(Math.max(CHECK_TITLES.check.length, content.longestTitle), Math.max(CHECK_MIN.check, Math.floor(rest / 2)))
    : rest;
  const widths: Record<CheckColumn, number> = { result, check, detail: rest - check, note };
  return keys.map((key) => ({ key, title: CHECK_TITLES[key], width: widths[key] }));
}
