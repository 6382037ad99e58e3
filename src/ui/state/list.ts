// A selectable list under a `/` filter: the selection is an index into the
import { actionOf, isTyped, KEYMAP, type KeyName } from '../keys.js';
// whole list, so what a key acts on stays the same row however it is filtered.

/** Case-insensitive "contains": the test of every `/` filter. */
export const matches = (text: string, filter: string): boolean => !filter || text.toLowerCase().includes(filter.toLowerCase());

/** Indexes of the rows whose text matches the filter, in order. */
export function shown(texts: readonly string[], filter: string): number[] {
  const out: number[] = [];
  texts.forEach((t, i) => {
    if (matches(t, filter)) out.push(i);
  });
  return out;
}

/** The selection moved `by` rows among those shown; it stops at either end. */
export function step(rows: readonly number[], from: number, by: 1 | -1): number {
  if (rows.length === 0) return from;
  const at = rows.indexOf(from);
  if (at < 0) return rows[0];
  return rows[Math.max(0, Math.min(rows.length - 1, at + by))];
}

/** The selection kept if it is shown, else the first row shown (or where it was, when none is). */
export function keep(rows: readonly number[], at: number): number {
  return rows.includes(at) || rows.length === 0 ? at : rows[0];
}

/** What a key does to a `/` filter being typed: quits, keeps it (Enter), or leaves this text, still typing or not. */
export type FilterKey = { kind: 'quit' } | { kind: 'save' } | { kind: 'text'; text: string; typing: boolean } | { kind: 'none' };

/** The one reading of the filter keys, for every screen that has a `/`. */
export function filterKey(text: string, key: KeyName): FilterKey {
  switch (actionOf(KEYMAP.filter, key)) {
    case 'quit':
      return { kind: 'quit' };
    case 'save':
      return { kind: 'save' };
    case 'cancel':
      return { kind: 'text', text: '', typing: false };
    case 'erase':
      return { kind: 'text', text: text.slice(0, -1), typing: true };
    default:
      return isTyped(key) ? { kind: 'text', text: text + key, typing: true } : { kind: 'none' };
  }
}
