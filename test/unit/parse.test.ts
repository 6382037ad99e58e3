import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDuration } from '../../src/config/duration.js';
import { formatValue, inUnit, parseQuantity } from '../../src/config/quantity.js';
import { parseObjective, parseThreshold } from '../../src/config/threshold.js';

test('durations in Prometheus syntax', () => {
  assert.equal(parseDuration('15s'), 15_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration('7d'), 604_800_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('0'), 0);
  assert.equal(parseDuration('fast'), null);
  assert.equal(parseDuration('5'), null);
  assert.equal(parseDuration('5 m'), null);
  assert.equal(parseDuration(''), null);
});

test('durations print back the way PromQL wants them in a range selector', () => {
  assert.equal(formatDuration(300_000), '5m');
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(86_400_000 * 3), '3d');
  assert.equal(formatDuration(90_500), '1m30s500ms');
});

test('quantities keep their unit and convert to the query unit', () => {
  assert.deepEqual(parseQuantity('500ms'), { kind: 'time', seconds: 0.5 });
  assert.deepEqual(parseQuantity('1%'), { kind: 'percent', ratio: 0.01 });
  assert.deepEqual(parseQuantity('50'), { kind: 'number', value: 50 });
  assert.deepEqual(inUnit({ kind: 'time', seconds: 0.5 }, 'ms'), { ok: true, value: 500 });
  assert.deepEqual(inUnit({ kind: 'time', seconds: 0.5 }, 's'), { ok: true, value: 0.5 });
  assert.deepEqual(inUnit({ kind: 'percent', ratio: 0.01 }, 'percent'), { ok: true, value: 1 });
  assert.deepEqual(inUnit({ kind: 'percent', ratio: 0.01 }, 'ratio'), { ok: true, value: 0.01 });
  assert.equal(inUnit({ kind: 'percent', ratio: 0.01 }, 's').ok, false);
});

test('values print in the unit a person reads', () => {
  assert.equal(formatValue(0.484, 's'), '484ms');
  assert.equal(formatValue(1.25, 's'), '1.25s');
  assert.equal(formatValue(1e308, 's'), '>100y', 'a latency no count of days can hold');
  assert.equal(formatValue(-2e9, 's'), '-23148d3h33m20s', '2e9 s is 23148 days and 12800 s');
  assert.equal(formatValue(0.02, 'ratio'), '2%');
  assert.equal(formatValue(99.95, 'percent'), '99.95%', 'nines are kept near 100%');
  assert.equal(formatValue(0.9999, 'ratio'), '99.99%');
  assert.equal(formatValue(12.345, 'percent'), '12.3%');
  assert.equal(formatValue(12, 'per_minute'), '12/min');
  assert.equal(formatValue(null, 's'), '—');
  assert.equal(formatValue(NaN, 's'), '—');
});

test('thresholds: operator, value, for, in', () => {
  const a = parseThreshold('> 500ms for 5m');
  assert.ok(a.ok);
  assert.equal(a.value.op, '>');
  assert.deepEqual(a.value.quantity, { kind: 'time', seconds: 0.5 });
  assert.equal(a.value.forMs, 300_000);
  assert.equal(a.value.inMs, null);
  const b = parseThreshold('> 50 in 5m');
  assert.ok(b.ok);
  assert.equal(b.value.inMs, 300_000);
  assert.equal(b.value.forMs, 0);
  const c = parseThreshold('<= 1%');
  assert.ok(c.ok);
  assert.deepEqual(c.value.quantity, { kind: 'percent', ratio: 0.01 });
  const bad = parseThreshold('> fast');
  assert.deepEqual(bad, { ok: false, reason: '"> fast" is not a threshold: "fast" is not a number with a unit (expected like "> 500ms for 5m")' });
  assert.equal(parseThreshold('500ms').ok, false);
  assert.equal(parseThreshold('> 5s for soon').ok, false);
});

test('objectives: a bare percentage means at least', () => {
  const o = parseObjective('99.9%');
  assert.ok(o.ok);
  assert.equal(o.value.op, '>=');
  assert.ok(o.value.quantity.kind === 'percent' && Math.abs(o.value.quantity.ratio - 0.999) < 1e-12);
  const p = parseObjective('< 500ms');
  assert.ok(p.ok && p.value.op === '<');
  assert.equal(parseObjective('most of the time').ok, false);
});
