// The Sloth, Pyrra and OpenSLO importers on the real specs in
// test/fixtures/import (SOURCES.md says where each comes from). Expected
// entries are written out from the specs by hand; the Sloth ones are also
// checked against the rules Sloth itself generated for each spec (*.gen.yml).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntaxNode } from '@lezer/common';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { importOpenSlo, NotOpenSlo } from '../../src/import/openslo.js';
import type { ImportOptions } from '../../src/import/output.js';
import { configDoc } from '../../src/import/output.js';
import { importPyrra, NotPyrra, promDuration } from '../../src/import/pyrra.js';
import { percentOf, plainNumber, ratioText, type SloImported } from '../../src/import/slo-spec.js';
import { importSloth, NotSloth } from '../../src/import/sloth.js';
import { analyse } from '../../src/lang/query.js';
import { withWindow } from '../../src/sources/prometheus/dialect.js';
import { fixture } from '../helpers/paths.js';

const O: ImportOptions = { source: 'prometheus', type: 'prometheus', service: 'test' };
const sloth = (f: string) => importSloth(fixture(`import/sloth/${f}`), O);
const pyrra = (f: string) => importPyrra(fixture(`import/pyrra/${f}`), O);
const openslo = (f: string) => importOpenSlo(fixture(`import/openslo/${f}`), O);

/** The error ratio oncall's SLO reads over one window (src/sources/prometheus/dialect.ts), spelled out. */
const ratio = (errors: string, total: string) => `((${errors}) / (${total})) or (((${total}) * 0) unless on() (${errors}))`;

/** Every output must be a config `oncall validate` accepts. */
function validates(r: SloImported): void {
  const p = parseConfig(JSON.stringify(configDoc(r, O)), {});
  assert.ok(p.ok, p.ok ? '' : JSON.stringify(p.errors));
  assert.equal(p.config.slos.length, r.entries.length);
  assert.equal(p.config.alerts.length, r.alerts.length);
}

// --- Sloth -----------------------------------------------------------------

test('sloth getting-started: the events SLO and its page and ticket alerts, exactly', () => {
  const r = sloth('getting-started.yml');
  const E = (w: string) => `sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[${w}]))`;
  const T = (w: string) => `sum(rate(http_request_duration_seconds_count{job="myservice"}[${w}]))`;
  assert.deepEqual(r.entries, [
    {
      id: 'myservice-requests-availability',
      name: 'Common SLO based on availability for HTTP request responses.',
      source: 'prometheus',
      ratio: { errors: E('$window'), total: T('$window') },
      objective: 99.9,
      period: '30d',
    },
  ]);
  assert.equal(
    ratio(E('5m'), T('5m')),
    '((sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[5m]))) / (sum(rate(http_request_duration_seconds_count{job="myservice"}[5m])))) or (((sum(rate(http_request_duration_seconds_count{job="myservice"}[5m]))) * 0) unless on() (sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[5m]))))',
  );
  // Sloth's budget for 99.9 is (100 - 99.9) / 100 = 0.0009999999999999432, the constant its rules print.
  const over = (w: string, f: string) => `(${ratio(E(w), T(w))}) > (${f} * 0.0009999999999999432)`;
  assert.deepEqual(r.alerts, [
    {
      id: 'MyServiceHighErrorRate-page',
      name: 'MyServiceHighErrorRate',
      source: 'prometheus',
      query: `(${over('5m', '14.4')} and ${over('1h', '14.4')}) or (${over('30m', '6')} and ${over('6h', '6')})`,
      severity: 'pageteam',
      labels: { category: 'availability', severity: 'pageteam', routing_key: 'myteam', sloth_severity: 'page' },
      annotations: {
        title: '(page) myservice requests-availability SLO error budget burn rate is too fast.',
        summary: "High error rate on 'myservice' requests responses",
      },
    },
    {
      id: 'MyServiceHighErrorRate-ticket',
      name: 'MyServiceHighErrorRate',
      source: 'prometheus',
      query: `(${over('2h', '3')} and ${over('1d', '3')}) or (${over('6h', '1')} and ${over('3d', '1')})`,
      severity: 'slack',
      labels: { category: 'availability', severity: 'slack', slack_channel: '#alerts-myteam', sloth_severity: 'ticket' },
      annotations: {
        title: '(ticket) myservice requests-availability SLO error budget burn rate is too fast.',
        summary: "High error rate on 'myservice' requests responses",
      },
    },
  ]);
  assert.deepEqual(r.severities, ['pageteam', 'slack']);
  assert.deepEqual(r.notMapped, []);
  assert.equal(r.summary, 'imported 1 SLO and 2 alerts, 0 not mapped');
  validates(r);
});

