import { inUnit, type Unit } from '../config/quantity.js';
import { compare, type Threshold } from '../config/threshold.js';
import type { Point } from '../sources/types.js';

export interface Held {
  /** The condition is true at the newest point. */
  active: boolean;
  /** It has been true long enough to count (Prometheus: pending -> firing). */
  firing: boolean;
  /** When the current unbroken run of true points began. */
  sinceMs: number | null;
  heldMs: number;
}

/**
 * Prometheus `for` semantics over a sampled series: the condition must be true
 * at every point from `since` to the newest, with no gap longer than 1.5 steps,
 * and firing starts once newest - since >= for (the boundary counts, as in
 * Prometheus' rule evaluation).
 */
export function held(points: Point[], th: Threshold, unit: Unit, stepMs: number): Held {
  const limit = inUnit(th.quantity, unit);
  const none: Held = { active: false, firing: false, sinceMs: null, heldMs: 0 };
  if (!limit.ok || points.length === 0) return none;
  const last = points[points.length - 1];
  const breaches = (p: Point) => !Number.isNaN(p.v) && compare(p.v, th.op, limit.value);
  if (!breaches(last)) return none;
  let since = last.t;
  for (let i = points.length - 2; i >= 0; i--) {
    const p = points[i];
    if (!breaches(p) || points[i + 1].t - p.t > stepMs * 1.5) break;
    since = p.t;
  }
  const heldMs = last.t - since;
  return { active: true, firing: heldMs >= th.forMs, sinceMs: since, heldMs };
}

export function satisfies(value: number, th: Threshold, unit: Unit): boolean {
  const limit = inUnit(th.quantity, unit);
  return limit.ok && !Number.isNaN(value) && compare(value, th.op, limit.value);
}
