// Prometheus rules read by their syntax tree: every alerting rule kept, each
// as Prometheus evaluates it. Expected entries are the fixtures' own rules,
// read by hand (line numbers in comments).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configDoc } from '../../src/import/output.js';
import { importPrometheusRules, NotRules } from '../../src/import/prometheus-rules.js';
import { topComparison } from '../../src/lang/promql.js';
import { fixture } from '../helpers/paths.js';

const O = { source: 'prometheus', type: 'prometheus' as const };
const rules = (path: string) => importPrometheusRules(fixture(`import/${path}`), O);
const byId = (r: ReturnType<typeof importPrometheusRules>, id: string) => r.entries.find((e) => e.id === id);

test('a comparison with a number at the top of the tree, and nothing else, becomes query + condition', () => {
  const cases: Array<[string, unknown]> = [
    // and/unless/or bind looser than a comparison: the top is the set operator.
    ['predict_linear(x[6h], 4*3600) < 0 and y > 0.80', { ok: false, reason: 'the top operator is "and", not a comparison' }],
    [
      '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < .10)',
      { ok: true, query: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', op: '<', value: 0.1 },
    ],
    ['x > (1e3)', { ok: true, query: 'x', op: '>', value: 1000 }],
    ['x > 4e+09', { ok: true, query: 'x', op: '>', value: 4e9 }],
    ['x > 0x1F', { ok: true, query: 'x', op: '>', value: 31 }],
    ['foo < -1', { ok: true, query: 'foo', op: '<', value: -1 }],
    // The number on the left: the operator turns round.
    ['0.5 < rate(x[5m])', { ok: true, query: 'rate(x[5m])', op: '>', value: 0.5 }],
    ['-1 >= foo', { ok: true, query: 'foo', op: '<=', value: -1 }],
    // bool keeps every series as 0 or 1: a rule with it fires for all of them.
    ['up == bool 0', { ok: false, reason: 'a bool comparison returns every series' }],
    ['a > on(job) b', { ok: false, reason: 'compares two vectors' }],
    ['a > b', { ok: false, reason: 'compares two expressions, not an expression with a number' }],
    ['absent(up{job="x"})', { ok: false, reason: 'not a comparison at the top' }],
    // A duration is not a threshold (Prometheus 3 reads 5m as 300 here).
    ['x > 5m', { ok: false, reason: 'compares two expressions, not an expression with a number' }],
  ];
  for (const [expr, want] of cases) assert.deepEqual(topComparison(expr), want, expr);
});

test('awesome-prometheus-alerts: for 0m is no for; .10 and 4e+09 read; and/or rules whole', () => {
  const r = rules('rules/awesome-node-exporter.yml');
  assert.equal(r.entries.length, 35);
  assert.deepEqual(r.notMapped, []);
  // Line 9: expr '(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < .10)', for: 2m.
  assert.deepEqual(byId(r, 'HostOutOfMemory'), {
    id: 'HostOutOfMemory',
    source: 'prometheus',
    query: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes',
    condition: '< 0.1 for 2m',
    severity: 'warning',
    labels: { severity: 'warning' },
    annotations: {
      summary: 'Host out of memory (instance {{ $labels.instance }})',
      description: 'Node memory is filling up (< 10% left)\n  VALUE = {{ $value }}\n  LABELS = {{ $labels }}',
    },
  });
  // Line 192: the comparison with 80 is inside the left side of `and`: the whole rule, as written.
  const swap = byId(r, 'HostSwapIsFillingUp')!;
  assert.equal(swap.query, '((1 - (node_memory_SwapFree_bytes / node_memory_SwapTotal_bytes)) * 100 > 80) and node_memory_SwapTotal_bytes > 0');
  assert.equal(swap.condition, undefined);
  assert.equal(swap.for, '2m');
  // for: 0m (line 20) is no for at all.
  const pressure = byId(r, 'HostMemoryUnderMemoryPressure')!;
  assert.equal(pressure.for, undefined);
  assert.ok(!String(pressure.condition ?? '').includes(' for '));
  const proc = importPrometheusRules(fixture('import/rules/awesome-process-exporter.yml'), O);
  assert.ok(proc.entries.some((e) => e.condition === '> 4000000000 for 5m' && e.query === 'namedprocess_namegroup_memory_bytes{memtype="resident"}'));
});

test('one alertname at several severities: distinct ids, the name kept; the same name twice at one severity is numbered', () => {
  const node = rules('rules/node-mixin-alerts.yaml');
  const filling = node.entries.filter((e) => (e.name ?? e.id) === 'NodeFilesystemSpaceFillingUp');
  assert.deepEqual(
    filling.map((e) => [e.id, e.name, e.severity]),
    [
      ['NodeFilesystemSpaceFillingUp-warning', 'NodeFilesystemSpaceFillingUp', 'warning'],
      ['NodeFilesystemSpaceFillingUp-critical', 'NodeFilesystemSpaceFillingUp', 'critical'],
    ],
  );
  // SNMPInterfaceFCerrors: three rules, all warning.
  const snmp = rules('rules/snmp-mixin-alerts.yaml');
  assert.deepEqual(
    snmp.entries.filter((e) => e.name === 'SNMPInterfaceFCerrors').map((e) => e.id),
    ['SNMPInterfaceFCerrors-warning', 'SNMPInterfaceFCerrors-warning-2', 'SNMPInterfaceFCerrors-warning-3'],
  );
  assert.equal(snmp.entries.filter((e) => e.keep_firing_for === '5m').length, 11);
  // Severities the config must define, most severe first.
  assert.deepEqual(node.severities, ['critical', 'warning', 'info']);
});

test('kube-prometheus PrometheusRule manifests: spec.groups read; recording rules counted; alerts that read them named', () => {
  const cp = rules('prometheusrule/kube-prometheus-kubernetesControlPlane.yaml');
  assert.equal(cp.entries.length, 63);
  assert.deepEqual(cp.notMapped, []);
  assert.match(
    cp.summary,
    /^imported 63 alerts \(\d+ as query \+ condition, \d+ whole, firing on any series returned\), 0 not mapped, 71 recording rules left out/,
  );
  assert.ok(
    cp.notes.some((n) =>
      n.startsWith('7 alerts read series that recording rules in this file write (KubeCPUOvercommit, KubeMemoryOvercommit, KubeAPIErrorBudgetBurn-critical,'),
    ),
  );
  // `for: 0s` (KubeAggregatedAPIErrors? no: the one rule with it) is no for.
  assert.ok(cp.entries.every((e) => e.for !== '0s' && !String(e.condition ?? '').endsWith(' for 0s')));
  const node = rules('prometheusrule/kube-prometheus-nodeExporter.yaml');
  assert.equal(node.entries.length, 26);
});

test('every shape of rule file: a list of rules, a list of groups, rules:, alerts:, a List of manifests, a ConfigMap, several documents', () => {
  const rule = '{ alert: Down, expr: "up == 0", for: 5m, labels: { severity: page } }';
  const shapes: Array<[string, string]> = [
    ['groups', `groups: [ { name: g, rules: [ ${rule} ] } ]`],
    ['bare rules', `- ${rule}`],
    ['bare groups', `- { name: g, rules: [ ${rule} ] }`],
    ['one group', `name: g\nrules: [ ${rule} ]`],
    [
      'List',
      `kind: List\nitems: [ { apiVersion: monitoring.coreos.com/v1, kind: PrometheusRule, metadata: { name: r }, spec: { groups: [ { name: g, rules: [ ${rule} ] } ] } } ]`,
    ],
    ['ConfigMap', `kind: ConfigMap\ndata:\n  x.rules: |\n    groups: [ { name: g, rules: [ ${rule} ] } ]`],
  ];
  for (const [what, text] of shapes) {
    const r = importPrometheusRules(text, O);
    assert.deepEqual(
      r.entries,
      [{ id: 'Down', source: 'prometheus', query: 'up', condition: '== 0 for 5m', severity: 'page', labels: { severity: 'page' } }],
      what,
    );
  }
  const two = importPrometheusRules(
    `groups: [ { name: a, rules: [ ${rule} ] } ]\n---\nnot: rules\n---\ngroups: [ { name: b, rules: [ { alert: Up, expr: "up == 1" } ] } ]`,
    O,
  );
  assert.deepEqual(
    two.entries.map((e) => e.id),
    ['Down', 'Up'],
  );
  assert.deepEqual(two.notMapped, [{ what: 'document 2', why: 'not a rule file (no groups:, spec.groups, rules: or alerts:)' }]);
  assert.throws(() => importPrometheusRules('title: a dashboard', O), NotRules);
});

test('what cannot be imported is named with its reason, and the rest still comes', () => {
  const r = importPrometheusRules(
    'groups:\n- name: g\n  rules:\n  - { alert: Typo, expr: "sum(rate(x[5m])) by (job) >" }\n  - { alert: NoExpr }\n  - { alert: BadFor, expr: "up == 0", for: soon }\n  - { alert: Fine, expr: "up == 0" }\n  - { record: "job:up:sum", expr: "sum(up) by (job)" }\n',
    O,
  );
  assert.deepEqual(
    r.entries.map((e) => e.id),
    ['Fine'],
  );
  assert.deepEqual(r.notMapped, [
    { what: 'g/Typo', why: 'PromQL syntax error at column 28: unexpected end of query' },
    { what: 'g/NoExpr', why: 'no expr' },
    { what: 'g/BadFor', why: 'for: "soon" is not a duration' },
  ]);
  assert.equal(
    r.summary,
    'imported 1 alert (1 as query + condition, 0 whole, firing on any series returned), 3 not mapped, 1 recording rule left out (they record series; alerts read them as they are)',
  );
});

test('seed 001 alert lists: name, expr, for, severity, runbook; action is routing, said once as a note', () => {
  const r = importPrometheusRules(fixture('seeds/001-critical-alerts.yaml'), O);
  assert.deepEqual(r.entries[0], {
    id: 'APIDown',
    source: 'prometheus',
    query: 'up{service="api"}',
    condition: '== 0 for 1m',
    severity: 'critical',
    runbook: '/runbooks/api-down.md',
  });
  assert.deepEqual(r.notMapped, []);
  assert.equal(r.notes[0], 'APIDown: action: page is routing, which stays in Alertmanager; oncall shows the alert');
});

test('Loki ruler files: LogQL checked by its grammar and imported whole', () => {
  const r = importPrometheusRules(
    'groups:\n- name: loki\n  rules:\n  - alert: Errors\n    expr: sum(rate({app="x"} |= "error" [5m])) by (job) > 10\n    for: 5m\n',
    { source: 'loki', type: 'loki' },
  );
  assert.deepEqual(r.entries, [{ id: 'Errors', source: 'loki', query: 'sum(rate({app="x"} |= "error" [5m])) by (job) > 10', for: '5m' }]);
});

test('nothing vanishes: odd rules, odd labels and broken ConfigMap data are named; ${x} is written $${x}', () => {
  const r = importPrometheusRules(
    'groups:\n- name: g\n  rules:\n  - just a string\n  - null\n  - { alert: Odd, expr: "up == 0", labels: { team: { a: 1 }, severity: page } }\n  - { alert: Named, expr: \'label_replace(up, "d", "${n}", "s", "(?P<n>.*)") == 0\' }\n',
    O,
  );
  assert.deepEqual(r.notMapped, [
    { what: 'g rule 1', why: 'a string, not a rule' },
    { what: 'g rule 2', why: 'null, not a rule' },
    { what: 'g/Odd', why: 'labels.team: not text, left out (Prometheus refuses such a rule file)' },
  ]);
  assert.deepEqual(
    r.entries.map((e) => e.id),
    ['Odd', 'Named'],
  );
  const doc = configDoc(r, { source: 'prometheus', type: 'prometheus' }) as { alerts: Array<Record<string, unknown>> };
  assert.equal(doc.alerts[1].query, 'label_replace(up, "d", "$${n}", "s", "(?P<n>.*)")');
  const cm = importPrometheusRules(
    'kind: ConfigMap\ndata:\n  good.rules: "groups: [ { name: g, rules: [ { alert: A, expr: up } ] } ]"\n  bad.rules: "groups: [ {"\n  n: 5\n',
    O,
  );
  assert.deepEqual(
    cm.entries.map((e) => e.id),
    ['A'],
  );
  assert.deepEqual(
    cm.notMapped.map((n) => n.what),
    ['file data.bad.rules', 'file data.n'],
  );
  assert.throws(() => importPrometheusRules('{{- if .Values.defaultRules.create }}\ngroups:\n{{ end }}\n', O), /render it first \(helm template\)/);
});
