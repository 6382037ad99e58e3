// Sloth SLO specs -> oncall SLOs and the page/ticket alerts Sloth generates
// for them. Reads `version: prometheus/v1` specs and `PrometheusServiceLevel`
// manifests (sloth.slok.dev/v1, camelCase keys), in multi-document YAML.
//
// Sloth records each SLI as an error ratio per window (`(errors) / (total)`,
// or the raw error ratio) and alerts when two windows both burn faster than
// a factor of the budget. oncall's SLO reads the same ratio, so each alert is
// written over `ratioQuery` of the SLO's own errors and total, with Sloth's
// windows, factors and budget constant, and fires for the same series.
import { type ImportOptions, type NotMapped, uniqueId } from './output.js';
import {
  alertSeverities,
  burnPair,
  documents,
  type Entry,
  naming,
  type RatioSli,
  ratioField,
  type SloImported,
  stringMap,
  summaryLine,
  withWindowPlaceholder,
} from './slo-spec.js';
import { isObj, type Obj, text } from './untyped.js';

export class NotSloth extends Error {}

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

/**
 * Sloth's default alert windows (internal/alert/windows/google-30d.yaml): the
 * share of the budget each pair allows to burn over its long window. The
 * period is not in the spec (`sloth generate --default-slo-period`, 30d).
 */
const PERIOD_DAYS = 30;
const WINDOWS = {
  page: [
    { budgetPercent: 2, shortMs: 5 * M, longMs: 1 * H },
    { budgetPercent: 5, shortMs: 30 * M, longMs: 6 * H },
  ],
  ticket: [
    { budgetPercent: 10, shortMs: 2 * H, longMs: 1 * D },
    { budgetPercent: 10, shortMs: 6 * H, longMs: 3 * D },
  ],
} as const;

/** Sloth's burn factor, computed as it does (getBurnRateFactor), so the number printed is the same float. */
function factor(budgetPercent: number, longMs: number): number {
  return (budgetPercent * (PERIOD_DAYS * 24)) / 100 / (longMs / H);
}

interface Spec {
  where: string;
  camel: boolean;
  service: string;
  labels: Record<string, string>;
  plugins: string[];
  slos: unknown[];
}

/** The ids of a plugin chain (`slo_plugins`, an SLO's `plugins`). */
function pluginIds(p: unknown): string[] {
  return isObj(p) && Array.isArray(p.chain) ? p.chain.map((c) => (isObj(c) ? (text(c.id) ?? '?') : '?')) : [];
}

/** The spec in one object, or null when it is not a Sloth spec. */
function specOf(v: Obj, where: string): Spec | null {
  const read = (s: Obj, camel: boolean, at: string): Spec => ({
    where: at,
    camel,
    service: text(s.service) ?? '',
    labels: stringMap(s.labels),
    plugins: pluginIds(camel ? s.sloPlugins : s.slo_plugins),
    slos: Array.isArray(s.slos) ? s.slos : [],
  });
  if (v.version === 'prometheus/v1') return read(v, false, where);
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('sloth.slok.dev/') && v.kind === 'PrometheusServiceLevel' && isObj(v.spec)) {
    return read(v.spec, true, (isObj(v.metadata) ? text(v.metadata.name) : undefined) ?? where);
  }
  return null;
}

