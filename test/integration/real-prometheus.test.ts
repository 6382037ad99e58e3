// `oncall watch --once --json` against a real Prometheus over a history whose
// answers are worked out by hand below.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { counterFamily, histogramFamily, type RealPrometheus, startPrometheus, trafficHistory } from '../helpers/real-prometheus.js';

// The history ends on the 15 s grid at T and covers the three hours before it;
// 5xx begin 40 minutes before T at 0.2/s while all traffic is 10/s: 2% errors.
const { T, START, ERR_START, times, errors, total } = trafficHistory();

const history = [
  ...counterFamily(
    'http_requests',
    [
      { labels: 'status="200"', value: (t) => total(t) - errors(t) },
      { labels: 'status="500"', value: errors },
    ],
    times,
  ),
  // Per second: 50 requests <= 100ms, 80 <= 250ms, 90 <= 500ms, 100 <= 1s.
  // p95: rank 95 lies in (0.5, 1] between counts 90 and 100: 0.5 + 0.5 * 5/10 = 0.75 s.
  // p50: rank 50 is the top of the first bucket: 0.1 * 50/50 = 0.1 s.
  ...histogramFamily(
    'task_query_duration_seconds',
    [
      ['0.1', 50],
      ['0.25', 80],
      ['0.5', 90],
      ['1', 100],
      ['+Inf', 100],
    ],
    30,
    times,
    START,
  ),
  '# EOF',
].join('\n');

const config = (url: string) => `
version: 1
service: integration
environment: test
refresh: 15s
sources:
  prometheus: { url: "${url}" }
slos:
  - id: LAT-P95
    name: Task query p95
    source: prometheus
    query: histogram_quantile(0.95, sum by (le) (rate(task_query_duration_seconds_bucket[$window])))
    unit: s
    objective: "< 500ms"
    warning: "> 500ms for 5m"
    critical: "> 1s for 2m"
  - id: LAT-P95-MS
    name: Task query p95 in ms
    source: prometheus
    query: histogram_quantile(0.95, sum by (le) (rate(task_query_duration_seconds_bucket[$window]))) * 1000
    unit: ms
    objective: "< 500ms"
    critical: "> 700ms for 5m"
  - id: LAT-P50
    name: Task query p50
    source: prometheus
    query: histogram_quantile(0.50, sum by (le) (rate(task_query_duration_seconds_bucket[$window])))
    unit: s
    objective: "< 200ms"
    warning: "> 200ms for 5m"
  - id: AVAIL
    name: API availability
    source: prometheus
    ratio:
      errors: sum(rate(http_requests_total{status=~"5.."}[$window]))
      total: sum(rate(http_requests_total[$window]))
    objective: 99%
    warning: "> 1% for 5m"
    critical: "> 5%"
    period: 30d
  - id: CLOCK
    name: A ratio that moves with the clock
    source: prometheus
    ratio:
      errors: vector(time() % 97)
      total: vector(100)
    objective: 99%
    window: 5m
    period: 30d
  - id: GHOST
    name: A metric nobody exports
    source: prometheus
    query: sum(rate(no_such_metric_total[$window]))
    unit: count
    objective: "< 1"
alerts:
  - id: five-xx-burst
    source: prometheus
    query: sum(increase(http_requests_total{status="500"}[$window]))
    condition: "> 50 in 5m"
  - id: five-xx-quiet
    source: prometheus
    query: sum(increase(http_requests_total{status="500"}[$window]))
    condition: "> 61 in 5m"
  - id: error-ratio-10m
    source: prometheus
    query: sum(rate(http_requests_total{status="500"}[$window])) / sum(rate(http_requests_total[$window]))
    condition: "> 1% for 10m"
  - id: error-ratio-1h
    source: prometheus
    query: sum(rate(http_requests_total{status="500"}[$window])) / sum(rate(http_requests_total[$window]))
    condition: "> 1% for 1h"
schedule:
  - name: First hour
    from: 0h
    to: 1h
    every: 15m
    checks: [ { slo: LAT-P50 }, { alert: five-xx-quiet } ]
  - name: Hours 2-6
    from: 1h
    to: 6h
    every: 1h
    checks:
      - { title: Latency and availability, slos: [ LAT-P50, AVAIL ] }
      - { title: 5xx burst, alert: five-xx-burst }
      - { title: Look at the dashboard, manual: true }
`;

