// `rule:` alerts: Prometheus' own verdicts on its alerting rules, read from
// answers recorded from a real Prometheus 2.42 (test/fixtures/SOURCES.md:
// rules_recorded_2.42.yml over a history where http_requests_total{code="500"}
// grows by 1 every 5 s on instances a and b, so rate() is 0.2/s each).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { evaluateRuleAlert } from '../../src/engine/evaluate-rule.js';
import { snapshotDoc, snapshotText } from '../../src/engine/snapshot-doc.js';
import type { RuleOutcome } from '../../src/engine/state.js';
import { Poller } from '../../src/poller/poller.js';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { describeFailure, type RuleStates } from '../../src/sources/types.js';
import { fixtureServer, type Reply, type Seen } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { sourceDef } from '../helpers/source-def.js';

const RULES = 'prometheus/rules_type_alert_recorded_2.42.json';
const ALERTS = 'prometheus/alerts_recorded_2.42.json';

/** The recorded answers, each at the path Prometheus serves it at; anything else is a 404 as Prometheus gives it. */
const recorded = (req: Seen): Reply =>
  req.path === '/api/v1/rules'
    ? { status: 200, body: fixture(RULES) }
    : req.path === '/api/v1/alerts'
      ? { status: 200, body: fixture(ALERTS) }
      : { status: 404, body: '404 page not found\n', headers: { 'content-type': 'text/plain; charset=utf-8' } };

const server = await fixtureServer(recorded);
after(() => server.close());
const prom = new PrometheusSource(sourceDef('prometheus', server.url));
after(() => prom.close());

// activeAt "2026-11-29T22:36:37.933391926Z": JavaScript keeps milliseconds.
const AT_AB = Date.UTC(2026, 10, 29, 22, 36, 37, 933);
const AT_JOB = Date.UTC(2026, 10, 29, 22, 36, 38, 270);

async function states(): Promise<RuleStates> {
  const r = await prom.ruleStates();
  assert.ok(r.ok, r.ok ? '' : describeFailure(r.failure));
  return r.value;
}

test('ruleStates: one GET of /api/v1/rules?type=alert and one of /api/v1/alerts, decoded field by field', async () => {
  const before = server.seen.length;
  const s = await states();
  const asked = server.seen.slice(before).map((r) => `${r.method} ${r.path}?${r.query}`);
  assert.deepEqual(asked.sort(), ['GET /api/v1/alerts?', 'GET /api/v1/rules?type=alert']);
  assert.deepEqual(
    s.rules.map((r) => [r.group, r.name, r.health, r.state, r.forMs]),
    [
      ['api-availability', 'HighErrorRate', 'ok', 'firing', 0],
      ['api-availability', 'ErrorsForAnHour', 'ok', 'pending', 3_600_000],
      ['api-availability', 'TrafficFlood', 'ok', 'inactive', 0],
      ['api-availability', 'CodeCollision', 'err', 'inactive', 0],
      ['api-availability-b', 'HighErrorRate', 'ok', 'firing', 0],
    ],
  );
  assert.equal(s.rules[3].lastError, 'vector contains metrics with the same labelset after applying alert labels');
  assert.equal(s.rules[0].query, 'rate(http_requests_total{code="500"}[5m]) > 0');
  assert.deepEqual(s.rules[0].labels, { severity: 'page' });
  assert.deepEqual(s.rules[0].annotations, { runbook_url: 'https://runbooks.example.com/HighErrorRate', summary: '5xx on {{ $labels.instance }}' });
  assert.equal(s.alerts.length, 5);
  assert.deepEqual(s.alerts[1], {
    labels: { alertname: 'HighErrorRate', code: '500', instance: 'a', job: 'api', severity: 'page' },
    annotations: { runbook_url: 'https://runbooks.example.com/HighErrorRate', summary: '5xx on a' },
    state: 'firing',
    activeAtMs: AT_AB,
    value: 0.19999999999999998,
  });
  assert.equal(s.alerts[0].activeAtMs, AT_JOB);
});

test("ruleStates: the rules answers of Prometheus' own docs and OpenAPI examples decode too", async () => {
  for (const file of ['rules.json', 'rules_docs_example.json']) {
    server.reply((req) => (req.path === '/api/v1/rules' ? { status: 200, body: fixture(`prometheus/${file}`) } : recorded(req)));
    const s = await states();
    assert.ok(s.rules.length > 0, file);
  }
  const docs = await states();
  // docs/querying/api.md: one alerting rule, HighRequestLatency, with for 600 s.
  assert.deepEqual(
    docs.rules.map((r) => [r.name, r.forMs, r.health]),
    [['HighRequestLatency', 600_000, 'ok']],
  );
  server.reply(recorded);
});

