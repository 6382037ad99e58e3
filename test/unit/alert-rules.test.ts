// Alerts as a Prometheus alerting rule evaluates them, series by series.
// Every expected value below is worked out by hand from the points given.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { evaluateAlert } from '../../src/engine/evaluate-alert.js';
import { seriesRule } from '../../src/engine/rule-state.js';
import type { Outcome } from '../../src/engine/state.js';
import { buildPlan } from '../../src/poller/plan.js';
import { evaluatedAt } from '../../src/poller/poller.js';
import { promAlert, pts, th } from '../helpers/build.js';

const STEP = 15_000;
const always = () => true;

const at = (endS: number, series: Array<{ labels: Record<string, string>; values: number[] }>): Outcome => ({
  ok: true,
  at: endS * 1000,
  series: series.map((s) => ({ labels: s.labels, points: pts(endS, 15, s.values) })),
});

test('seriesRule: pending until the run spans for, firing at the boundary, a missed step restarts it', () => {
  // 21 points 15 s apart end at 1000 s: the run began at 700 s and has held 300 s = 5m.
  // The run reaches the start of the range (700 s here): it began then or before (openStart).
  assert.deepEqual(seriesRule(pts(1000, 15, Array(21).fill(0)), always, 1_000_000, STEP, 300_000, 0, 700_000), {
    state: 'firing',
    sinceMs: 700_000,
    value: 0,
    openStart: true,
  });
  assert.deepEqual(
    seriesRule(pts(1000, 15, [1, ...Array(20).fill(0)]), (v) => v === 0, 1_000_000, STEP, 300_000, 0, 700_000),
    { state: 'pending', sinceMs: 715_000, value: 0, openStart: false },
  );
  // A series that first appears inside the range began there: not "at least".
  assert.equal(seriesRule(pts(1000, 15, Array(5).fill(0)), always, 1_000_000, STEP, 0, 0, 700_000).openStart, false);
  // A series that stopped being returned a step ago is no longer active, however long it held.
  assert.deepEqual(seriesRule(pts(985, 15, Array(40).fill(0)), always, 1_000_000, STEP, 300_000), {
    state: 'inactive',
    sinceMs: null,
    value: null,
    openStart: false,
  });
  // One missing evaluation (a gap of two steps) resets the pending clock, as in Prometheus.
  const gap = [...pts(700, 15, Array(10).fill(0)), ...pts(1000, 15, Array(19).fill(0))];
  assert.equal(seriesRule(gap, always, 1_000_000, STEP, 300_000).sinceMs, 730_000);
  // A condition: only points that meet it count.
  const over5 = (v: number) => v > 5;
  assert.equal(seriesRule(pts(1000, 15, [9, 9, 4, 9, 9]), over5, 1_000_000, STEP, 0).sinceMs, 985_000);
});

test('keep_firing_for: still firing for that long after the series goes, not after', () => {
  // Fired (held 10m) and last seen at 940 s; gone at 955 s, the first evaluation without it.
  const points = pts(940, 15, Array(41).fill(0));
  assert.equal(seriesRule(points, always, 1_000_000, STEP, 300_000, 60_000).state, 'firing', '1000 - 955 = 45s < 60s');
  assert.equal(seriesRule(points, always, 1_015_000, STEP, 300_000, 60_000).state, 'inactive', '1015 - 955 = 60s');
  // A run that never reached for does not keep firing.
  assert.equal(seriesRule(pts(940, 15, [0, 0]), always, 1_000_000, STEP, 300_000, 60_000).state, 'inactive');
  // Back within keep_firing_for: Prometheus never resolved it, so it goes on firing from the first start.
  // Active 0..2985 s, gone at 3000 and 3015 (2 evaluations, 30 s < 5m), active again 3030..3600 s; for 15m.
  const back = [...pts(2985, 15, Array(200).fill(1)), ...pts(3600, 15, Array(39).fill(1))];
  assert.deepEqual(
    seriesRule(back, (v) => v === 1, 3_600_000, STEP, 900_000, 300_000, 0),
    { state: 'firing', sinceMs: 0, value: 1, openStart: true },
  );
  // Without keep_firing_for the gap resolved it: pending again since 3030 s, 9m30s of 15m.
  assert.deepEqual(
    seriesRule(back, (v) => v === 1, 3_600_000, STEP, 900_000, 0, 0),
    { state: 'pending', sinceMs: 3_030_000, value: 1, openStart: false },
  );
});

test('a long for read at a coarse step: its grid is fixed to the epoch, so cycles agree', () => {
  const coarse = { key: 'k', source: 'p', kind: 'range' as const, query: 'q', windowMs: 60_000, spanMs: 605_100_000, stepMs: 75_000, freshMs: 0 };
  // Two cycles 15 s apart inside one 75 s step (from 1_700_000_025_000 = 22,666,667 x 75 s) read the same range.
  assert.equal(evaluatedAt(coarse, 1_700_000_030_000, STEP), 1_700_000_025_000);
  assert.equal(evaluatedAt(coarse, 1_700_000_045_000, STEP), 1_700_000_025_000);
  // At the refresh step the range ends now, as before.
  assert.equal(evaluatedAt({ ...coarse, stepMs: STEP }, 1_700_000_010_000, STEP), 1_700_000_010_000);
});

