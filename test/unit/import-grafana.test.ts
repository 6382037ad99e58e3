// Grafana dashboards read as Grafana reads them. Every expectation is the
// fixture's own steps, colours and units, read by hand (see the comments).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type GrafanaOptions, importGrafana } from '../../src/import/grafana.js';
import { levelOf, stepsToLevels } from '../../src/import/grafana-thresholds.js';
import { resolveVariables, type Variable } from '../../src/import/grafana-vars.js';
import { fixture } from '../helpers/paths.js';

const O: GrafanaOptions = { source: 'prometheus', type: 'prometheus' };
const grafana = (name: string, vars: Record<string, string> = {}) => importGrafana(fixture(`import/grafana/${name}.json`), { ...O, vars });
const entry = (r: ReturnType<typeof importGrafana>, id: string) => r.entries.find((e) => e.id === id);

test('colours: red is critical, orange and yellow warning, green, blue and grey healthy; hex and rgba by hue', () => {
  const cases: Array<[string, string | null]> = [
    ['red', 'critical'],
    ['dark-red', 'critical'],
    ['semi-dark-orange', 'warning'],
    ['#EAB839', 'warning'], // Grafana's classic yellow, hue 43
    ['#EF843C', 'warning'], // its orange, hue 25
    ['#E24D42', 'critical'], // its red, hue 4
    ['rgba(245, 54, 54, 0.9)', 'critical'],
    ['rgba(237, 129, 40, 0.89)', 'warning'],
    ['rgba(50, 172, 45, 0.97)', 'ok'],
    ['#299c46', 'ok'],
    ['rgb(255, 255, 255)', 'ok'], // white: no hue at all
    ['text', 'ok'],
    ['blue', 'ok'],
    ['chartreuse-ish', null],
  ];
  for (const [c, level] of cases) assert.equal(levelOf(c), level, c);
});

test('steps: rising gives "<" objectives, falling ">=", anything else is a band and is refused', () => {
  const s = (...xs: Array<[string, number | null]>) => xs.map(([color, value]) => ({ color, value }));
  // Grafana colours v by the last step at or below it: 80 is already yellow.
  assert.deepEqual(stepsToLevels(s(['green', null], ['yellow', 80], ['red', 90])), {
    objective: { op: '<', value: 80 },
    warning: { op: '>=', value: 80 },
    critical: { op: '>=', value: 90 },
  });
  assert.deepEqual(stepsToLevels(s(['red', null], ['yellow', 0.99], ['green', 0.999])), {
    objective: { op: '>=', value: 0.999 },
    warning: { op: '<', value: 0.999 },
    critical: { op: '<', value: 0.99 },
  });
  // Two healthy colours in a row are one range; a blue step does not end it.
  assert.deepEqual(stepsToLevels(s(['green', null], ['blue', 300], ['yellow', 400], ['red', 500])), {
    objective: { op: '<', value: 400 },
    warning: { op: '>=', value: 400 },
    critical: { op: '>=', value: 500 },
  });
  // A singlestat's "0.5,0.5": the middle colour never shows.
  assert.deepEqual(stepsToLevels(s(['red', null], ['orange', 0.5], ['green', 0.5])), {
    objective: { op: '>=', value: 0.5 },
    critical: { op: '<', value: 0.5 },
  });
  assert.match(stepsToLevels(s(['red', null], ['yellow', 20], ['green', 30], ['yellow', 70], ['red', 80])) as string, /^the colours make a band/);
  assert.equal(stepsToLevels(s(['green', null])), 'one colour only, no level to judge by');
  assert.equal(stepsToLevels(s(['green', null], ['blue', 5])), 'every colour is a healthy one, no level to judge by');
});