test('sloth kubernetes-apiserver: two SLOs; the latency one keeps its multi-line error query', () => {
  const r = sloth('kubernetes-apiserver.yml');
  assert.deepEqual(
    r.entries.map((e) => [e.id, e.objective]),
    [
      ['k8s-apiserver-requests-availability', 99.9],
      ['k8s-apiserver-requests-latency', 99],
    ],
  );
  assert.deepEqual(r.entries[1].ratio, {
    errors:
      '(\n  sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[$window]))\n  -\n  sum(rate(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[$window]))\n)',
    total: 'sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[$window]))',
  });
  assert.deepEqual(
    r.alerts.map((a) => [a.id, a.severity]),
    [
      ['K8sApiserverAvailabilityAlert-page', 'critical'],
      ['K8sApiserverAvailabilityAlert-ticket', 'warning'],
      ['K8sApiserverLatencyAlert-page', 'critical'],
      ['K8sApiserverLatencyAlert-ticket', 'warning'],
    ],
  );
  // 99: (100 - 99) / 100 = 0.01.
  assert.match(String(r.alerts[2].query), /\) > \(14\.4 \* 0\.01\) and /);
  assert.deepEqual(r.alerts[0].annotations, {
    title: '(page) k8s-apiserver requests-availability SLO error budget burn rate is too fast.',
    summary: 'k8s-apiserver requests-availability SLO error budget burn rate is over expected.',
    runbook: 'https://github.com/kubernetes-monitoring/kubernetes-mixin/tree/master/runbook.md#alert-name-kubeapierrorshigh',
  });
  validates(r);
});

test('sloth k8s-multifile: the CRD form, two documents, camelCase keys; repeated alert names get unique ids', () => {
  const r = sloth('k8s-multifile.yml');
  assert.deepEqual(
    r.entries.map((e) => [e.id, e.objective]),
    [
      ['myservice-requests-availability', 99.9],
      ['myservice2-requests-availability', 99.99],
    ],
  );
  assert.deepEqual(
    r.alerts.map((a) => a.id),
    ['MyServiceHighErrorRate-page', 'MyServiceHighErrorRate-ticket', 'MyServiceHighErrorRate-page-2', 'MyServiceHighErrorRate-ticket-2'],
  );
  assert.ok(r.alerts.every((a) => a.name === 'MyServiceHighErrorRate'));
  // 99.99: (100 - 99.99) / 100 = 0.00010000000000005117, as in the generated rules.
  assert.match(String(r.alerts[2].query), /> \(14\.4 \* 0\.00010000000000005117\)/);
  validates(r);
});

test('sloth raw-home-wifi: a raw SLI is the error ratio itself; home-wifi: subqueries over [{{.window}}:]', () => {
  const raw = sloth('raw-home-wifi.yml');
  assert.deepEqual(raw.entries[0].ratio, {
    error_ratio:
      '1 - (\n  sum(sum_over_time(unifipoller_client_satisfaction_ratio[$window]))\n  /\n  sum(count_over_time(unifipoller_client_satisfaction_ratio[$window]))\n)',
  });
  assert.equal(raw.entries[0].objective, 95);
  validates(raw);
  const wifi = sloth('home-wifi.yml');
  assert.deepEqual(wifi.entries[0].ratio, {
    errors: 'sum_over_time((count(unifipoller_client_satisfaction_ratio < 0.75))[$window:]) OR on() vector(0)',
    total: 'sum_over_time((count(unifipoller_client_satisfaction_ratio))[$window:])',
  });
  validates(wifi);
});

