// What the poller keeps of its answers is bounded as a whole, not only per
// answer: an answer that would take the total past the limit is not kept,
// only its panels say so, the source stays up, and the answers already kept
// stay. A large one is refused in the decoder's worker, before its points are
// made on the main thread.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { HeldAnswers, heldLimit } from '../../src/poller/held.js';
import { Poller } from '../../src/poller/poller.js';
import { decodedOffThread } from '../../src/sources/decode.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { heldBytes } from '../../src/sources/packed.js';
import { fixtureServer } from '../helpers/fixture-server.js';

const T = 1_767_225_600;
const two = [
  {
    labels: { a: 'b', job: 'api' },
    points: [
      { t: 1, v: 1 },
      { t: 2, v: 2 },
    ],
  },
];

test('held bytes: 160 a series, 84 a point, 48 a label and its characters', () => {
  // 160 + 2 x 84 + (48 + 1 + 1) + (48 + 3 + 3)
  assert.equal(heldBytes(two), 432);
  assert.equal(heldBytes([]), 0);
});

test('the limit: 4x the largest body_size_limit (64MB by default); an answer replaces what its query held', () => {
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  a: { type: prometheus, url: "http://x:1" }\n  b: { type: loki, url: "http://x:2", body_size_limit: 32MB }\n`,
    {},
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  assert.equal(heldLimit(r.config), 4 * 32 * 1024 ** 2);
  const held = new HeldAnswers(1000);
  assert.equal(held.admit('q1', two), null);
  assert.deepEqual([held.bytes, held.room('q2'), held.room('q1')], [432, 568, 1000]);
  const big = [{ labels: {}, points: Array.from({ length: 6 }, (_, t) => ({ t, v: 0 })) }];
  // 160 + 6 x 84 = 664 > 568
  assert.equal(held.admit('q2', big), 'answer not kept (~1KB): the answers held would pass 1000B (4× the largest body_size_limit)');
  assert.equal(held.bytes, 432);
  assert.equal(held.admit('q1', big), null, 'in place of its own 432');
  assert.equal(held.bytes, 664);
});

// Each query its own answer: a small one (decoded here), or one of ~1.1 MB of labels (decoded in the worker).
const PAD = 'x'.repeat(1_100_000);
const answer = (query: string) => {
  const metric = query.includes('large') ? { pod: 'p', pad: PAD } : { pod: 'p' };
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric, value: [T, '0.1'] }] } });
};
const server = await fixtureServer((req) => ({ status: 200, body: answer(req.form.get('query') ?? '') }));
after(() => server.close());

test('through the poller: answers kept in turn until the limit, the rest not, the source up; a large one refused in the worker', async () => {
  const slo = (id: string, q: string) => `  - { id: ${id}, name: ${id}, source: prometheus, unit: s, objective: "< 1s", query: "max(${q})" }`;
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "${server.url}", concurrency: 1 }\nslos:\n${[slo('A', 'a'), slo('B', 'b'), slo('BIG', 'large'), slo('C', 'c')].join('\n')}\n`,
    {},
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  // A small answer: 160 + 84 + (48 + 3 + 1) = 296 bytes; room for two.
  const sources = createSources(r.config);
  const before = decodedOffThread.count;
  try {
    const snap = await new Poller(r.config, sources, { now: () => T * 1000, heldBytes: 2 * 296 + 100 }).cycle();
    // The large one, its label cut by the gate to 4,096 characters and "… (1095904 more characters)":
    // 160 + 84 + (48 + 3 + 1) + (48 + 3 + 4,123) = 4,470 bytes, ~5KB.
    const notKept = (kb: number) => `prometheus: answer not kept (~${kb}KB): the answers held would pass 692B (set by the caller); no data yet`;
    assert.deepEqual(
      snap.slos.map((s) => [s.id, s.status, s.reason]),
      [
        ['A', 'ok', '100ms meets < 1s'],
        ['B', 'ok', '100ms meets < 1s'],
        ['BIG', 'stale', notKept(5)],
        ['C', 'stale', notKept(1)],
      ],
    );
    assert.deepEqual(
      snap.sources.map((s) => [s.ok, s.error, s.retryAtMs]),
      [[true, null, null]],
    );
    assert.equal(decodedOffThread.count - before, 1, 'the large answer went through the worker');
  } finally {
    await closeSources(sources);
  }
});
