// A Grafana dashboard -> oncall SLOs, one per query target of each panel whose
// thresholds say what healthy is. Exact or reported: thresholds are read as
// Grafana colours a value (grafana-thresholds.ts), the panel's unit is kept,
// dashboard variables are resolved as Grafana sends the query
// (grafana-vars.ts), and every query is checked by its grammar. Every target
// that is not mapped is named on stderr with the reason.
import type { Unit } from '../config/quantity.js';
import { analyse, logqlKind } from '../lang/query.js';
import { legacyLevels, levelsText, stepsToLevels, type Levels, type Step } from './grafana-thresholds.js';
import { resolveTitle, resolveVariables, type Variable } from './grafana-vars.js';
import { plural, uniqueId, type Imported, type ImportOptions, type NotMapped } from './output.js';

type Obj = Record<string, unknown>;

interface Target {
  expr?: unknown;
  refId?: string;
  hide?: boolean;
  legendFormat?: string;
  datasource?: unknown;
}

interface Panel extends Obj {
  title?: string;
  type?: string;
  targets?: Target[];
  datasource?: unknown;
  panels?: Panel[];
}

export interface GrafanaOptions extends ImportOptions {
  /** Values for dashboard variables, from --var name=value. */
  vars?: Record<string, string>;
}

export class NotDashboard extends Error {}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

// Panels that show one value per series, coloured by the thresholds.
const VALUE_PANELS = new Set(['stat', 'gauge', 'bargauge', 'singlestat', 'timeseries', 'graph']);

const UNITS: Record<string, Unit> = {
  s: 's',
  dtdurations: 's',
  ms: 'ms',
  percent: 'percent',
  percentunit: 'ratio',
  reqps: 'per_second',
  rps: 'per_second',
  ops: 'per_second',
  wps: 'per_second',
  iops: 'per_second',
  bytes: 'bytes',
  decbytes: 'bytes',
  short: 'count',
  none: 'count',
  '': 'count',
};

/** The panels of a dashboard, rows and collapsed rows included, and of the old `rows:` layout. */
function allPanels(dash: Obj): Panel[] {
  const out: Panel[] = [];
  const walk = (ps: unknown) => {
    if (!Array.isArray(ps)) return;
    for (const p of ps) {
      if (!isObj(p)) continue;
      out.push(p as Panel);
      walk(p.panels);
    }
  };
  walk(dash.panels);
  if (Array.isArray(dash.rows)) for (const r of dash.rows) if (isObj(r)) walk(r.panels);
  return out;
}

/** The datasource type a target's query is in: from the target, the panel, the dashboard's inputs or variables. */
function datasourceType(ds: unknown, dash: Obj, vars: Variable[]): string | null {
  const ref = isObj(ds) ? (typeof ds.type === 'string' ? ds.type : typeof ds.uid === 'string' ? ds.uid : null) : typeof ds === 'string' ? ds : null;
  if (ref === null) return null;
  const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(ref)?.[1];
  if (!name) return isObj(ds) && typeof ds.type === 'string' ? ds.type : /loki/i.test(ref) ? 'loki' : /prom/i.test(ref) ? 'prometheus' : null;
  const input = Array.isArray(dash.__inputs) ? dash.__inputs.find((i) => isObj(i) && i.name === name) : undefined;
  if (isObj(input) && typeof input.pluginId === 'string') return input.pluginId;
  const v = vars.find((x) => x.name === name && x.type === 'datasource');
  return v && typeof v.query === 'string' ? v.query : null;
}

