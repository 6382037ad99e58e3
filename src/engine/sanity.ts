// Answers no backend can truthfully give: an infinite or negative latency, an
// error ratio below 0 or above 1, a sample stamped decades away from the query.
// Judged, such garbage reads as healthy (-Inf is "< 500ms"); instead it makes
// the panel unknown, with the reason. Pure: the clock is passed in.
import { formatAge } from '../config/duration.js';
import { formatValue, type Unit } from '../config/quantity.js';
import type { Series } from '../sources/types.js';
import { labelText } from './rule-state.js';

/** What a value stands for, as far as telling garbage from a real reading goes. */
export interface Meaning {
  unit: Unit;
  /** errors / total: within [0, 1]. */
  errorRatio?: boolean;
  /**
   * Lower passes (an objective "< 500ms", a condition "> 500ms" that fires):
   * there a negative duration would read as healthy, so it is a latency and
   * cannot be negative. Where higher passes ("> 7d" left on a certificate) a
   * negative duration is real, and fails.
   */
  lowerPasses?: boolean;
  /** A count of events over a window ("> 50 in 5m"). */
  eventCount?: boolean;
}

/** A sample may run this far ahead of our clock (clock skew), no further. */
export const FUTURE_SLACK_MS = 3_600_000;

const YEAR = 365 * 86_400_000;

function what(m: Meaning): string {
  if (m.errorRatio) return 'an error ratio';
  switch (m.unit) {
    case 's':
    case 'ms':
      return m.lowerPasses ? 'a latency' : 'a duration';
    case 'ratio':
      return 'a ratio';
    case 'percent':
      return 'a percentage';
    case 'count':
      return m.eventCount ? 'a count of events' : 'a number';
    case 'per_second':
    case 'per_minute':
      return 'a rate';
    case 'bytes':
      return 'a size';
  }
}

// A rate (deriv) or bytes (predict_linear of free space) may well be
// negative; ratios, percentages, latencies and counts of events not.
function negativeImpossible(m: Meaning): boolean {
  if (m.errorRatio || m.unit === 'ratio' || m.unit === 'percent') return true;
  if (m.unit === 's' || m.unit === 'ms') return Boolean(m.lowerPasses);
  return m.unit === 'count';
}

/**
 * Why `v` cannot be a reading of `m`, or null. NaN is not here: PromQL's 0/0,
 * no traffic, is "no data". Nor is anything for a plain number (count is the
 * unit of a value with none): x/0 is +Inf in PromQL, and a Prometheus rule
 * fires on it.
 */
export function impossibleValue(v: number, m: Meaning): string | null {
  if (Number.isNaN(v) || (m.unit === 'count' && !m.eventCount && !m.errorRatio)) return null;
  if (!Number.isFinite(v)) return `impossible value ${v > 0 ? '+Inf' : '-Inf'} for ${what(m)}`;
  if (v < 0 && negativeImpossible(m)) return `impossible value ${formatValue(v, m.unit)} for ${what(m)}`;
  if (m.errorRatio && v > 1) return `impossible value ${formatValue(v, 'ratio')} for an error ratio (more errors than requests)`;
  return null;
}

function span(ms: number): string {
  // 1e300 seconds is no number of years anyone reads.
  if (ms >= 1000 * YEAR) return 'over 1000 years';
  if (ms >= YEAR) {
    const years = Math.floor(ms / YEAR);
    return `${years} year${years === 1 ? '' : 's'}`;
  }
  return ms >= 2 * 86_400_000 ? `${Math.floor(ms / 86_400_000)} days` : formatAge(ms);
}

/**
 * Why a sample stamped `t` cannot be in an answer read at `now`, or null:
 * more than an hour ahead, or older than `from`, the earliest time the query
 * could return (its window or range, and some slack).
 */
export function impossibleTime(t: number, now: number, from?: number): string | null {
  if (!Number.isFinite(t)) return `sample has no usable time (${t})`;
  if (t > now + FUTURE_SLACK_MS) return `sample is stamped ${span(t - now)} ahead`;
  if (from !== undefined && t < from) return `sample is ${span(now - t)} old`;
  return null;
}

/**
 * The first impossible sample of an answer; `m` null checks times only (a
 * value that is not judged). It runs over every sample of every answer, up
 * to hundreds of thousands a cycle, so the common case is a few comparisons;
 * the words are made only for a sample that fails them.
 */
export function impossibleIn(series: Series[], m: Meaning | null, now: number, from?: number): string | null {
  const latest = now + FUTURE_SLACK_MS;
  const earliest = from ?? -Infinity;
  const values = m !== null && impossibleValue(-Infinity, m) !== null;
  const negative = values && negativeImpossible(m!);
  const highest = m?.errorRatio ? 1 : Infinity;
  for (const s of series) {
    for (const p of s.points) {
      const timeOk = p.t <= latest && p.t >= earliest;
      const v = p.v;
      if (timeOk && (!values || (v !== Infinity && v !== -Infinity && !(negative && v < 0) && !(v > highest)))) continue;
      const why = impossibleTime(p.t, now, from) ?? (m ? impossibleValue(v, m) : null);
      if (why) return Object.keys(s.labels).length ? `${why} on ${labelText(s.labels)}` : why;
    }
  }
  return null;
}