test('ruleStates: an error body or a refused answer is a failure, not an empty list', async () => {
  server.reply((req) => (req.path === '/api/v1/alerts' ? { status: 503, body: fixture('prometheus/error_timeout_503.json') } : recorded(req)));
  const r = await prom.ruleStates();
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'timeout: query timed out in expression evaluation');
  server.reply((req) => (req.path === '/api/v1/rules' ? { status: 200, body: '{"status":"success","data":{"groups":[{"rules":[]}]}}' } : recorded(req)));
  const bad = await prom.ruleStates();
  assert.ok(!bad.ok);
  assert.equal(bad.failure.kind, 'bad payload');
  server.reply(recorded);
});

test('a hostile lastError is made visible and bounded to 300 characters', async () => {
  const body = JSON.parse(fixture(RULES));
  body.data.groups[0].rules[3].lastError = `\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 ${'x'.repeat(1000)}`;
  server.reply((req) => (req.path === '/api/v1/rules' ? { status: 200, body: JSON.stringify(body) } : recorded(req)));
  const s = await states();
  server.reply(recorded);
  // Shown: ␛]8;; (5) + the 20-character URL + ␇ + click (5) + ␛]8;; (5) + ␇ + a space = 38, then 1000 x: 1038, cut at 300.
  const shown = `␛]8;;https://evil.example␇click␛]8;;␇ ${'x'.repeat(262)}… (738 more characters)`;
  assert.equal(s.rules[3].lastError, shown);
});

