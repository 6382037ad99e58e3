// Pyrra ServiceLevelObjectives (pyrra.dev/v1alpha1) -> oncall SLOs and the
// alerts Pyrra generates for them, in multi-document YAML.
//
// Each indicator becomes the ratio Pyrra's burn-rate rules compute (slo/rules.go,
// Objective.Burnrate), with `$window` where Pyrra puts each window:
// - ratio:         sum by (g) (rate(errors[w])) / sum by (g) (rate(total[w]))
// - latency:       (sum by (g) (rate(total[w])) - sum by (g) (rate(success[w]))) / sum by (g) (rate(total[w]))
// - bool_gauge:    (sum by (g) (count_over_time(m[w])) - sum by (g) (sum_over_time(m[w]))) / sum by (g) (count_over_time(m[w]))
// - latencyNative: 1 - histogram_fraction(0, latency, sum by (g) (rate(total[w]))), already an error ratio
// The alerts are Pyrra's four multiwindow pairs, with its windows (scaled
// from 28d to the SLO's window), factors, `for` and labels, and its "absent"
// alerts, each over the same ratio oncall's SLO reads.
import { formatDuration, parseDuration } from '../config/duration.js';
import { type ImportOptions, type NotMapped, uniqueId } from './output.js';
import {
  alertSeverities,
  burnPair,
  documents,
  type Entry,
  naming,
  plainNumber,
  type RatioSli,
  ratioField,
  type Selector,
  type SloImported,
  stringMap,
  summaryLine,
  vectorSelector,
} from './slo-spec.js';
import { isObj, type Obj, text } from './untyped.js';

export class NotPyrra extends Error {}

const PREFIX = 'pyrra.dev/';