test("variables: Grafana's interval macros become $window, saved values are used, the rest is named", () => {
  const vars: Variable[] = [
    { name: 'job', type: 'query', current: { value: 'node' } },
    { name: 'env', type: 'custom', includeAll: true, allValue: '.+', current: { value: ['$__all'] } },
    { name: 'pod', type: 'query', multi: true, current: { value: ['a.1', 'b'] } },
    { name: 'node', type: 'query', current: {} },
  ];
  const r = (expr: string, given = {}) => resolveVariables(expr, vars, given);
  assert.deepEqual(r('rate(x{job="$job"}[$__rate_interval]) + rate(y[${__interval}]) + z[[[__range]]]'), {
    ok: true,
    text: 'rate(x{job="node"}[$window]) + rate(y[$window]) + z[$window]',
  });
  assert.deepEqual(r('x{env=~"$env",pod=~"$pod"}'), { ok: true, text: 'x{env=~".+",pod=~"(a\\\\.1|b)"}' });
  assert.deepEqual(r('x{instance="$node"}', { node: 'h:9100' }), { ok: true, text: 'x{instance="h:9100"}' });
  assert.deepEqual(r('x{instance="$node"}'), { ok: false, why: 'unresolved variable $node (no saved value; give one with --var node=VALUE)' });
  assert.deepEqual(r('x / $__range_s'), {
    ok: false,
    why: 'unresolved variable $__range_s (a number Grafana computes from its time range; oncall has only $window)',
  });
  // label_replace's $1 is PromQL's, not a variable.
  assert.equal(r('label_replace(x, "a", "$1", "b", "(.*)")').ok, true);
});

test('blackbox exporter: inverted thresholds (red at 0, green at 99.9%) read as ">=" objectives in the panel unit', () => {
  const r = grafana('blackbox-exporter', { job: 'blackbox', instance: 'https://example.com', cluster: 'prod' });
  assert.equal(r.entries.length, 8);
  // "Probes Success": percentunit, steps red 0, yellow 0.99, green 0.999.
  assert.deepEqual(
    ['unit', 'objective', 'warning', 'critical'].map((k) => entry(r, 'PROBES-SUCCESS')?.[k]),
    ['ratio', '>= 0.999', '< 0.999', '< 0.99'],
  );
  // "SSL Certificate Expiry": dtdurations (seconds), red 0, green 1814400 (21 days).
  assert.deepEqual(
    ['unit', 'objective', 'critical'].map((k) => entry(r, 'SSL-CERTIFICATE-EXPIRY')?.[k]),
    ['s', '>= 1814400', '< 1814400'],
  );
  // "Latest Response Code": green 0, blue 300, yellow 400, red 500.
  assert.deepEqual(
    ['objective', 'warning', 'critical'].map((k) => entry(r, 'LATEST-RESPONSE-CODE')?.[k]),
    ['< 400', '>= 400', '>= 500'],
  );
  assert.match(String(entry(r, 'UPTIME')?.query), /instance=~"https:\/\/example.com"/);
  // The stat panels that average over the dashboard's range say so.
  assert.deepEqual(r.notes, [
    "UPTIME: Grafana shows the mean over the dashboard's range; oncall judges the latest value",
    "UPTIME-30D: Grafana shows the mean over the dashboard's range; oncall judges the latest value",
  ]);
  // Without values for its variables nothing is emitted with a $ left in it.
  const bare = grafana('blackbox-exporter');
  assert.equal(bare.entries.length, 0);
  assert.equal(bare.notMapped.filter((n) => n.why.startsWith('unresolved variable')).length, 8);
});

test('Node Exporter Full: variables from --var, percent and percentunit, the default red 80 on time series refused', () => {
  const r = grafana('node-exporter-full', { node: 'host:9100', job: 'node', nodename: 'host' });
  // Its stats of totals (RAM, swap, root FS, uptime) carry a red 80 but show the value uncoloured (colorMode none).
  assert.equal(r.entries.length, 9);
  assert.equal(r.notMapped.filter((n) => n.why === 'the stat shows its value without colour (colorMode none)').length, 5);
  assert.deepEqual(entry(r, 'CPU-BUSY'), {
    id: 'CPU-BUSY',
    name: 'CPU Busy',
    source: 'prometheus',
    query: '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle",instance="host:9100",job="node"}[$window])))',
    unit: 'percent',
    objective: '< 85',
    warning: '>= 85',
    critical: '>= 95',
    description: 'Overall CPU busy percentage (averaged across all cores)',
  });
  // The pressure bar gauge: percentage mode over min 0 and max 1, so 70% and 90% are 0.7 and 0.9.
  assert.deepEqual(
    ['unit', 'objective', 'warning', 'critical'].map((k) => entry(r, 'PRESSURE-A')?.[k]),
    ['ratio', '< 0.7', '>= 0.7', '>= 0.9'],
  );
  assert.equal(r.notMapped.filter((n) => n.why.startsWith('thresholds are not shown')).length, 268);
  assert.ok(r.entries.every((e) => !String(e.query).includes('$__') && !/\$(node|job|nodename)\b/.test(String(e.query))));
});

