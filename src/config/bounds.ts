// Durations that become timers or request deadlines, bounded at validation.
// Node keeps a timer in 32 bits: anything past 2^31-1 ms (24.8 days) fires
// after 1 ms, so `refresh: 25d` would poll a backend hundreds of times a
// second while the header says every 600h. The ranges are what an on-call
// screen can sensibly use, well inside that.
//
// The spans a rule is judged over are bounded too: `for: 99999999999d` asked
// Prometheus for a range of centuries and showed "held 359279999997h55m".
// A month covers every plan and rule file seen (the longest were 1d); the SLO
// period, a budget's, up to a year.

import type { Err } from './compile-parts.js';
import { formatDuration, parseDuration } from './duration.js';

export interface Range {
  min: number;
  max: number;
}

/** How often watch polls: `refresh`. */
export const REFRESH: Range = { min: 1000, max: 3_600_000 };
/** One request or probe: `timeout`, `sources.*.timeout`, a probe's `timeout`. */
export const TIMEOUT: Range = { min: 100, max: 120_000 };

const DAY = 86_400_000;
/** How long a rule holds before it fires, or keeps firing after: `for`, `keep_firing_for`, a threshold's "for 5m". */
export const HOLD: Range = { min: 0, max: 30 * DAY };
/** What one value covers: an SLO's `window`, a threshold's "in 5m". */
export const WINDOW: Range = { min: 1000, max: 30 * DAY };
/** An SLO's error-budget `period`: a year at most (OpenSLO and Sloth use 28d to 1y). */
export const PERIOD: Range = { min: 1, max: 365 * DAY };
/** A severity's `respond`. */
export const RESPOND: Range = { min: 1, max: 30 * DAY };

/** Says when `text` is a duration outside `range`; a text that is no duration at all is reported where it is read. */
export function inRange(path: string, text: string | undefined, range: Range, err: Err): void {
  if (text === undefined) return;
  const ms = parseDuration(text);
  if (ms === null || (ms >= range.min && ms <= range.max)) return;
  // Below the shortest that parses ("1ms") only 0 is left, which is said where it is read.
  const span = range.min <= 1 ? `at most ${formatDuration(range.max)}` : `${formatDuration(range.min)} to ${formatDuration(range.max)}`;
  err(path, `${JSON.stringify(text)} is out of range (${span})`);
}

/** Says when the longest `ms` a threshold holds (its "for") or covers (its "in") is past `range`. */
export function thresholdInRange(path: string, text: string, part: 'for' | 'window', ms: number, range: Range, err: Err): void {
  if (ms > range.max) err(path, `${JSON.stringify(text)}: its ${part} is out of range (at most ${formatDuration(range.max)})`);
}

/**
 * `service` and `environment`: the service names oncall's files in the state
 * dir (deploys/<service>.jsonl, checks/<service>/…), and a name past the file
 * system's 255 bytes could be validated but never written. Both are names a
 * person reads on a header line: 100 characters is plenty.
 */
export const MAX_NAME = 100;

export function nameLength(path: string, value: string | undefined, err: Err): void {
  if (value === undefined) return;
  if (value.trim() === '') err(path, 'must not be empty');
  else if (value.length > MAX_NAME)
    err(path, `${JSON.stringify(`${value.slice(0, 20)}…`)} is ${value.length} characters long, more than the ${MAX_NAME} allowed`);
}
