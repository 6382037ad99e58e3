// Which queries one refresh cycle needs. Pure: the same config and clock give
// the same plan, and identical queries share one key so they are sent once.
import type { Alert, Config, Slo } from '../config/types.js';
import { BURN_WINDOWS } from '../engine/burn-rate.js';
import type { Dialect, SourceKind } from '../sources/kind.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import type { Series } from '../sources/types.js';

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
 * - `end`: where a range's last point is the instant query at its end
 *   (`rangeEndIsInstant`, Prometheus), a window equal to the SLO's own is the
 *   last point of `main`: the range ends on the cycle's clock.
 * - `combined`: where a dialect writes several windows in one query
 *   (`windowsInOneQuery`), windows re-read as often as each other share one,
 *   a series per window: a request per window fewer. `seriesOf` reads this
 *   window's series back out of the answer.
 */
export type WindowSource = { key: string; from: 'own' | 'end' } | { key: string; from: 'combined'; seriesOf: (series: Series[]) => Series[] };

/** `key`: its query's; for a `rule:` alert, empty: it reads its source's rule states (`Plan.ruleSources`). */
export interface AlertPlan {
  alert: Alert;
  key: string;
}

export interface Plan {
  stepMs: number;
  queries: Map<string, QueryReq>;
  slos: SloPlan[];
  alerts: AlertPlan[];
  /** Sources whose rule states `rule:` alerts show: asked once a cycle each, however many alerts read them. */
  ruleSources: Set<string>;
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

/** The kind of `source`'s type, for what it can do and how its queries are written. */
export function kindOf(config: Config, source: string, registry: SourceRegistry = sourceRegistry): SourceKind | undefined {
  return registry.get(config.sources[source]?.type);
}

/** A source with no kind is not configured: nothing is sent to it, and its queries are left as written. */
const AS_WRITTEN: Dialect = { withWindow: (query) => query };

/** The error ratio of a ratio SLO, as its source's dialect writes it; the config lets only a source that can write one hold a ratio SLO. */
export function ratioOf(dialect: Dialect, slo: Extract<Slo, { kind: 'ratio' }>, windowMs: number): string {
  if (!dialect.ratio) throw new Error(`plan: SLO ${slo.id} is a ratio on a source whose dialect writes none`);
  return dialect.ratio(slo.errors, slo.total, windowMs);
}

/** The query an SLO is read from over `windowMs` (its own window, or a report's period), as its source writes it. */
export function sloQuery(config: Config, slo: Slo, windowMs: number, registry: SourceRegistry = sourceRegistry): string {
  const dialect = kindOf(config, slo.source, registry)?.dialect ?? AS_WRITTEN;
  return slo.kind === 'ratio' ? ratioOf(dialect, slo, windowMs) : dialect.withWindow(slo.query, windowMs);
}

/** The alert's query as asked, `$window` written, and that window. */
export function alertQuery(config: Config, alert: Alert, registry: SourceRegistry = sourceRegistry): { windowMs: number; query: string } {
  const windowMs = alert.condition?.inMs ?? Math.max(config.refreshMs, 60_000);
  return { windowMs, query: (kindOf(config, alert.source, registry)?.dialect ?? AS_WRITTEN).withWindow(alert.query, windowMs) };
}

export function buildPlan(config: Config, registry: SourceRegistry = sourceRegistry): Plan {
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
    const kind = kindOf(config, slo.source, registry);
    const dialect = kind?.dialect ?? AS_WRITTEN;
    if (slo.kind === 'threshold') {
      const main = add({ source: slo.source, kind: 'range', query: dialect.withWindow(slo.query, slo.windowMs), windowMs: slo.windowMs, spanMs, stepMs });
      return { slo, main, windows: new Map() };
    }
    const main = add({ source: slo.source, kind: 'range', query: ratioOf(dialect, slo, slo.windowMs), windowMs: slo.windowMs, spanMs, stepMs });
    const windows = new Map<number, WindowSource>();
    const rest = kind?.can.rangeEndIsInstant ? BURN_WINDOWS.filter((w) => w !== slo.windowMs) : BURN_WINDOWS;
    if (rest.length < BURN_WINDOWS.length) windows.set(slo.windowMs, { from: 'end', key: main });
    const combined = kind?.can.windowsInOneQuery ? dialect.windows : undefined;
    if (!combined) {
      for (const w of rest) {
        windows.set(w, { from: 'own', key: add({ source: slo.source, kind: 'instant', query: ratioOf(dialect, slo, w), windowMs: w, spanMs: 0, stepMs }) });
      }
    } else {
      // Up to 2h together, as often as the shortest of them needs (every cycle for 5m); longer ones together, every 5 minutes.
      for (const group of [rest.filter((w) => w <= SHORT_WINDOWS), rest.filter((w) => w > SHORT_WINDOWS)]) {
        if (group.length === 0) continue;
        const key = add({ source: slo.source, kind: 'instant', query: combined.query(slo.errors, slo.total, group), windowMs: group[0], spanMs: 0, stepMs });
        for (const w of group) windows.set(w, { from: 'combined', key, seriesOf: (series) => combined.seriesOf(series, w) });
      }
    }
    const period = add({ source: slo.source, kind: 'instant', query: ratioOf(dialect, slo, slo.periodMs), windowMs: slo.periodMs, spanMs: 0, stepMs });
    return { slo, main, windows, period };
  });

  const ruleSources = new Set<string>();
  const alerts: AlertPlan[] = config.alerts.map((alert) => {
    if (alert.rule !== undefined) {
      // The config lets only a source that can hold a rule alert; one without a kind is not configured.
      if (kindOf(config, alert.source, registry)?.can.ruleState) ruleSources.add(alert.source);
      return { alert, key: '' };
    }
    const { windowMs, query } = alertQuery(config, alert, registry);
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

  return { stepMs, queries, slos, alerts, ruleSources };
}
