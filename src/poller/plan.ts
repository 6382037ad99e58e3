// Which queries one refresh cycle needs. Pure: the same config and clock give
// the same plan, and identical queries share one key so they are sent once.
import type { Alert, Config, Slo } from '../config/types.js';
import { BURN_WINDOWS } from '../engine/burn-rate.js';
import { ratioQuery, windowsQuery, withWindow } from '../engine/window.js';

export interface QueryReq {
  key: string;
  source: string;
  kind: 'instant' | 'range';
  query: string;
  windowMs: number;
  spanMs: number;
  stepMs: number;
  /** A good answer younger than this is reused instead of asking again. */
  freshMs: number;
}

export interface SloPlan {
  slo: Slo;
  main: string;
  /** Where each burn window's error ratio comes from. */
  windows: Map<number, WindowSource>;
  period?: string;
}

/**
 * - `own`: its own instant query.
 * - `end`: on Prometheus, a window equal to the SLO's own is the last point of
 *   `main`: the range ends on the cycle's clock, where Prometheus evaluates it
 *   exactly as the instant query.
 * - `combined`: on Prometheus, windows re-read as often as each other share one
 *   query (`windowsQuery`), one series per window: a request per window fewer.
 */
export interface WindowSource {
  key: string;
  from: 'own' | 'end' | 'combined';
}

export interface AlertPlan {
  alert: Alert;
  key: string;
}

export interface Plan {
  stepMs: number;
  queries: Map<string, QueryReq>;
  slos: SloPlan[];
  alerts: AlertPlan[];
}

/** Points kept for the sparkline. */
export const SPARK_POINTS = 40;

export function stepFor(config: Config): number {
  return Math.max(config.refreshMs, 1000);
}

/**
 * A value over a long window barely moves between refreshes: a 3d burn rate
 * re-read every 15 s costs the backend a 3-day scan for nothing. Instant
 * queries are re-read once their window has moved on by 1/60th (capped at 5m);
 * ranges and short windows every cycle.
 */
export function freshFor(kind: 'instant' | 'range', windowMs: number, stepMs: number): number {
  if (kind === 'range') return 0;
  return Math.max(stepMs, Math.min(windowMs / 60, MAX_REUSE));
}

const MAX_REUSE = 5 * 60_000;

/**
 * Prometheus (and Thanos, Mimir) refuse a range of over 11,000 points. A
 * range that would need more (a `for: 1w` at a 15 s refresh) is read at a
 * coarser step, in whole steps; the poller keeps that grid fixed to the epoch
 * (evaluatedAt), so that cycles agree.
 */
export const MAX_POINTS = 10_000;

function fitRange<T extends { spanMs: number; stepMs: number }>(q: T): T {
  if (q.spanMs / q.stepMs <= MAX_POINTS) return q;
  const stepMs = Math.ceil(q.spanMs / MAX_POINTS / q.stepMs) * q.stepMs;
  return { ...q, stepMs, spanMs: Math.ceil(q.spanMs / stepMs) * stepMs };
}

/** Burn windows up to this long are read together every cycle, longer ones together every 5 minutes. */
const SHORT_WINDOWS = 2 * 3_600_000;

export function buildPlan(config: Config): Plan {
  const stepMs = stepFor(config);
  const queries = new Map<string, QueryReq>();
  const add = (asked: Omit<QueryReq, 'key' | 'freshMs'>): string => {
    const q = asked.kind === 'range' ? fitRange(asked) : asked;
    const key = [q.source, q.kind, q.query, q.kind === 'range' ? `${q.spanMs}/${q.stepMs}` : q.windowMs].join('\u0000');
    if (!queries.has(key)) queries.set(key, { ...q, key, freshMs: freshFor(q.kind, q.windowMs, stepMs) });
    return key;
  };
  // Whole steps, so that a range's last point falls on the cycle's clock.
  const rangeSpan = (...fors: Array<number | undefined>) =>
    Math.ceil(Math.max(Math.max(0, ...fors.map((f) => f ?? 0)) + 2 * stepMs, SPARK_POINTS * stepMs) / stepMs) * stepMs;

  const slos: SloPlan[] = config.slos.map((slo) => {
    const spanMs = rangeSpan(slo.warning?.forMs, slo.critical?.forMs);
    if (slo.kind === 'threshold') {
      const main = add({ source: slo.source, kind: 'range', query: withWindow(slo.query, slo.windowMs, slo.lang), windowMs: slo.windowMs, spanMs, stepMs });
      return { slo, main, windows: new Map() };
    }
    const main = add({ source: slo.source, kind: 'range', query: ratioQuery(slo.errors, slo.total, slo.windowMs, slo.lang), windowMs: slo.windowMs, spanMs, stepMs });
    const windows = new Map<number, WindowSource>();
    const onPrometheus = config.sources[slo.source]?.type === 'prometheus';
    if (!onPrometheus) {
      for (const w of BURN_WINDOWS) {
        windows.set(w, { from: 'own', key: add({ source: slo.source, kind: 'instant', query: ratioQuery(slo.errors, slo.total, w, slo.lang), windowMs: w, spanMs: 0, stepMs }) });
      }
    } else {
      const rest = BURN_WINDOWS.filter((w) => w !== slo.windowMs);
      if (rest.length < BURN_WINDOWS.length) windows.set(slo.windowMs, { from: 'end', key: main });
      // Up to 2h together, as often as the shortest of them needs (every cycle for 5m); longer ones together, every 5 minutes.
      for (const group of [rest.filter((w) => w <= SHORT_WINDOWS), rest.filter((w) => w > SHORT_WINDOWS)]) {
        if (group.length === 0) continue;
        const key = add({ source: slo.source, kind: 'instant', query: windowsQuery(slo.errors, slo.total, group), windowMs: group[0], spanMs: 0, stepMs });
        for (const w of group) windows.set(w, { from: 'combined', key });
      }
    }
    const period = add({ source: slo.source, kind: 'instant', query: ratioQuery(slo.errors, slo.total, slo.periodMs, slo.lang), windowMs: slo.periodMs, spanMs: 0, stepMs });
    return { slo, main, windows, period };
  });

  const alerts: AlertPlan[] = config.alerts.map((alert) => {
    const windowMs = alert.condition?.inMs ?? Math.max(config.refreshMs, 60_000);
    const query = withWindow(alert.query, windowMs, alert.lang);
    // A rule that holds for a while is judged over the range that shows it. With keep_firing_for,
    // a series now back for less than its for still fires if it fired before a gap shorter than
    // keep: the range must reach back over that whole run too.
    const held = alert.keepFiringForMs > 0 ? 2 * alert.forMs + alert.keepFiringForMs : alert.forMs;
    const key =
      held > 0
        ? add({ source: alert.source, kind: 'range', query, windowMs, spanMs: rangeSpan(held), stepMs })
        : add({ source: alert.source, kind: 'instant', query, windowMs, spanMs: 0, stepMs });
    return { alert, key };
  });

  return { stepMs, queries, slos, alerts };
}
