// OpenSLO v1 (openslo/v1) SLOs -> oncall SLOs, from multi-document YAML or a
// top-level list of objects (as OpenSLO's SDK writes them).
//
// Mapped: `kind: SLO` with budgetingMethod Occurrences whose indicator (inline,
// or an `indicatorRef` to a `kind: SLI` in the same input) is a ratioMetric on
// Prometheus, one oncall SLO per objective; burnrate alert conditions of its
// alert policies. A query is windowed the way OpenSLO leaves to the tool:
// - with `{{.window}}` (Sloth's convention for OpenSLO): as written, `$window` for it;
// - `counter: true`, a selector or a sum of one: its increase over the window,
//   `sum (rate(selector[$window]))`, keeping the sum's by/without.
// good/total becomes the error ratio `1 - good / total` (as Sloth maps OpenSLO),
// so no good series reads as no data, never as no errors; bad/total is a ratio
// of errors; raw is the ratio itself (rawType failure) or one minus it.
// Timeslices, thresholdMetric, other sources and composite SLOs are reported.
import type { SyntaxNode } from '@lezer/common';
import { formatDuration, parseDuration } from '../config/duration.js';
import { analyse } from '../lang/query.js';
import { type ImportOptions, type NotMapped, uniqueId } from './output.js';
import {
  alertSeverities,
  documents,
  type Entry,
  naming,
  percentOf,
  plainNumber,
  type RatioSli,
  ratioField,
  ratioOver,
  ratioText,
  type SloImported,
  summaryLine,
  withWindowPlaceholder,
} from './slo-spec.js';
import { isObj, type Obj, text } from './untyped.js';

export class NotOpenSlo extends Error {}

interface Item {
  kind: string;
  name: string;
  value: Obj;
}

type Result<T> = { ok: true; value: T } | { ok: false; why: string };

const OPS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

export function importOpenSlo(input: string, o: ImportOptions): SloImported {
  const notMapped: NotMapped[] = [];
  const items: Item[] = [];
  let recognised = 0;
  for (const d of documents(input, notMapped)) {
    const v = d.value;
    const api = text(v.apiVersion);
    // openslo/v1, openslo/v1alpha and the spec's openslo.com/v2alpha are all OpenSLO; only v1 is read.
    if (!api?.startsWith('openslo/') && !api?.startsWith('openslo.com/')) {
      notMapped.push({ what: d.where, why: 'not an OpenSLO object (apiVersion openslo/v1)' });
      continue;
    }
    recognised++;
    const kind = text(v.kind) ?? '(no kind)';
    const name = (isObj(v.metadata) ? text(v.metadata.name) : undefined) ?? '(unnamed)';
    if (api !== 'openslo/v1') notMapped.push({ what: `${kind} ${name}`, why: `apiVersion ${api}: oncall reads openslo/v1` });
    else items.push({ kind, name, value: v });
  }
  if (recognised === 0) throw new NotOpenSlo(notMapped[0] ? `${notMapped[0].what}: ${notMapped[0].why}` : 'empty');

  const find = (kind: string, name: string | undefined) => items.find((i) => i.kind === kind && i.name === name);
  const used = new Set<Item>();
  const entries: Entry[] = [];
  const alerts: Entry[] = [];
  const notes: string[] = [];
  const sloIds = new Set<string>();
  const alertIds = new Set<string>();
  for (const item of items.filter((i) => i.kind === 'SLO')) {
    const r = mapSlo(item, o, { find, used, notMapped, notes, sloIds, alertIds });
    entries.push(...r.slos);
    alerts.push(...r.alerts);
  }
  for (const item of items) {
    if (item.kind === 'SLO' || used.has(item)) continue;
    notMapped.push({ what: `${item.kind} ${item.name}`, why: unusedWhy(item.kind) });
  }
  const summary = summaryLine(entries.length, alerts.length, notMapped);
  return { kind: 'slos', entries, alerts, severities: alertSeverities(alerts), notMapped, notes: [...new Set(notes)], summary };
}

function unusedWhy(kind: string): string {
  switch (kind) {
    case 'SLI':
      return 'no mapped SLO in the input refers to it; an SLI alone has no objective';
    case 'AlertPolicy':
    case 'AlertCondition':
    case 'AlertNotificationTarget':
      return 'no mapped SLO in the input uses it';
    case 'Service':
      return "oncall's config is one service (--service names it)";
    case 'DataSource':
      return 'no mapped query reads from it; queries go to the --source';
    default:
      return `kind ${kind}: oncall imports SLOs, with the SLIs and alert policies they use`;
  }
}

