// Prometheus alerting rules -> oncall alerts, every one of them. Reads rule
// files (`groups:`), Kubernetes PrometheusRule manifests (`spec.groups`, also
// inside a `List`), bare lists of rules or groups, ConfigMaps holding rule
// files, multi-document YAML, and the flat `alerts:` lists some plans keep.
//
// A rule whose syntax tree is, at the top, a filtering comparison with a
// number becomes `query` + `condition` (the same series, the same values).
// Every other rule is imported whole: it fires for every series its
// expression returns, with `for` held per series, as Prometheus evaluates it.

import { formatDuration, parseDuration } from '../config/duration.js';
import { readYamlDocuments } from '../config/yaml-docs.js';
import { metricNames, topComparison } from '../lang/promql.js';
import { analyse } from '../lang/query.js';
import { type Imported, type ImportOptions, type NotMapped, plural, rankSeverities, uniqueId } from './output.js';
import { isObj, type Obj, text } from './untyped.js';

interface Rule {
  group: string;
  rule: Obj;
  /** The seed plans' flat lists: name/expr/for/severity/runbook/action. */
  flat: boolean;
}

/** The rules in one document; false when it holds none, so it is named on stderr rather than skipped in silence. */
function collect(doc: unknown, where: string, out: Rule[], problems: NotMapped[], intervals: string[]): boolean {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`);
  const rules = (list: unknown[], group: string, flat: boolean) =>
    list.forEach((r, i) => {
      if (isObj(r)) out.push({ group, rule: r, flat });
      else problems.push({ what: `${group} rule ${i + 1}`, why: `${kind(r)}, not a rule` });
    });
  const groups = (list: unknown, at: string) => {
    if (!Array.isArray(list)) {
      problems.push({ what: at, why: 'groups is not a list' });
      return true;
    }
    list.forEach((g, i) => {
      if (!isObj(g) || !Array.isArray(g.rules)) {
        problems.push({ what: `${at}[${i}]`, why: 'a group without rules:' });
        return;
      }
      const name = text(g.name) ?? `group ${i + 1}`;
      rules(g.rules, name, false);
      if (g.query_offset !== undefined)
        problems.push({ what: `${name}`, why: `query_offset: ${text(g.query_offset)} shifts when Prometheus evaluates this group; oncall evaluates at now` });
      if (g.interval !== undefined) intervals.push(`${name} (${text(g.interval)})`);
    });
    return true;
  };
  if (Array.isArray(doc)) {
    // A bare list: of groups (with rules:) or of rules (with alert:/record:).
    if (doc.every((x) => isObj(x) && Array.isArray(x.rules))) return groups(doc, where);
    if (doc.some((x) => isObj(x) && (x.alert !== undefined || x.record !== undefined))) {
      rules(doc, where, false);
      return true;
    }
    return false;
  }
  if (!isObj(doc)) return false;
  if (doc.kind === 'List' && Array.isArray(doc.items)) {
    let any = false;
    doc.items.forEach((item, i) => {
      if (collect(item, `${where} items[${i}]`, out, problems, intervals)) any = true;
      else problems.push({ what: `${where} items[${i}]`, why: 'not a rule file or PrometheusRule' });
    });
    return any;
  }
  if (isObj(doc.spec) && doc.spec.groups !== undefined) return groups(doc.spec.groups, `${where} ${text((doc.metadata as Obj | undefined)?.name) ?? 'spec'}`);
  if (doc.groups !== undefined) return groups(doc.groups, where);
  if (Array.isArray(doc.rules)) return groups([doc], where);
  if (Array.isArray(doc.alerts)) {
    rules(doc.alerts, where, true);
    return true;
  }
  // A ConfigMap whose data values are rule files (how kube-prometheus once shipped them).
  if (doc.kind === 'ConfigMap' && isObj(doc.data)) {
    let any = false;
    for (const [key, value] of Object.entries(doc.data)) {
      if (typeof value !== 'string') {
        problems.push({ what: `${where} data.${key}`, why: 'not text, so not a rule file' });
        continue;
      }
      const docs = readYamlDocuments(value);
      docs.forEach((d, i) => {
        const at = `${where} data.${key}${docs.length > 1 ? ` document ${i + 1}` : ''}`;
        if (!d.ok) problems.push({ what: at, why: `not YAML: ${d.message}` });
        else if (d.value === null || d.value === undefined) return;
        else if (collect(d.value, at, out, problems, intervals)) any = true;
        else problems.push({ what: at, why: 'not a rule file (no groups:, rules: or alerts:)' });
      });
    }
    return any;
  }
  return false;
}

export class NotRules extends Error {}

export interface RulesImportOptions extends ImportOptions {
  /** `--as-rules`: alerts that show Prometheus' own state of each rule (`rule: NAME`), not copies of their expressions. */
  asRules?: boolean;
}

export function importPrometheusRules(input: string, o: RulesImportOptions): Imported {
  const docs = readYamlDocuments(input);
  const rules: Rule[] = [];
  const notMapped: NotMapped[] = [];
  const intervals: string[] = [];
  let recognised = 0;
  let lokiRules = false;
  docs.forEach((d, i) => {
    const where = docs.length > 1 ? `document ${i + 1}` : 'file';
    if (!d.ok) {
      const template = input.includes('{{') && /^\s*\{\{|:\s*\{\{-?\s*(if|include|template|\.Values)/m.test(input);
      notMapped.push({
        what: where,
        why: `not YAML: ${d.message}${template ? '; it holds template actions ({{ ... }}): render it first (helm template)' : ''}`,
      });
      return;
    }
    if (o.type === 'prometheus' && isObj(d.value) && typeof d.value.apiVersion === 'string' && d.value.apiVersion.startsWith('loki.grafana.com/')) {
      lokiRules = true;
    }
    const js = d.value;
    if (js === null || js === undefined) return;
    if (collect(js, where, rules, notMapped, intervals)) recognised++;
    else notMapped.push({ what: where, why: 'not a rule file (no groups:, spec.groups, rules: or alerts:)' });
  });
  if (recognised === 0) throw new NotRules(notMapped[0] ? `${notMapped[0].what}: ${notMapped[0].why}` : 'empty');

  if (o.asRules) return asRuleReferences(rules, notMapped, o);
  const lang = o.type === 'loki' ? 'logql' : 'promql';
  const names = new Map<string, number>();
  for (const r of rules) {
    const n = text(r.rule.alert) ?? (r.flat ? text(r.rule.name) : undefined);
    if (n) names.set(n, (names.get(n) ?? 0) + 1);
  }
  const taken = new Set<string>();
  const entries: Array<Record<string, unknown>> = [];
  const severities = new Set<string>();
  let recording = 0;
  let asCondition = 0;
  const notes: string[] = [];
  const recorded = new Set(rules.map((r) => text(r.rule.record)).filter((r): r is string => r !== undefined));
  const readsRecorded: string[] = [];
  for (const { group, rule, flat } of rules) {
    const name = text(rule.alert) ?? (flat ? text(rule.name) : undefined);
    if (!name) {
      if (rule.record !== undefined) recording++;
      else notMapped.push({ what: `${group}/(unnamed)`, why: 'a rule with neither alert: nor record:' });
      continue;
    }
    const what = `${group}/${name}`;
    const expr = text(rule.expr)?.trim();
    if (!expr) {
      notMapped.push({ what, why: 'no expr' });
      continue;
    }
    const checked = analyse(lang, expr);
    if (checked.error) {
      notMapped.push({ what, why: checked.error });
      continue;
    }
    const hold = duration(rule.for, 'for');
    const keep = duration(rule.keep_firing_for, 'keep_firing_for');
    const bad = [hold, keep].find((d) => d.error);
    if (bad?.error) {
      notMapped.push({ what, why: bad.error });
      continue;
    }
    const dropped: string[] = [];
    const labels = stringMap(rule.labels, dropped, 'labels');
    const annotations = stringMap(rule.annotations, dropped, 'annotations');
    if (dropped.length) notMapped.push({ what, why: `${dropped.join(', ')}: not text, left out (Prometheus refuses such a rule file)` });
    const severity = labels?.severity ?? text(rule.severity);
    const entry: Record<string, unknown> = { id: uniqueId(name, (names.get(name) ?? 0) > 1 ? severity : undefined, taken) };
    if (entry.id !== name) entry.name = name;
    entry.source = o.source;
    // LogQL's grammar carries no operator precedence, so a Loki rule is always imported whole.
    const cmp = lang === 'promql' ? topComparison(expr) : null;
    if (cmp?.ok) {
      asCondition++;
      entry.query = cmp.query;
      entry.condition = `${cmp.op} ${cmp.value}${hold.ms ? ` for ${formatDuration(hold.ms)}` : ''}`;
    } else {
      entry.query = expr;
      if (hold.ms) entry.for = formatDuration(hold.ms);
    }
    if (keep.ms) entry.keep_firing_for = formatDuration(keep.ms);
    if (severity) {
      entry.severity = severity;
      severities.add(severity);
    }
    if (flat) {
      const runbook = text(rule.runbook);
      if (runbook) entry.runbook = runbook;
      const description = text(rule.description) ?? text(rule.summary);
      if (description) entry.description = description;
      if (rule.action !== undefined) notes.push(`${entry.id}: action: ${text(rule.action)} is routing, which stays in Alertmanager; oncall shows the alert`);
    }
    if (lang === 'promql' && [...metricNames(expr)].some((m) => recorded.has(m))) readsRecorded.push(String(entry.id));
    if (labels && Object.keys(labels).length) entry.labels = labels;
    if (annotations && Object.keys(annotations).length) entry.annotations = annotations;
    entries.push(entry);
  }
  const whole = entries.length - asCondition;
  const summary =
    `imported ${plural(entries.length, 'alert')} (${asCondition} as query + condition, ${whole} whole, firing on any series returned)` +
    `, ${notMapped.length} not mapped` +
    (recording ? `, ${plural(recording, 'recording rule')} left out (they record series; alerts read them as they are)` : '');
  if (lokiRules) notes.push('these are Loki rules (loki.grafana.com): their queries are LogQL; import them with --source loki');
  if (intervals.length) {
    notes.push(
      `groups with their own interval: ${intervals.join(', ')}; Prometheus judges their for at that step, oncall at each refresh (a for may fire up to one interval apart)`,
    );
  }
  if (readsRecorded.length) {
    notes.push(
      `${plural(readsRecorded.length, 'alert')} read series that recording rules in this file write (${readsRecorded.join(', ')}): load those rules in Prometheus, or these alerts see nothing`,
    );
  }
  return { kind: 'alerts', entries, severities: rankSeverities(severities), notMapped, notes, summary };
}

/**
 * One `rule:` alert per alerting rule name: Prometheus evaluates the rule,
 * oncall shows its verdict. A name several groups define is one alert, which
 * shows the series of all of them. Recording rules have no state to show.
 */
function asRuleReferences(rules: Rule[], notMapped: NotMapped[], o: ImportOptions): Imported {
  const entries: Array<Record<string, unknown>> = [];
  const severities = new Set<string>();
  const notes: string[] = [];
  const groupsOf = new Map<string, string[]>();
  const entryOf = new Map<string, Record<string, unknown>>();
  const taken = new Set<string>();
  let skipped = 0;
  for (const { group, rule, flat } of rules) {
    const name = text(rule.alert) ?? (flat ? text(rule.name) : undefined);
    if (!name) {
      const record = text(rule.record);
      if (record !== undefined) {
        skipped++;
        notMapped.push({ what: `${group}/${record}`, why: 'a recording rule: skipped, it writes a series and has no alert state to show' });
      } else notMapped.push({ what: `${group}/(unnamed)`, why: 'a rule with neither alert: nor record:' });
      continue;
    }
    const labels = isObj(rule.labels) ? rule.labels : {};
    const severity = text(labels.severity) ?? text(rule.severity);
    if (severity) severities.add(severity);
    const seen = entryOf.get(name);
    if (seen) {
      // kube-prometheus writes a warning and a critical rule of one name: the alert shows both, ranked by the worse.
      if (severity && (!seen.severity || rankSeverities([String(seen.severity), severity])[0] === severity)) seen.severity = severity;
      groupsOf.get(name)!.push(group);
      continue;
    }
    groupsOf.set(name, [group]);
    const entry: Record<string, unknown> = { id: uniqueId(name, undefined, taken) };
    entryOf.set(name, entry);
    if (entry.id !== name) entry.name = name;
    entry.source = o.source;
    entry.rule = name;
    if (severity) entry.severity = severity;
    const runbook = (flat ? text(rule.runbook) : undefined) ?? (isObj(rule.annotations) ? text(rule.annotations.runbook_url) : undefined);
    if (runbook) entry.runbook = runbook;
    entries.push(entry);
  }
  for (const [name, groups] of groupsOf) {
    if (groups.length > 1)
      notes.push(`${name} is defined by ${groups.length} rules (in ${[...new Set(groups)].join(', ')}): one alert shows the series of all of them`);
  }
  const summary =
    `imported ${plural(entries.length, 'alert')} as rule: references (Prometheus evaluates them; oncall shows its state)` +
    (skipped ? `, ${plural(skipped, 'recording rule')} skipped` : '') +
    `, ${notMapped.length - skipped} not mapped`;
  return { kind: 'alerts', entries, severities: rankSeverities(severities), notMapped, notes, summary };
}

function duration(v: unknown, field: string): { ms: number; error?: string } {
  if (v === undefined || v === null) return { ms: 0 };
  const s = text(v) ?? '';
  const ms = parseDuration(s);
  if (ms === null) return { ms: 0, error: `${field}: ${JSON.stringify(s)} is not a duration` };
  return { ms };
}

/** Labels or annotations as text; what is not text (Prometheus would refuse the file) is named in `dropped`. */
function stringMap(v: unknown, dropped: string[], field: string): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    const s = text(x);
    if (s !== undefined) out[k] = s;
    else dropped.push(`${field}.${k}`);
  }
  return out;
}
