// `rule:` alerts on the screen: the alerts panel and the detail view over
// what a real Prometheus 2.42 answered (the recorded /api/v1/rules and
// /api/v1/alerts of test/fixtures/prometheus, decoded by the real client).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { evaluateRuleAlert } from '../../src/engine/evaluate-rule.js';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { AlertsPanel } from '../../src/ui/AlertsPanel.js';
import { REAL_TIME } from '../../src/ui/clock.js';
import { AlertDetail } from '../../src/ui/DetailView.js';
import { fixtureServer } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { renderWithProviders } from '../helpers/render.js';
import { sourceDef } from '../helpers/source-def.js';

const server = await fixtureServer((req) => ({
  status: 200,
  body: fixture(req.path === '/api/v1/rules' ? 'prometheus/rules_type_alert_recorded_2.42.json' : 'prometheus/alerts_recorded_2.42.json'),
}));
after(() => server.close());
const prom = new PrometheusSource(sourceDef('prometheus', server.url));
after(() => prom.close());
const answer = await prom.ruleStates();
assert.ok(answer.ok);

const parsed = parseConfig(
  `version: 1\nservice: api\nsources:\n  prometheus: { url: "${server.url}" }\nalerts:\n` +
    '  - { id: high, rule: HighErrorRate, severity: P1 }\n  - { id: hour, rule: ErrorsForAnHour, severity: P2 }\n' +
    '  - { id: flood, rule: TrafficFlood }\n  - { id: collision, rule: CodeCollision }\n',
  {},
);
assert.ok(parsed.ok);
const config = parsed.config;
// Two minutes after the instances' series became active (2026-11-29T22:36:37.933Z).
const NOW = Date.UTC(2026, 10, 29, 22, 38, 37, 933);
const states = config.alerts.map((a) => evaluateRuleAlert(a, a.rule!, { ok: true, states: answer.value, at: NOW }, NOW));

test('the alerts panel shows a firing and a pending rule with their first series and how long they have been active', () => {
  const frame = renderWithProviders(<AlertsPanel alerts={states} now={NOW} selected={0} focused={true} width={100} maxLines={4} />).lastFrame()!;
  const lines = frame.split('\n');
  // 100 columns, as ink-testing-library draws: the rest of each reason is cut with an ellipsis.
  assert.equal(lines[0], '▸ Alerts (3 of 4 need a look)');
  assert.equal(lines[1], '› P1  FIRING  high for 2m: 3 firing on {code="500", instance="a", job="api", severity="page"} (+2 …');
  assert.equal(lines[2], '  P2  PENDING hour for 2m: 2 pending on {code="500", instance="a", job="api", severity="ticket"} (…');
  assert.equal(lines[3], '  --  UNKNOWN collision: last evaluation failed: vector contains metrics with the same labelset af…');
});

test("the detail view shows the rule, its expressions, each series' labels and activeAt, and the runbook Prometheus expanded", () => {
  const frame = renderWithProviders(<AlertDetail alert={config.alerts[0]} state={states[0]} now={NOW} width={100} />, {
    clock: { ...REAL_TIME, timeZone: 'UTC' },
  }).lastFrame()!;
  assert.match(frame, /^high high FIRING$/m);
  assert.match(frame, /^rule {7}HighErrorRate on prometheus, as Prometheus evaluates it \(2 rules of this name, in\napi-availability, api-availability-b\)$/m);
  assert.match(frame, /^expr {7}rate\(http_requests_total\{code="500"\}\[5m\]\) > 0$/m);
  assert.match(frame, /^ {11}sum by \(job\) \(rate\(http_requests_total\{code="500"\}\[5m\]\)\) > 0$/m);
  assert.match(frame, /^summary {4}5xx on a$/m);
  assert.match(frame, /^runbook {4}https:\/\/runbooks\.example\.com\/HighErrorRate$/m);
  // 22:36:37.933 and 22:36:38.270 are 2m and 1m59.7s before NOW (ages shown to the minute from 1m on).
  assert.match(
    frame,
    /series \(3\)\n {2}FIRING {3}0\.2 {7}\{code="500", instance="a", job="api", severity="page"\} since 2m \(at 22:36:37\)\n {2}FIRING {3}0\.2 {7}\{code="500", instance="b", job="api", severity="page"\} since 2m \(at 22:36:37\)\n {2}FIRING {3}0\.4 {7}\{job="api", severity="ticket"\} since 2m \(at 22:36:38\)$/,
  );

  const broken = renderWithProviders(<AlertDetail alert={config.alerts[3]} state={states[3]} now={NOW} width={100} />, {
    clock: { ...REAL_TIME, timeZone: 'UTC' },
  }).lastFrame()!;
  assert.match(broken, /^collision collision UNKNOWN$/m);
  assert.match(broken, /^rule error vector contains metrics with the same labelset after applying alert labels$/m);
});