interface Ctx {
  find: (kind: string, name: string | undefined) => Item | undefined;
  used: Set<Item>;
  notMapped: NotMapped[];
  notes: string[];
  sloIds: Set<string>;
  alertIds: Set<string>;
}

function mapSlo(item: Item, o: ImportOptions, ctx: Ctx): { slos: Entry[]; alerts: Entry[] } {
  const none = { slos: [], alerts: [] };
  const spec = isObj(item.value.spec) ? item.value.spec : {};
  const meta = isObj(item.value.metadata) ? item.value.metadata : {};
  const what = `SLO ${item.name}`;
  const why: string[] = [];
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isObj) : [];
  const odd = Array.isArray(spec.objectives) ? spec.objectives.length - objectives.length : 0;
  if (odd) ctx.notMapped.push({ what: `${what} objectives`, why: `${odd} of them not a mapping (an objective has a target and a displayName)` });
  if (objectives.length === 0) why.push('no objectives');
  if (objectives.some((x) => x.indicator !== undefined || x.indicatorRef !== undefined)) {
    why.push('a composite SLO (objectives with indicators of their own): oncall has no composite budget');
  }
  const method = text(spec.budgetingMethod);
  if (method !== 'Occurrences') {
    why.push(
      method === 'Timeslices' || method === 'RatioTimeslices'
        ? `budgetingMethod ${method}: the budget ${method === 'Timeslices' ? 'counts good time slices' : "averages time slices' ratios"}${sliceOf(objectives)}; ` +
            "oncall's ratio SLOs count events (Occurrences)"
        : `budgetingMethod ${JSON.stringify(spec.budgetingMethod ?? null)}: oncall's ratio SLOs count events (Occurrences)`,
    );
  }
  // What reading the indicator reports about its parts matters only if the SLO is mapped.
  const [pieces, noted] = [ctx.notMapped.length, ctx.notes.length];
  const sli = indicatorOf(spec, ctx);
  if (!sli.ok) why.push(sli.why);
  if (why.length || !sli.ok) {
    ctx.notMapped.length = pieces;
    ctx.notes.length = noted;
    ctx.notMapped.push({ what, why: why.join('; ') });
    return none;
  }
  const window = periodOf(spec, what, ctx);
  const slos: Entry[] = [];
  const alerts: Entry[] = [];
  const display = text(meta.displayName);
  objectives.forEach((obj, i) => {
    const label = text(obj.displayName);
    const objWhat = objectives.length > 1 ? `${what} objective ${JSON.stringify(label ?? i + 1)}` : what;
    const t = targetOf(obj);
    if (!t.ok) {
      ctx.notMapped.push({ what: objWhat, why: t.why });
      return;
    }
    if (obj.value !== undefined) ctx.notMapped.push({ what: `${objWhat} value`, why: `op/value compare a thresholdMetric; a ratio SLI takes only the target` });
    const slug = (label ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const id = uniqueId(item.name, objectives.length > 1 ? slug || String(i + 1) : undefined, ctx.sloIds);
    const readable = objectives.length > 1 && label ? `${display ?? item.name}: ${label}` : (display ?? label);
    const slo: Entry = {
      id,
      ...naming(readable, item.name, text(spec.description)),
      source: o.source,
      ratio: ratioField(sli.value),
      objective: t.value.percent,
    };
    if (window) slo.period = window;
    slos.push(slo);
    alerts.push(...policyAlerts(spec, item, id, sli.value, t.value.ratio, o, ctx));
  });
  return { slos, alerts };
}

function sliceOf(objectives: Obj[]): string {
  const w = objectives.map((x) => text(x.timeSliceWindow)).find(Boolean);
  const t = objectives.map((x) => text(x.timeSliceTarget)).find(Boolean);
  return w ? ` (timeSliceWindow ${w}${t ? `, timeSliceTarget ${t}` : ''})` : '';
}

/** A number, also when written as text ("0.99"), as YAML writers often quote it. */
const numeric = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

function targetOf(raw: Obj): Result<{ percent: number; ratio: string }> {
  const obj = { ...raw, target: numeric(raw.target), targetPercent: numeric(raw.targetPercent) };
  if (typeof obj.target === 'number') {
    if (!(obj.target > 0 && obj.target < 1)) return { ok: false, why: `target ${obj.target}: oncall needs a ratio above 0 and below 1` };
    return { ok: true, value: { percent: percentOf(obj.target), ratio: plainNumber(obj.target) } };
  }
  if (typeof obj.targetPercent === 'number') {
    if (!(obj.targetPercent > 0 && obj.targetPercent < 100)) {
      return { ok: false, why: `targetPercent ${obj.targetPercent}: oncall needs a percent above 0 and below 100` };
    }
    return { ok: true, value: { percent: obj.targetPercent, ratio: ratioText(obj.targetPercent) } };
  }
  return { ok: false, why: 'no target or targetPercent' };
}