interface Slo {
  where: string;
  name: string;
  namespace?: string;
  spec: Obj;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function importPyrra(input: string, o: ImportOptions): SloImported {
  const notMapped: NotMapped[] = [];
  const notes: string[] = [];
  const found: Slo[] = [];
  let recognised = 0;
  for (const d of documents(input, notMapped)) {
    const v = d.value;
    if (typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('pyrra.dev/')) {
      notMapped.push({ what: d.where, why: 'not a Pyrra ServiceLevelObjective (apiVersion pyrra.dev/v1alpha1)' });
      continue;
    }
    // Pyrra's own loader reads any kind under its apiVersion as an SLO (jaeger's specs say PrometheusServiceLevel).
    if (v.kind !== 'ServiceLevelObjective') notes.push(`${d.where}: kind ${JSON.stringify(v.kind)} read as a ServiceLevelObjective, as Pyrra reads it`);
    recognised++;
    const meta = isObj(v.metadata) ? v.metadata : {};
    const name = text(meta.name);
    if (!name || !isObj(v.spec)) {
      notMapped.push({ what: d.where, why: name ? 'no spec' : 'no metadata.name' });
      continue;
    }
    const [labels, annotations] = [stringMap(meta.labels), stringMap(meta.annotations)];
    found.push({ where: d.where, name, namespace: text(meta.namespace), spec: v.spec, labels, annotations });
  }
  if (recognised === 0) {
    throw new NotPyrra(notMapped[0] ? `${notMapped[0].what}: ${notMapped[0].why}` : 'empty');
  }

  // The same name in two namespaces is two SLOs: both are told apart by their namespace.
  const count = new Map<string, number>();
  for (const s of found) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  const entries: Entry[] = [];
  const alerts: Entry[] = [];
  const sloIds = new Set<string>();
  const alertIds = new Set<string>();
  for (const s of found) {
    const r = mapSlo(s, o, (count.get(s.name) ?? 0) > 1, sloIds, alertIds, notMapped, notes);
    if (!r) continue;
    entries.push(r.slo);
    alerts.push(...r.alerts);
  }
  const summary = summaryLine(entries.length, alerts.length, notMapped);
  return { kind: 'slos', entries, alerts, severities: alertSeverities(alerts), notMapped, notes, summary };
}

interface Indicator {
  sli: RatioSli;
  /** The metric whose equality matchers Pyrra copies into its rule labels. */
  total: Selector;
  grouping: string[];
  /** Metrics Pyrra alerts on when absent, each with the labels of its rule. */
  absent: Array<{ selector: Selector; labels: Record<string, string>; suffix: string }>;
}

function mapSlo(
  s: Slo,
  o: ImportOptions,
  repeated: boolean,
  sloIds: Set<string>,
  alertIds: Set<string>,
  notMapped: NotMapped[],
  notes: string[],
): { slo: Entry; alerts: Entry[] } | null {
  const what = s.namespace ? `${s.namespace}/${s.name}` : s.name;
  const targetText = text(s.spec.target);
  const target = Number(targetText);
  if (targetText === undefined || targetText.trim() === '' || !Number.isFinite(target) || target <= 0 || target >= 100) {
    notMapped.push({ what, why: `target ${JSON.stringify(s.spec.target)}: oncall needs a percent above 0 and below 100` });
    return null;
  }
  const windowText = text(s.spec.window);
  const windowMs = windowText === undefined ? null : parseDuration(windowText);
  if (windowMs === null || windowMs <= 0) {
    notMapped.push({ what, why: `window ${JSON.stringify(s.spec.window)} is not a duration` });
    return null;
  }
  const propagated: Record<string, string> = { slo: s.name };
  for (const [k, v] of Object.entries(s.labels)) if (k.startsWith(PREFIX)) propagated[k.slice(PREFIX.length)] = v;
  const ind = indicatorOf(s.spec.indicator, propagated);
  if (!ind.ok) {
    notMapped.push({ what, why: ind.why });
    return null;
  }
  const matchers = [ind.value.total, ...ind.value.absent.map((a) => a.selector)].flatMap((m) => m.matchers);
  const whole = matchers.find((x) => x.name === 'le' && x.op === '=' && /^\d+$/.test(x.value));
  if (whole) {
    notes.push(
      `${what}: le="${whole.value}" is Prometheus 2's bucket label; Prometheus 3 writes "${whole.value}.0" (Pyrra's --prometheus3-migration matches both)`,
    );
  }
  const id = uniqueId(s.name, repeated ? s.namespace : undefined, sloIds);
  const slo: Entry = {
    id,
    ...naming(text(s.spec.description), s.name, undefined),
    source: o.source,
    ratio: ratioField(ind.value.sli),
    objective: target,
    period: windowText!.trim(),
  };
  return { slo, alerts: alertsOf(s, id, target / 100, windowMs, ind.value, propagated, o, alertIds) };
}

/** `sum(inner)`, or `sum by (a, b) (inner)` with a grouping. */
const summed = (grouping: string[], inner: string) => (grouping.length ? `sum by (${grouping.join(', ')}) (${inner})` : `sum(${inner})`);

/** Pyrra's grouping: deduplicated and sorted, as its rules print it. */
function groupingOf(v: unknown): string[] {
  return [...new Set(Array.isArray(v) ? v.map((g) => text(g)).filter((g): g is string => !!g) : [])].sort();
}

function selectorOf(v: unknown, field: string): { ok: true; selector: Selector } | { ok: false; why: string } {
  const metric = isObj(v) ? text(v.metric) : undefined;
  if (!metric) return { ok: false, why: `${field}.metric is missing` };
  const s = vectorSelector(metric);
  return s.ok ? s : { ok: false, why: `${field}.metric ${s.why}` };
}

/** Equality matchers as rule labels, as Pyrra copies them (not __name__, not those in `without`). */
function equalLabels(sel: Selector, without: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of sel.matchers) if (m.op === '=' && m.name !== '__name__' && !without.has(m.name)) out[m.name] = m.value;
  return out;
}

/**
 * The labels of Pyrra's increase rules, which its absent alerts carry: the
 * total's equality matchers, less every label it groups the increase by (the
 * grouping, labels only the errors select on, and regex-matched ones).
 */
function increaseLabels(
  propagated: Record<string, string>,
  total: Selector,
  errors: Selector | null,
  grouping: string[],
  allMatchers = false,
): Record<string, string> {
  const grouped = new Set(grouping);
  if (allMatchers) for (const m of total.matchers) grouped.add(m.name);
  if (errors) {
    const totalNames = new Set(total.matchers.map((m) => m.name));
    for (const m of errors.matchers) if (!totalNames.has(m.name) && m.name !== 'le') grouped.add(m.name);
  }
  for (const m of total.matchers) if (m.op === '=~' || m.op === '!~') grouped.add(m.name);
  return { ...propagated, ...equalLabels(total, grouped) };
}

