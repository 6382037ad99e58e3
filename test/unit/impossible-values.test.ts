// Garbage from a backend is a panel error with its reason, never a verdict:
// -Inf or a negative latency would read "< 500ms", a negative error ratio
// "within budget", a sample from 1970 as current.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Alert, ThresholdSlo } from '../../src/config/types.js';
import { BURN_WINDOWS } from '../../src/engine/burn-rate.js';
import { evaluateRatioSlo, evaluateThresholdSlo } from '../../src/engine/evaluate.js';
import { evaluateAlert } from '../../src/engine/evaluate-alert.js';
import { buildReport } from '../../src/engine/slo-report.js';
import { exitCode, type Outcome } from '../../src/engine/state.js';
import { Poller } from '../../src/poller/poller.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { obj, promAlert, ratioSlo, th } from '../helpers/build.js';
import { fixtureServer } from '../helpers/fixture-server.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const STEP = 15_000;
const YEAR = 365 * 86_400_000;

/** One series of `values`, a step apart, the last at NOW; `from` as the poller sets it for a 10-minute range. */
const answer = (values: number[], t = NOW): Outcome => ({
  ok: true,
  series: [{ labels: {}, points: values.map((v, i) => ({ t: t - (values.length - 1 - i) * STEP, v })) }],
  at: NOW,
  from: NOW - 600_000 - 2 * STEP,
});

const latency: ThresholdSlo = {
  kind: 'threshold',
  lang: 'promql',
  id: 'LAT',
  name: 'p95',
  source: 'prometheus',
  query: 'q',
  unit: 's',
  objective: obj('< 500ms'),
  warning: th('> 500ms for 5m'),
  windowMs: 60_000,
};

test('an infinite or negative latency is unknown with the reason, never OK', () => {
  for (const [values, reason] of [
    [[0.2, -Infinity], 'impossible value -Inf for a latency'],
    [[0.2, Infinity], 'impossible value +Inf for a latency'],
    [[0.2, -0.3], 'impossible value -300ms for a latency'],
    // Garbage earlier in the range would bend the `for`: it counts as much as the newest point.
    [[-0.3, 0.2], 'impossible value -300ms for a latency'],
  ] as const) {
    const s = evaluateThresholdSlo(latency, answer([...values]), NOW, STEP);
    assert.deepEqual([s.status, s.value, s.reason], ['unknown', null, reason], String(values));
  }
  assert.equal(exitCode({ at: NOW, service: 's', slos: [evaluateThresholdSlo(latency, answer([-1]), NOW, STEP)], alerts: [], sources: [] }), 3);
});

test('a negative duration where higher passes is a real reading: an expired certificate fails', () => {
  const cert: ThresholdSlo = { ...latency, id: 'CERT', objective: obj('> 7d'), warning: undefined };
  const s = evaluateThresholdSlo(cert, answer([-86_400]), NOW, STEP);
  assert.equal(s.status, 'warning');
  assert.equal(s.reason, '-1d misses objective > 7d');
});

test('NaN (0/0: no traffic) stays "no data", as before: neither a verdict nor garbage', () => {
  const s = evaluateThresholdSlo(latency, answer([0.2, NaN]), NOW, STEP);
  assert.deepEqual([s.status, s.value], ['no_data', null]);
});

test('samples stamped in 1970 or a century ahead are unknown, with how far off they are', () => {
  const old = evaluateThresholdSlo(latency, answer([0.2], 0), NOW, STEP);
  // 2026-01-01 is 56 years and 14 leap days after the epoch.
  assert.deepEqual([old.status, old.reason], ['unknown', 'sample is 56 years old']);
  const ahead = evaluateThresholdSlo(latency, answer([0.2], NOW + 100 * YEAR), NOW, STEP);
  assert.deepEqual([ahead.status, ahead.reason], ['unknown', 'sample is stamped 100 years ahead']);
  // Within the range asked for (10 minutes, two steps of slack) and up to an hour ahead (clock skew): fine.
  assert.equal(evaluateThresholdSlo(latency, answer([0.2], NOW - 630_000), NOW, STEP).status, 'ok');
  assert.equal(evaluateThresholdSlo(latency, answer([0.2], NOW + 3_600_000), NOW, STEP).status, 'ok');
  assert.equal(evaluateThresholdSlo(latency, answer([0.2], NOW - 630_001), NOW, STEP).reason, 'sample is 10m30s old');
});

const avail = ratioSlo({ warning: th('> 1% for 5m'), critical: th('> 10%') });

function ratioInputs(main: number, window: (w: number) => number, period: number) {
  const windows = new Map<number, Outcome>();
  for (const w of BURN_WINDOWS) windows.set(w, answer([window(w)]));
  return { main: answer([main, main]), windows, period: answer([period]) };
}

test('error ratios below 0 or above 1 (errors above the total, a negative total) are unknown', () => {
  for (const [inputs, reason] of [
    [ratioInputs(-0.3, () => 0.001, 0.001), 'impossible value -30% for an error ratio'],
    [ratioInputs(1.3, () => 0.001, 0.001), 'impossible value 130% for an error ratio (more errors than requests)'],
    [ratioInputs(-Infinity, () => 0.001, 0.001), 'impossible value -Inf for an error ratio'],
    [ratioInputs(0.001, (w) => (w === 3_600_000 ? Infinity : 0.001), 0.001), 'impossible value +Inf for an error ratio (1h burn window)'],
    [ratioInputs(0.001, () => 0.001, -2), 'impossible value -200% for an error ratio (30d period)'],
  ] as const) {
    const s = evaluateRatioSlo(avail, inputs, NOW, STEP);
    assert.deepEqual([s.status, s.value, s.reason, s.budgetRemaining, s.burnRates], ['unknown', null, reason, null, {}]);
  }
});

