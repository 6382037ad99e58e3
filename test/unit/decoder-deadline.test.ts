// The cycle deadline covers decoding too: a large answer whose signal aborts
// is withdrawn from the decoder, waiting or being read, and ends with the
// deadline's reason; the worker never answers for it, so nothing outlives the
// cycle or keeps `--once` from exiting. Closing the sources withdraws the rest.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { decodedOffThread, decodeMetric, stopDecoding } from '../../src/sources/decode.js';
import { HttpClient } from '../../src/sources/http.js';
import { parseQuery } from '../../src/sources/prometheus/decode.js';
import { fixtureServer } from '../helpers/fixture-server.js';
import { sourceDef } from '../helpers/source-def.js';

const T = 1_767_225_600;
// 3,000 series of 60 points, ~4 MB: large, decoded in the worker.
const body = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: Array.from({ length: 3000 }, (_, i) => ({ metric: { pod: `p-${i}` }, values: Array.from({ length: 60 }, (_, k) => [T + 15 * k, '1']) })),
  },
});
const server = await fixtureServer(() => ({ status: 200, body }));
const clients = ['a', 'b'].map((name) => new HttpClient(sourceDef('prometheus', server.url, { name })));
after(async () => {
  for (const c of clients) await c.close();
  await server.close();
});

/** An answer read with `signal`, handed to the decoder at once, as an adapter does. */
async function decoding(client: HttpClient, signal?: AbortSignal) {
  const r = await client.send({ path: '/api/v1/query_range', signal });
  assert.ok(r.ok);
  return decodeMetric('prometheus', r.value, parseQuery);
}

test("withdrawn at the deadline while the worker reads it: it ends with the deadline's reason, and the worker never answers for it", async () => {
  const warm = await decoding(clients[0]);
  assert.ok(warm.ok && warm.value.length === 3000);
  const before = decodedOffThread.count;
  const ac = new AbortController();
  const r = await clients[0].send({ path: '/api/v1/query_range', signal: ac.signal });
  assert.ok(r.ok);
  // Handed to the decoder at once, as the adapters do; the deadline passes before the worker can have answered.
  const decoded = decodeMetric('prometheus', r.value, parseQuery);
  ac.abort('cycle deadline (6s) passed');
  assert.deepEqual(await decoded, { ok: false, failure: { kind: 'timeout', message: 'cycle deadline (6s) passed' } });
  // The decoder goes on with the next answer, in a new worker; the withdrawn one never came back.
  assert.ok((await decoding(clients[1])).ok);
  assert.equal(decodedOffThread.count - before, 1);
});

test('closing the sources withdraws what the decoder holds: the answer being read and those waiting', async () => {
  const answers = [1, 2, 3].map(() => ({ status: 200, headers: {}, body }));
  const decoded = answers.map((res) => decodeMetric('prometheus', res, parseQuery));
  stopDecoding();
  const closing = { ok: false, failure: { kind: 'timeout', message: 'cancelled: closing' } };
  assert.deepEqual(await Promise.all(decoded), [closing, closing, closing]);
  assert.ok((await decoding(clients[0])).ok, 'a later answer starts a new worker');
});
