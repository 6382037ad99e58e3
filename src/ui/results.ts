// How a check's result is written in the checklists: a mark and a word. The
// word says it without colour, the mark at a glance.
import type { Verdict } from '../engine/checks.js';

/** A verdict, or a manual check once it is ticked. */
export type Result = Verdict | 'done';

export const RESULT: Record<Result, string> = { pass: '✓ pass', fail: '✗ fail', unknown: '? unknown', manual: '☐ manual', done: '☑ done' };

const KIND: Record<Result, string> = { pass: 'ok', fail: 'critical', unknown: 'unknown', manual: 'no_data', done: 'ok' };

/** The widest result word. */
export const RESULT_WIDTH = Math.max(...Object.values(RESULT).map((r) => [...r].length));

/** The meaning of a result cell, for the theme to colour, whatever marks the selection before its word. */
export function resultKind(cell: string): string | undefined {
  const result = (Object.keys(RESULT) as Result[]).find((r) => cell.endsWith(RESULT[r]));
  return result && KIND[result];
}