const config = (alerts: string, sources = 'prometheus: { url: "http://127.0.0.1:1" }'): Config => {
  const r = parseConfig(`version: 1\nservice: s\nsources:\n  ${sources}\nalerts:\n${alerts}`, {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.config;
};
const errorsOf = (alerts: string, sources = 'prometheus: { url: "http://127.0.0.1:1" }') => {
  const r = parseConfig(`version: 1\nservice: s\nsources:\n  ${sources}\nalerts:\n${alerts}`, {});
  assert.equal(r.ok, false, 'expected the config to be rejected');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

test('config: rule: takes the one source that evaluates rules, and refuses what Prometheus decides', () => {
  const c = config('  - { id: a, rule: HighErrorRate }\n');
  assert.equal(c.alerts[0].source, 'prometheus');
  assert.equal(c.alerts[0].rule, 'HighErrorRate');
  assert.deepEqual(errorsOf('  - { id: a, rule: X, query: up }\n'), [
    'alerts[0].query: cannot go with rule: ("X"); Prometheus evaluates the rule with its own expression and for: give one of them',
  ]);
  assert.deepEqual(errorsOf('  - { id: a, rule: X, condition: "> 1", for: 5m }\n'), [
    'alerts[0].condition: cannot go with rule: ("X"); Prometheus evaluates the rule with its own expression and for',
    'alerts[0].for: cannot go with rule: ("X"); Prometheus evaluates the rule with its own expression and for',
  ]);
  assert.deepEqual(errorsOf('  - { id: a, source: prometheus }\n'), [
    'alerts[0].query: is required (string), or rule: NAME to show an alerting rule as Prometheus evaluates it',
  ]);
  assert.deepEqual(errorsOf('  - { id: a, query: up }\n'), ['alerts[0].source: is required (string)']);
});

test('config: with several Prometheus sources rule: names one; a Loki source evaluates none here', () => {
  const two = 'eu: { type: prometheus, url: "http://127.0.0.1:1" }\n  us: { type: prometheus, url: "http://127.0.0.1:2" }';
  assert.deepEqual(errorsOf('  - { id: a, rule: X }\n', two), ['alerts[0].source: is required with rule: when several sources evaluate rules (one of eu, us)']);
  assert.equal(config('  - { id: a, rule: X, source: us }\n', two).alerts[0].source, 'us');
  const loki = 'loki: { url: "http://127.0.0.1:3100" }';
  assert.deepEqual(errorsOf('  - { id: a, rule: X }\n', loki), [
    'alerts[0].source: is required with rule:, and no source evaluates alerting rules (that needs prometheus)',
  ]);
  assert.deepEqual(errorsOf('  - { id: a, rule: X, source: loki }\n', loki), ['alerts[0].source: "loki" is a loki source; this needs prometheus']);
});

const NOW = AT_AB + 60_000;
const alertOf = (rule: string) => config(`  - { id: ${rule.toLowerCase()}, rule: ${rule}, severity: page }\n`).alerts[0];

test('verdicts: firing, pending and inactive as Prometheus judged them, each series with its labels and activeAt', async () => {
  const s = await states();
  const ok: RuleOutcome = { ok: true, states: s, at: NOW };
  const firing = evaluateRuleAlert(alertOf('HighErrorRate'), 'HighErrorRate', ok, NOW);
  assert.equal(firing.status, 'firing');
  // Two groups define HighErrorRate: the per-instance series of one, the per-job series of the other.
  assert.deepEqual(
    firing.series.map((x) => [x.labels, x.state, x.activeSinceMs]),
    [
      [{ code: '500', instance: 'a', job: 'api', severity: 'page' }, 'firing', AT_AB],
      [{ code: '500', instance: 'b', job: 'api', severity: 'page' }, 'firing', AT_AB],
      [{ job: 'api', severity: 'ticket' }, 'firing', AT_JOB],
    ],
  );
  assert.deepEqual(firing.rule?.groups, ['api-availability', 'api-availability-b']);
  assert.equal(
    firing.reason,
    '3 firing on {code="500", instance="a", job="api", severity="page"} (+2 more series) (2 rules of this name, in api-availability, api-availability-b: their series together)',
  );
  assert.equal(firing.activeSinceMs, AT_AB);
  assert.equal(firing.series[0].annotations?.runbook_url, 'https://runbooks.example.com/HighErrorRate');
  assert.equal(firing.annotations?.summary, '5xx on {{ $labels.instance }}');

  const pending = evaluateRuleAlert(alertOf('ErrorsForAnHour'), 'ErrorsForAnHour', ok, NOW);
  assert.equal(pending.status, 'pending');
  assert.deepEqual(
    pending.series.map((x) => [x.labels.instance, x.state, x.value, x.activeSinceMs]),
    [
      ['a', 'pending', 0.19999999999999998, AT_AB],
      ['b', 'pending', 0.19999999999999998, AT_AB],
    ],
  );

  const inactive = evaluateRuleAlert(alertOf('TrafficFlood'), 'TrafficFlood', ok, NOW);
  assert.deepEqual([inactive.status, inactive.series, inactive.reason], ['ok', [], 'inactive: no series pending or firing']);

  const broken = evaluateRuleAlert(alertOf('CodeCollision'), 'CodeCollision', ok, NOW);
  assert.deepEqual(
    [broken.status, broken.reason, broken.rule?.health],
    ['unknown', 'last evaluation failed: vector contains metrics with the same labelset after applying alert labels', 'err'],
  );

  const missing = evaluateRuleAlert(alertOf('NoSuchRule'), 'NoSuchRule', ok, NOW);
  assert.deepEqual([missing.status, missing.reason], ['unknown', 'no alerting rule named NoSuchRule on source prometheus']);
});

test('verdicts: a source that failed makes a rule alert UNKNOWN with the age of what it last knew', async () => {
  const s = await states();
  const failed: RuleOutcome = { ok: false, reason: 'prometheus: timeout after 5s', last: { states: s, at: NOW - 45_000 } };
  const a = evaluateRuleAlert(alertOf('HighErrorRate'), 'HighErrorRate', failed, NOW);
  assert.deepEqual([a.status, a.reason, a.ageMs, a.series], ['unknown', 'prometheus: timeout after 5s; last rule state 45s ago', 45_000, []]);
});

test('the poller asks each source for its rules and alerts once a cycle, however many rule: alerts read them', async () => {
  const c = parseConfig(
    `version: 1\nservice: s\nsources:\n  prometheus: { url: "${server.url}" }\nalerts:\n` +
      '  - { id: high, rule: HighErrorRate }\n  - { id: hour, rule: ErrorsForAnHour }\n  - { id: flood, rule: TrafficFlood }\n  - { id: gone, rule: Gone }\n',
    {},
  );
  assert.ok(c.ok);
  const source = new PrometheusSource(c.config.sources.prometheus);
  after(() => source.close());
  const poller = new Poller(c.config, new Map([['prometheus', source]]), { now: () => NOW });
  const before = server.seen.length;
  const snap = await poller.cycle();
  assert.deepEqual(
    server.seen
      .slice(before)
      .map((r) => r.path)
      .sort(),
    ['/api/v1/alerts', '/api/v1/rules'],
  );
  assert.deepEqual(
    snap.alerts.map((a) => [a.id, a.status]),
    [
      ['high', 'firing'],
      ['hour', 'pending'],
      ['flood', 'ok'],
      ['gone', 'unknown'],
    ],
  );
  const doc = snapshotDoc(snap);
  assert.deepEqual(doc.alerts[1].series[0], {
    labels: { code: '500', instance: 'a', job: 'api', severity: 'ticket' },
    state: 'pending',
    value: 0.19999999999999998,
    active_since: '2026-11-29T22:36:37.933Z',
    annotations: { summary: '5xx on a for an hour' },
  });
  assert.deepEqual(doc.alerts[1].rule, {
    name: 'ErrorsForAnHour',
    source: 'prometheus',
    groups: ['api-availability'],
    queries: ['rate(http_requests_total{code="500"}[5m]) > 0'],
    health: 'ok',
    last_error: null,
  });
  const text = snapshotText(snap);
  assert.match(text, /PENDING +0\.2 +\{code="500", instance="b", job="api", severity="ticket"\} active since 2026-11-29T22:36:37\.933Z/);

  // Prometheus goes away: the rule alerts say so, never OK.
  server.reply(() => ({ status: 503, body: fixture('prometheus/not_ready_503.txt'), headers: { 'content-type': 'text/plain' } }));
  const down = await poller.cycle();
  server.reply(recorded);
  assert.deepEqual(
    down.alerts.map((a) => a.status),
    ['unknown', 'unknown', 'unknown', 'unknown'],
  );
  assert.match(down.alerts[2].reason, /^prometheus: http 503: Service Unavailable; last rule state 0s ago$/);
  assert.equal(down.sources[0].ok, false);
});

test('import --as-rules: one rule: alert per alerting rule name, recording rules skipped with the reason', async () => {
  const { importPrometheusRules } = await import('../../src/import/prometheus-rules.js');
  const O = { source: 'prometheus', type: 'prometheus' as const, asRules: true };
  // gitlab-omnibus.yml: 11 alerting rules, WorkhorseHighErrorRate twice (lines 2 and 3 of its alert list), and 49 recording rules.
  const gitlab = importPrometheusRules(fixture('import/rules/gitlab-omnibus.yml'), O);
  assert.equal(gitlab.entries.length, 10);
  assert.ok(gitlab.entries.every((e) => e.rule === e.id && e.source === 'prometheus' && e.query === undefined && e.condition === undefined));
  assert.equal(gitlab.notMapped.length, 49);
  // Its first recording rule, in group GitLab.
  assert.deepEqual(gitlab.notMapped[0], {
    what: 'GitLab/instance:puma_utilization:ratio',
    why: 'a recording rule: skipped, it writes a series and has no alert state to show',
  });
  assert.equal(
    gitlab.summary,
    'imported 10 alerts as rule: references (Prometheus evaluates them; oncall shows its state), 49 recording rules skipped, 0 not mapped',
  );
  // kube-prometheus' node-exporter PrometheusRule: 26 alerting rules under 21 names, five of them a warning and a critical
  // rule of one name (NodeFilesystemSpaceFillingUp at lines 17 and 33: warning, then critical).
  const node = importPrometheusRules(fixture('import/prometheusrule/kube-prometheus-nodeExporter.yaml'), O);
  assert.equal(node.entries.length, 21);
  const filling = node.entries.find((e) => e.id === 'NodeFilesystemSpaceFillingUp');
  assert.deepEqual(filling, {
    id: 'NodeFilesystemSpaceFillingUp',
    source: 'prometheus',
    rule: 'NodeFilesystemSpaceFillingUp',
    severity: 'critical',
    runbook: 'https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemspacefillingup',
  });
  assert.ok(node.notes.includes('NodeFilesystemSpaceFillingUp is defined by 2 rules (in node-exporter): one alert shows the series of all of them'));
  // What it writes loads as a config.
  const { configDoc } = await import('../../src/import/output.js');
  const { stringify } = await import('yaml');
  const r = parseConfig(stringify(configDoc(node, O)), {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  assert.equal(r.config.alerts.filter((a) => a.rule !== undefined).length, 21);
});
