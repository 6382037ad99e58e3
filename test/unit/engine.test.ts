import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert, RatioSlo, ThresholdSlo } from '../../src/config/types.js';
import { BURN_WINDOWS, budgetRemaining, burnRate, firingPairs } from '../../src/engine/burn-rate.js';
import { evaluateRatioSlo, evaluateThresholdSlo, pointAtEnd } from '../../src/engine/evaluate.js';
import { evaluateAlert } from '../../src/engine/evaluate-alert.js';
import { held } from '../../src/engine/held.js';
import type { Outcome } from '../../src/engine/state.js';
import { exitCode } from '../../src/engine/state.js';
import { obj, pts, ratioSlo, th } from '../helpers/build.js';

const STEP = 15_000;

test('for: firing exactly when the run of breaching points spans the duration', () => {
  const warn = th('> 500ms for 5m');
  // 21 points 15 s apart span 300 s = 5m exactly: the boundary fires, as Prometheus does.
  const atBoundary = pts(1000, 15, Array(21).fill(0.6));
  assert.deepEqual(held(atBoundary, warn, 's', STEP), { active: true, firing: true, sinceMs: 700_000, heldMs: 300_000 });
  // One point fewer spans 285 s: pending.
  const justShort = pts(1000, 15, Array(20).fill(0.6));
  assert.deepEqual(held(justShort, warn, 's', STEP), { active: true, firing: false, sinceMs: 715_000, heldMs: 285_000 });
  // A single good point in the middle restarts the clock.
  const broken = pts(1000, 15, [...Array(15).fill(0.6), 0.4, ...Array(5).fill(0.6)]);
  assert.equal(held(broken, warn, 's', STEP).heldMs, 60_000);
  // The newest point decides whether anything is active at all.
  assert.equal(held(pts(1000, 15, [...Array(20).fill(0.6), 0.5]), warn, 's', STEP).active, false, '500ms is not > 500ms');
  // A gap longer than 1.5 steps (a missed scrape window) breaks the run.
  const gap = [...pts(700, 15, Array(5).fill(0.9)), ...pts(1000, 15, Array(10).fill(0.9))];
  assert.equal(held(gap, warn, 's', STEP).heldMs, 135_000);
});

test('thresholds compare in the query unit: 500ms against milliseconds and seconds', () => {
  assert.equal(held(pts(100, 15, [501]), th('> 500ms'), 'ms', STEP).firing, true);
  assert.equal(held(pts(100, 15, [0.501]), th('> 500ms'), 's', STEP).firing, true);
  assert.equal(held(pts(100, 15, [0.499]), th('> 500ms'), 's', STEP).firing, false);
  assert.equal(held(pts(100, 15, [1.5]), th('> 1%'), 'percent', STEP).firing, true);
  assert.equal(held(pts(100, 15, [0.015]), th('> 1%'), 'ratio', STEP).firing, true);
  assert.equal(held(pts(100, 15, [NaN]), th('> 1%'), 'ratio', STEP).active, false, 'NaN (0/0) is no breach');
});

test('burn rate is the error ratio over the allowed ratio', () => {
  // 99.9% target allows 0.1% errors; 1.44% errors burn 14.4 times too fast.
  assert.ok(Math.abs(burnRate(0.0144, 0.999)! - 14.4) < 1e-9);
  assert.ok(Math.abs(burnRate(0.02, 0.99)! - 2) < 1e-9);
  assert.equal(burnRate(null, 0.99), null);
  assert.equal(burnRate(NaN, 0.99), null);
  assert.deepEqual(
    BURN_WINDOWS.map((w) => w / 60_000),
    [5, 30, 60, 120, 360, 1440, 4320],
  );
});

test('a burn pair fires only when both its windows exceed the factor', () => {
  const m = (entries: Array<[number, number]>) => new Map(entries.map(([min, r]) => [min * 60_000, r] as [number, number]));
  const base: Array<[number, number]> = [
    [5, 0],
    [30, 0],
    [60, 0],
    [120, 0],
    [360, 0],
    [1440, 0],
    [4320, 0],
  ];
  const rates = m([...base, [60, 15], [5, 20]]);
  const f = firingPairs(rates);
  assert.equal(f.length, 1);
  assert.equal(f[0].pair.action, 'page');
  assert.equal(f[0].pair.factor, 14.4);
  // Long window hot, short window cooled down: the spike is over, no page.
  assert.equal(firingPairs(m([...base, [60, 15], [5, 2]])).length, 0);
  // Exactly at the factor is not above it.
  assert.equal(firingPairs(m([...base, [60, 14.4], [5, 14.4]])).length, 0);
  const slow = firingPairs(m([...base, [4320, 1.2], [360, 1.5]]));
  assert.deepEqual(
    slow.map((x) => [x.pair.action, x.pair.factor]),
    [['ticket', 1]],
  );
});