export function importSloth(input: string, o: ImportOptions): SloImported {
  const notMapped: NotMapped[] = [];
  const specs: Spec[] = [];
  for (const d of documents(input, notMapped)) {
    const spec = specOf(d.value, d.where);
    if (spec) specs.push(spec);
    else notMapped.push({ what: d.where, why: 'not a Sloth spec (no version: prometheus/v1, no kind: PrometheusServiceLevel)' });
  }
  if (specs.length === 0) throw new NotSloth(notMapped[0] ? `${notMapped[0].what}: ${notMapped[0].why}` : 'empty');

  const entries: Entry[] = [];
  const alerts: Entry[] = [];
  const sloIds = new Set<string>();
  const alertIds = new Set<string>();
  const labelled = new Set<string>();
  for (const spec of specs) {
    if (!spec.service) {
      notMapped.push({ what: spec.where, why: 'no service: Sloth names every SLO <service>-<name>' });
      continue;
    }
    if (spec.slos.length === 0) notMapped.push({ what: spec.service, why: 'no slos' });
    if (spec.plugins.length) {
      notMapped.push({ what: `${spec.service} ${spec.camel ? 'sloPlugins' : 'slo_plugins'}`, why: pluginsWhy(spec.plugins) });
    }
    for (const raw of spec.slos) {
      const r = mapSlo(raw, spec, o, sloIds, alertIds, notMapped);
      if (!r) continue;
      entries.push(r.slo);
      alerts.push(...r.alerts);
      for (const k of Object.keys({ ...spec.labels, ...r.labels })) labelled.add(k);
    }
  }
  const notes = [
    "Sloth's SLO period is not in the spec (sloth generate --default-slo-period, 30d unless set): " +
      'imported as period: 30d, and the alerts use its 30d windows and factors (14.4, 6, 3, 1)',
  ];
  if (labelled.size) {
    notes.push(
      `labels (${[...labelled].sort().join(', ')}) go on Sloth's recorded series; oncall's SLOs carry none, and its alerts carry only their own labels`,
    );
  }
  return {
    kind: 'slos',
    entries,
    alerts,
    severities: alertSeverities(alerts),
    notMapped,
    notes: entries.length ? notes : [],
    summary: summaryLine(entries.length, alerts.length, notMapped),
  };
}

function mapSlo(
  raw: unknown,
  spec: Spec,
  o: ImportOptions,
  sloIds: Set<string>,
  alertIds: Set<string>,
  notMapped: NotMapped[],
): { slo: Entry; alerts: Entry[]; labels: Record<string, string> } | null {
  if (!isObj(raw) || !text(raw.name)) {
    notMapped.push({ what: `${spec.service}/(unnamed)`, why: 'an SLO without a name' });
    return null;
  }
  const sloName = text(raw.name)!;
  const what = `${spec.service}/${sloName}`;
  const objective = typeof raw.objective === 'number' ? raw.objective : Number(text(raw.objective));
  if (!Number.isFinite(objective) || objective <= 0 || objective >= 100) {
    notMapped.push({ what, why: `objective ${JSON.stringify(raw.objective)}: oncall needs a target above 0% and below 100% (100% leaves no error budget)` });
    return null;
  }
  const sli = sliOf(raw.sli, spec.camel);
  if (!sli.ok) {
    notMapped.push({ what, why: sli.why });
    return null;
  }
  const plugins = pluginIds(raw.plugins);
  if (plugins.length) notMapped.push({ what: `${what} plugins`, why: pluginsWhy(plugins) });

  const id = uniqueId(`${spec.service}-${sloName}`, undefined, sloIds);
  const slo: Entry = {
    id,
    ...naming(text(raw.description), `${spec.service} ${sloName}`, undefined),
    source: o.source,
    ratio: ratioField(sli.sli),
    objective,
    period: `${PERIOD_DAYS}d`,
  };
  const alerts: Entry[] = [];
  const alerting = isObj(raw.alerting) ? raw.alerting : {};
  const alertName = text(alerting.name);
  const pageKey = spec.camel ? 'pageAlert' : 'page_alert';
  const ticketKey = spec.camel ? 'ticketAlert' : 'ticket_alert';
  for (const [severity, key] of [
    ['page', pageKey],
    ['ticket', ticketKey],
  ] as const) {
    const meta = isObj(alerting[key]) ? (alerting[key] as Obj) : {};
    if (meta.disable === true) continue;
    if (!alertName) {
      notMapped.push({ what: `${what} ${severity} alert`, why: 'alerting has no name, which Sloth requires for its alerts' });
      continue;
    }
    alerts.push(alertOf(sli.sli, severity, alertName, objective, spec.service, sloName, alerting, meta, o, alertIds));
  }
  return { slo, alerts, labels: stringMap(raw.labels) };
}

