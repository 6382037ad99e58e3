// Imported alerting rules against Prometheus' own evaluation of the same rule
// files, rule by rule, over a history built from what the rules select.
//
// - A real Prometheus loads the rule files and evaluates them from the moment
//   it starts; /api/v1/rules says, per rule, which series are pending or
//   firing. oncall, evaluated at the same instant over the same data, must
//   name the same series: firing exactly for rules without `for`; active
//   (pending or firing) for rules with `for`, since Prometheus has watched a
//   `for` only since it started, while oncall reads it from the history.
// - promtool's rule unit tests (Prometheus' rule engine over the same
//   history, evaluated every step from its start) give the firing series with
//   `for` and `keep_firing_for` held: oncall's firing series at the end must be
//   exactly those.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import type { AlertState } from '../../src/engine/state.js';
import { configDoc } from '../../src/import/output.js';
import { importPrometheusRules } from '../../src/import/prometheus-rules.js';
import { Poller } from '../../src/poller/poller.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { fixture } from '../helpers/paths.js';
import { type RealPrometheus, rulesEvaluatedAfter, startPrometheus } from '../helpers/real-prometheus.js';
import { metricsOf, STEP_S, synthesize, toOpenMetrics, toPromtoolSeries } from '../helpers/rule-history.js';

const FILES = [
  'rules/awesome-node-exporter.yml',
  'rules/node-mixin-alerts.yaml',
  'rules/etcd-mixin-alerts.yaml',
  'rules/awesome-kubestate.yml',
  'rules/snmp-mixin-alerts.yaml',
  'prometheusrule/kube-prometheus-nodeExporter.yaml',
  'prometheusrule/strimzi-kafka-rules.yaml',
];
const POINTS = 481; // two hours at 15 s
const PROMTOOL = process.env.ONCALL_PROMTOOL_BIN ?? '/usr/bin/promtool';

type Obj = Record<string, unknown>;
interface RuleGroup {
  name: string;
  rules: Obj[];
}

/**
 * The groups Prometheus would load: a rule file as it is, a PrometheusRule's
 * spec. A group's own `interval` goes: both engines evaluate every 15 s here,
 * as oncall reads a range at its refresh (the importer notes the interval).
 */
function groupsOf(text: string): RuleGroup[] {
  return parseAllDocuments(text).flatMap((d) => {
    const js = d.toJS() as Obj;
    return (((js.spec as Obj | undefined)?.groups ?? js.groups) as Array<RuleGroup & { interval?: string }>).map(({ interval: _, ...g }) => g);
  });
}

// ONCALL_RULE_FILES=/a.yml:/b.yaml runs the same comparison on other rule files instead.
const extra = process.env.ONCALL_RULE_FILES?.split(':').filter(Boolean);
const files = (extra ?? FILES).map((path) => {
  const text = extra ? readFileSync(path, 'utf8') : fixture(`import/${path}`);
  const groups = groupsOf(text);
  const imported = importPrometheusRules(text, { source: 'prometheus', type: 'prometheus' });
  const alertRules = groups.flatMap((g) => g.rules.filter((r) => r.alert !== undefined).map((rule) => ({ group: g.name, rule })));
  return { path, groups, imported, alertRules };
});

const END_S = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S;
// What recording rules write is theirs to write: the history holds only what they read.
const recorded = new Set(files.flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r) => r.record !== undefined).map((r) => String(r.record)))));
const history = synthesize(
  files.flatMap((f) => f.groups.flatMap((g) => g.rules.map((r) => String(r.expr)))),
  POINTS,
).filter((s) => !recorded.has(s.metric));

let prom: RealPrometheus;
let started: number;
before(async () => {
  started = Date.now();
  prom = await startPrometheus(toOpenMetrics(history, END_S), { rules: files.map((f) => stringify({ groups: f.groups })) });
  // Twice: the second round also sees what recording rules wrote in the first.
  await rulesEvaluatedAfter(prom.url, await rulesEvaluatedAfter(prom.url, started));
});
after(async () => {
  await prom?.stop();
});