test('sloth plugin SLI: not mapped, with why; the spec is still a Sloth spec', () => {
  const r = sloth('plugin-getting-started.yml');
  assert.deepEqual(r.entries, []);
  assert.deepEqual(r.alerts, []);
  assert.equal(r.notMapped.length, 1);
  assert.equal(r.notMapped[0].what, 'myservice/requests-availability');
  assert.match(r.notMapped[0].why, /^SLI plugin "getting_started_availability" \(options job, filter\): its query is written by the plugin's Go code/);
  assert.equal(r.summary, 'imported 0 SLOs and 0 alerts, 1 not mapped (myservice/requests-availability)');
  validates(r);
});

// What Sloth generated for each spec, read from the .gen.yml through the PromQL grammar.
interface GenRule {
  record?: string;
  alert?: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function genRules(file: string): GenRule[] {
  const out: GenRule[] = [];
  for (const d of parseAllDocuments(fixture(`import/sloth/${file}`))) {
    const js = d.toJS() as { groups?: unknown[]; spec?: { groups?: unknown[] } } | null;
    for (const g of (js?.groups ?? js?.spec?.groups ?? []) as Array<{ rules: Array<Record<string, unknown>> }>) {
      for (const r of g.rules) out.push({ ...r, labels: r.labels ?? {}, annotations: r.annotations ?? {} } as GenRule);
    }
  }
  return out;
}

function all(node: SyntaxNode, name: string, out: SyntaxNode[] = []): SyntaxNode[] {
  if (node.name === name) out.push(node);
  for (let c = node.firstChild; c; c = c.nextSibling) all(c, name, out);
  return out;
}

const unparen = (n: SyntaxNode): SyntaxNode => (n.name === 'ParenExpr' && n.firstChild ? unparen(n.firstChild) : n);

/** `((x and x) or (x and x))`: how the and/or of an alert expression nest, every other node a leaf. */
function shape(n: SyntaxNode): string {
  const node = unparen(n);
  const op = node.name === 'BinaryExpr' ? node.firstChild?.nextSibling?.name : undefined;
  if (op !== 'And' && op !== 'Or') return 'x';
  return `(${shape(node.firstChild!)} ${op.toLowerCase()} ${shape(node.lastChild!)})`;
}

/** Each `> (factor * budget)` comparison in order: the window its left side reads, and the threshold. */
function comparisons(expr: string, windowOf: (left: SyntaxNode, text: string) => string): Array<[string, string]> {
  const a = analyse('promql', expr);
  assert.equal(a.error, null, expr);
  return all(a.tree!.topNode, 'BinaryExpr')
    .filter((b) => b.firstChild?.nextSibling?.name === 'Gtr')
    .map((b) => {
      const right = unparen(b.lastChild!);
      const nums = all(right, 'NumberDurationLiteral').map((n) => expr.slice(n.from, n.to));
      return [windowOf(b.firstChild!, expr), nums.join(' * ')] as [string, string];
    })
    .filter(([, t]) => t.includes(' * '));
}

const flat = (s: string) => s.replace(/\s+/g, '');
const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const MS: Record<string, number> = { '5m': 300_000, '30m': 1_800_000, '1h': 3_600_000, '2h': 7_200_000, '6h': 21_600_000, '1d': 86_400_000, '3d': 259_200_000 };

for (const spec of ['getting-started', 'kubernetes-apiserver', 'home-wifi', 'raw-home-wifi', 'k8s-multifile']) {
  test(`sloth ${spec}: SLIs and alerts mirror the rules Sloth generated (${spec}.gen.yml)`, () => {
    const r = sloth(`${spec}.yml`);
    const rules = genRules(`${spec}.gen.yml`);
    // Every window's recording rule is the SLO's own errors / total (or error ratio) at that window.
    for (const slo of r.entries) {
      const q = slo.ratio as { errors?: string; total?: string; error_ratio?: string };
      for (const w of WINDOWS) {
        const rec = rules.find((x) => x.record === `slo:sli_error:ratio_rate${w}` && x.labels.sloth_id === slo.id);
        assert.ok(rec, `${slo.id} ${w}`);
        const mine = q.error_ratio !== undefined ? `(${q.error_ratio})` : `(${q.errors})/(${q.total})`;
        assert.equal(flat(withWindow(mine, MS[w])), flat(rec.expr), `${slo.id} ${w}`);
      }
    }
    // The alerts, in order: same names, labels, annotations, windows, factors, budget constants and and/or shape.
    const gen = rules.filter((x) => x.alert);
    assert.equal(r.alerts.length, gen.length);
    r.alerts.forEach((a, i) => {
      const g = gen[i];
      assert.equal(a.name, g.alert);
      assert.deepEqual(a.labels, g.labels);
      assert.equal(a.severity, g.labels.severity);
      const sel = all(analyse('promql', g.expr).tree!.topNode, 'VectorSelector')[0];
      const labelOf = (l: string) =>
        all(sel, 'UnquotedLabelMatcher')
          .map((m) => [g.expr.slice(m.firstChild!.from, m.firstChild!.to), g.expr.slice(m.lastChild!.from + 1, m.lastChild!.to - 1)])
          .find(([k]) => k === l)![1];
      const expand = (s: string) => s.replace('{{$labels.sloth_service}}', labelOf('sloth_service')).replace('{{$labels.sloth_slo}}', labelOf('sloth_slo'));
      assert.deepEqual(a.annotations, Object.fromEntries(Object.entries(g.annotations).map(([k, v]) => [k, expand(v)])));
      const theirs = comparisons(g.expr, (left, t) => {
        const id = all(left, 'Identifier')[0];
        return t.slice(id.from, id.to).replace('slo:sli_error:ratio_rate', '');
      });
      const ours = comparisons(String(a.query), (left, t) => {
        const ws = [...new Set(all(left, 'NumberDurationLiteralInDurationContext').map((n) => t.slice(n.from, n.to)))];
        assert.equal(ws.length, 1, 'one window per side');
        return ws[0];
      });
      assert.equal(theirs.length, 4);
      assert.deepEqual(ours, theirs);
      assert.equal(shape(analyse('promql', String(a.query)).tree!.topNode.firstChild!), shape(analyse('promql', g.expr).tree!.topNode.firstChild!));
      assert.equal(shape(analyse('promql', g.expr).tree!.topNode.firstChild!), '((x and x) or (x and x))');
    });
  });
}

test('sloth edge cases: disabled alerts, objective 100, other template actions, spaced {{ .window }}, not Sloth at all', () => {
  const spec = (slo: string) => `version: "prometheus/v1"\nservice: svc\nslos:\n${slo}`;
  const events = '    sli:\n      events:\n        error_query: sum(rate(e[{{ .window }}]))\n        total_query: sum(rate(t[{{.window}}]))\n';
  const r = importSloth(spec(`  - name: a\n    objective: 99.5\n${events}    alerting:\n      name: A\n      ticket_alert:\n        disable: true\n`), O);
  assert.deepEqual(r.entries[0].ratio, { errors: 'sum(rate(e[$window]))', total: 'sum(rate(t[$window]))' });
  assert.deepEqual(
    r.alerts.map((a) => [a.id, a.severity, (a.labels as Record<string, string>).sloth_severity]),
    [['A-page', 'page', 'page']],
  );
  assert.match(String(r.alerts[0].query), /> \(14\.4 \* 0\.005\)/);
  const full = importSloth(spec(`  - name: b\n    objective: 100\n${events}`), O);
  assert.deepEqual(full.entries, []);
  assert.match(full.notMapped[0].why, /^objective 100: oncall needs a target above 0% and below 100%/);
  const tpl = importSloth(spec(`  - name: c\n    objective: 99\n    sli:\n      raw:\n        error_ratio_query: x{a="{{.service}}"}[{{.window}}]\n`), O);
  assert.match(tpl.notMapped[0].why, /a Go template action other than \{\{\.window\}\}/);
  const noAlertName = importSloth(spec(`  - name: d\n    objective: 99\n${events}`), O);
  assert.equal(noAlertName.entries.length, 1);
  assert.deepEqual(
    noAlertName.notMapped.map((n) => n.what),
    ['svc/d page alert', 'svc/d ticket alert'],
  );
  assert.throws(() => importSloth(fixture('import/pyrra/nginx.yaml'), O), NotSloth);
  assert.throws(() => importSloth('groups: []\n', O), NotSloth);
});

// --- Pyrra -----------------------------------------------------------------

test('pyrra nginx: a ratio and a latency SLO, their burn-rate and absent alerts, exactly', () => {
  const r = pyrra('nginx.yaml');
  const sel = 'nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm"';
  const count = 'nginx_ingress_controller_request_duration_seconds_count{namespace="lastfm",ingress="lastfm",service="lastfm"}';
  const bucket = 'nginx_ingress_controller_request_duration_seconds_bucket{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5..",le="1"}';
  assert.deepEqual(r.entries, [
    {
      id: 'nginx-api-errors',
      name: 'nginx-api-errors',
      source: 'prometheus',
      ratio: { errors: `sum(rate(${sel},status=~"5.."}[$window]))`, total: `sum(rate(${sel}}[$window]))` },
      objective: 99.9,
      period: '4w',
    },
    {
      id: 'nginx-api-latency',
      name: 'nginx-api-latency',
      source: 'prometheus',
      ratio: { errors: `sum(rate(${count}[$window])) - sum(rate(${bucket}[$window]))`, total: `sum(rate(${count}[$window]))` },
      objective: 90,
      period: '4w',
    },
  ]);
  // 4w is Pyrra's 28-day base: 5m/1h for 2m, 30m/6h for 15m, 2h/1d for 1h, 6h/4d for 3h; factors 14, 7, 2, 1.
  const E = (w: string) => `sum(rate(${sel},status=~"5.."}[${w}]))`;
  const T = (w: string) => `sum(rate(${sel}}[${w}]))`;
  const labels = { slo: 'nginx-api-errors', namespace: 'lastfm', ingress: 'lastfm', service: 'lastfm' };
  assert.deepEqual(r.alerts[0], {
    id: 'nginx-api-errors-burn-5m-1h',
    name: 'ErrorBudgetBurn',
    source: 'prometheus',
    query: `(${ratio(E('5m'), T('5m'))}) > (14 * (1-0.9990000000000001)) and (${ratio(E('1h'), T('1h'))}) > (14 * (1-0.9990000000000001))`,
    for: '2m',
    severity: 'critical',
    labels: { ...labels, short: '5m', long: '1h', severity: 'critical', exhaustion: '2d' },
  });
  assert.deepEqual(
    r.alerts
      .slice(0, 4)
      .map((a) => [
        a.for,
        (a.labels as Record<string, string>).short,
        (a.labels as Record<string, string>).long,
        a.severity,
        (a.labels as Record<string, string>).exhaustion,
      ]),
    [
      ['2m', '5m', '1h', 'critical', '2d'],
      ['15m', '30m', '6h', 'critical', '4d'],
      ['1h', '2h', '1d', 'warning', '2w'],
      ['3h', '6h', '4d', 'warning', '4w'],
    ],
  );
  // Absent: 14 * (1 - 0.999) * 3600 s = 50.4 s, truncated to 50 s, plus the 2m for: 170 s, rounded to 3m.
  assert.deepEqual(r.alerts[4], {
    id: 'nginx-api-errors-absent',
    name: 'SLOMetricAbsent',
    source: 'prometheus',
    query: `absent(${sel}}) == 1`,
    for: '3m',
    severity: 'critical',
    labels: { ...labels, severity: 'critical' },
  });
  // Latency 90%: 14 * 0.1 * 3600 = 5040 s less a hair in floating point, truncated to 5039 s, + 120 s: 1h26m. Both metrics.
  assert.deepEqual(
    r.alerts.slice(9).map((a) => [a.id, a.query, a.for, a.labels]),
    [
      [
        'nginx-api-latency-absent',
        `absent(${count}) == 1`,
        '1h26m',
        { slo: 'nginx-api-latency', namespace: 'lastfm', ingress: 'lastfm', service: 'lastfm', severity: 'critical' },
      ],
      [
        'nginx-api-latency-absent-success',
        `absent(${bucket}) == 1`,
        '1h26m',
        { le: '1', slo: 'nginx-api-latency', namespace: 'lastfm', ingress: 'lastfm', service: 'lastfm', severity: 'critical' },
      ],
    ],
  );
  assert.equal(r.alerts.length, 11);
  assert.deepEqual(r.notMapped, []);
  assert.equal(r.summary, 'imported 2 SLOs and 11 alerts, 0 not mapped');
  validates(r);
});

test('pyrra prometheus-http: grouping sums by the label; grouped labels stay off the alert labels', () => {
  const r = pyrra('prometheus-http.yaml');
  assert.deepEqual(r.entries[0].ratio, {
    errors: 'sum by (handler) (rate(prometheus_http_requests_total{handler=~"/api.*",code=~"5.."}[$window]))',
    total: 'sum by (handler) (rate(prometheus_http_requests_total{handler=~"/api.*"}[$window]))',
  });
  assert.equal(r.entries[0].objective, 99);
  assert.equal(r.entries[0].period, '7d');
  // 7d, as Pyrra's own tests have it: 1m/15m for 1m (75 s and 30 s round to a minute, halves away from zero), 8m/1h30m for 4m, ...
  assert.deepEqual(
    r.alerts
      .slice(0, 4)
      .map((a) => [
        a.for,
        (a.labels as Record<string, string>).short,
        (a.labels as Record<string, string>).long,
        (a.labels as Record<string, string>).exhaustion,
      ]),
    [
      ['1m', '1m', '15m', '12h'],
      ['4m', '8m', '1h30m', '1d'],
      ['15m', '30m', '6h', '3d12h'],
      ['45m', '1h30m', '1d', '1w'],
    ],
  );
  assert.deepEqual(r.alerts[0].labels, { slo: 'prometheus-api-query', short: '1m', long: '15m', severity: 'critical', exhaustion: '12h' });
  // errors and total are one metric: one absent alert. 14 * (1 - 0.99) * 900 s (the 15m long window) = 126 s, + the 1m for: 186 s, rounded to 3m.
  assert.deepEqual(
    r.alerts.slice(4).map((a) => [a.id, a.for]),
    [['prometheus-api-query-absent', '3m']],
  );
  validates(r);
});

test('pyrra bool_gauge and latencyNative map exactly; caddy and apiserver read their descriptions, targets and windows', () => {
  const probe = pyrra('prometheus-probe-success.yaml');
  assert.deepEqual(probe.entries[0], {
    id: 'prometheus-blackbox-probe-success',
    name: 'prometheus-blackbox-probe-success',
    source: 'prometheus',
    ratio: {
      errors: 'sum by (target) (count_over_time(probe_success[$window])) - sum by (target) (sum_over_time(probe_success[$window]))',
      total: 'sum by (target) (count_over_time(probe_success[$window]))',
    },
    objective: 99,
    period: '7d',
  });
  validates(probe);
  const native = pyrra('pyrra-connect-latency.yaml');
  assert.deepEqual(native.entries[0], {
    id: 'pyrra-connect-latency',
    name: 'Pyrra serves API requests with connect-go either via gRPC or HTTP.',
    source: 'prometheus',
    ratio: {
      error_ratio: '1 - histogram_fraction(0, 0.2, sum by (method, service) (rate(connect_server_requests_duration_seconds{job="pyrra",code="ok"}[$window])))',
    },
    objective: 99,
    period: '2w',
  });
  // 2w halves the 28-day windows: 2.5m rounds away from zero to 3m. No absent alert for native histograms.
  assert.deepEqual(
    native.alerts.map((a) => a.id),
    ['pyrra-connect-latency-burn-3m-30m', 'pyrra-connect-latency-burn-15m-3h', 'pyrra-connect-latency-burn-1h-12h', 'pyrra-connect-latency-burn-3h-2d'],
  );
  assert.deepEqual(native.alerts[0].labels, {
    slo: 'pyrra-connect-latency',
    job: 'pyrra',
    code: 'ok',
    short: '3m',
    long: '30m',
    severity: 'critical',
    exhaustion: '1d',
  });
  validates(native);
  const caddy = pyrra('caddy-response-latency.yaml');
  assert.equal(caddy.entries[0].name, 'We want our demo to be fast and therefore we want 90% of our responses to be faster than 50ms as seen by Caddy.');
  assert.deepEqual(caddy.entries[0].ratio, {
    errors:
      'sum(rate(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[$window])) - sum(rate(caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}[$window]))',
    total: 'sum(rate(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[$window]))',
  });
  validates(caddy);
  const api = pyrra('apiserver-read-response-errors.yaml');
  assert.deepEqual([api.entries[0].name, api.entries[0].objective, api.entries[0].period, api.alerts.length], ['apiserver-read-response-errors', 99, '2w', 5]);
  // Regex-matched and grouped labels are not rule labels: only component="apiserver" is.
  assert.deepEqual(api.alerts[4].labels, { slo: 'apiserver-read-response-errors', component: 'apiserver', severity: 'critical' });
  validates(api);
});

test('pyrra edge cases: alerting switches and severities, one name in two namespaces, not Pyrra at all', () => {
  const slo = (ns: string, alerting = '') =>
    `apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: api\n  namespace: ${ns}\nspec:\n  target: "99.5"\n  window: 28d\n${alerting}  indicator:\n    ratio:\n      errors:\n        metric: r{code="5xx"}\n      total:\n        metric: r\n`;
  const r = importPyrra(
    [
      slo('a', '  alerting:\n    absent: false\n    name: Burn\n    severities:\n      fastBurn: page\n      slowBurn: ticket\n'),
      slo('b', '  alerting:\n    disabled: true\n'),
    ].join('---\n'),
    O,
  );
  assert.deepEqual(
    r.entries.map((e) => e.id),
    ['api-a', 'api-b'],
  );
  assert.deepEqual(
    r.alerts.map((a) => [a.id, a.name, a.severity]),
    [
      ['api-a-burn-5m-1h', 'Burn', 'page'],
      ['api-a-burn-30m-6h', 'Burn', 'critical'],
      ['api-a-burn-2h-1d', 'Burn', 'ticket'],
      ['api-a-burn-6h-4d', 'Burn', 'warning'],
    ],
  );
  assert.deepEqual(r.severities, ['critical', 'page', 'warning', 'ticket']);
  const bad = importPyrra(slo('a').replace('metric: r\n', 'metric: sum(r)\n'), O);
  assert.match(bad.notMapped[0].why, /^ratio\.total\.metric "sum\(r\)" is not a metric selector/);
  assert.throws(() => importPyrra(fixture('import/sloth/getting-started.yml'), O), NotPyrra);
});

test('promDuration spells durations as Prometheus does', () => {
  assert.deepEqual([86_400_000 * 90, 302_400_000, 604_800_000, 5_400_000, 0, 1500].map(promDuration), ['90d', '3d12h', '1w', '1h30m', '0s', '1s500ms']);
});

// --- OpenSLO ---------------------------------------------------------------

test('openslo decode fixture: an Occurrences SLO on Prometheus counters, target 0.98 -> 98', () => {
  const r = openslo('go-sdk-decode-v1-slos.yaml');
  assert.deepEqual(r.entries, [
    {
      id: 'foo-slo',
      name: 'Foo SLO',
      source: 'prometheus',
      ratio: { error_ratio: '1 - ((sum(rate(http_requests_total{status_code="200"}[$window]))) / (sum(rate(http_requests_total{}[$window]))))' },
      objective: 98,
    },
  ]);
  assert.deepEqual(r.notMapped, [
    {
      what: 'SLI "good" good metricSource.spec dimensions',
      why: 'not OpenSLO fields; what they mean is up to the tool that reads them, so the query is used as written',
    },
    {
      what: 'SLI "good" total metricSource.spec dimensions',
      why: 'not OpenSLO fields; what they mean is up to the tool that reads them, so the query is used as written',
    },
  ]);
  assert.ok(r.notes.includes("SLO foo-slo: no timeWindow; oncall's default budget period (30d) applies"));
  validates(r);
});

test('openslo timeslices, other sources, thresholdMetric and lone SLIs are reported with why', () => {
  const slos = openslo('go-sdk-v1-slos.yaml');
  assert.deepEqual(slos.entries, []);
  assert.deepEqual(slos.notMapped, [
    {
      what: 'SLO web-availability',
      why: "budgetingMethod Timeslices: the budget counts good time slices (timeSliceWindow 1m, timeSliceTarget 0.95); oncall's ratio SLOs count events (Occurrences)",
    },
  ]);
  const ratio = openslo('ratio-timeslices.yaml');
  assert.equal(ratio.notMapped.length, 1);
  assert.match(
    ratio.notMapped[0].why,
    /^budgetingMethod RatioTimeslices: the budget averages time slices' ratios \(timeSliceWindow 1m\).*; SLI "response-code" good: metricSource type "Any"; oncall reads Prometheus \(PromQL\)$/,
  );
  const slices = openslo('timeslices-slo.yaml');
  assert.deepEqual(
    slices.notMapped.map((n) => n.what),
    ['SLO service-availability'],
  );
  const inline = openslo('go-sdk-inline-v1-slo.yaml');
  assert.deepEqual(
    inline.notMapped.map((n) => n.what),
    ['SLO my-slo-1', 'SLO my-slo-2', 'AlertCondition cpu-usage-breach', 'AlertNotificationTarget devs-email-notification'],
  );
  assert.match(inline.notMapped[1].why, /SLI "my-sli" is a thresholdMetric/);
  const slis = openslo('go-sdk-v1-slis.yaml');
  assert.deepEqual(
    slis.notMapped.map((n) => n.what),
    ['SLI search-availability', 'SLI end-user-response', 'SLI wifi-client-satisfaction', 'SLI annotator-throughput'],
  );
  for (const r of [slos, ratio, slices, inline, slis]) {
    assert.deepEqual([r.entries, r.alerts], [[], []]);
    validates(r);
  }
  assert.throws(() => importOpenSlo(fixture('import/pyrra/nginx.yaml'), O), NotOpenSlo);
});

test('openslo: an SLO referring to the real raw SLI, bad/total, two objectives, a rolling window and a burnrate alert', () => {
  // The SLIs of go-sdk-v1-slis.yaml, with small SLOs that use them.
  const slis = fixture('import/openslo/go-sdk-v1-slis.yaml');
  const slo = `- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: wifi, displayName: Wifi }
  spec:
    budgetingMethod: Occurrences
    indicatorRef: wifi-client-satisfaction
    timeWindow: [{ duration: 4w, isRolling: true }]
    objectives:
      - { displayName: Good, target: 0.9995 }
      - { displayName: Fair, targetPercent: 99.93 }
    alertPolicies:
      - kind: AlertPolicy
        metadata: { name: fast }
        spec:
          conditions:
            - kind: AlertCondition
              metadata: { name: burn-fast }
              spec: { severity: page, condition: { kind: burnrate, op: gt, threshold: 14, lookbackWindow: 1h, alertAfter: 5m } }
- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: errors }
  spec:
    budgetingMethod: Occurrences
    timeWindow: [{ duration: 1w, calendar: { startTime: '2024-01-01 00:00:00', timeZone: UTC } }]
    indicator:
      spec:
        ratioMetric:
          counter: true
          bad: { metricSource: { type: Prometheus, spec: { query: 'sum by (job) (http_requests_total{code=~"5.."})' } } }
          total: { metricSource: { type: Prometheus, spec: { query: 'sum by (job) (http_requests_total)' } } }
    objectives: [{ target: 0.99 }]
`;
  const r = importOpenSlo(`${slis}\n${slo}`, O);
  const raw =
    '1 - (1 - (\n  sum(sum_over_time(poller_client_satisfaction_ratio[$window]))\n  /\n  sum(count_over_time(poller_client_satisfaction_ratio[$window]))\n))';
  assert.deepEqual(r.entries, [
    { id: 'wifi-good', name: 'Wifi: Good', source: 'prometheus', ratio: { error_ratio: raw }, objective: 99.95, period: '4w' },
    { id: 'wifi-fair', name: 'Wifi: Fair', source: 'prometheus', ratio: { error_ratio: raw }, objective: 99.93, period: '4w' },
    {
      id: 'errors',
      name: 'errors',
      source: 'prometheus',
      ratio: { errors: 'sum by (job) (rate(http_requests_total{code=~"5.."}[$window]))', total: 'sum by (job) (rate(http_requests_total[$window]))' },
      objective: 99,
      period: '1w',
    },
  ]);
  assert.deepEqual(r.alerts[0], {
    id: 'wifi-good-burn-fast',
    name: 'burn-fast',
    source: 'prometheus',
    query: `(${withWindow(raw, 3_600_000)}) / (1 - 0.9995)`,
    condition: '> 14 for 5m',
    severity: 'page',
  });
  assert.deepEqual(
    r.alerts.map((a) => a.id),
    ['wifi-good-burn-fast', 'wifi-fair-burn-fast'],
  );
  // targetPercent 99.93 is the ratio 0.9993, not 99.93 / 100 = 0.9993000000000001.
  assert.match(String(r.alerts[1].query), /\/ \(1 - 0\.9993\)$/);
  assert.ok(r.notMapped.some((n) => n.what === 'SLO errors timeWindow' && /calendar-aligned from 2024-01-01 00:00:00 UTC/.test(n.why)));
  // The other three SLIs have no SLO here.
  assert.deepEqual(
    r.notMapped.filter((n) => n.what.startsWith('SLI ')).map((n) => n.what),
    ['SLI search-availability', 'SLI end-user-response', 'SLI annotator-throughput'],
  );
  validates(r);
});

test('percentOf moves the decimal point instead of multiplying; plainNumber never writes an exponent', () => {
  assert.deepEqual([0.99999 * 100, 0.9993 * 100], [99.99900000000001, 99.92999999999999]);
  assert.deepEqual([0.9995, 0.999, 0.98, 0.5, 0.99999, 0.9993, 1e-7, 0.123456789].map(percentOf), [99.95, 99.9, 98, 50, 99.999, 99.93, 0.00001, 12.3456789]);
  assert.deepEqual([1e-7, 0.9990000000000001, 2.5e21, 14].map(plainNumber), ['0.0000001', '0.9990000000000001', '2500000000000000000000', '14']);
  assert.equal(99.93 / 100, 0.9993000000000001);
  assert.deepEqual([99.93, 99.95, 99, 50, 0.5, 100].map(ratioText), ['0.9993', '0.9995', '0.99', '0.5', '0.005', '1']);
});

test('pyrra: a spec of another kind under pyrra.dev is read as Pyrra reads it, and said so (jaeger)', () => {
  const r = pyrra('jaeger-slo-query-success.yaml');
  assert.deepEqual(r.notes, ['document 1: kind "PrometheusServiceLevel" read as a ServiceLevelObjective, as Pyrra reads it']);
  assert.equal(r.entries.length, 1);
  assert.equal(r.alerts.length, 5);
  assert.deepEqual(r.notMapped, []);
  validates(r);
});
