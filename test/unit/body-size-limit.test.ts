// body_size_limit: what the config accepts, and that every path of every
// source stops reading at it (Prometheus, Loki, Sentry events-stats through
// the pool, Sentry issues and the auth check through @sentry/api's fetch).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { formatSize, parseSize } from '../../src/config/size.js';
import { LokiSource } from '../../src/sources/loki/client.js';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure, type Result } from '../../src/sources/types.js';
import { type HostileServer, hostileServer } from '../helpers/hostile-server.js';
import { sourceDef } from '../helpers/source-def.js';

const MB = 1024 ** 2;

function errorsFor(limit: string): string[] {
  const r = parseConfig(`version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:9090", body_size_limit: ${limit} }\n`, {});
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

test('body_size_limit: sizes as Prometheus writes them, 16MB when left out', () => {
  const limitOf = (extra: string) => {
    const r = parseConfig(`version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:9090"${extra} }\n`, {});
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
    return r.config.sources.prometheus.bodyLimitBytes;
  };
  assert.equal(limitOf(''), 16 * MB);
  assert.equal(limitOf(', body_size_limit: 512KiB'), 512 * 1024);
  assert.equal(limitOf(', body_size_limit: "64MB"'), 64 * MB);
  assert.equal(limitOf(', body_size_limit: 1.5kb'), 1536);
  assert.equal(parseSize('100 MB'), 100 * MB);
  assert.equal(formatSize(16 * MB), '16MB');
});

test('body_size_limit: a bad size is an error at its path', () => {
  assert.deepEqual(errorsFor('abc'), ['sources.prometheus.body_size_limit: "abc" is not a size (expected a number and a unit, like 16MB or 512KiB)']);
  assert.deepEqual(errorsFor('1048576'), ['sources.prometheus.body_size_limit: 1048576 is not a size (expected a number and a unit, like 16MB or 512KiB)']);
  assert.deepEqual(errorsFor('0MB'), ['sources.prometheus.body_size_limit: "0MB" must be more than 0: every answer is read with a limit']);
  assert.deepEqual(errorsFor('"0"'), ['sources.prometheus.body_size_limit: "0" is not a size (expected a number and a unit, like 16MB or 512KiB)']);
  assert.deepEqual(errorsFor('2GB'), ['sources.prometheus.body_size_limit: "2GB" is more than the 256MB one answer can be']);
  assert.deepEqual(errorsFor('16XB'), ['sources.prometheus.body_size_limit: "16XB" is not a size (expected a number and a unit, like 16MB or 512KiB)']);
});

/** The failure `call` ends with against `mode`, and the server's view of that request. */
async function against<T>(
  mode: 'endless' | 'huge' | 'gzip-bomb',
  make: (url: string) => { close(): Promise<void> } & T,
  call: (s: T) => Promise<Result<unknown>>,
  mb?: number,
) {
  const h: HostileServer = await hostileServer(mode, { mb });
  const source = make(h.url);
  try {
    const r = await call(source);
    assert.ok(!r.ok, 'a failure');
    // The server sees the connection cut before the answer ended, once the client has let go of it.
    for (let i = 0; i < 200 && h.seen.at(-1)?.state === 'open'; i++) await new Promise((res) => setTimeout(res, 10));
    return { failure: describeFailure(r.failure), state: h.seen.at(-1)?.state };
  } finally {
    await source.close();
    await h.close();
  }
}

const LIMIT = { bodyLimitBytes: 1 * MB, timeoutMs: 30_000 };
const tooLarge = { failure: 'bad payload: answer larger than 1MB (body_size_limit)', state: 'cut' };
const now = Date.now();

test('Prometheus: an endless answer stops at the limit and the connection is dropped', async () => {
  const make = (url: string) => new PrometheusSource(sourceDef('prometheus', url, LIMIT));
  assert.deepEqual(await against('endless', make, (s) => s.instant('up', now)), tooLarge);
  assert.deepEqual(await against('huge', make, (s) => s.range('up', now - 3_600_000, now, 60_000), 8), tooLarge);
});

test('Loki: metric and log answers larger than the limit', async () => {
  const make = (url: string) => new LokiSource(sourceDef('loki', url, LIMIT));
  assert.deepEqual(await against('endless', make, (s) => s.instant('sum(rate({app="x"}[5m]))', now)), tooLarge);
  assert.deepEqual(await against('huge', make, (s) => s.logs('{app="x"}', now - 60_000, now, 100), 8), tooLarge);
});

test('Sentry: events-stats through the pool, issues and the auth check through the client', async () => {
  const make = (url: string) => new SentrySource(sourceDef('sentry', url, { ...LIMIT, options: { org: 'acme' } }));
  assert.deepEqual(await against('endless', make, (s) => s.range('event.type:error', now - 3_600_000, now, 60_000)), tooLarge);
  assert.deepEqual(await against('endless', make, (s) => s.topIssues(0)), tooLarge);
  assert.deepEqual(await against('huge', make, (s) => s.topIssues(0), 8), tooLarge);
  assert.deepEqual(await against('endless', make, (s) => s.health()), tooLarge);
});

test('a gzip bomb: the pool does not inflate it; the client path stops at the limit of inflated bytes', async () => {
  // A ~1 MB body that inflates to 1 GiB; RSS growth is bounded far below that whatever the machine does.
  const before = process.memoryUsage().rss;
  const make = (url: string) => new SentrySource(sourceDef('sentry', url, { options: { org: 'acme' }, timeoutMs: 30_000 }));
  const stats = await against('gzip-bomb', make, (s) => s.range('x', now - 300_000, now, 60_000));
  assert.equal(stats.failure, 'bad payload: compressed answer (content-encoding: gzip) though none was asked for');
  // The compressed bytes may all have arrived by then (1 MB); what is bounded is what they inflate to.
  assert.equal((await against('gzip-bomb', make, (s) => s.topIssues(0))).failure, 'bad payload: answer larger than 16MB (body_size_limit)');
  assert.equal((await against('gzip-bomb', make, (s) => s.health())).failure, 'bad payload: answer larger than 16MB (body_size_limit)');
  const prom = await against(
    'gzip-bomb',
    (url) => new PrometheusSource(sourceDef('prometheus', url, { timeoutMs: 30_000 })),
    (s) => s.instant('up', now),
  );
  assert.equal(prom.failure, 'bad payload: compressed answer (content-encoding: gzip) though none was asked for');
  const growth = process.memoryUsage().rss - before;
  assert.ok(growth < 200 * MB, `RSS grew ${Math.round(growth / MB)} MB`);
});

test('what is asked: no compression, from the pool and from the client', async () => {
  const h = await hostileServer('huge', { after: 10 });
  const sentry = new SentrySource(sourceDef('sentry', h.url, { options: { org: 'acme' } }));
  const prom = new PrometheusSource(sourceDef('prometheus', h.url, { headers: { 'Accept-Encoding': 'gzip' } }));
  try {
    assert.ok((await sentry.health()).ok);
    assert.ok((await sentry.range('x', now - 300_000, now, 60_000)).ok);
    assert.ok((await prom.instant('up', now)).ok);
    assert.deepEqual(
      h.seen.map((s) => s.headers['accept-encoding']),
      ['identity', 'identity', 'identity'],
    );
  } finally {
    await sentry.close();
    await prom.close();
    await h.close();
  }
});