function configFor(f: (typeof files)[number], ids?: Set<string>): Config {
  const doc = configDoc(f.imported, { source: 'prometheus', type: 'prometheus', service: 'equivalence' }) as Obj;
  (doc.sources as Obj).prometheus = { url: prom.url };
  if (ids) doc.alerts = (doc.alerts as Obj[]).filter((a) => ids.has(String(a.id)));
  const r = parseConfig(stringify(doc), {});
  assert.ok(r.ok, `${f.path}: ${r.ok ? '' : JSON.stringify(r.errors)}`);
  return r.config;
}

async function evaluateAt(config: Config, atMs: number): Promise<AlertState[]> {
  const sources = createSources(config);
  try {
    return (await new Poller(config, sources, { now: () => atMs }).cycle()).alerts;
  } finally {
    await closeSources(sources);
  }
}

function promtool(file: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(PROMTOOL, ['test', 'rules', file], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const LABEL_TEMPLATE = /\{\{\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A series as both sides name it: without alertname and the rule's own labels, which Prometheus adds. */
const key = (labels: Record<string, string>, ruleLabels: Obj | undefined) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => k !== 'alertname' && !(ruleLabels && k in ruleLabels))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

test('every rule of every file is imported, none dropped', () => {
  for (const f of files) {
    assert.deepEqual(f.imported.notMapped, [], f.path);
    assert.equal(f.imported.entries.length, f.alertRules.length, f.path);
    f.imported.entries.forEach((e, i) => assert.equal(e.name ?? e.id, f.alertRules[i].rule.alert, `${f.path} #${i}`));
  }
});

test('a real Prometheus and oncall name the same pending and firing series, rule by rule', async () => {
  const res = (await (await fetch(`${prom.url}/api/v1/rules?type=alert`)).json()) as {
    data: { groups: Array<{ file: string; name: string; lastEvaluation: string; rules: Obj[] }> };
  };
  let compared = 0;
  let firing = 0;
  let quiet = 0;
  for (const g of res.data.groups) {
    const fileIndex = Number(/rules-(\d+)\.yml$/.exec(g.file)![1]);
    const f = files[fileIndex];
    const offset = f.alertRules.findIndex((r) => r.group === g.name);
    const entries = f.imported.entries.slice(offset, offset + g.rules.length);
    const at = Date.parse(g.lastEvaluation);
    const states = await evaluateAt(configFor(f, new Set(entries.map((e) => String(e.id)))), at);
    g.rules.forEach((rule, i) => {
      const source = f.alertRules[offset + i].rule;
      const mine = states.find((s) => s.id === entries[i].id)!;
      const what = `${f.path} ${g.name}/${String(rule.name)} at ${g.lastEvaluation}`;
      compared++;
      if (rule.health === 'err') {
        assert.equal(mine.status, 'unknown', `${what}: Prometheus could not evaluate it (${String(rule.lastError)}); oncall says ${mine.reason}`);
        return;
      }
      const theirs = (rule.alerts as Array<{ labels: Record<string, string>; state: string }>).filter((a) => a.state !== 'inactive');
      const theirKeys = (states: string[]) =>
        theirs
          .filter((a) => states.includes(a.state))
          .map((a) => key(a.labels, source.labels as Obj))
          .sort();
      const myKeys = (states: string[]) =>
        mine.series
          .filter((s) => states.includes(s.state))
          .map((s) => key(s.labels, source.labels as Obj))
          .sort();
      const held = Number(rule.duration ?? 0) > 0;
      if (!held && source.keep_firing_for === undefined) {
        assert.deepEqual(myKeys(['firing']), theirKeys(['firing']), `${what}: firing series`);
        assert.deepEqual(myKeys(['pending']), [], `${what}: nothing pending without for`);
      } else if (source.keep_firing_for === undefined) {
        assert.deepEqual(myKeys(['pending', 'firing']), theirKeys(['pending', 'firing']), `${what}: active series`);
      } else {
        // keep_firing_for: oncall also keeps series that stopped within it, which Prometheus has not seen fire yet.
        for (const k of theirKeys(['pending', 'firing'])) assert.ok(myKeys(['pending', 'firing']).includes(k), `${what}: ${k} active in Prometheus`);
      }
      if (theirs.length) firing++;
      else quiet++;
    });
  }
  const alertRules = files.reduce((n, f) => n + f.alertRules.length, 0);
  assert.equal(compared, alertRules, 'every alerting rule was compared');
  if (!extra) assert.ok(firing >= 20 && quiet >= 20, `a history where some rules fire (${firing}) and some do not (${quiet})`);
});

test('promtool, evaluating the same rules over the same history every 15 s, fires exactly the series oncall fires', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-promtool-'));
  const overRecorded: string[] = [];
  let fired = 0;
  let silent = 0;
  try {
    const runs = [];
    for (const [i, f] of files.entries()) {
      const states = await evaluateAt(configFor(f), END_S * 1000);
      const used = metricsOf(f.groups.flatMap((g) => g.rules.map((r) => String(r.expr))));
      // Annotations are templates promtool would compare rendered; they do not decide the state. A label
      // per rule keeps two rules of one name firing for the same series apart (promtool stores both as ALERTS).
      // Recording rules no alert reads only add work (and, over made-up labels, duplicate samples promtool refuses).
      let n = 0;
      const read = metricsOf(f.alertRules.map((r) => String(r.rule.expr)));
      const groups = f.groups
        .map((g) => ({
          ...g,
          rules: g.rules
            .filter((r) => r.alert !== undefined || read.has(String(r.record)))
            .map(({ annotations: _, ...r }) => (r.alert === undefined ? r : { ...r, labels: { ...(r.labels as Obj), oncall_rule: String(n++) } })),
        }))
        .filter((g) => g.rules.length > 0);
      writeFileSync(join(dir, `rules-${i}.yml`), stringify({ groups }));
      const byName = new Map<string, Array<{ exp_labels: Record<string, string> }>>();
      f.imported.entries.forEach((e, k) => {
        const rule = f.alertRules[k].rule;
        // promtool records from the first step; a Prometheus that just started has recorded for seconds.
        // An alert over recorded series is compared at the same instant above, not over the history here.
        if ([...metricsOf([String(rule.expr)])].some((m) => recorded.has(m))) {
          overRecorded.push(String(e.id));
          return;
        }
        // promtool expands rule labels per series; {{ $labels.x }} is the one template this writes out.
        const templated = Object.values((rule.labels ?? {}) as Record<string, string>).some((v) => /\{\{/.test(v.replace(LABEL_TEMPLATE, '')));
        if (templated) {
          overRecorded.push(`${String(e.id)} (label template)`);
          return;
        }
        const name = String(rule.alert);
        const ruleLabels = { ...(rule.labels as Record<string, string>), oncall_rule: String(k) };
        const s = states.find((x) => x.id === e.id)!;
        const list = byName.get(name) ?? [];
        for (const x of s.series.filter((y) => y.state === 'firing')) {
          const expanded = Object.fromEntries(
            Object.entries(ruleLabels).map(([k, v]) => [k, v.replace(LABEL_TEMPLATE, (_, name: string) => x.labels[name] ?? '')]),
          );
          list.push({ exp_labels: { ...x.labels, ...expanded } });
        }
        byName.set(name, list);
        if (s.status === 'firing') fired++;
        else silent++;
      });
      const spec = {
        rule_files: [`rules-${i}.yml`],
        evaluation_interval: `${STEP_S}s`,
        tests: [
          {
            interval: `${STEP_S}s`,
            input_series: toPromtoolSeries(history.filter((h) => used.has(h.metric))),
            alert_rule_test: [...byName.entries()].map(([alertname, exp_alerts]) => ({ eval_time: `${(POINTS - 1) * STEP_S}s`, alertname, exp_alerts })),
          },
        ],
      };
      writeFileSync(join(dir, `test-${i}.yml`), stringify(spec));
      runs.push(
        promtool(join(dir, `test-${i}.yml`)).then((r) => assert.equal(r.code, 0, `${f.path}: promtool disagrees with oncall\n${r.out.slice(0, 6000)}`)),
      );
    }
    await Promise.all(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!extra) {
    assert.ok(fired >= 20 && silent >= 20, `some rules fire (${fired}) and some do not (${silent})`);
    assert.deepEqual(overRecorded, [], 'every alert of the default files was compared over the history');
  }
});
