// `watch --once` against a backend that never answers ends at the cycle
// deadline (the timeout plus 1 s), not after a timeout per batch of requests,
// and its JSON says which panels were never asked.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixtureServer } from '../helpers/fixture-server.js';

const server = await fixtureServer(() => ({ status: 200, body: '', hang: true }));
after(() => server.close());

test('--once with a hanging backend, concurrency 1 and 10 queries: 1 timeout, 1 cut at the deadline, 8 not asked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-deadline-'));
  const file = join(dir, 'oncall.yaml');
  const slos = Array.from({ length: 10 }, (_, i) => `  - { id: S${i}, name: s${i}, source: prometheus, unit: s, objective: "< 1s", query: "max(x${i})" }`);
  // A 2 s timeout: the first request times out at 2 s; the second, sent then, is cut at the 3 s deadline.
  writeFileSync(file, `version: 1\nservice: t\nsources:\n  prometheus: { url: "${server.url}", concurrency: 1, timeout: 2s }\nslos:\n${slos.join('\n')}\n`);
  const r = await runCli(['watch', '--once', '--json', '--config', file], {}, undefined, 20_000);
  assert.equal(r.code, 3, r.stderr);
  const doc = JSON.parse(r.stdout) as { slos: Array<{ id: string; status: string; value: number | null; reason: string }> };
  const by = (reason: string) => doc.slos.filter((s) => s.reason === `prometheus: ${reason}; no data yet`).map((s) => s.id);
  assert.deepEqual(by('timeout after 2s'), ['S0']);
  assert.deepEqual(by('no answer: cycle deadline (3s) passed'), ['S1']);
  assert.deepEqual(by('not asked: cycle deadline (3s) passed'), ['S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9']);
  assert.ok(doc.slos.every((s) => s.status === 'stale' && s.value === null));
  // Ten queries, two requests: the eight not asked were never sent.
  assert.equal(server.seen.length, 2);
});