/** What judges a panel: levels, or why nothing does; null when it has no thresholds at all. */
function levelsOf(p: Panel): Levels | string | null {
  const defaults = isObj(p.fieldConfig) && isObj(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
  const modern = isObj(defaults.thresholds) ? defaults.thresholds : null;
  if (modern && Array.isArray(modern.steps)) {
    const steps = modern.steps.filter(isObj).map((s) => ({ value: typeof s.value === 'number' ? s.value : null, color: String(s.color ?? '') }));
    if (modern.mode === 'percentage') {
      const { min, max } = defaults as { min?: unknown; max?: unknown };
      if (typeof min !== 'number' || typeof max !== 'number') return 'thresholds in percent of a min and max the panel does not fix';
      for (const s of steps) if (s.value !== null) s.value = Number((min + ((max - min) * s.value) / 100).toPrecision(15));
    }
    const color = isObj(defaults.color) ? defaults.color.mode : undefined;
    const style = isObj(defaults.custom) && isObj(defaults.custom.thresholdsStyle) ? defaults.custom.thresholdsStyle.mode : undefined;
    // A time series draws thresholds only when asked to; Grafana puts a red 80 on every new panel.
    if ((p.type === 'timeseries' || p.type === 'graph') && color !== 'thresholds' && (style === undefined || style === 'off')) {
      return 'thresholds are not shown on this time series (Grafana adds a red 80 to every new panel)';
    }
    if (p.type !== 'timeseries' && p.type !== 'graph' && color !== undefined && color !== 'thresholds') return `the panel is coloured by ${String(color)}, not by its thresholds`;
    return stepsToLevels(sortSteps(steps));
  }
  if (Array.isArray(p.thresholds) && p.thresholds.some((t) => isObj(t) && 'colorMode' in t)) return legacyLevels(p.thresholds.filter(isObj));
  // Hand-written [{value, color}], read as Grafana reads steps: the first is the base.
  if (Array.isArray(p.thresholds) && p.thresholds.length) {
    return stepsToLevels(sortSteps(p.thresholds.filter(isObj).map((s, i) => ({ value: i === 0 ? null : Number(s.value), color: String(s.color ?? '') }))));
  }
  // Singlestat: "80,90" and three colours, from value >= each limit; they colour something only when asked to.
  if (typeof p.thresholds === 'string' && p.thresholds.trim() !== '') {
    const limits = p.thresholds.split(',').map((x) => Number(x.trim()));
    const colors = Array.isArray(p.colors) ? p.colors.map(String) : [];
    if (limits.some((n) => !Number.isFinite(n)) || colors.length < limits.length + 1) return `thresholds ${JSON.stringify(p.thresholds)} do not read as numbers with a colour each`;
    const shown = p.colorBackground === true || p.colorValue === true || (isObj(p.gauge) && p.gauge.show === true);
    if (!shown) return 'the singlestat colours neither its value nor its background';
    return stepsToLevels([{ value: null, color: colors[0] }, ...limits.map((v, i) => ({ value: v, color: colors[i + 1] }))]);
  }
  return null;
}

function sortSteps(steps: Step[]): Step[] {
  const [base, ...rest] = steps;
  return base ? [{ value: null, color: base.color }, ...rest.filter((s) => s.value !== null).sort((a, b) => a.value! - b.value!)] : [];
}

const slug = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'PANEL';

export function importGrafana(input: string, o: GrafanaOptions): Imported {
  let doc: unknown;
  try {
    doc = JSON.parse(input);
  } catch (e) {
    throw new NotDashboard(`not JSON: ${(e as Error).message}`);
  }
  const dash = isObj(doc) && isObj(doc.dashboard) ? doc.dashboard : doc;
  if (!isObj(dash) || (!Array.isArray(dash.panels) && !Array.isArray(dash.rows))) throw new NotDashboard('no panels');
  const vars: Variable[] = isObj(dash.templating) && Array.isArray(dash.templating.list) ? (dash.templating.list.filter(isObj) as unknown as Variable[]) : [];
  const lang = o.type === 'loki' ? 'logql' : 'promql';
  const entries: Array<Record<string, unknown>> = [];
  const notMapped: NotMapped[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  let withoutQuery = 0;
  for (const p of allPanels(dash)) {
    const title = typeof p.title === 'string' && p.title.trim() ? resolveTitle(p.title.trim(), vars, o.vars ?? {}) : `panel ${String(p.id ?? '?')}`;
    const targets = (Array.isArray(p.targets) ? p.targets : []).filter(isObj) as Target[];
    if (p.type === 'row' || targets.length === 0) {
      if (p.type !== 'row') withoutQuery++;
      continue;
    }
    const several = targets.length > 1;
    const what = (t: Target) => `panel "${title}"${several ? ` target ${t.refId ?? targets.indexOf(t) + 1}` : ''}`;
    const reject = (why: string, ts = targets) => ts.forEach((t) => notMapped.push({ what: what(t), why }));
    if (!VALUE_PANELS.has(String(p.type))) {
      reject(`a ${String(p.type)} panel has no single value per series to judge`);
      continue;
    }
    const levels = levelsOf(p);
    if (levels === null) {
      reject('no thresholds to take an objective from');
      continue;
    }
    if (typeof levels === 'string') {
      reject(levels);
      continue;
    }
    const defaults = isObj(p.fieldConfig) && isObj(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
    const overrides = isObj(p.fieldConfig) && Array.isArray(p.fieldConfig.overrides) ? p.fieldConfig.overrides : [];
    if (overrides.some((ov) => isObj(ov) && Array.isArray(ov.properties) && ov.properties.some((x) => isObj(x) && (x.id === 'thresholds' || x.id === 'unit')))) {
      reject('an override gives some series other thresholds or another unit');
      continue;
    }
    const grafanaUnit = String(defaults.unit ?? p.format ?? (Array.isArray(p.yaxes) && isObj(p.yaxes[0]) ? p.yaxes[0].format ?? '' : ''));
    const unit = UNITS[grafanaUnit] ?? 'count';
    const calcs = isObj(p.options) && isObj(p.options.reduceOptions) && Array.isArray(p.options.reduceOptions.calcs) ? p.options.reduceOptions.calcs.map(String) : null;
    const reduced = calcs && calcs.length && !calcs.every((c) => c === 'lastNotNull' || c === 'last') ? calcs.join(', ') : null;
    const thresholdText = levelsText(levels);
    for (const t of targets) {
      if (t.hide === true) {
        notMapped.push({ what: what(t), why: 'the target is hidden on the dashboard' });
        continue;
      }
      if (typeof t.expr !== 'string' || t.expr.trim() === '') {
        notMapped.push({ what: what(t), why: 'no PromQL or LogQL expr (another kind of datasource)' });
        continue;
      }
      const type = datasourceType(t.datasource ?? p.datasource, dash, vars);
      if (type !== null && type !== o.type && type !== '-- Mixed --' && type !== 'datasource') {
        notMapped.push({ what: what(t), why: type === 'prometheus' || type === 'loki' ? `a ${type} query; import with --type ${type}` : `datasource ${type} is not Prometheus or Loki` });
        continue;
      }
      const resolved = resolveVariables(t.expr, vars, o.vars ?? {});
      if (!resolved.ok) {
        notMapped.push({ what: what(t), why: resolved.why });
        continue;
      }
      const query = resolved.text.trim();
      const checked = analyse(lang, query);
      if (checked.error) {
        notMapped.push({ what: what(t), why: checked.error });
        continue;
      }
      if (lang === 'logql' && logqlKind(checked) === 'log') {
        notMapped.push({ what: what(t), why: 'a LogQL log query shows lines, not a value' });
        continue;
      }
      const id = uniqueId(several ? `${slug(title)}-${slug(t.refId ?? String(targets.indexOf(t) + 1))}` : slug(title), undefined, taken);
      const entry: Record<string, unknown> = { id, name: several && t.legendFormat && !t.legendFormat.includes('{{') ? `${title}: ${t.legendFormat}` : title, source: o.source, query, unit, ...thresholdText };
      if (typeof p.description === 'string' && p.description.trim()) entry.description = p.description.trim();
      entries.push(entry);
      if (!UNITS[grafanaUnit]) notes.push(`${id}: unit ${JSON.stringify(grafanaUnit)} has no oncall equivalent; values show as plain numbers`);
      if (reduced) notes.push(`${id}: Grafana shows the ${reduced} over the dashboard's range; oncall judges the latest value`);
    }
  }
  const reasons = new Map<string, number>();
  for (const n of notMapped) {
    const key = n.why.replace(/ \(.*$|: .*$|; .*$/, '').replace(/unresolved variable .*/, 'unresolved variable');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const why = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
  const summary = `imported ${plural(entries.length, 'SLO')}; ${notMapped.length} target${notMapped.length === 1 ? '' : 's'} not mapped${why.length ? ` (${why.join('; ')})` : ''}${withoutQuery ? `; ${plural(withoutQuery, 'panel')} without a query` : ''}`;
  return { kind: 'slos', entries, severities: [], notMapped, notes, summary };
}