let prom: RealPrometheus;
let file: string;
before(async () => {
  prom = await startPrometheus(history);
  const dir = mkdtempSync(join(tmpdir(), 'oncall-int-'));
  file = join(dir, 'oncall.yaml');
  writeFileSync(file, config(prom.url));
});
after(async () => {
  await prom?.stop();
});

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
};

/** Error ratio Prometheus gives over (at - window, at]: both counters share sample times, so extrapolation cancels. */
function ratioOver(at: number, windowS: number): number {
  const inWindow = times.filter((t) => t >= at - windowS && t <= at);
  const first = inWindow[0];
  const last = inWindow[inWindow.length - 1];
  return (errors(last) - errors(first)) / (total(last) - total(first));
}

/**
 * The 5xx increase() Prometheus gives over (at - windowS, at], by its own
 * extrapolation rule: out to the window's edges when the gap to them is under
 * 1.1 sample intervals, else half an interval. While `at` is within 16.5 s of
 * the last sample, that is exactly 0.2/s x 300 s = 60; later it is less.
 */
function increaseOver(at: number, windowS: number): number {
  const inWindow = times.filter((t) => t >= at - windowS && t <= at);
  const first = inWindow[0];
  const last = inWindow[inWindow.length - 1];
  const sampled = last - first;
  const avg = sampled / (inWindow.length - 1);
  const edge = (gap: number) => (gap < avg * 1.1 ? gap : avg / 2);
  return (errors(last) - errors(first)) * ((sampled + edge(first - (at - windowS)) + edge(at - last)) / sampled);
}

test('watch --once --json on a real Prometheus matches the hand-computed values', async () => {
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1, 'a warning and firing alerts: exit 1');
  const doc = JSON.parse(r.stdout);
  const at = Date.parse(doc.generated_at) / 1000;
  assert.ok(at - T < 600, 'evaluated within the data');
  const slo = (id: string) => doc.slos.find((s: { id: string }) => s.id === id);
  const alert = (id: string) => doc.alerts.find((a: { id: string }) => a.id === id);

  const p95 = slo('LAT-P95');
  close(p95.value, 0.75, 'p95');
  assert.equal(p95.unit, 's');
  assert.equal(p95.status, 'warning');
  assert.match(p95.reason, /^750ms > 500ms for 5m \(held \d+m/);

  const ms = slo('LAT-P95-MS');
  close(ms.value, 750, 'p95 in ms');
  assert.equal(ms.status, 'critical');
  assert.equal(ms.display, '750ms');

  const p50 = slo('LAT-P50');
  close(p50.value, 0.1, 'p50');
  assert.equal(p50.status, 'ok');

  const avail = slo('AVAIL');
  close(avail.value, 0.02, 'error ratio over the 1m window');
  assert.equal(avail.status, 'warning');
  // 99% allows 1% errors; 2% is a 2x burn in every window inside the last 40 minutes.
  close(avail.burn_rates['5m'], 2, 'burn 5m');
  close(avail.burn_rates['30m'], 2, 'burn 30m');
  close(avail.burn_rates['1h'], ratioOver(at, 3600) / 0.01, 'burn 1h');
  close(avail.burn_rates['2h'], ratioOver(at, 7200) / 0.01, 'burn 2h');
  // Windows of 6h and more hold the whole 3h history: 480 errors of 108,000 requests.
  for (const w of ['6h', '1d', '3d']) close(avail.burn_rates[w], 480 / 108_000 / 0.01, `burn ${w}`);
  close(avail.budget_remaining, 1 - 480 / 108_000 / 0.01, 'budget remaining over 30d');

  // Its 5m burn comes from the last point of its own 5m range, the 30m one from an instant query:
  // both are (time() mod 97) / 100 at the moment of the cycle, over the 1% budget.
  const clock = slo('CLOCK');
  close(clock.burn_rates['5m'], (at % 97) / 100 / 0.01, 'burn 5m from the range end');
  close(clock.burn_rates['30m'], (at % 97) / 100 / 0.01, 'burn 30m from an instant query');

  const ghost = slo('GHOST');
  assert.equal(ghost.status, 'no_data');
  assert.equal(ghost.value, null, 'no data is never shown as zero');

  // increase() over 5m at a constant 0.2/s, extrapolated to the window: 60 when evaluated promptly.
  close(alert('five-xx-burst').value, increaseOver(at, 300), '5xx in 5m');
  assert.equal(alert('five-xx-burst').status, 'firing');
  // Not "> 60": 60 computed in floating point may land a hair either side of it.
  assert.equal(alert('five-xx-quiet').status, 'ok', '60 is not > 61');
  assert.equal(alert('error-ratio-10m').status, 'firing');
  // The ratio has been over 1% for about 39 minutes: pending against a 1h `for`.
  assert.equal(alert('error-ratio-1h').status, 'pending');
  const since = Date.parse(alert('error-ratio-1h').active_since) / 1000;
  assert.ok(since > ERR_START && since <= ERR_START + 90, `active since ${since - ERR_START}s after the errors began`);

  assert.deepEqual(
    doc.sources.map((s: { name: string; ok: boolean; error: null }) => [s.name, s.ok, s.error]),
    [['prometheus', true, null]],
  );
});