test('old dashboards: graph threshold lines, singlestat "65, 90" with three colours, hand-written steps', () => {
  const thanos = grafana('thanos-overview-old');
  assert.equal(thanos.entries.length, 6);
  // [{colorMode: warning, op: gt, value: 0.5}, {colorMode: critical, op: gt, value: 1}], unit s.
  assert.deepEqual(
    ['unit', 'objective', 'warning', 'critical'].map((k) => thanos.entries[0][k]),
    ['s', '<= 0.5', '> 0.5', '> 1'],
  );
  const dockprom = grafana('dockprom-docker-containers-old');
  // Their valueName is avg: the singlestat shows the mean over the range, which is said.
  assert.deepEqual(
    dockprom.notes,
    ['CPU-LOAD', 'MEMORY-LOAD', 'STORAGE-LOAD'].map((id) => `${id}: Grafana shows the avg over the dashboard's range; oncall judges the latest value`),
  );
  assert.deepEqual(
    dockprom.entries.map((e) => [e.id, e.unit, e.objective, e.warning, e.critical]),
    [
      ['CPU-LOAD', 'percent', '< 65', '>= 65', '>= 90'],
      ['MEMORY-LOAD', 'percent', '< 65', '>= 65', '>= 90'],
      ['STORAGE-LOAD', 'percent', '< 65', '>= 65', '>= 90'],
    ],
  );
  // Consul: "0.5,0.5" with red, orange, green; repeated panels titled by the variable's saved text.
  const consul = grafana('consul-overview-old');
  assert.deepEqual(consul.entries[0], {
    id: 'ALL',
    name: 'All',
    source: 'prometheus',
    query: 'consul_up{job=~".+",instance=~".+"}',
    unit: 'count',
    objective: '>= 0.5',
    critical: '< 0.5',
  });
});

test('every target is mapped or named with its reason; the summary counts them by reason', () => {
  const r = grafana('apache-full');
  assert.equal(r.entries.length, 0);
  assert.equal(r.notMapped.length, 27);
  assert.equal(
    r.summary,
    'imported 0 SLOs; 27 targets not mapped (23 thresholds are not shown on this time series; 2 the stat shows its value without colour; 1 a state-timeline panel has no single value per series to judge; 1 unresolved variable)',
  );
  const pods = grafana('k8s-views-pods');
  assert.ok(
    pods.notMapped.some(
      (n) =>
        n.what === 'panel "CPU Usage / Requests & Limits by container" target A' &&
        n.why.startsWith('the colours make a band (critical, warning from 0.2, ok from 0.3, warning from 0.7, critical from 0.8)'),
    ),
  );
  assert.throws(() => importGrafana('groups: []', O), /not JSON/);
  assert.throws(() => importGrafana('{"title": "x"}', O), /no panels/);
});

