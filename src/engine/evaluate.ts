// Pure verdicts: SLO and alert states from the series a cycle fetched.
import { formatAge, formatDuration } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Threshold } from '../config/threshold.js';
import type { RatioSlo, Slo, ThresholdSlo } from '../config/types.js';
import type { Point, Series } from '../sources/types.js';
import { BURN_WINDOWS, budgetRemaining, burnRate, firingPairs } from './burn-rate.js';
import { held, satisfies } from './held.js';
import { impossibleIn, type Meaning } from './sanity.js';
import type { Outcome, SloState, SloStatus } from './state.js';

export function dataOf(o: Outcome): { series: Series[]; at: number; from?: number } | null {
  return o.ok ? { series: o.series, at: o.at, from: o.from } : (o.last ?? null);
}

/** The series to judge when a query returns several: the one faring worst against the objective. */
export function worstSeries(series: Series[], higherIsWorse: boolean): Series | null {
  let best: Series | null = null;
  let bestV = 0;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (!last || Number.isNaN(last.v)) continue;
    const v = higherIsWorse ? last.v : -last.v;
    if (best === null || v > bestV) {
      best = s;
      bestV = v;
    }
  }
  return best ?? series.find((s) => s.points.length > 0) ?? null;
}

const higherIsWorse = (th: Threshold) => th.op === '<' || th.op === '<=';

export function lastValue(points: Point[]): number | null {
  const p = points[points.length - 1];
  return p && !Number.isNaN(p.v) ? p.v : null;
}

interface Verdict {
  status: Exclude<SloStatus, 'stale'>;
  reason: string;
}

function thresholdVerdict(slo: Slo, points: Point[], stepMs: number, extra: Verdict[] = []): Verdict {
  const value = lastValue(points);
  if (value === null) return { status: 'no_data', reason: 'query returned no data' };
  const show = (v: number) => formatValue(v, slo.unit);
  for (const [level, th] of [
    ['critical', slo.critical],
    ['warning', slo.warning],
  ] as const) {
    if (th) {
      const h = held(points, th, slo.unit, stepMs);
      if (h.firing) return { status: level, reason: `${show(value)} ${th.text}${th.forMs ? ` (held ${formatAge(h.heldMs)})` : ''}` };
    }
    const fromExtra = extra.find((v) => v.status === level);
    if (fromExtra) return fromExtra;
  }
  const pending = [slo.critical, slo.warning].find((th) => th && held(points, th, slo.unit, stepMs).active);
  if (pending) {
    const h = held(points, pending, slo.unit, stepMs);
    return { status: 'ok', reason: `pending: ${show(value)} ${pending.text}, held ${formatAge(h.heldMs)} of ${formatDuration(pending.forMs)}` };
  }
  if (slo.kind === 'ratio') {
    const budget = formatValue(1 - slo.target, 'ratio');
    if (value > 1 - slo.target) {
      const exceed = `errors ${show(value)} exceed the ${budget} allowed by ${slo.objective.text}`;
      if (!slo.warning && !slo.critical) return { status: 'warning', reason: exceed };
      // Its own thresholds judge it, and none is reached; the sentence still tells the truth.
      const levels = [slo.warning && `warning ${slo.warning.text}`, slo.critical && `critical ${slo.critical.text}`].filter(Boolean).join(', ');
      return { status: 'ok', reason: `${exceed}, below ${levels}` };
    }
    return { status: 'ok', reason: `errors ${show(value)} within the ${budget} allowed by ${slo.objective.text}` };
  }
  if (!slo.warning && !slo.critical && !satisfies(value, slo.objective, slo.unit)) {
    return { status: 'warning', reason: `${show(value)} misses objective ${slo.objective.text}` };
  }
  return { status: 'ok', reason: `${show(value)} meets ${slo.objective.text}` };
}

function staleWrap(state: SloState, outcome: Outcome, now: number, dataAt: number | null): SloState {
  if (outcome.ok) return state;
  const age = dataAt === null ? null : now - dataAt;
  const shown = state.status === 'stale' ? undefined : state.status;
  return {
    ...state,
    status: 'stale',
    lastStatus: shown,
    ageMs: age,
    reason: age === null ? `${outcome.reason}; no data yet` : `${outcome.reason}; showing data from ${formatAge(age)} ago${shown ? ` (was ${shown})` : ''}`,
  };
}

/** The state both kinds of SLO share: the judged series, its newest value and the verdict. */
function sloState(slo: Slo, v: Verdict, hasData: boolean, s: Series | null): SloState {
  const points = s?.points ?? [];
  return {
    id: slo.id,
    name: slo.name,
    kind: slo.kind,
    status: hasData ? v.status : 'stale',
    value: lastValue(points),
    unit: slo.unit,
    objective: slo.objective.text,
    reason: v.reason,
    ageMs: null,
    series: points,
    labels: s && Object.keys(s.labels).length ? s.labels : undefined,
  };
}

/** The state of an SLO whose answer holds garbage: no value, no verdict, the reason. */
function unknownState(slo: Slo, reason: string, outcome: Outcome, now: number, dataAt: number | null): SloState {
  const state = sloState(slo, { status: 'unknown', reason }, true, null);
  return staleWrap(slo.kind === 'ratio' ? { ...state, burnRates: {}, budgetRemaining: null } : state, outcome, now, dataAt);
}