/** The budget period: a rolling window's duration. A calendar one is read as rolling, and said so. */
function periodOf(spec: Obj, what: string, ctx: Ctx): string | undefined {
  const tw = Array.isArray(spec.timeWindow) ? spec.timeWindow.filter(isObj) : [];
  if (tw.length === 0) {
    ctx.notes.push(`${what}: no timeWindow; oncall's default budget period (30d) applies`);
    return undefined;
  }
  const w = tw[0];
  const duration = text(w.duration);
  const ms = duration === undefined ? null : parseDuration(duration);
  if (ms === null || ms <= 0) {
    ctx.notMapped.push({
      what: `${what} timeWindow`,
      why: `duration ${JSON.stringify(w.duration ?? null)} is not a duration oncall reads (calendar months and quarters have no fixed length); the default period (30d) applies`,
    });
    return undefined;
  }
  const calendar = isObj(w.calendar) ? w.calendar : null;
  if (w.isRolling !== true && (calendar || w.isRolling === false)) {
    const from = calendar ? ` from ${text(calendar.startTime) ?? '?'} ${text(calendar.timeZone) ?? ''}`.trimEnd() : '';
    ctx.notMapped.push({ what: `${what} timeWindow`, why: `calendar-aligned${from}: oncall's budget period rolls, so it is read as the last ${duration}` });
  }
  return duration!.trim();
}

function indicatorOf(spec: Obj, ctx: Ctx): Result<RatioSli> {
  let sliSpec: Obj | undefined;
  let sliName: string | undefined;
  if (isObj(spec.indicator)) {
    sliSpec = isObj(spec.indicator.spec) ? spec.indicator.spec : undefined;
    sliName = isObj(spec.indicator.metadata) ? text(spec.indicator.metadata.name) : undefined;
  } else if (spec.indicatorRef !== undefined) {
    const ref = ctx.find('SLI', text(spec.indicatorRef));
    if (!ref) return { ok: false, why: `indicatorRef ${JSON.stringify(spec.indicatorRef)}: no kind: SLI of that name in the input` };
    ctx.used.add(ref);
    sliSpec = isObj(ref.value.spec) ? ref.value.spec : undefined;
    sliName = ref.name;
  } else return { ok: false, why: 'no indicator or indicatorRef' };
  const at = `SLI ${JSON.stringify(sliName ?? '(inline)')}`;
  if (!sliSpec) return { ok: false, why: `${at} has no spec` };
  if (sliSpec.thresholdMetric !== undefined) {
    return { ok: false, why: `${at} is a thresholdMetric: a value compared with op/value per time slice, not a ratio of events` };
  }
  if (!isObj(sliSpec.ratioMetric)) return { ok: false, why: `${at} has no ratioMetric` };
  const rm = sliSpec.ratioMetric;
  const query = (field: string) => metricQuery(rm[field], `${at} ${field}`, field === 'raw' ? 'raw' : rm.counter === true ? 'counter' : 'gauge', ctx);
  if (rm.raw !== undefined) {
    const raw = query('raw');
    if (!raw.ok) return raw;
    const type = text(rm.rawType);
    if (type !== 'success' && type !== 'failure') return { ok: false, why: `${at} raw: rawType ${JSON.stringify(rm.rawType ?? null)} (success or failure)` };
    return { ok: true, value: { errors: type === 'failure' ? raw.value.query : `1 - (${raw.value.query})`, total: null } };
  }
  if (rm.good !== undefined && rm.bad !== undefined) return { ok: false, why: `${at} has both good and bad` };
  const part = rm.good !== undefined ? 'good' : rm.bad !== undefined ? 'bad' : null;
  if (!part) return { ok: false, why: `${at} ratioMetric needs good or bad with total, or raw` };
  const numerator = query(part);
  if (!numerator.ok) return numerator;
  const total = query('total');
  if (!total.ok) return total;
  return part === 'bad'
    ? { ok: true, value: { errors: numerator.value.query, total: total.value.query } }
    : { ok: true, value: { errors: `1 - ((${numerator.value.query}) / (${total.value.query}))`, total: null } };
}

/**
 * One metricSource's query, over `$window`. `counter` has no effect on a raw
 * ratio: only one written over {{.window}} says which window it covers.
 */
