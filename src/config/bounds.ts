// Durations that become timers or request deadlines, bounded at validation.
// Node keeps a timer in 32 bits: anything past 2^31-1 ms (24.8 days) fires
// after 1 ms, so `refresh: 25d` would poll a backend hundreds of times a
// second while the header says every 600h. The ranges are what an on-call
// screen can sensibly use, well inside that.
import { formatDuration, parseDuration } from './duration.js';
import type { Err } from './compile-parts.js';

export interface Range {
  min: number;
  max: number;
}

/** How often watch polls: `refresh`. */
export const REFRESH: Range = { min: 1000, max: 3_600_000 };
/** One request or probe: `timeout`, `sources.*.timeout`, a probe's `timeout`. */
export const TIMEOUT: Range = { min: 100, max: 120_000 };

/**
 * Spans of time a query reads or a verdict waits for (`for`, `keep_firing_for`,
 * an SLO's `window`) and a response target (`respond`): not timers, but past
 * these they are a slip (`for: 99999999999d` printed "held 359279999997h").
 * Real rules wait a week at most; Prometheus keeps 15 days by default.
 */
export const SPAN: Range = { min: 0, max: 30 * 86_400_000 };
/** An error budget's `period`: a year at most (OpenSLO and Sloth use 28d to 1y). */
export const PERIOD: Range = { min: 1, max: 366 * 86_400_000 };

/** Says when `text` is a duration outside `range`; a text that is no duration at all is reported where it is read. */
export function inRange(path: string, text: string | undefined, range: Range, err: Err): void {
  if (text === undefined) return;
  const ms = parseDuration(text);
  if (ms === null || (ms >= range.min && ms <= range.max)) return;
  err(path, `${JSON.stringify(text)} is out of range (${formatDuration(range.min)} to ${formatDuration(range.max)})`);
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
  else if (value.length > MAX_NAME) err(path, `${JSON.stringify(`${value.slice(0, 20)}…`)} is ${value.length} characters long, more than the ${MAX_NAME} allowed`);
}
