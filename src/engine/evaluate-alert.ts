// Alert verdicts. An alert with a condition compares its query's value; one
// without fires for every series its query returns, with `for` held per
// series, exactly as a Prometheus alerting rule; a count over a window
// ("> 50 in 5m") is one number however many series add up to it.
import { formatAge, formatDuration } from '../config/duration.js';
import { formatValue, inUnit } from '../config/quantity.js';
import { compare } from '../config/threshold.js';
import type { Alert } from '../config/types.js';
import type { Series } from '../sources/types.js';
import { dataOf, lastValue, worstSeries } from './evaluate.js';
import { satisfies } from './held.js';
import { labelText, seriesRule } from './rule-state.js';
import { impossibleIn } from './sanity.js';
import type { AlertSeries, AlertState, Outcome } from './state.js';

/** `spanMs`: how far back the range read for the alert's `for` reaches (0 for an instant query). */
export function evaluateAlert(alert: Alert, outcome: Outcome, now: number, stepMs: number, spanMs = 0): AlertState {
  const base = {
    id: alert.id,
    name: alert.name,
    unit: alert.unit,
    condition: alert.condition?.text ?? null,
    severity: alert.severity,
    playbook: alert.playbook,
  };
  const show = (v: number | null) => (v === null ? 'no data' : formatValue(v, alert.unit));
  const c = alert.condition;
  if (!outcome.ok) {
    const data = dataOf(outcome);
    const age = data ? now - data.at : null;
    const value = data ? (c?.inMs != null ? sumLast(data.series, true) : lastValue(worstSeries(data.series, true)?.points ?? [])) : null;
    return {
      ...base,
      status: 'unknown',
      value,
      series: [],
      reason: age === null ? `${outcome.reason}; no data yet` : `${outcome.reason}; last value ${formatAge(age)} ago`,
      activeSinceMs: null,
      ageMs: age,
    };
  }
  // Without a condition only the presence of a series is judged, as Prometheus does: its value may be anything.
  const meaning = c ? { unit: alert.unit, lowerPasses: c.op === '>' || c.op === '>=', eventCount: c.inMs !== null } : null;
  const bad = impossibleIn(outcome.series, meaning, now, outcome.from);
  if (bad) return { ...base, status: 'unknown', value: null, series: [], reason: bad, activeSinceMs: null, ageMs: null };
  if (c && c.inMs !== null) {
    const value = sumLast(outcome.series, true);
    const firing = value !== null && satisfies(value, c, alert.unit);
    const one = outcome.series.length === 1 ? outcome.series[0].labels : {};
    return {
      ...base,
      status: firing ? 'firing' : 'ok',
      value,
      series: firing ? [{ labels: withoutName(one), state: 'firing', value, activeSinceMs: null }] : [],
      reason: firing ? `${show(value)} ${c.text}` : `${show(value)}, condition ${c.text} not met`,
      activeSinceMs: null,
      ageMs: null,
    };
  }
  const limit = c ? inUnit(c.quantity, alert.unit) : null;
  const test = c ? (v: number) => limit?.ok === true && compare(v, c.op, limit.value) : () => true;
  const series: AlertSeries[] = [];
  const open = new Set<AlertSeries>();
  for (const s of outcome.series) {
    const r = seriesRule(s.points, test, outcome.at, stepMs, alert.forMs, alert.keepFiringForMs, outcome.at - spanMs);
    if (r.state === 'inactive') continue;
    const x: AlertSeries = { labels: withoutName(s.labels), state: r.state, value: r.value, activeSinceMs: r.sinceMs };
    series.push(x);
    if (r.openStart) open.add(x);
  }
  // Each series' label text once, and one collator (localeCompare's order, without building one a comparison):
  // with thousands of series the sort was the slowest step of a cycle.
  const text = new Map(series.map((x) => [x, labelText(x.labels)]));
  series.sort((a, b) => (a.state === b.state ? COLLATOR.compare(text.get(a)!, text.get(b)!) : a.state === 'firing' ? -1 : 1));
  const status = series.some((s) => s.state === 'firing') ? 'firing' : series.length ? 'pending' : 'ok';
  if (series.length === 0) {
    const value = c ? lastValue(worstSeries(outcome.series, c.op === '>' || c.op === '>=')?.points ?? []) : null;
    const none = c
      ? `${show(value)}, condition ${c.text} not met`
      : outcome.series.length
        ? `no series held at ${new Date(outcome.at).toISOString()}`
        : 'the query returned no series';
    return { ...base, status, value, series, reason: none, activeSinceMs: null, ageMs: null };
  }
  const first = series[0];
  const heldMs = first.activeSinceMs === null ? 0 : outcome.at - first.activeSinceMs;
  // A run that reaches back to the start of the range began then or before: only a lower bound is known.
  const atLeast = open.has(first) ? 'at least ' : '';
  const held = alert.forMs
    ? first.state === 'firing'
      ? `, held ${atLeast}${formatAge(heldMs)}`
      : `, held ${formatAge(heldMs)} of ${formatDuration(alert.forMs)}`
    : '';
  const where = Object.keys(first.labels).length ? ` on ${labelText(first.labels)}` : '';
  const more = series.length > 1 ? ` (+${series.length - 1} more series)` : '';
  const what = c ? `${show(first.value)} ${c.text}` : `${show(first.value)}`;
  const since = series.reduce<number | null>((m, s) => (s.activeSinceMs === null ? m : m === null ? s.activeSinceMs : Math.min(m, s.activeSinceMs)), null);
  return { ...base, status, value: first.value, series, reason: `${what}${where}${held}${more}`, activeSinceMs: since, ageMs: null };
}

const COLLATOR = new Intl.Collator();

function withoutName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _, ...rest } = labels;
  return rest;
}

/** A count over a window with no matching events is an honest 0; other empty results are "no data". */
function sumLast(series: Series[], isCount: boolean): number | null {
  let total: number | null = null;
  for (const s of series) {
    const v = lastValue(s.points);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total ?? (isCount ? 0 : null);
}
