// One series of an alerting rule over a sampled range, judged as Prometheus'
// rule evaluation would have judged it at each step: active while the
// expression returns it (and, with a condition, while the condition holds),
// pending until it has been active for `for`, then firing; with
// `keep_firing_for`, still firing for that long after it stops, and going on
// firing (not pending again) if it comes back within that time.
import type { Point } from '../sources/types.js';

export type RuleState = 'inactive' | 'pending' | 'firing';

export interface SeriesRule {
  state: RuleState;
  /** Start of the run (Prometheus' activeAt), as far back as the range shows. */
  sinceMs: number | null;
  /** The newest active value. */
  value: number | null;
  /** The run reaches back to the start of the range: it began then or earlier. */
  openStart: boolean;
}

const INACTIVE: SeriesRule = { state: 'inactive', sinceMs: null, value: null, openStart: false };

/**
 * `points` are the series' samples at `evalAt - k * stepMs`; a step with no
 * point (or a point that is not `active`) is an evaluation that did not find
 * the series. `rangeStartMs` is the first step asked for.
 */
export function seriesRule(points: Point[], active: (v: number) => boolean, evalAt: number, stepMs: number, forMs: number, keepFiringForMs = 0, rangeStartMs = evalAt): SeriesRule {
  if (points.length === 0) return INACTIVE;
  const atStep = new Map<number, Point>();
  for (const p of points) {
    const k = Math.round((evalAt - p.t) / stepMs);
    if (k >= 0) atStep.set(k, p);
  }
  if (atStep.size === 0) return INACTIVE;
  let state: RuleState = 'inactive';
  let since: number | null = null;
  let keepSince: number | null = null;
  let value: number | null = null;
  for (let k = Math.max(...atStep.keys()); k >= 0; k--) {
    const t = evalAt - k * stepMs;
    const p = atStep.get(k);
    if (p !== undefined && active(p.v)) {
      value = p.v;
      keepSince = null;
      if (state === 'inactive') {
        state = 'pending';
        since = t;
      }
      if (state === 'pending' && t - since! >= forMs) state = 'firing';
      continue;
    }
    if (state === 'firing' && keepFiringForMs > 0) {
      keepSince ??= t;
      if (t - keepSince < keepFiringForMs) continue;
    }
    state = 'inactive';
    since = null;
    keepSince = null;
  }
  if (state === 'inactive') return INACTIVE;
  return { state, sinceMs: since, value, openStart: since! <= rangeStartMs + stepMs / 2 };
}

/** `{instance="a:9100", job="node"}`, without the metric name, as Prometheus prints a series. */
export function labelText(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(', ')}}`;
}
