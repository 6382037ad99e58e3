import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Snapshot } from '../../src/engine/state.js';
import { backoffMs } from '../../src/poller/backoff.js';
import { Poller } from '../../src/poller/poller.js';
import type { Health, MetricSource, Result, Series } from '../../src/sources/types.js';

/** Counts calls and how many run at once; answers with a constant series, stamped when asked, after `delayMs`. */
class CountingSource implements MetricSource {
  readonly type = 'prometheus' as const;
  calls: string[] = [];
  inflight = 0;
  maxInflight = 0;
  constructor(
    readonly name: string,
    private readonly delayMs = 20,
  ) {}
  private async answer(query: string, t: number): Promise<Result<Series[]>> {
    this.calls.push(query);
    this.inflight++;
    this.maxInflight = Math.max(this.maxInflight, this.inflight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inflight--;
    return { ok: true, value: [{ labels: {}, points: [{ t, v: 0.1 }] }] };
  }
  instant(query: string, at: number) {
    return this.answer(query, at);
  }
  range(query: string, _start: number, end: number) {
    return this.answer(query, end);
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: '' } };
  }
  async close() {}
}

function config(sloCount: number, concurrency: number, duplicate = false) {
  const slos = Array.from(
    { length: sloCount },
    (_, i) =>
      `  - { id: S${i}, name: s${i}, source: prometheus, unit: s, objective: "< 1s", query: "histogram_quantile(0.9, rate(x${duplicate ? '' : i}_bucket[$window]))" }`,
  ).join('\n');
  const r = parseConfig(`version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:1", concurrency: ${concurrency} }\nslos:\n${slos}\n`, {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.config;
}

test('per-source concurrency is bounded by the configured pool size', async () => {
  const source = new CountingSource('prometheus');
  const p = new Poller(config(12, 3), new Map([['prometheus', source]]));
  const snap = await p.cycle();
  assert.equal(source.calls.length, 12);
  assert.equal(source.maxInflight, 3);
  assert.deepEqual(new Set(snap.slos.map((s) => s.status)), new Set(['ok']));
});

test('identical queries are sent once per cycle and both panels get the answer', async () => {
  const source = new CountingSource('prometheus');
  const p = new Poller(config(5, 4, true), new Map([['prometheus', source]]));
  const snap = await p.cycle();
  assert.equal(source.calls.length, 1);
  assert.deepEqual(
    snap.slos.map((s) => s.value),
    [0.1, 0.1, 0.1, 0.1, 0.1],
  );
});

test('backoff doubles from the refresh interval, with equal jitter, capped', () => {
  assert.equal(
    backoffMs(1, 15_000, 300_000, () => 0),
    7_500,
  );
  assert.equal(
    backoffMs(1, 15_000, 300_000, () => 1),
    15_000,
  );
  assert.equal(
    backoffMs(2, 15_000, 300_000, () => 0),
    15_000,
  );
  assert.equal(
    backoffMs(3, 15_000, 300_000, () => 0.5),
    45_000,
  );
  assert.equal(
    backoffMs(20, 15_000, 300_000, () => 1),
    300_000,
  );
});

/** Records what each call asked for; a range answers one point per step from start to `lastAt` (end by default). */
class RecordingSource implements MetricSource {
  readonly type = 'prometheus' as const;
  ranges: Array<{ query: string; start: number; end: number; step: number }> = [];
  instants: string[] = [];
  lastAt: number | null = null;
  constructor(readonly name: string) {}
  /** 0.001 per series; a combined query answers one series per window, labelled as Prometheus would. */
  async instant(query: string, at: number): Promise<Result<Series[]>> {
    this.instants.push(query);
    const windows = [...query.matchAll(/"oncall_window", "(\w+)"/g)].map((m) => m[1]);
    const labelled = windows.length ? windows.map((w) => ({ oncall_window: w })) : [{}];
    return { ok: true, value: labelled.map((labels) => ({ labels, points: [{ t: at, v: 0.001 }] })) };
  }
  async range(query: string, start: number, end: number, step: number): Promise<Result<Series[]>> {
    this.ranges.push({ query, start, end, step });
    const points = [];
    for (let t = start; t <= (this.lastAt ?? end); t += step) points.push({ t, v: ((t / 1000) % 100) / 1000 });
    return { ok: true, value: [{ labels: {}, points }] };
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: '' } };
  }
  async close() {}
}