function metricQuery(v: unknown, at: string, kind: 'counter' | 'gauge' | 'raw', ctx: Ctx): Result<{ query: string }> {
  const source = isObj(v) && isObj(v.metricSource) ? v.metricSource : null;
  if (!source) return { ok: false, why: `${at}: no metricSource` };
  const ref = text(source.metricSourceRef);
  const dataSource = ref ? ctx.find('DataSource', ref) : undefined;
  if (dataSource) ctx.used.add(dataSource);
  const type = text(source.type) ?? (dataSource && isObj(dataSource.value.spec) ? text(dataSource.value.spec.type) : undefined);
  if (type?.toLowerCase() !== 'prometheus') {
    return { ok: false, why: `${at}: metricSource type ${JSON.stringify(type ?? null)}; oncall reads Prometheus (PromQL)` };
  }
  const spec = isObj(source.spec) ? source.spec : {};
  const q = text(spec.query);
  if (!q) return { ok: false, why: `${at}: metricSource.spec has no query` };
  const extra = Object.keys(spec).filter((k) => k !== 'query');
  if (extra.length) {
    ctx.notMapped.push({
      what: `${at} metricSource.spec ${extra.join(', ')}`,
      why: 'not OpenSLO fields; what they mean is up to the tool that reads them, so the query is used as written',
    });
  }
  if (ref) ctx.notes.push(`${at}: metricSourceRef ${ref}; the query goes to the --source`);
  if (q.includes('{{')) {
    const w = withWindowPlaceholder(q);
    return w.ok ? { ok: true, value: { query: w.query } } : { ok: false, why: `${at}: ${w.why}` };
  }
  const shown = JSON.stringify(q.trim());
  if (kind === 'raw') return { ok: false, why: `${at}: ${shown} is a precomputed ratio without {{.window}}; over which window it was computed is unknown` };
  if (kind === 'gauge') {
    return {
      ok: false,
      why: `${at}: ${shown} has no {{.window}} and the metric is not a counter (counter: true), so its events over a window are not defined`,
    };
  }
  const inc = increaseOf(q.trim());
  return inc.ok ? { ok: true, value: { query: inc.value } } : { ok: false, why: `${at}: ${inc.why}` };
}

/**
 * A counter's increase over `$window` from a selector, or a `sum` of one:
 * `sum by (a) (rate(selector[$window]))`. The rate goes inside the sum,
 * where Prometheus handles each series' resets.
 */
function increaseOf(q: string): Result<string> {
  const a = analyse('promql', q);
  if (a.error) return { ok: false, why: `${JSON.stringify(q)}: ${a.error}` };
  let top: SyntaxNode | null = a.tree?.topNode.firstChild ?? null;
  while (top?.name === 'ParenExpr' && top.firstChild) top = top.firstChild;
  const slice = (n: SyntaxNode) => q.slice(n.from, n.to);
  if (top?.name === 'VectorSelector') return { ok: true, value: `sum(rate(${slice(top)}[$window]))` };
  if (top?.name === 'AggregateExpr' && top.getChild('AggregateOp')?.firstChild?.name === 'Sum') {
    const body = top.getChild('FunctionCallBody');
    const inner = body?.firstChild;
    const modifier = top.getChild('AggregateModifier');
    if (inner?.name === 'VectorSelector' && !inner.nextSibling) {
      return { ok: true, value: `sum${modifier ? ` ${slice(modifier)}` : ''} (rate(${slice(inner)}[$window]))` };
    }
  }
  return { ok: false, why: `${JSON.stringify(q)}: the increase of a counter is taken of a selector or a sum of one; write the query with [{{.window}}]` };
}

