import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/load.js';
import { Poller } from '../../src/poller/poller.js';
import { backoffMs } from '../../src/poller/backoff.js';
import type { Health, MetricSource, Result, Series } from '../../src/sources/types.js';

/** Counts calls and how many run at once; answers with a constant series after `delayMs`. */
class CountingSource implements MetricSource {
  readonly type = 'prometheus' as const;
  calls: string[] = [];
  inflight = 0;
  maxInflight = 0;
  constructor(readonly name: string, private readonly delayMs = 20) {}
  private async answer(query: string): Promise<Result<Series[]>> {
    this.calls.push(query);
    this.inflight++;
    this.maxInflight = Math.max(this.maxInflight, this.inflight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inflight--;
    return { ok: true, value: [{ labels: {}, points: [{ t: 0, v: 0.1 }] }] };
  }
  instant(query: string) {
    return this.answer(query);
  }
  range(query: string) {
    return this.answer(query);
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: '' } };
  }
  async close() {}
}

function config(sloCount: number, concurrency: number, duplicate = false) {
  const slos = Array.from({ length: sloCount }, (_, i) =>
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
  assert.deepEqual(snap.slos.map((s) => s.value), [0.1, 0.1, 0.1, 0.1, 0.1]);
});

test('backoff doubles from the refresh interval, with equal jitter, capped', () => {
  assert.equal(backoffMs(1, 15_000, 300_000, () => 0), 7_500);
  assert.equal(backoffMs(1, 15_000, 300_000, () => 1), 15_000);
  assert.equal(backoffMs(2, 15_000, 300_000, () => 0), 15_000);
  assert.equal(backoffMs(3, 15_000, 300_000, () => 0.5), 45_000);
  assert.equal(backoffMs(20, 15_000, 300_000, () => 1), 300_000);
});