function indicatorOf(v: unknown, propagated: Record<string, string>): { ok: true; value: Indicator } | { ok: false; why: string } {
  if (!isObj(v)) return { ok: false, why: 'no indicator' };
  const kinds = ['ratio', 'latency', 'latencyNative', 'bool_gauge'].filter((k) => v[k] !== undefined && v[k] !== null);
  if (kinds.length === 0) return { ok: false, why: 'the indicator is none of ratio, latency, latencyNative, bool_gauge' };
  if (kinds.length > 1) return { ok: false, why: `indicator has ${kinds.join(' and ')}; Pyrra takes one` };
  const ind = v[kinds[0]] as Obj;
  if (!isObj(ind)) return { ok: false, why: `${kinds[0]} is not a mapping` };
  const grouping = groupingOf(ind.grouping);
  const sum = (inner: string) => summed(grouping, inner);
  switch (kinds[0]) {
    case 'ratio': {
      const errors = selectorOf(ind.errors, 'ratio.errors');
      if (!errors.ok) return errors;
      const total = selectorOf(ind.total, 'ratio.total');
      if (!total.ok) return total;
      const labels = increaseLabels(propagated, total.selector, errors.selector, grouping);
      const absent = [{ selector: total.selector, labels, suffix: '' }];
      if (errors.selector.name !== total.selector.name) absent.push({ selector: errors.selector, labels, suffix: '-errors' });
      return {
        ok: true,
        value: {
          sli: { errors: sum(`rate(${errors.selector.text}[$window])`), total: sum(`rate(${total.selector.text}[$window])`) },
          total: total.selector,
          grouping,
          absent,
        },
      };
    }
    case 'latency': {
      const success = selectorOf(ind.success, 'latency.success');
      if (!success.ok) return success;
      const total = selectorOf(ind.total, 'latency.total');
      if (!total.ok) return total;
      const le = success.selector.matchers.find((m) => m.name === 'le');
      if (!le || !Number.isFinite(Number(le.value))) {
        return { ok: false, why: 'latency.success.metric needs an le="<seconds>" matcher (Pyrra rejects it without one)' };
      }
      const labels = increaseLabels(propagated, total.selector, success.selector, grouping);
      const rate = (s: Selector) => sum(`rate(${s.text}[$window])`);
      return {
        ok: true,
        value: {
          sli: { errors: `${rate(total.selector)} - ${rate(success.selector)}`, total: rate(total.selector) },
          total: total.selector,
          grouping,
          absent: [
            { selector: total.selector, labels, suffix: '' },
            { selector: success.selector, labels: { le: le.value, ...labels }, suffix: '-success' },
          ],
        },
      };
    }
    case 'bool_gauge': {
      const metric = selectorOf(ind, 'bool_gauge');
      if (!metric.ok) return metric;
      const m = metric.selector.text;
      return {
        ok: true,
        value: {
          sli: { errors: `${sum(`count_over_time(${m}[$window])`)} - ${sum(`sum_over_time(${m}[$window])`)}`, total: sum(`count_over_time(${m}[$window])`) },
          total: metric.selector,
          grouping,
          absent: [{ selector: metric.selector, labels: increaseLabels(propagated, metric.selector, null, grouping, true), suffix: '' }],
        },
      };
    }
    default: {
      const total = selectorOf(ind.total, 'latencyNative.total');
      if (!total.ok) return total;
      const latencyMs = parseDuration(text(ind.latency) ?? '');
      if (latencyMs === null || latencyMs <= 0) return { ok: false, why: `latencyNative.latency ${JSON.stringify(ind.latency)} is not a duration` };
      return {
        ok: true,
        value: {
          sli: { errors: `1 - histogram_fraction(0, ${plainNumber(latencyMs / 1000)}, ${sum(`rate(${total.selector.text}[$window])`)})`, total: null },
          total: total.selector,
          grouping,
          // Pyrra writes no absent alert for native histograms.
          absent: [],
        },
      };
    }
  }
}

const NS = 1_000_000n;
const MINUTE_NS = 60_000n * NS;

/** Go's time.Duration.Round(time.Minute): halfway rounds away from zero. */
function roundMinute(ns: bigint): bigint {
  const r = ns % MINUTE_NS;
  return r + r < MINUTE_NS ? ns - r : ns + MINUTE_NS - r;
}

interface Window {
  severity: 'critical' | 'warning';
  forNs: bigint;
  longNs: bigint;
  shortNs: bigint;
  factor: number;
}

