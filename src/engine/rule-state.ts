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
export function seriesRule(
  points: Point[],
  active: (v: number) => boolean,
  evalAt: number,
  stepMs: number,
  forMs: number,
  keepFiringForMs = 0,
  rangeStartMs = evalAt,
): SeriesRule {
  // The step each point answers, k steps before evalAt (none after it). This runs for every
  // series of an answer, thousands a cycle: no allocation per series where it can be helped.
  const n = points.length;
  const ks = scratch(n);
  let oldest = -1;
  let ordered = true;
  for (let i = 0; i < n; i++) {
    const k = Math.round((evalAt - points[i].t) / stepMs);
    ks[i] = k;
    if (k > oldest) oldest = k;
    if (i > 0 && k > ks[i - 1]) ordered = false;
  }
  if (oldest < 0) return INACTIVE;
  // A backend sends a series oldest first: one pointer walks it. Out of order, a Map (the last given of a step wins).
  let byStep: Map<number, Point> | null = null;
  if (!ordered) {
    byStep = new Map();
    for (let i = 0; i < n; i++) if (ks[i] >= 0) byStep.set(ks[i], points[i]);
  }
  let next = 0;
  let state: RuleState = 'inactive';
  let since: number | null = null;
  let keepSince: number | null = null;
  let value: number | null = null;
  for (let k = oldest; k >= 0; k--) {
    const t = evalAt - k * stepMs;
    let p: Point | undefined;
    if (byStep) p = byStep.get(k);
    else {
      while (next < n && ks[next] > k) next++;
      while (next < n && ks[next] === k) p = points[next++];
    }
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

let steps = new Float64Array(64);
/** A buffer of at least `n` numbers, reused from call to call (nothing in it outlives a call). */
function scratch(n: number): Float64Array {
  if (steps.length < n) steps = new Float64Array(Math.max(n, 2 * steps.length));
  return steps;
}

/** Texts already made, by labels object: a cycle asks for each firing series' text twice (its order, its since). */
const texts = new WeakMap<Record<string, string>, string>();

/** `{instance="a:9100", job="node"}`, without the metric name, as Prometheus prints a series. */
export function labelText(labels: Record<string, string>): string {
  const known = texts.get(labels);
  if (known !== undefined) return known;
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  const text = `{${parts.join(', ')}}`;
  texts.set(labels, text);
  return text;
}