test('a 30% error ratio never reads "within the 1% allowed by 99%"', () => {
  // The cause: thresholds written bare, as Sloth writes a target ("> 1" for 1%), read as ratios:
  // 1 is 100%, so 30% reached neither and the verdict said "within". They are now refused...
  const yaml = (warning: string) =>
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:1" }\nslos:\n  - { id: R, name: r, source: prometheus, objective: 99%, warning: "${warning}", ratio: { errors: "sum(rate(e[$window]))", total: "sum(rate(t[$window]))" } }\n`;
  const r = parseConfig(yaml('> 1 for 5m'), {});
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => [e.path, e.message]),
    [['slos[0].warning', '"> 1 for 5m" waits for an error ratio above 100%, which never comes; write a percentage, like "> 1%"']],
  );
  assert.ok(parseConfig(yaml('> 0.01 for 5m'), {}).ok, 'a bare ratio below 1 is a ratio: 1%');
  // ...and a value over the budget but under the SLO's own thresholds says so.
  const lax = ratioSlo({ warning: th('> 50%'), critical: th('> 80%') });
  const s = evaluateRatioSlo(
    lax,
    ratioInputs(0.3, () => 0.001, 0.001),
    NOW,
    STEP,
  );
  assert.equal(s.value, 0.3);
  assert.equal(s.reason, 'errors 30% exceed the 1% allowed by 99%, below warning > 50%, critical > 80%');
});

test('alerts: an impossible value where a condition judges it is unknown; without a condition any value fires, as in Prometheus', () => {
  const slow: Alert = { ...promAlert(), id: 'slow', query: 'lat', unit: 's', condition: th('> 500ms') };
  const a = evaluateAlert(slow, answer([-Infinity]), NOW, STEP);
  assert.deepEqual([a.status, a.value, a.reason], ['unknown', null, 'impossible value -Inf for a latency']);
  const count: Alert = { ...promAlert(), id: 'errors', unit: 'count', condition: th('> 50 in 5m') };
  assert.equal(evaluateAlert(count, answer([-3]), NOW, STEP).reason, 'impossible value -3 for a count of events');
  // A plain number may be anything: x/0 is +Inf, and a rule compares it like any other.
  const plain: Alert = { ...promAlert(), id: 'plain', unit: 'count', condition: th('> 95') };
  assert.equal(evaluateAlert(plain, answer([Infinity]), NOW, STEP).status, 'firing');
  assert.equal(evaluateAlert(promAlert(), answer([-Infinity]), NOW, STEP).status, 'firing');
  // Times are checked whatever the value means.
  assert.equal(evaluateAlert(promAlert(), answer([1], 0), NOW, STEP).reason, 'sample is 56 years old');
});

test('the report counts an impossible period value as unknown, never as met', () => {
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:1" }\nslos:\n  - { id: R, name: Availability, source: prometheus, objective: 99%, ratio: { errors: "sum(rate(e[$window]))", total: "sum(rate(t[$window]))" } }\n`,
    {},
  );
  assert.ok(r.ok);
  const report = buildReport({
    config: r.config,
    periodMs: 7 * 86_400_000,
    to: NOW,
    values: [{ id: 'R', value: -0.3 }],
    incidents: [],
    actionItems: [],
    alerts: [],
  });
  assert.deepEqual(
    report.slos.map((s) => [s.met, s.value, s.text]),
    [[null, null, 'Availability: no data (impossible value -30% for an error ratio) (target 99%)']],
  );
  assert.equal(report.unknown, 1);
});

// Over the wire: Prometheus' own encoding of -Inf, and timestamps in seconds.
const server = await fixtureServer((req) => {
  const value = req.form.get('query')!.includes('lat') ? '-Inf' : '0.2';
  const t = req.form.get('query')!.includes('old') ? 1 : Number(req.form.get('end'));
  return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[t, value]] }] } }) };
});
after(() => server.close());

test('through the poller: -Inf from the wire and a sample from 1970 make their panels unknown', async () => {
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "${server.url}" }\nslos:\n` +
      `  - { id: LAT, name: p95, source: prometheus, unit: s, objective: "< 500ms", query: "max(lat)" }\n` +
      `  - { id: OLD, name: old, source: prometheus, unit: s, objective: "< 500ms", query: "max(old)" }\n` +
      `  - { id: FINE, name: fine, source: prometheus, unit: s, objective: "< 500ms", query: "max(fine)" }\n`,
    {},
  );
  assert.ok(r.ok);
  const sources = createSources(r.config);
  try {
    const snap = await new Poller(r.config, sources, { now: () => NOW }).cycle();
    assert.deepEqual(
      snap.slos.map((s) => [s.id, s.status, s.reason]),
      [
        ['LAT', 'unknown', 'impossible value -Inf for a latency'],
        ['OLD', 'unknown', 'sample is 56 years old'],
        ['FINE', 'ok', '200ms meets < 500ms'],
      ],
    );
    assert.equal(exitCode(snap), 3);
  } finally {
    await closeSources(sources);
  }
});