test('error budget remaining over the period', () => {
  // 99% target: 1% budget. 0.25% errors spent a quarter of it.
  assert.ok(Math.abs(budgetRemaining(0.0025, 0.99)! - 0.75) < 1e-9);
  assert.ok(Math.abs(budgetRemaining(0.01, 0.99)!) < 1e-9);
  assert.ok(Math.abs(budgetRemaining(0.03, 0.99)! + 2) < 1e-9, 'three budgets spent: -200%');
  assert.equal(budgetRemaining(null, 0.99), null);
});

const latency: ThresholdSlo = {
  kind: 'threshold',
  lang: 'promql',
  id: 'SLO-001',
  name: 'Task list query p95',
  source: 'prometheus',
  query: 'q',
  unit: 's',
  objective: obj('< 500ms'),
  warning: th('> 500ms for 5m'),
  critical: th('> 1s for 2m'),
  windowMs: 60_000,
};

const ok = (points: Array<{ t: number; v: number }>, at = 1_000_000): Outcome => ({ ok: true, series: [{ labels: {}, points }], at });

test('threshold SLO: ok, pending, warning, critical', () => {
  const now = 1_000_000;
  assert.equal(evaluateThresholdSlo(latency, ok(pts(1000, 15, Array(30).fill(0.42))), now, STEP).status, 'ok');
  const pending = evaluateThresholdSlo(latency, ok(pts(1000, 15, [...Array(20).fill(0.42), ...Array(10).fill(0.6)])), now, STEP);
  assert.equal(pending.status, 'ok');
  assert.equal(pending.reason, 'pending: 600ms > 500ms for 5m, held 2m15s of 5m');
  const warn = evaluateThresholdSlo(latency, ok(pts(1000, 15, Array(30).fill(0.6))), now, STEP);
  assert.equal(warn.status, 'warning');
  assert.equal(warn.value, 0.6);
  assert.equal(warn.reason, '600ms > 500ms for 5m (held 7m15s)');
  // 9 points at 1.2 s span exactly 2m: critical.
  const crit = evaluateThresholdSlo(latency, ok(pts(1000, 15, [...Array(21).fill(0.6), ...Array(9).fill(1.2)])), now, STEP);
  assert.equal(crit.status, 'critical');
  assert.equal(crit.reason, '1.2s > 1s for 2m (held 2m)');
  assert.equal(evaluateThresholdSlo(latency, ok([]), now, STEP).status, 'no_data');
});

test('several series: the worst one is judged', () => {
  const now = 1_000_000;
  const o: Outcome = {
    ok: true,
    at: now,
    series: [
      { labels: { endpoint: '/a' }, points: pts(1000, 15, Array(30).fill(0.2)) },
      { labels: { endpoint: '/b' }, points: pts(1000, 15, Array(30).fill(0.7)) },
    ],
  };
  const s = evaluateThresholdSlo(latency, o, now, STEP);
  assert.equal(s.status, 'warning');
  assert.deepEqual(s.labels, { endpoint: '/b' });
});

test('a failed query shows the last good value as STALE with its age, never zero', () => {
  const good = pts(940, 15, Array(30).fill(0.6));
  const failed: Outcome = { ok: false, reason: 'prometheus: timeout after 5s', last: { series: [{ labels: {}, points: good }], at: 940_000 } };
  const s = evaluateThresholdSlo(latency, failed, 1_000_000, STEP);
  assert.equal(s.status, 'stale');
  assert.equal(s.lastStatus, 'warning');
  assert.equal(s.value, 0.6);
  assert.equal(s.ageMs, 60_000);
  assert.equal(s.reason, 'prometheus: timeout after 5s; showing data from 1m ago (was warning)');
  const never = evaluateThresholdSlo(latency, { ok: false, reason: 'prometheus: connection refused' }, 1_000_000, STEP);
  assert.equal(never.status, 'stale');
  assert.equal(never.value, null);
  assert.equal(never.reason, 'prometheus: connection refused; no data yet');
});

const docuseal = ratioSlo({
  id: 'SLO-005',
  name: 'DocuSeal API availability',
  warning: th('> 1% for 5m'),
  critical: th('> 10%'),
});

function ratioInputs(mainValues: number[], windowRatio: (minutes: number) => number, periodRatio: number) {
  const now = 1_000_000;
  const windows = new Map<number, Outcome>();
  for (const w of BURN_WINDOWS) windows.set(w, ok([{ t: now, v: windowRatio(w / 60_000) }]));
  return { main: ok(pts(1000, 15, mainValues)), windows, period: ok([{ t: now, v: periodRatio }]) };
}

