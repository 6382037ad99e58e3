// A Grafana dashboard -> oncall SLOs, one per query target of each panel whose
// thresholds say what healthy is. Exact or reported: thresholds are read as
// Grafana colours a value (grafana-thresholds.ts), the panel's unit is kept,
// dashboard variables are resolved as Grafana sends the query
// (grafana-vars.ts), and every query is checked by its grammar. Every target
// that is not mapped is named on stderr with the reason.
import { readYamlDocuments } from '../config/yaml-docs.js';
import { analyse, logqlKind } from '../lang/query.js';
import { readPanel } from './grafana-panel.js';
import { levelsText } from './grafana-thresholds.js';
import { resolveTitle, resolveVariables, type Variable } from './grafana-vars.js';
import { type Imported, type ImportOptions, type NotMapped, plural, uniqueId } from './output.js';
import { isObj, type Obj } from './untyped.js';

interface Target {
  expr?: unknown;
  refId?: unknown;
  hide?: unknown;
  legendFormat?: unknown;
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

const slug = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'PANEL';

const isDashboard = (v: unknown): v is Obj => isObj(v) && (Array.isArray(v.panels) || Array.isArray(v.rows));

function parsedJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The dashboards a value holds: itself, the API's `{dashboard, meta}`, the
 * JSON texts of a ConfigMap (as the Grafana sidecar loads them), a
 * grafana-operator GrafanaDashboard's `spec.json`, or the items of a List.
 */
function dashboardsIn(v: unknown): Obj[] {
  if (isDashboard(v)) return [v];
  if (!isObj(v)) return [];
  if (isDashboard(v.dashboard)) return [v.dashboard];
  if (v.kind === 'List' && Array.isArray(v.items)) return v.items.flatMap(dashboardsIn);
  if (v.kind === 'ConfigMap' && isObj(v.data)) return Object.values(v.data).flatMap((text) => dashboardsIn(parsedJson(text)));
  if (v.kind === 'GrafanaDashboard' && isObj(v.spec)) return [...dashboardsIn(parsedJson(v.spec.json)), ...dashboardsIn(v.spec.dashboard)];
  return [];
}

/** The dashboards in the input, JSON or YAML; the input's own kind decides the message when there are none. */
function dashboardsOf(input: string): Obj[] {
  const json = parsedJson(input);
  if (json !== undefined) {
    const found = dashboardsIn(json);
    if (found.length) return found;
    throw new NotDashboard('no panels');
  }
  const found = readYamlDocuments(input).flatMap((d) => (d.ok ? dashboardsIn(d.value) : []));
  if (found.length) return found;
  try {
    JSON.parse(input);
  } catch (e) {
    throw new NotDashboard(`not JSON: ${(e as Error).message}`);
  }
  throw new NotDashboard('no panels');
}

export function importGrafana(input: string, o: GrafanaOptions): Imported {
  const dashboards = dashboardsOf(input);
  const lang = o.type === 'loki' ? 'logql' : 'promql';
  const entries: Array<Record<string, unknown>> = [];
  const notMapped: NotMapped[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  let withoutQuery = 0;
  for (const dash of dashboards) {
    const vars: Variable[] = isObj(dash.templating) && Array.isArray(dash.templating.list) ? (dash.templating.list.filter(isObj) as unknown as Variable[]) : [];
    for (const p of allPanels(dash)) {
      const title = typeof p.title === 'string' && p.title.trim() ? resolveTitle(p.title.trim(), vars, o.vars ?? {}) : `panel ${String(p.id ?? '?')}`;
      const targets = (Array.isArray(p.targets) ? p.targets : []).filter(isObj) as Target[];
      if (p.type === 'row' || targets.length === 0) {
        if (p.type !== 'row') withoutQuery++;
        continue;
      }
      const several = targets.length > 1;
      const what = (t: Target) => `panel "${title}"${several ? ` target ${String(t.refId ?? targets.indexOf(t) + 1)}` : ''}`;
      const reject = (why: string, ts = targets) => ts.forEach((t) => notMapped.push({ what: what(t), why }));
      const panel = readPanel(p);
      if (typeof panel === 'string') {
        reject(panel);
        continue;
      }
      const thresholdText = levelsText(panel.levels);
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
          notMapped.push({
            what: what(t),
            why: type === 'prometheus' || type === 'loki' ? `a ${type} query; import with --type ${type}` : `datasource ${type} is not Prometheus or Loki`,
          });
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
        const id = uniqueId(several ? `${slug(title)}-${slug(String(t.refId ?? targets.indexOf(t) + 1))}` : slug(title), undefined, taken);
        const legend = typeof t.legendFormat === 'string' && t.legendFormat.trim() && !t.legendFormat.includes('{{') ? t.legendFormat.trim() : null;
        const entry: Record<string, unknown> = {
          id,
          name: several && legend ? `${title}: ${legend}` : title,
          source: o.source,
          query,
          unit: panel.unit,
          ...thresholdText,
        };
        if (typeof p.description === 'string' && p.description.trim()) entry.description = p.description.trim();
        entries.push(entry);
        if (panel.unknownUnit !== null) notes.push(`${id}: unit ${JSON.stringify(panel.unknownUnit)} has no oncall equivalent; values show as plain numbers`);
        if (panel.reduced) notes.push(`${id}: Grafana shows the ${panel.reduced} over the dashboard's range; oncall judges the latest value`);
      }
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
