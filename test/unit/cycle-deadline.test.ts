// A cycle ends by its deadline (each source's timeout plus a margin) whatever
// the backend does: requests queued behind a hanging one are not sent, the
// one in flight at the deadline is cut, and each panel says which.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { Poller } from '../../src/poller/poller.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import type { Health, MetricSource, Result, Series } from '../../src/sources/types.js';
import { fixtureServer } from '../helpers/fixture-server.js';

function config(url: string, queries: number, timeout: string) {
  const slos = Array.from(
    { length: queries },
    (_, i) => `  - { id: S${i}, name: s${i}, source: prometheus, unit: s, objective: "< 1s", query: "max(x${i})" }`,
  ).join('\n');
  const r = parseConfig(`version: 1\nservice: t\nsources:\n  prometheus: { url: "${url}", concurrency: 1, timeout: ${timeout} }\nslos:\n${slos}\n`, {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.config;
}

/** How many panels give each reason. */
function tally(reasons: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reasons) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** Headers at once, then one byte of a body that never ends every 20 ms. */
async function endlessBody(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":{"resultType":"vector","result":[');
    const t = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const hanging = await fixtureServer(() => ({ status: 200, body: '', hang: true }));
const endless = await endlessBody();
after(async () => {
  for (const s of [hanging, endless]) await s.close();
});

for (const [what, backend] of [
  ['hangs', hanging],
  ['sends a body that never ends', endless],
] as const) {
  test(`a backend that ${what}, concurrency 1, 10 queries: one timeout, one cut at the deadline, eight never sent`, async () => {
    const cfg = config(backend.url, 10, '400ms');
    const sources = createSources(cfg);
    // The deadline is 400 ms + 200 ms: the first request times out at 400 ms, the second
    // (sent then) is cut at 600 ms, 200 ms before its own timeout.
    const p = new Poller(cfg, sources, { deadlineMarginMs: 200 });
    try {
      const snap = await p.cycle();
      assert.deepEqual(tally(snap.slos.map((s) => s.reason)), {
        'prometheus: timeout after 0.4s; no data yet': 1,
        'prometheus: no answer: cycle deadline (0.6s) passed; no data yet': 1,
        'prometheus: not asked: cycle deadline (0.6s) passed; no data yet': 8,
      });
      assert.ok(snap.slos.every((s) => s.status === 'stale' && s.value === null));
      // The source failed (its first request timed out); the cut one and those not sent say nothing more of it.
      assert.deepEqual(
        snap.sources.map((s) => [s.name, s.ok, s.error]),
        [['prometheus', false, 'timeout after 0.4s']],
      );
    } finally {
      await closeSources(sources);
    }
  });
}

/** Never answers and ignores the signal: the poller must not wait for it. */
class DeafSource implements MetricSource {
  readonly type = 'prometheus' as const;
  asked = 0;
  constructor(readonly name: string) {}
  instant(): Promise<Result<Series[]>> {
    this.asked++;
    return new Promise(() => {});
  }
  range(): Promise<Result<Series[]>> {
    this.asked++;
    return new Promise(() => {});
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: '' } };
  }
  async close() {}
}

test('a source that ignores the abort signal still cannot hold the cycle past its deadline', async () => {
  const source = new DeafSource('prometheus');
  const p = new Poller(config('http://127.0.0.1:1', 4, '100ms'), new Map([['prometheus', source]]), { deadlineMarginMs: 50 });
  const snap = await p.cycle();
  assert.equal(source.asked, 1);
  assert.deepEqual(tally(snap.slos.map((s) => s.reason)), {
    'prometheus: no answer: cycle deadline (0.2s) passed; no data yet': 1,
    'prometheus: not asked: cycle deadline (0.2s) passed; no data yet': 3,
  });
  // Cut by the cycle, not failed: no backoff, asked again next cycle.
  assert.deepEqual(
    snap.sources.map((s) => [s.ok, s.retryAtMs]),
    [[true, null]],
  );
});

/** Answers at once, except the queries held back, which never answer. */
class PickySource implements MetricSource {
  readonly type = 'prometheus' as const;
  asked: string[] = [];
  hold = new Set<string>();
  constructor(readonly name: string) {}
  private answer(query: string, t: number): Promise<Result<Series[]>> {
    this.asked.push(query);
    if (this.hold.has(query)) return new Promise(() => {});
    return Promise.resolve({ ok: true, value: [{ labels: {}, points: [{ t, v: 0.1 }] }] });
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

test('queries left out at a deadline go first in the next cycle', async () => {
  const source = new PickySource('prometheus');
  let now = 1_700_000_000_000;
  const p = new Poller(config('http://127.0.0.1:1', 3, '100ms'), new Map([['prometheus', source]]), { deadlineMarginMs: 0, now: () => now });
  const q = (i: number) => source.asked.find((x) => x.includes(`x${i}`))!;
  await p.cycle();
  assert.equal(source.asked.length, 3);
  // Now the first query hangs: the other two are not asked that cycle.
  source.hold.add(q(0));
  source.asked = [];
  now += 15_000;
  await p.cycle();
  assert.deepEqual(
    source.asked.map((x) => x.match(/x\d/)![0]),
    ['x0'],
  );
  // Next cycle the two left out, with the older answers, are asked before it.
  source.hold.clear();
  source.asked = [];
  now += 15_000;
  await p.cycle();
  assert.deepEqual(
    source.asked.map((x) => x.match(/x\d/)![0]),
    ['x1', 'x2', 'x0'],
  );
});
