// Answers a test double sends in a backend's own format but that no healthy
// backend sends: each ends as a failure value for its panel, never a throw.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LokiSource } from '../../src/sources/loki/client.js';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { fixtureServer } from '../helpers/fixture-server.js';
import { sourceDef } from '../helpers/source-def.js';

// 5,000 levels of arrays: Sentry's client parses an error body as JSON, and writing it back out recurses once a level.
const deep = `{"detail":${'['.repeat(5000)}${']'.repeat(5000)}}`;
let loki = '';
const server = await fixtureServer((req) => {
  if (req.path.startsWith('/api/0/')) return { status: 500, body: deep };
  return { status: 200, body: loki };
});
after(() => server.close());

test('a Sentry error answer nested 5,000 deep is a bad payload, not a stack overflow', async () => {
  const sentry = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' } }));
  try {
    assert.deepEqual(await sentry.health(), { ok: false, failure: { kind: 'bad payload', message: 'an answer (http 500) too deeply nested to read' } });
    assert.deepEqual(await sentry.topIssues(0, 1), { ok: false, failure: { kind: 'bad payload', message: 'an answer (http 500) too deeply nested to read' } });
  } finally {
    await sentry.close();
  }
});

test('a Loki log timestamp longer than int64 nanoseconds is refused by the adapter', async () => {
  const source = new LokiSource(sourceDef('loki', server.url));
  const streams = (ns: string) =>
    JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'x' }, values: [[ns, 'line']] }] } });
  try {
    // Year 275760 and beyond: a Date cannot hold it, and the log panel would throw drawing it.
    loki = streams('999999999999999999999999999999');
    const r = await source.logs('{app="x"}', 0, 1, 5);
    assert.ok(!r.ok);
    assert.equal(r.failure.kind, 'bad payload');
    assert.match(r.failure.message, /not a nanosecond timestamp/);
    // The largest int64 (2262-04-11) is still read.
    loki = streams('9223372036854775807');
    const ok = await source.logs('{app="x"}', 0, 1, 5);
    assert.ok(ok.ok);
    assert.equal(new Date(ok.value[0].t).toISOString(), '2262-04-11T23:47:16.854Z');
  } finally {
    await source.close();
  }
});

test('a sample value is read only as Prometheus writes one: a Go float, +Inf, -Inf or NaN', async () => {
  const { sampleValue } = await import('../../src/sources/sample.js');
  const read = (s: string) => (sampleValue.safeParse(s).success ? sampleValue.parse(s) : 'refused');
  // Go writes an exponent with its sign and never a bare leading '.'.
  assert.deepEqual(['0x10', '0b1', ' 1', 'Infinity', '1e-9', '-1.5e+03', '.5', '+Inf', '-Inf'].map(read), [
    'refused',
    'refused',
    'refused',
    'refused',
    1e-9,
    -1500,
    'refused',
    Infinity,
    -Infinity,
  ]);
  assert.ok(Number.isNaN(read('NaN')));
});
