import { parseDuration } from './duration.js';

/** The earliest deploy time taken: anything before is a typo or an overflow ("99999999999d ago"), and Date may not even hold it. */
export const EARLIEST = Date.UTC(2000, 0, 1);
/** How far past now a deploy time may be: clocks that disagree, a time zone slipped; not a date years away. */
export const MAX_AHEAD_MS = 24 * 3_600_000;

/** `reason` follows the quoted text: `"2126-01-01" is more than a day after now`. */
export type Since = { ok: true; at: number } | { ok: false; reason: string };

/** `--since` / `--at`: an ISO time, or "30m ago" / "2h", within [EARLIEST, now + MAX_AHEAD_MS]. */
export function parseSince(text: string, now: number, example = '30m ago'): Since {
  const rel = /^\s*(\S+?)\s*(ago)?\s*$/.exec(text);
  const ms = rel ? parseDuration(rel[1]) : null;
  const at = ms !== null ? now - ms : Date.parse(text);
  if (Number.isNaN(at)) return { ok: false, reason: `is not a time (expected an ISO time or like "${example}")` };
  if (!(at >= EARLIEST)) return { ok: false, reason: 'is before 2000-01-01, the earliest time oncall takes' };
  if (at > now + MAX_AHEAD_MS) return { ok: false, reason: 'is more than a day after now' };
  return { ok: true, at };
}