test('check --json on a real Prometheus: known verdicts gate the pipeline', async () => {
  const first = await runCli(['check', '--json', '--since', '20m ago', '--config', file, '--state-dir', join(file, '..', 'state')]);
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout);
  assert.equal(a.phase.name, 'First hour');
  assert.equal(a.phase.round, 2, '20 minutes in: the second 15-minute round');
  assert.deepEqual(
    a.checks.map((c: { id: string; verdict: string }) => [c.id, c.verdict]),
    [
      ['LAT-P50', 'pass'],
      ['five-xx-quiet', 'pass'],
    ],
  );
  close(a.checks[0].value, 0.1, 'p50 from the real engine');

  const before = Date.now() / 1000;
  const r = await runCli(['check', '--json', '--since', '90m ago', '--config', file, '--state-dir', join(file, '..', 'state')]);
  const after = Date.now() / 1000;
  assert.equal(r.code, 1, 'a failed check fails the pipeline');
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.phase.name, 'Hours 2-6');
  assert.equal(doc.hour, 2);
  assert.deepEqual(
    doc.checks.map((c: { id: string | null; verdict: string }) => [c.id, c.verdict]),
    [
      ['LAT-P50', 'pass'],
      ['AVAIL', 'fail'],
      ['five-xx-burst', 'fail'],
      [null, 'pending'],
    ],
  );
  close(doc.checks[1].value, 0.02, 'error ratio');
  // check --json carries no evaluation time: the value must be what Prometheus gives at some moment of the run.
  const possible = Array.from({ length: 101 }, (_, i) => increaseOver(before + ((after - before) * i) / 100, 300));
  assert.ok(
    doc.checks[2].value >= Math.min(...possible) - 1e-9 && doc.checks[2].value <= Math.max(...possible) + 1e-9,
    `5xx in 5m: ${doc.checks[2].value} not in [${Math.min(...possible)}, ${Math.max(...possible)}]`,
  );
  assert.deepEqual(doc.summary, { passed: 1, failed: 2, unknown: 0, manual_remaining: 1 });
});

test('doctor reports the real version; a Prometheus that goes away turns panels stale, exit 3', async () => {
  const d = await runCli(['doctor', '--config', file]);
  assert.equal(d.code, 0, d.stdout + d.stderr);
  assert.match(d.stdout, /^ok {4}prometheus +prometheus +http:\/\/127\.0\.0\.1:\d+ {2}version 2\.\d+\.\d+/);
  await prom.stop();
  const r = await runCli(['watch', '--once', '--json', '--config', file]);
  assert.equal(r.code, 3);
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.slos.every((s: { status: string; value: null }) => s.status === 'stale' && s.value === null));
  assert.ok(doc.alerts.every((a: { status: string }) => a.status === 'unknown'));
  assert.deepEqual(doc.sources[0], {
    name: 'prometheus',
    type: 'prometheus',
    ok: false,
    error: 'unreachable: connection refused',
    latency_ms: doc.sources[0].latency_ms,
  });
  const c = await runCli(['check', '--json', '--since', '90m ago', '--config', file, '--state-dir', join(file, '..', 'state')]);
  assert.equal(c.code, 3, 'unknown because the source failed');
  assert.deepEqual(JSON.parse(c.stdout).summary, { passed: 0, failed: 0, unknown: 3, manual_remaining: 1 });
  const dd = await runCli(['doctor', '--config', file]);
  assert.equal(dd.code, 3);
  assert.match(dd.stdout, /^FAIL {2}prometheus .* unreachable: connection refused$/m);
  assert.equal(dd.stderr, 'doctor: prometheus failing\n');
});
