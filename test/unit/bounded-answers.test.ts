// An answer with more series than any panel can use is refused before its
// samples are read, and only that query's panel says so; a large answer that
// is read goes through a worker and comes back exactly as read here.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { Poller } from '../../src/poller/poller.js';
import { decodedOffThread, decodeMetric, decoderStarted, OFF_THREAD_BYTES } from '../../src/sources/decode.js';
import type { HttpResponse } from '../../src/sources/http.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { parseMetric } from '../../src/sources/loki/decode.js';
import { parseQuery } from '../../src/sources/prometheus/decode.js';
import { MAX_SERIES } from '../../src/sources/sample.js';
import { registerSecrets } from '../../src/text/redact.js';
import { fixtureServer } from '../helpers/fixture-server.js';

const T = 1_767_225_600; // 2026-01-01T00:00:00Z, in seconds as on the wire

/** A Prometheus or Loki matrix of `n` series, each with `points` samples 15 s apart ending at T, and labels padded by `pad`. */
function matrix(n: number, points = 1, pad = ''): HttpResponse {
  const result = Array.from({ length: n }, (_, i) => ({
    metric: { pod: `api-${i}`, path: `/v1/${pad}` },
    values: Array.from({ length: points }, (_, k) => [T - (points - 1 - k) * 15, `${(i % 7) / 10}`]),
  }));
  return { status: 200, headers: {}, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }) };
}

test(`an answer of more than ${MAX_SERIES} series is refused, with how many it had; ${MAX_SERIES} are read`, () => {
  const over = parseQuery(matrix(MAX_SERIES + 1));
  assert.deepEqual(over, { ok: false, failure: { kind: 'query', message: 'answer has 10001 series; at most 10000 are read' } });
  assert.deepEqual(parseMetric(matrix(MAX_SERIES + 1)), over, 'Loki the same');
  const at = parseQuery(matrix(MAX_SERIES));
  assert.ok(at.ok);
  assert.equal(at.value.length, MAX_SERIES);
});

test('a large answer is decoded in the worker and comes back as the adapter reads it here', async () => {
  // 300 series of 40 points with long labels: above the worker's threshold.
  const res = matrix(300, 40, 'x'.repeat(3000));
  assert.ok(res.body.length > OFF_THREAD_BYTES, String(res.body.length));
  const before = decodedOffThread.count;
  for (const [format, translate] of [
    ['prometheus', parseQuery],
    ['loki', parseMetric],
  ] as const) {
    const here = translate(res);
    assert.ok(here.ok);
    assert.deepEqual(await decodeMetric(format, res, translate), here, format);
  }
  // Refused in the worker as here.
  const wide = matrix(MAX_SERIES + 1, 1, 'y'.repeat(100));
  assert.ok(wide.body.length > OFF_THREAD_BYTES);
  assert.deepEqual(await decodeMetric('prometheus', wide, parseQuery), parseQuery(wide));
  assert.equal(decodedOffThread.count - before, 3, 'all three went through the worker');
  // A small answer stays on this thread.
  await decodeMetric('prometheus', matrix(2), parseQuery);
  assert.equal(decodedOffThread.count - before, 3);
});

test('the worker scrubs with the secrets this thread registered', async () => {
  const token = 'glpat-worker-Secret-0123456789';
  registerSecrets([token]);
  const res = matrix(300, 40, `${'x'.repeat(3000)}?token=${token}`);
  const before = decodedOffThread.count;
  const r = await decodeMetric('prometheus', res, parseQuery);
  assert.equal(decodedOffThread.count - before, 1, 'decoded in the worker');
  assert.ok(r.ok);
  assert.equal(r.value[0].labels.path, `/v1/${'x'.repeat(3000)}?token=***`);
  assert.ok(!JSON.stringify(r.value).includes(token));
});

// Over the wire, through the poller: the wide query's panel fails, the source and its other panels stand.
const server = await fixtureServer((req) => {
  const wide = req.form.get('query')!.includes('wide');
  const { body } = wide ? matrix(MAX_SERIES + 5, 1, 'z'.repeat(60)) : matrix(1);
  return { status: 200, body };
});
after(() => server.close());

test('through the poller: only the panel of the query gone wide fails, without backoff', async () => {
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "${server.url}" }\nslos:\n` +
      `  - { id: WIDE, name: wide, source: prometheus, unit: s, objective: "< 500ms", query: "max by (pod, path) (wide)" }\n` +
      `  - { id: FINE, name: fine, source: prometheus, unit: s, objective: "< 500ms", query: "max(fine)" }\n`,
    {},
  );
  assert.ok(r.ok);
  const sources = createSources(r.config);
  try {
    const snap = await new Poller(r.config, sources, { now: () => T * 1000 }).cycle();
    assert.deepEqual(
      snap.slos.map((s) => [s.id, s.status, s.reason]),
      [
        ['WIDE', 'stale', 'prometheus: answer has 10005 series; at most 10000 are read; no data yet'],
        ['FINE', 'ok', '0ms meets < 500ms'],
      ],
    );
    assert.deepEqual(
      snap.sources.map((s) => [s.ok, s.retryAtMs]),
      [[true, null]],
    );
  } finally {
    await closeSources(sources);
  }
});

test("closing the sources ends the decoder's worker, idle or not; the next large answer starts another", async () => {
  const res = matrix(300, 40, 'x'.repeat(3000));
  await decodeMetric('prometheus', res, parseQuery);
  assert.equal(decoderStarted(), true, 'a large answer started the worker');
  await closeSources(new Map());
  assert.equal(decoderStarted(), false, 'closed with nothing running, the worker is gone');
  const again = await decodeMetric('prometheus', res, parseQuery);
  assert.deepEqual(again, parseQuery(res));
  assert.equal(decoderStarted(), true);
  await closeSources(new Map());
  assert.equal(decoderStarted(), false);
});