test('an alert without a condition fires for every series returned, each with its labels and its own for', () => {
  const a = promAlert({ forMs: 300_000 });
  const s = evaluateAlert(
    a,
    at(1000, [
      { labels: { __name__: 'up', instance: 'b:9100', job: 'node' }, values: Array(21).fill(0) },
      { labels: { __name__: 'up', instance: 'a:9100', job: 'node' }, values: Array(5).fill(0) },
      { labels: { __name__: 'up', instance: 'c:9100', job: 'node' }, values: Array(40).fill(0) },
    ]),
    1_000_000,
    STEP,
  );
  assert.equal(s.status, 'firing');
  // Firing first, then by labels; __name__ dropped as Prometheus drops it from alert labels.
  assert.deepEqual(s.series, [
    { labels: { instance: 'b:9100', job: 'node' }, state: 'firing', value: 0, activeSinceMs: 700_000 },
    { labels: { instance: 'c:9100', job: 'node' }, state: 'firing', value: 0, activeSinceMs: 415_000 },
    { labels: { instance: 'a:9100', job: 'node' }, state: 'pending', value: 0, activeSinceMs: 940_000 },
  ]);
  // Its run starts at the first point of the range: it has held at least that long.
  assert.equal(s.reason, '0 on {instance="b:9100", job="node"}, held at least 5m (+2 more series)');
  assert.equal(s.activeSinceMs, 415_000);
  assert.equal(s.condition, null);
  // Nothing returned: ok.
  const quiet = evaluateAlert(a, { ok: true, at: 1_000_000, series: [] }, 1_000_000, STEP);
  assert.deepEqual([quiet.status, quiet.series, quiet.reason], ['ok', [], 'the query returned no series']);
});

test('a condition without "in" is judged per series too: the firing series are named', () => {
  const a = promAlert({ query: 'rate(errors_total[5m])', condition: th('> 0.1 for 1m'), forMs: 60_000 });
  const s = evaluateAlert(
    a,
    at(1000, [
      { labels: { route: '/a' }, values: [0.2, 0.2, 0.2, 0.2, 0.2] },
      { labels: { route: '/b' }, values: [0.01, 0.01, 0.01, 0.01, 0.01] },
      { labels: { route: '/c' }, values: [0.01, 0.01, 0.01, 0.3, 0.3] },
    ]),
    1_000_000,
    STEP,
  );
  assert.equal(s.status, 'firing');
  assert.deepEqual(
    s.series.map((x) => [x.labels.route, x.state, x.value]),
    [
      ['/a', 'firing', 0.2],
      ['/c', 'pending', 0.3],
    ],
  );
  assert.equal(s.reason, '0.2 > 0.1 for 1m on {route="/a"}, held at least 1m (+1 more series)');
  // != follows IEEE as Prometheus does: NaN != 1 holds.
  const ne = evaluateAlert(promAlert({ condition: th('!= 1') }), at(1000, [{ labels: {}, values: [NaN] }]), 1_000_000, STEP);
  assert.equal(ne.status, 'firing');
});

test('a count over a window stays one number, named by its one series', () => {
  const a = promAlert({ source: 'loki', lang: 'logql', query: 'sum(count_over_time({app="x"}[$window]))', condition: th('> 10 in 5m') });
  const s = evaluateAlert(
    a,
    at(1000, [
      { labels: {}, values: [4] },
      { labels: {}, values: [8] },
    ]),
    1_000_000,
    STEP,
  );
  assert.deepEqual([s.status, s.value, s.series.length], ['firing', 12, 1]);
});

test('keep_firing_for: the range reaches back over a run that fired before a gap (2 x for + keep)', () => {
  const r = parseConfig(
    'version: 1\nservice: k\nsources: { prometheus: { url: "http://127.0.0.1:1" } }\nalerts:\n  - { id: K, source: prometheus, query: "flap > 0", for: 15m, keep_firing_for: 5m }\n',
    {},
  );
  assert.ok(r.ok);
  const q = [...buildPlan(r.config).queries.values()][0];
  // 2 x 15m + 5m, plus two steps, in whole steps: 35m30s.
  assert.deepEqual([q.kind, q.spanMs, q.stepMs], ['range', 2_130_000, STEP]);
  // Active for 60m but 2 minutes (8..10 min ago), back for 8 minutes: Prometheus kept it firing (promtool agrees).
  const now = 1_800_000_000_000;
  const points = [];
  for (let t = now - q.spanMs; t <= now; t += STEP) if (!(t >= now - 600_000 && t < now - 480_000)) points.push({ t, v: 1 });
  assert.equal(seriesRule(points, (v) => v > 0, now, STEP, 900_000, 300_000, now - q.spanMs).state, 'firing');
});