/** A threshold SLO's value: a latency where lower passes, else whatever its unit allows. */
const thresholdMeaning = (slo: Slo): Meaning => ({ unit: slo.unit, lowerPasses: slo.objective.op === '<' || slo.objective.op === '<=' });
const ERROR_RATIO: Meaning = { unit: 'ratio', errorRatio: true };

function impossibleOf(o: Outcome | undefined, m: Meaning, now: number): string | null {
  const d = o ? dataOf(o) : null;
  return d ? impossibleIn(d.series, m, now, d.from) : null;
}

export function evaluateThresholdSlo(slo: ThresholdSlo, main: Outcome, now: number, stepMs: number): SloState {
  const data = dataOf(main);
  const bad = impossibleOf(main, thresholdMeaning(slo), now);
  if (bad) return unknownState(slo, bad, main, now, data?.at ?? null);
  const s = data ? worstSeries(data.series, higherIsWorse(slo.objective)) : null;
  const points = s?.points ?? [];
  const v = thresholdVerdict(slo, points, stepMs);
  return staleWrap(sloState(slo, v, data !== null, s), main, now, data?.at ?? null);
}

export interface RatioInputs {
  main: Outcome;
  /** Instant error ratio per burn window (ms). */
  windows: Map<number, Outcome>;
  period: Outcome;
}

function scalar(o: Outcome | undefined): number | null {
  if (!o) return null;
  const d = dataOf(o);
  const s = d?.series.find((x) => x.points.length > 0);
  return s ? lastValue(s.points) : null;
}

/** An outcome with `f` applied to its series, or to the last good ones of a failure. */
export function mapSeries(o: Outcome, f: (series: Series[], at: number) => Series[]): Outcome {
  if (o.ok) return { ...o, series: f(o.series, o.at) };
  return o.last ? { ...o, last: { ...o.last, series: f(o.last.series, o.last.at) } } : o;
}

/**
 * A range answer as the instant query at its end would have given it: each
 * series' point at the time it was asked for, and no series without one (an
 * instant query returns nothing for a series that has stopped).
 */
export function pointAtEnd(o: Outcome): Outcome {
  return mapSeries(o, (series, at) =>
    series.flatMap((s) => {
      const last = s.points[s.points.length - 1];
      return last && last.t === at ? [{ labels: s.labels, points: [last] }] : [];
    }),
  );
}

export function evaluateRatioSlo(slo: RatioSlo, inputs: RatioInputs, now: number, stepMs: number): SloState {
  const data = dataOf(inputs.main);
  // Errors above the total, or a negative total, give ratios no real traffic can: judge none of them.
  const bad =
    impossibleOf(inputs.main, ERROR_RATIO, now) ??
    [...inputs.windows].map(([w, o]) => impossibleOf(o, ERROR_RATIO, now)?.concat(` (${formatDuration(w)} burn window)`)).find(Boolean) ??
    impossibleOf(inputs.period, ERROR_RATIO, now)?.concat(` (${formatDuration(slo.periodMs)} period)`);
  if (bad) {
    const failed = [inputs.main, inputs.period, ...inputs.windows.values()].find((o) => !o.ok);
    return unknownState(slo, bad, failed ?? inputs.main, now, data?.at ?? null);
  }
  const s = data ? worstSeries(data.series, true) : null;
  const points = s?.points ?? [];
  const rates = new Map<number, number | null>();
  const burnRates: Record<string, number | null> = {};
  for (const w of BURN_WINDOWS) {
    const r = burnRate(scalar(inputs.windows.get(w)), slo.target);
    rates.set(w, r);
    burnRates[formatDuration(w)] = r;
  }
  const pairs = firingPairs(rates);
  const burnVerdicts: Verdict[] = pairs.map(({ pair, longRate, shortRate }) => ({
    status: pair.action === 'page' ? 'critical' : 'warning',
    reason: `burning budget ${longRate.toFixed(1)}x over ${formatDuration(pair.long)} and ${shortRate.toFixed(1)}x over ${formatDuration(pair.short)} (> ${pair.factor}x: ${pair.action})`,
  }));
  let v: Verdict;
  if (lastValue(points) === null && burnVerdicts.length === 0)
    v = { status: 'no_data', reason: 'no data: total has no series (no traffic), or errors and total share no labels' };
  else v = thresholdVerdict(slo, points, stepMs, burnVerdicts);
  if (lastValue(points) === null && burnVerdicts.length > 0) v = burnVerdicts[0];
  const failed = [inputs.main, inputs.period, ...inputs.windows.values()].find((o) => !o.ok);
  const state: SloState = { ...sloState(slo, v, data !== null, s), burnRates, budgetRemaining: budgetRemaining(scalar(inputs.period), slo.target) };
  // The age shown is that of the value shown: the main range. The long windows and the
  // period are re-read every few minutes by design, so theirs says nothing about the failure.
  if (failed) return staleWrap(state, failed, now, data?.at ?? null);
  return state;
}
