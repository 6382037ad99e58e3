// `rule:` alerts against a real Prometheus that evaluates the rules itself
// (rules_recorded_2.42.yml, over a backfilled hour): `oncall watch --once`
// must show, series by series, what /api/v1/alerts says (labels, state,
// activeAt) for a firing, a pending and an inactive rule, a rule that fails
// its evaluation, and one Prometheus does not have.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { counterFamily, type RealPrometheus, rulesEvaluatedAfter, startPrometheus } from '../helpers/real-prometheus.js';

// An hour on the 15 s grid up to now: 5xx grow by 3 every 15 s on instances a and b (0.2/s, so
// HighErrorRate fires at its first evaluation, ErrorsForAnHour waits for its hour), all traffic far below TrafficFlood's 1000/s.
const T = Math.floor(Date.now() / 15_000) * 15;
const times: number[] = [];
for (let t = T - 3600; t <= T; t += 15) times.push(t);
const history = [
  ...counterFamily(
    'http_requests',
    ['a', 'b'].flatMap((i) => [
      { labels: `job="api",instance="${i}",code="200"`, value: (t: number) => 100_000 + 10 * (t - T + 3600) },
      { labels: `job="api",instance="${i}",code="500"`, value: (t: number) => 1000 + (t - T + 3600) / 5 },
    ]),
    times,
  ),
  '# EOF',
  '',
].join('\n');

let prom: RealPrometheus;
let file: string;
before(async () => {
  const started = Date.now();
  prom = await startPrometheus(history, { rules: [fixture('prometheus/rules_recorded_2.42.yml')] });
  // Twice: the second pass has seen what the first wrote.
  await rulesEvaluatedAfter(prom.url, started);
  await rulesEvaluatedAfter(prom.url, Date.now());
  file = join(mkdtempSync(join(tmpdir(), 'oncall-rules-')), 'oncall.yaml');
  writeFileSync(
    file,
    `version: 1
service: api
sources:
  prometheus: { url: "${prom.url}" }
alerts:
  - { id: high, rule: HighErrorRate, severity: page }
  - { id: hour, rule: ErrorsForAnHour }
  - { id: flood, rule: TrafficFlood }
  - { id: collision, rule: CodeCollision }
  - { id: gone, rule: NoSuchRule }
`,
  );
});
after(async () => {
  await prom?.stop();
});

interface PromAlert {
  labels: Record<string, string>;
  state: string;
  activeAt: string;
}

/** What Prometheus says of `name`'s series, as oncall shows them: without alertname, activeAt to the millisecond. */
function expected(alerts: PromAlert[], name: string) {
  return alerts
    .filter((a) => a.labels.alertname === name)
    .map(({ labels: { alertname: _, ...labels }, state, activeAt }) => ({ labels, state, active_since: new Date(Date.parse(activeAt)).toISOString() }))
    .sort((x, y) => (x.state === y.state ? JSON.stringify(x.labels).localeCompare(JSON.stringify(y.labels)) : x.state === 'firing' ? -1 : 1));
}

test('watch --once --json shows each rule as Prometheus judged it, series by series', async () => {
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  const doc = JSON.parse(r.stdout);
  const prometheus = (await (await fetch(`${prom.url}/api/v1/alerts`)).json()) as { data: { alerts: PromAlert[] } };
  const alerts = prometheus.data.alerts;
  assert.equal(r.code, 1, 'a firing alert is a breach');
  const byId = (id: string) => doc.alerts.find((a: { id: string }) => a.id === id);
  const shown = (id: string) =>
    byId(id)
      .series.map((s: { labels: Record<string, string>; state: string; active_since: string }) => ({
        labels: s.labels,
        state: s.state,
        active_since: s.active_since,
      }))
      .sort((x: { state: string; labels: object }, y: { state: string; labels: object }) =>
        x.state === y.state ? JSON.stringify(x.labels).localeCompare(JSON.stringify(y.labels)) : x.state === 'firing' ? -1 : 1,
      );

  // Firing: two groups define HighErrorRate: a and b from one, the per-job sum from the other; all three shown.
  assert.equal(byId('high').status, 'firing');
  assert.equal(expected(alerts, 'HighErrorRate').length, 3);
  assert.deepEqual(shown('high'), expected(alerts, 'HighErrorRate'));
  assert.deepEqual(byId('high').rule.groups, ['api-availability', 'api-availability-b']);
  assert.equal(byId('high').series.find((s: { labels: { instance?: string } }) => s.labels.instance === 'a').annotations.summary, '5xx on a');

  // Pending: for 1h, and Prometheus has watched it only since it started.
  assert.equal(byId('hour').status, 'pending');
  assert.deepEqual(
    expected(alerts, 'ErrorsForAnHour').map((s) => s.state),
    ['pending', 'pending'],
  );
  assert.deepEqual(shown('hour'), expected(alerts, 'ErrorsForAnHour'));

  // Inactive: no series at all, and OK.
  assert.deepEqual(expected(alerts, 'TrafficFlood'), []);
  assert.deepEqual([byId('flood').status, byId('flood').series], ['ok', []]);

  // Failing its evaluation: Prometheus' own error, and UNKNOWN rather than OK.
  assert.equal(byId('collision').status, 'unknown');
  assert.equal(byId('collision').rule.last_error, 'vector contains metrics with the same labelset after applying alert labels');

  // Not there at all: never OK.
  assert.deepEqual([byId('gone').status, byId('gone').reason], ['unknown', 'no alerting rule named NoSuchRule on source prometheus']);
});

test('watch --once text lists each series with its labels and when it became active', async () => {
  const r = await runCli(['watch', '--once', '--config', file]);
  const prometheus = (await (await fetch(`${prom.url}/api/v1/alerts`)).json()) as { data: { alerts: PromAlert[] } };
  assert.equal(r.code, 1);
  for (const s of expected(prometheus.data.alerts, 'ErrorsForAnHour')) {
    const labels = Object.keys(s.labels)
      .sort()
      .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
      .join(', ');
    assert.ok(r.stdout.includes(`{${labels}} active since ${s.active_since}`), `${labels} in\n${r.stdout}`);
  }
  assert.match(r.stdout, /UNKNOWN +gone +no alerting rule named NoSuchRule on source prometheus/);
});
