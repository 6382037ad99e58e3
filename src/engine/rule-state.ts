// One series of an alerting rule over a sampled range, as Prometheus' rule
// evaluation would have judged it at each step: active while the expression
// returns it (and, with a condition, while the condition holds), pending until
// it has been active for `for`, then firing; with `keep_firing_for`, still
// firing for that long after it stopped.
import type { Point } from '../sources/types.js';

export type RuleState = 'inactive' | 'pending' | 'firing';

export interface SeriesRule {
  state: RuleState;
  /** Start of the unbroken run of active points (Prometheus' activeAt), as far back as the range shows. */
  sinceMs: number | null;
  /** The newest active value. */
  value: number | null;
  /** The run reaches back to the first point asked for: it began then or earlier. */
  openStart: boolean;
}

const INACTIVE: SeriesRule = { state: 'inactive', sinceMs: null, value: null, openStart: false };

/**
 * `active(v)`: whether a point counts (always true for a rule without a
 * condition: being returned is the condition). `evalAt` is the time the newest
 * point must carry for the series to be active now; a point missing from the
 * range (a gap of over 1.5 steps) ends a run, as one evaluation without the
 * series resets Prometheus' pending clock.
 */
export function seriesRule(points: Point[], active: (v: number) => boolean, evalAt: number, stepMs: number, forMs: number, keepFiringForMs = 0): SeriesRule {
  let end = points.length - 1;
  while (end >= 0 && !active(points[end].v)) end--;
  if (end < 0) return INACTIVE;
  let start = end;
  while (start > 0 && active(points[start - 1].v) && points[start].t - points[start - 1].t <= stepMs * 1.5) start--;
  const since = points[start].t;
  const last = points[end];
  const held = last.t - since;
  const now = evalAt - last.t <= stepMs / 2;
  const openStart = start === 0;
  if (now) return { state: held >= forMs ? 'firing' : 'pending', sinceMs: since, value: last.v, openStart };
  // Prometheus counts keep_firing_for from the first evaluation that found the series gone.
  if (keepFiringForMs > 0 && held >= forMs && evalAt - (last.t + stepMs) < keepFiringForMs) return { state: 'firing', sinceMs: since, value: last.v, openStart };
  return INACTIVE;
}

/** `{instance="a:9100", job="node"}`, without the metric name, as Prometheus prints a series. */
export function labelText(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(', ')}}`;
}