test('a ratio SLO whose window is a burn window takes that burn rate from its own range, which ends on the clock', async () => {
  const yaml = `version: 1\nservice: t\nrefresh: 7s\nsources:\n  prometheus: { url: "http://127.0.0.1:1" }\nslos:\n  - { id: R, name: r, source: prometheus, objective: 99%, window: 5m, warning: "> 1% for 5m", ratio: { errors: "sum(rate(e[$window]))", total: "sum(rate(t[$window]))" } }\n`;
  const r = parseConfig(yaml, {});
  assert.ok(r.ok);
  const source = new RecordingSource('prometheus');
  const now = 1_700_000_003_000;
  const p = new Poller(r.config, new Map([['prometheus', source]]), { now: () => now });
  const snap = await p.cycle();
  // 5m held plus two 7 s steps is 314 s; rounded up to whole steps, 315 s, so the last point is `now`.
  assert.deepEqual(
    source.ranges.map((q) => [q.end - q.start, q.end, q.step]),
    [[315_000, now, 7_000]],
  );
  assert.ok(!source.instants.some((q) => q.includes('[5m]')), 'no instant query for the 5m window');
  // The other six burn windows in two queries (up to 2h, and longer), then the period.
  assert.deepEqual(
    source.instants.map((q) => [...q.matchAll(/"oncall_window", "(\w+)"/g)].map((m) => m[1])),
    [['30m', '1h', '2h'], ['6h', '1d', '3d'], []],
  );
  // The point at `now` is (1,700,000,003 mod 100) / 1000 = 0.003: a 0.3x burn against a 1% budget.
  assert.ok(Math.abs(snap.slos[0].burnRates!['5m']! - 0.3) < 1e-9, String(snap.slos[0].burnRates!['5m']));
  for (const w of ['30m', '1h', '2h', '6h', '1d', '3d']) assert.ok(Math.abs(snap.slos[0].burnRates![w]! - 0.1) < 1e-9, w);

  // A series that stopped before `now` has no 5m ratio, as an instant query at `now` would return nothing.
  source.lastAt = now - 7_000;
  const stopped = await new Poller(r.config, new Map([['prometheus', source]]), { now: () => now }).cycle();
  assert.equal(stopped.slos[0].burnRates!['5m'], null);
  // The table still shows the newest point, at 1,699,999,996 s: 96 / 1000.
  assert.equal(stopped.slos[0].value, 0.096);
});

/** Answers every query with `value`, once `open` lets it. */
class GatedSource implements MetricSource {
  value = 0;
  private release: () => void = () => {};
  private gate: Promise<void> = Promise.resolve();
  constructor(
    readonly name: string,
    readonly type: 'prometheus' | 'loki',
  ) {}
  hold(): void {
    this.gate = new Promise((r) => (this.release = r));
  }
  open(value: number): void {
    this.value = value;
    this.release();
  }
  private async answer(t: number): Promise<Result<Series[]>> {
    await this.gate;
    return { ok: true, value: [{ labels: {}, points: [{ t, v: this.value }] }] };
  }
  instant(_query: string, at: number) {
    return this.answer(at);
  }
  range(_query: string, _start: number, end: number) {
    return this.answer(end);
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: '' } };
  }
  async close() {}
}

test('while one source is slow, a partial snapshot shows the others fresh and its panels as they were', async () => {
  const yaml = `version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:1" }\n  loki: { url: "http://127.0.0.1:2" }\nslos:\n  - { id: A, name: a, source: prometheus, unit: s, objective: "< 10s", query: "a" }\n  - { id: B, name: b, source: loki, unit: s, objective: "< 10s", query: "sum(count_over_time({app=\\"b\\"}[1m]))" }\n`;
  const r = parseConfig(yaml, {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const prom = new GatedSource('prometheus', 'prometheus');
  const loki = new GatedSource('loki', 'loki');
  const p = new Poller(
    r.config,
    new Map<string, MetricSource>([
      ['prometheus', prom],
      ['loki', loki],
    ]),
  );
  const partials: Array<() => Snapshot> = [];
  prom.value = 1;
  loki.value = 2;
  await p.cycle((judge) => partials.push(judge));
  assert.equal(partials.length, 0, 'the first cycle has nothing earlier to show beside a slow source');

  prom.value = 3;
  loki.hold();
  const second = p.cycle((judge) => partials.push(judge));
  while (partials.length === 0) await new Promise((r) => setImmediate(r));
  const values = (s: Snapshot) => s.slos.map((x) => [x.id, x.value]);
  assert.deepEqual(values(partials[0]()), [
    ['A', 3],
    ['B', 2],
  ]);
  loki.open(4);
  assert.deepEqual(values(await second), [
    ['A', 3],
    ['B', 4],
  ]);
  assert.equal(partials.length, 2, 'one partial per source, as each finishes');
});
