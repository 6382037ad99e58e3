// On a real Prometheus: a healthy ratio with no errors yet reads 0, not NO
// DATA; a query Prometheus rejects stays on its own panel while the source is
// up; alerts name the series they fire for, in JSON and in text.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { counterFamily, type RealPrometheus, startPrometheus, trafficHistory } from '../helpers/real-prometheus.js';

// 10 requests/s for three hours; 5xx at 0.2/s in the last 40 minutes (see trafficHistory).
// Samples run ten minutes past now, so a rate read a while after loading (a slow machine) still has its window full.
const { times, errors, total } = trafficHistory(Date.now(), 600);
const history = [
  ...counterFamily(
    'http_requests',
    [
      { labels: 'status="200"', value: (t) => total(t) - errors(t) },
      { labels: 'status="500"', value: errors },
    ],
    times,
  ),
  '# EOF',
].join('\n');

const config = (url: string) => `
version: 1
service: series
refresh: 15s
sources:
  prometheus: { url: "${url}" }
slos:
  - id: NO-503S
    name: No 503 has ever been counted
    source: prometheus
    ratio:
      errors: sum(rate(http_requests_total{status="503"}[$window]))
      total: sum(rate(http_requests_total[$window]))
    objective: 99.9
  - id: NO-TRAFFIC
    name: A service nobody calls
    source: prometheus
    ratio:
      errors: sum(rate(nobody_requests_total{status="500"}[$window]))
      total: sum(rate(nobody_requests_total[$window]))
    objective: 99.9
  - id: REJECTED
    name: A regex Prometheus cannot compile
    source: prometheus
    query: label_replace(sum(rate(http_requests_total[$window])), "x", "$1", "status", "(")
    unit: count
    objective: "< 100"
  - id: TRAFFIC
    name: Requests per second
    source: prometheus
    query: sum(rate(http_requests_total[$window]))
    unit: per_second
    objective: "< 100"
alerts:
  - id: FiveXX
    source: prometheus
    query: rate(http_requests_total{status=~"5.."}[5m]) > 0.1
    for: 10m
    severity: page
    labels: { team: web }
  - id: Busy
    source: prometheus
    query: rate(http_requests_total[5m])
    condition: "> 5"
severities:
  page: { title: Page, respond: 15m }
`;

let prom: RealPrometheus;
let file: string;
before(async () => {
  prom = await startPrometheus(history);
  const dir = mkdtempSync(join(tmpdir(), 'oncall-series-'));
  file = join(dir, 'oncall.yaml');
  writeFileSync(file, config(prom.url));
});
after(async () => {
  await prom?.stop();
});

test('ratio with no error series yet is 0 (ok, full budget); with no traffic it is NO DATA', async () => {
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  const doc = JSON.parse(r.stdout);
  const slo = (id: string) => doc.slos.find((s: { id: string }) => s.id === id);
  const none = slo('NO-503S');
  assert.deepEqual([none.status, none.value, none.budget_remaining], ['ok', 0, 1]);
  assert.deepEqual(Object.values(none.burn_rates), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([slo('NO-TRAFFIC').status, slo('NO-TRAFFIC').value], ['no_data', null]);
});

test("a query Prometheus rejects shows on its panel with the server's words; the source stays up; exit 3", async () => {
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  const doc = JSON.parse(r.stdout);
  const bad = doc.slos.find((s: { id: string }) => s.id === 'REJECTED');
  assert.equal(bad.status, 'stale');
  assert.equal(bad.value, null);
  assert.match(bad.reason, /^prometheus: query rejected \(http (400|422)\): (bad_data|execution): .*invalid regular expression.*; no data yet$/);
  assert.deepEqual(
    doc.sources.map((s: { name: string; ok: boolean; error: string | null }) => [s.name, s.ok, s.error]),
    [['prometheus', true, null]],
  );
  // The other panels of the same source are judged as usual.
  assert.equal(doc.slos.find((s: { id: string }) => s.id === 'TRAFFIC').status, 'ok');
  // A firing alert outranks it (exit 1); without the alerts, the unjudged panel makes it 3, never 0.
  assert.equal(r.code, 1);
  const quiet = join(file, '..', 'quiet.yaml');
  writeFileSync(quiet, config(prom.url).replace(/^alerts:[\s\S]*?^severities:/m, 'severities:'));
  const q = await runCli(['watch', '--once', '--json', '--config', quiet]);
  assert.equal(q.code, 3, q.stderr);
});

test('alerts name the series they fire for: labels, value, since, in JSON and in the text snapshot', async () => {
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  const doc = JSON.parse(r.stdout);
  const at = Date.parse(doc.generated_at);
  const five = doc.alerts.find((a: { id: string }) => a.id === 'FiveXX');
  assert.equal(five.status, 'firing');
  assert.equal(five.condition, null);
  assert.equal(five.series.length, 1);
  // rate() drops the metric name; the 5xx began 40 minutes ago, so the range held it all the way back.
  assert.deepEqual(five.series[0].labels, { status: '500' });
  assert.equal(five.series[0].state, 'firing');
  assert.ok(Math.abs(five.series[0].value - 0.2) < 0.01, `5xx rate ${five.series[0].value}`);
  assert.ok(at - Date.parse(five.series[0].active_since) >= 600_000, 'held at least the 10m of its for');
  // A condition is judged per series too: only the 200s run above 5/s.
  const busy = doc.alerts.find((a: { id: string }) => a.id === 'Busy');
  assert.equal(busy.status, 'firing');
  assert.deepEqual(
    busy.series.map((s: { labels: Record<string, string> }) => s.labels),
    [{ status: '200' }],
  );
  assert.ok(Math.abs(busy.series[0].value - 9.8) < 0.1);
  assert.match(busy.reason, /^9\.8 > 5 on \{status="200"\}$/);
  const text = await runCli(['watch', '--once', '--config', file]);
  assert.match(text.stdout, /^ {2}FIRING {3}FiveXX +page 0\.2 on \{status="500"\}, held at least 10m30s\n {11}FIRING {3}0\.2 {7}\{status="500"\}$/m);
});