/** Pyrra's Windows(): the 28-day pairs scaled to the SLO's window, in integer nanoseconds as Go divides them. */
function windows(windowMs: number): Window[] {
  const w = BigInt(Math.round(windowMs)) * NS;
  const at = (d: number) => roundMinute(w / BigInt(d));
  return [
    { severity: 'critical', forNs: at(28 * 24 * 30), longNs: at(28 * 24), shortNs: at(28 * 24 * 12), factor: 14 },
    { severity: 'critical', forNs: at(28 * 24 * 4), longNs: at(28 * 4), shortNs: at(28 * 24 * 2), factor: 7 },
    { severity: 'warning', forNs: at(28 * 24), longNs: at(28), shortNs: at(28 * 12), factor: 2 },
    { severity: 'warning', forNs: at(28 * 8), longNs: at(7), shortNs: at(28 * 4), factor: 1 },
  ];
}

const msOf = (ns: bigint) => Number(ns / NS);

/** Prometheus' model.Duration.String: 90d not 12w6d (weeks and years only when exact), 1h30m, 0s. */
export function promDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  const units: Array<[string, number, boolean]> = [
    ['y', 365 * 86_400_000, true],
    ['w', 7 * 86_400_000, true],
    ['d', 86_400_000, false],
    ['h', 3_600_000, false],
    ['m', 60_000, false],
    ['s', 1000, false],
    ['ms', 1, false],
  ];
  for (const [unit, size, exact] of units) {
    if (exact && rest % size !== 0) continue;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

function alertsOf(
  s: Slo,
  sloId: string,
  target: number,
  windowMs: number,
  ind: Indicator,
  propagated: Record<string, string>,
  o: ImportOptions,
  taken: Set<string>,
): Entry[] {
  const alerting = isObj(s.spec.alerting) ? s.spec.alerting : {};
  if (alerting.disabled === true) return [];
  const severities = stringMap(alerting.severities);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.annotations)) if (k.startsWith(PREFIX)) annotations[k.slice(PREFIX.length)] = v;
  const ws = windows(windowMs);
  const out: Entry[] = [];
  const entry = (id: string, name: string, query: string, forNs: bigint, labels: Record<string, string>): Entry => {
    const e: Entry = { id: uniqueId(id, undefined, taken), name, source: o.source, query };
    if (forNs > 0n) e.for = formatDuration(msOf(forNs));
    e.severity = labels.severity;
    e.labels = labels;
    if (Object.keys(annotations).length) e.annotations = { ...annotations };
    return e;
  };
  if (alerting.burnrates !== false) {
    const name = text(alerting.name) || 'ErrorBudgetBurn';
    const grouped = new Set(ind.grouping);
    const tiers = ['fastBurn', 'mediumBurn', 'slowBurn', 'longTermBurn'];
    // Pyrra writes the target with strconv 'f' -1 and the factor with %.f: the same floats here.
    const targetText = plainNumber(target);
    ws.forEach((w, i) => {
      const threshold = `${w.factor} * (1-${targetText})`;
      const short = promDuration(msOf(w.shortNs));
      const long = promDuration(msOf(w.longNs));
      const labels = {
        ...propagated,
        ...equalLabels(ind.total, grouped),
        short,
        long,
        severity: severities[tiers[i]] || w.severity,
        exhaustion: promDuration(Math.trunc(windowMs / 1000 / w.factor) * 1000),
      };
      out.push(entry(`${sloId}-burn-${short}-${long}`, name, burnPair(ind.sli, msOf(w.shortNs), msOf(w.longNs), threshold), w.forNs, labels));
    });
  }
  if (alerting.absent !== false && ind.absent.length) {
    const name = text(alerting.absentName) || 'SLOMetricAbsent';
    // Objective.AbsentDuration: how long the fastest pair's long window takes to cross its threshold at 100% errors.
    const first = ws[0];
    const seconds = Math.trunc(first.factor * (1 - target) * (msOf(first.longNs) / 1000));
    const forNs = roundMinute(BigInt(seconds) * 1000n * NS + first.forNs);
    for (const a of ind.absent) {
      out.push(entry(`${sloId}-absent${a.suffix}`, name, `absent(${a.selector.text}) == 1`, forNs, { ...a.labels, severity: severities.absent || 'critical' }));
    }
  }
  return out;
}