const pluginsWhy = (ids: string[]) => `Sloth runs plugins (${ids.join(', ')}) on the rules it generates; oncall cannot`;

function sliOf(v: unknown, camel: boolean): { ok: true; sli: RatioSli } | { ok: false; why: string } {
  if (!isObj(v)) return { ok: false, why: 'no sli' };
  if (isObj(v.events)) {
    const errors = text(v.events[camel ? 'errorQuery' : 'error_query']);
    const total = text(v.events[camel ? 'totalQuery' : 'total_query']);
    if (!errors || !total) return { ok: false, why: `an events SLI needs ${camel ? 'errorQuery and totalQuery' : 'error_query and total_query'}` };
    const e = withWindowPlaceholder(errors);
    if (!e.ok) return { ok: false, why: `error query ${e.why}` };
    const t = withWindowPlaceholder(total);
    if (!t.ok) return { ok: false, why: `total query ${t.why}` };
    return { ok: true, sli: { errors: e.query, total: t.query } };
  }
  if (isObj(v.raw)) {
    const ratio = text(v.raw[camel ? 'errorRatioQuery' : 'error_ratio_query']);
    if (!ratio) return { ok: false, why: `a raw SLI needs ${camel ? 'errorRatioQuery' : 'error_ratio_query'}` };
    const r = withWindowPlaceholder(ratio);
    if (!r.ok) return { ok: false, why: `error ratio query ${r.why}` };
    return { ok: true, sli: { errors: r.query, total: null } };
  }
  if (isObj(v.plugin)) {
    const options = Object.keys(stringMap(v.plugin.options));
    const id = JSON.stringify(text(v.plugin.id) ?? '?');
    return {
      ok: false,
      why:
        `SLI plugin ${id}${options.length ? ` (options ${options.join(', ')})` : ''}: its query is written by the plugin's Go code, which oncall cannot run; ` +
        'import the rules Sloth generated (oncall import prometheus-rules) or write the SLI as events',
    };
  }
  return { ok: false, why: 'the SLI is none of events, raw or plugin' };
}

/**
 * Sloth's alert rule (alert_rules_v1): the quick pair or the slow pair, each
 * `short > factor * budget and long > factor * budget`, with the budget as
 * Sloth computes it, `(100 - objective) / 100`, so the threshold is the same
 * float Sloth writes (0.0009999999999999432 for 99.9).
 */
function alertOf(
  sli: RatioSli,
  severity: 'page' | 'ticket',
  alertName: string,
  objective: number,
  service: string,
  sloName: string,
  alerting: Obj,
  meta: Obj,
  o: ImportOptions,
  taken: Set<string>,
): Entry {
  const budget = String((100 - objective) / 100);
  const query = WINDOWS[severity].map((w) => `(${burnPair(sli, w.shortMs, w.longMs, `${factor(w.budgetPercent, w.longMs)} * ${budget}`)})`).join(' or ');
  const labels: Record<string, string> = { ...stringMap(alerting.labels), ...stringMap(meta.labels) };
  labels.sloth_severity ??= severity;
  // Sloth's own annotations name the SLO through labels its recorded series carry; here they are constants.
  const annotations = {
    title: `(${severity}) ${service} ${sloName} SLO error budget burn rate is too fast.`,
    summary: `${service} ${sloName} SLO error budget burn rate is over expected.`,
    ...stringMap(alerting.annotations),
    ...stringMap(meta.annotations),
  };
  return {
    id: uniqueId(`${alertName}-${severity}`, undefined, taken),
    name: alertName,
    source: o.source,
    query,
    severity: labels.severity ?? severity,
    labels,
    annotations,
  };
}