/** Burnrate conditions of the SLO's alert policies, as alerts on `error ratio / (1 - target)`. */
function policyAlerts(spec: Obj, slo: Item, sloId: string, sli: RatioSli, target: string, o: ImportOptions, ctx: Ctx): Entry[] {
  const out: Entry[] = [];
  const policies = Array.isArray(spec.alertPolicies) ? spec.alertPolicies : [];
  policies.forEach((p, i) => {
    let policy: Obj | undefined;
    if (isObj(p) && p.alertPolicyRef !== undefined) {
      const ref = ctx.find('AlertPolicy', text(p.alertPolicyRef));
      if (!ref) {
        ctx.notMapped.push({ what: `SLO ${slo.name} alertPolicyRef ${text(p.alertPolicyRef)}`, why: 'no kind: AlertPolicy of that name in the input' });
        return;
      }
      ctx.used.add(ref);
      policy = ref.value;
    } else if (isObj(p)) policy = p;
    const pspec = policy && isObj(policy.spec) ? policy.spec : null;
    const pname = (policy && isObj(policy.metadata) ? text(policy.metadata.name) : undefined) ?? `alertPolicies[${i}]`;
    const at = `SLO ${slo.name} policy ${pname}`;
    if (!pspec) {
      ctx.notMapped.push({ what: at, why: 'no spec' });
      return;
    }
    if (pspec.alertWhenBreaching === false) {
      ctx.notMapped.push({ what: at, why: 'alertWhenBreaching: false; oncall alerts while a condition holds' });
      return;
    }
    for (const flag of ['alertWhenResolved', 'alertWhenNoData'] as const) {
      if (pspec[flag] === true) {
        ctx.notMapped.push({ what: `${at} ${flag}`, why: 'a notification choice; oncall shows when an alert fires, and no data as unknown' });
      }
    }
    const targets = Array.isArray(pspec.notificationTargets) ? pspec.notificationTargets : [];
    if (targets.length) {
      const names = targets.map((t) => (isObj(t) ? (text(t.targetRef) ?? (isObj(t.metadata) ? text(t.metadata.name) : undefined) ?? '?') : '?'));
      for (const n of names) {
        const ref = ctx.find('AlertNotificationTarget', n);
        if (ref) ctx.used.add(ref);
      }
      ctx.notMapped.push({ what: `${at} notificationTargets`, why: `${names.join(', ')}: sending alerts stays with the alerting system; oncall shows them` });
    }
    const conditions = Array.isArray(pspec.conditions) ? pspec.conditions : [];
    for (const c of conditions) {
      let cond: Obj | undefined;
      if (isObj(c) && c.conditionRef !== undefined) {
        const ref = ctx.find('AlertCondition', text(c.conditionRef));
        if (!ref) {
          ctx.notMapped.push({ what: `${at} conditionRef ${text(c.conditionRef)}`, why: 'no kind: AlertCondition of that name in the input' });
          continue;
        }
        ctx.used.add(ref);
        cond = ref.value;
      } else if (isObj(c)) cond = c;
      const r = conditionAlert(cond, at, sloId, sli, target, o, ctx);
      if (r) out.push(r);
    }
  });
  return out;
}

function conditionAlert(cond: Obj | undefined, at: string, sloId: string, sli: RatioSli, target: string, o: ImportOptions, ctx: Ctx): Entry | null {
  const meta = cond && isObj(cond.metadata) ? cond.metadata : {};
  const name = text(meta.name) ?? 'condition';
  const what = `${at} condition ${name}`;
  const cspec = cond && isObj(cond.spec) ? cond.spec : null;
  const c = cspec && isObj(cspec.condition) ? cspec.condition : null;
  if (!c) {
    ctx.notMapped.push({ what, why: 'no condition' });
    return null;
  }
  const kind = text(c.kind) ?? 'burnrate';
  const op = OPS[text(c.op) ?? ''];
  const threshold = typeof c.threshold === 'number' ? c.threshold : NaN;
  const lookbackMs = parseDuration(text(c.lookbackWindow) ?? '');
  const afterMs = c.alertAfter === undefined ? 0 : parseDuration(text(c.alertAfter) ?? '');
  const bad =
    kind !== 'burnrate'
      ? `kind ${kind}: oncall reads burnrate conditions`
      : !op
        ? `op ${JSON.stringify(c.op ?? null)} (lt, lte, gt or gte)`
        : !Number.isFinite(threshold)
          ? `threshold ${JSON.stringify(c.threshold ?? null)} is not a number`
          : lookbackMs === null || lookbackMs <= 0
            ? `lookbackWindow ${JSON.stringify(c.lookbackWindow ?? null)} is not a duration`
            : afterMs === null
              ? `alertAfter ${JSON.stringify(c.alertAfter)} is not a duration`
              : null;
  if (bad) {
    ctx.notMapped.push({ what, why: bad });
    return null;
  }
  // The burn rate: the error ratio over the lookback window, in error budgets (1 - target).
  const entry: Entry = {
    id: uniqueId(`${sloId}-${name}`, undefined, ctx.alertIds),
    ...naming(text(meta.displayName), name, text(cspec!.description)),
    source: o.source,
    query: `(${ratioOver(sli, lookbackMs!)}) / (1 - ${target})`,
    condition: `${op} ${threshold}${afterMs ? ` for ${formatDuration(afterMs)}` : ''}`,
  };
  const severity = text(cspec!.severity);
  if (severity) entry.severity = severity;
  return entry;
}