test('odd but real shapes: numeric refIds and legends, a step without a value, a dashboard inside a ConfigMap', () => {
  const panel = (over: Record<string, unknown>) => ({
    title: 'Latency',
    type: 'stat',
    fieldConfig: {
      defaults: {
        unit: 'ms',
        thresholds: {
          steps: [
            { color: 'green', value: null },
            { color: 'red', value: 300 },
          ],
        },
      },
    },
    targets: [
      { refId: 1, legendFormat: 5, expr: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))' },
      { refId: 2, expr: 'up' },
    ],
    ...over,
  });
  const dash = (panels: unknown[]) => JSON.stringify({ panels, templating: { list: [{ name: 'v', options: {}, current: { value: '$__all' } }] } });
  const r = importGrafana(dash([panel({})]), O);
  assert.deepEqual(
    r.entries.map((e) => [e.id, e.name, e.objective, e.critical]),
    [
      ['LATENCY-1', 'Latency', '< 300', '>= 300'],
      ['LATENCY-2', 'Latency', '< 300', '>= 300'],
    ],
  );
  // Grafana compares v >= null as v >= 0: a later step without a number is refused, not dropped.
  const nullStep = importGrafana(
    dash([
      panel({
        fieldConfig: {
          defaults: {
            thresholds: {
              steps: [
                { color: 'green', value: null },
                { color: 'yellow', value: 2 },
                { color: 'red', value: null },
              ],
            },
          },
        },
      }),
    ]),
    O,
  );
  assert.deepEqual(
    nullStep.notMapped.map((n) => n.why),
    ['a threshold step has no number: step 3 (red), which Grafana compares as 0', 'a threshold step has no number: step 3 (red), which Grafana compares as 0'],
  );
  const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: dashboards }\ndata:\n  latency.json: '${dash([panel({})])}'\n`;
  assert.equal(importGrafana(configMap, O).entries.length, 2);
});

test("files the developers had not seen: argo-cd's uncoloured stats, strimzi's step without a number", () => {
  const argo = grafana('argocd');
  // "Uptime" is a stat with colorMode none: Grafana's default red 80 colours nothing there.
  assert.ok(argo.notMapped.some((n) => n.what === 'panel "Uptime"' && n.why === 'the stat shows its value without colour (colorMode none)'));
  // The one gauge left colours its value: red from 80 operations on, as it draws it.
  assert.deepEqual(
    argo.entries.map((e) => [e.id, e.objective, e.critical]),
    [['OPERATIONS', '< 80', '>= 80']],
  );
  const strimzi = grafana('strimzi-kafka', {
    kubernetes_namespace: 'kafka',
    strimzi_cluster_name: 'my-cluster',
    kafka_broker: '.+',
    kafka_topic: '.+',
    kafka_partition: '.+',
  });
  assert.deepEqual(
    strimzi.notMapped.filter((n) => n.why.startsWith('a threshold step has no number')).map((n) => `${n.what}: ${n.why}`),
    [
      'panel "Active Controllers": a threshold step has no number: step 3 (#bf1b00), which Grafana compares as 0',
      'panel "Unclean Leader Election Rate": a threshold step has no number: step 3 (#d44a3a), which Grafana compares as 0',
    ],
  );
  assert.equal(strimzi.entries.length, 10);
});

test('interval variables set to auto, a variable named window, dashboards in JSON ConfigMaps, Lists and GrafanaDashboards', () => {
  const dash = (expr: string, list: unknown[]) => ({
    panels: [
      {
        title: 'E',
        type: 'stat',
        fieldConfig: {
          defaults: {
            thresholds: {
              steps: [
                { color: 'green', value: null },
                { color: 'red', value: 1 },
              ],
            },
          },
        },
        targets: [{ expr }],
      },
    ],
    templating: { list },
  });
  const one = (d: unknown) => importGrafana(JSON.stringify(d), O).entries.map((e) => e.query);
  // Grafana 11 saves an auto interval as $__auto; older ones as $__auto_interval_<name>.
  assert.deepEqual(one(dash('sum(rate(e[$iv]))', [{ name: 'iv', type: 'interval', current: { value: '$__auto' } }])), ['sum(rate(e[$window]))']);
  // A dashboard's own variable called window is the dashboard's, not oncall's $window.
  assert.deepEqual(one(dash('sum(increase(e[$window]))', [{ name: 'window', type: 'custom', current: { value: '28d' } }])), ['sum(increase(e[28d]))']);
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', data: { 'a.json': JSON.stringify(dash('up', [])) } };
  assert.equal(importGrafana(JSON.stringify(cm), O).entries.length, 1);
  assert.equal(importGrafana(JSON.stringify({ kind: 'List', items: [cm, cm] }), O).entries.length, 2);
  assert.equal(
    importGrafana(`apiVersion: grafana.integreatly.org/v1beta1\nkind: GrafanaDashboard\nspec:\n  json: '${JSON.stringify(dash('up', []))}'\n`, O).entries
      .length,
    1,
  );
});