test('ratio SLO: value, burn rates per window, budget, and status', () => {
  // 2% errors everywhere for the last stretch: warning (> 1% held), budget 30d at 0.5% errors = 50% left.
  const s = evaluateRatioSlo(
    docuseal,
    ratioInputs(Array(30).fill(0.02), () => 0.02, 0.005),
    1_000_000,
    STEP,
  );
  assert.equal(s.status, 'warning');
  assert.equal(s.value, 0.02);
  assert.ok(Math.abs(s.budgetRemaining! - 0.5) < 1e-9);
  assert.deepEqual(Object.keys(s.burnRates!), ['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  assert.ok(Math.abs(s.burnRates!['1h']! - 2) < 1e-9);
  // 15% errors: critical by the explicit "> 10%" threshold.
  assert.equal(
    evaluateRatioSlo(
      docuseal,
      ratioInputs(Array(30).fill(0.15), () => 0.15, 0.01),
      1_000_000,
      STEP,
    ).status,
    'critical',
  );
});

test('ratio SLO pages on a fast burn even without explicit thresholds', () => {
  const plain: RatioSlo = { ...docuseal, warning: undefined, critical: undefined };
  // 20% over 5m and 1h is a 20x burn on the 1h/5m pair.
  const fast = evaluateRatioSlo(
    plain,
    ratioInputs(Array(30).fill(0.2), (m) => (m <= 60 ? 0.2 : 0.01), 0.01),
    1_000_000,
    STEP,
  );
  assert.equal(fast.status, 'critical');
  assert.equal(fast.reason, 'burning budget 20.0x over 1h and 20.0x over 5m (> 14.4x: page)');
  const quiet = evaluateRatioSlo(
    plain,
    ratioInputs(Array(30).fill(0.004), () => 0.004, 0.004),
    1_000_000,
    STEP,
  );
  assert.equal(quiet.status, 'ok');
  assert.equal(quiet.reason, 'errors 0.4% within the 1% allowed by 99%');
  const idle = evaluateRatioSlo(
    plain,
    ratioInputs(Array(30).fill(NaN), () => NaN, NaN),
    1_000_000,
    STEP,
  );
  assert.equal(idle.status, 'no_data');
  assert.equal(idle.budgetRemaining, null);
});

const spike: Alert = {
  id: 'sentry-error-spike',
  name: 'High error rate',
  source: 'sentry',
  query: 'event.type:error',
  unit: 'count',
  lang: null,
  condition: th('> 50 in 5m'),
  forMs: 0,
  keepFiringForMs: 0,
  severity: 'P1',
  playbook: 'high-error-rate',
  labels: {},
  annotations: {},
};

test('count-in-window alerts: firing above the count, an empty answer counts zero', () => {
  const at = 1_000_000;
  assert.equal(evaluateAlert(spike, ok([{ t: at, v: 51 }]), at, STEP).status, 'firing');
  assert.equal(evaluateAlert(spike, ok([{ t: at, v: 50 }]), at, STEP).status, 'ok');
  const empty = evaluateAlert(spike, { ok: true, series: [], at }, at, STEP);
  assert.equal(empty.status, 'ok');
  assert.equal(empty.value, 0);
  const down = evaluateAlert(
    spike,
    { ok: false, reason: 'sentry: rate limited: slow down', last: { series: [{ labels: {}, points: [{ t: 0, v: 12 }] }], at: at - 30_000 } },
    at,
    STEP,
  );
  assert.equal(down.status, 'unknown');
  assert.equal(down.value, 12);
  assert.equal(down.reason, 'sentry: rate limited: slow down; last value 30s ago');
});

test('alerts with for: pending, then firing', () => {
  const rule: Alert = { ...spike, id: 'HighErrorRate', source: 'prometheus', lang: 'promql', unit: 'ratio', condition: th('> 5% for 5m'), forMs: 300_000 };
  const pending = evaluateAlert(rule, ok(pts(1000, 15, [0.01, 0.01, 0.06, 0.07])), 1_000_000, STEP);
  assert.equal(pending.status, 'pending');
  assert.equal(pending.activeSinceMs, 985_000);
  assert.equal(evaluateAlert(rule, ok(pts(1000, 15, Array(21).fill(0.06))), 1_000_000, STEP).status, 'firing');
});

test('exit code: breach 1, failed source 3, else 0', () => {
  const base = { at: 0, service: 's', slos: [], alerts: [], sources: [{ name: 'p', type: 'prometheus', ok: true, error: null, latencyMs: 3 }] };
  assert.equal(exitCode(base), 0);
  assert.equal(exitCode({ ...base, sources: [{ ...base.sources[0], ok: false, error: 'x' }] }), 3);
  const firing = evaluateAlert(spike, ok([{ t: 0, v: 99 }]), 0, STEP);
  assert.equal(exitCode({ ...base, alerts: [firing] }), 1);
});

test('pointAtEnd: a range read as the instant query at its end, also for the last good answer of a failed one', () => {
  const a = { labels: { pod: 'a' }, points: pts(1000, 15, [0.1, 0.2]) };
  const b = { labels: { pod: 'b' }, points: pts(985, 15, [0.3]) };
  assert.deepEqual(pointAtEnd({ ok: true, series: [a, b], at: 1_000_000 }), {
    ok: true,
    series: [{ labels: { pod: 'a' }, points: [{ t: 1_000_000, v: 0.2 }] }],
    at: 1_000_000,
  });
  const failed = pointAtEnd({ ok: false, reason: 'prometheus: timeout after 5s', last: { series: [a, b], at: 985_000 } });
  assert.deepEqual(failed, {
    ok: false,
    reason: 'prometheus: timeout after 5s',
    last: { series: [{ labels: { pod: 'b' }, points: [{ t: 985_000, v: 0.3 }] }], at: 985_000 },
  });
});
