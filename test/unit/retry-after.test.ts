// A server's Retry-After is obeyed up to 5 minutes: longer, and a backend that
// has recovered would stay dark until someone presses `r`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { Poller } from '../../src/poller/poller.js';
import { rateLimitWait, retryAfterMs } from '../../src/sources/http.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { LokiSource } from '../../src/sources/loki/client.js';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure, type Result } from '../../src/sources/types.js';
import { hostileServer } from '../helpers/hostile-server.js';
import { sourceDef } from '../helpers/source-def.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');

test('retryAfterMs: delta seconds and dates, capped at 5 minutes', () => {
  assert.equal(retryAfterMs({ 'retry-after': '30' }, NOW), 30_000);
  assert.equal(retryAfterMs({ 'retry-after': '999999' }, NOW), 300_000);
  assert.equal(retryAfterMs({ 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' }, NOW), 300_000);
  assert.equal(retryAfterMs({ 'retry-after': new Date(NOW + 60_000).toUTCString() }, NOW), 60_000);
  assert.equal(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' }, NOW), 0);
  assert.equal(retryAfterMs({ 'x-sentry-rate-limit-reset': String(NOW / 1000 + 86_400) }, NOW), 300_000);
  assert.equal(retryAfterMs({ 'retry-after': 'soon' }, NOW), undefined);
  const endless = { kind: 'rate limited' as const, message: 'slow down', ...rateLimitWait({ 'retry-after': '9'.repeat(400) }, NOW) };
  assert.equal(rateLimitWait({ 'x-sentry-rate-limit-reset': '9'.repeat(400) }, NOW).retryAskedMs, Number.MAX_SAFE_INTEGER);
  // 2^53 ms is 285,000 years: past a century, said as such rather than in hours.
  assert.equal(describeFailure(endless), 'rate limited: slow down (retry in 300s; server asked >100y, capped at 5m)');
});

test('each backend: a huge Retry-After waits 5 minutes and says the server asked for more', async () => {
  for (const retryAfter of ['999999', 'Fri, 01 Jan 2100 00:00:00 GMT']) {
    const h = await hostileServer('retry-after', { retryAfter });
    const now = Date.now();
    const prom = new PrometheusSource(sourceDef('prometheus', h.url));
    const loki = new LokiSource(sourceDef('loki', h.url));
    const sentry = new SentrySource(sourceDef('sentry', h.url, { options: { org: 'acme' } }));
    try {
      const results: Array<[string, Result<unknown>]> = [
        ['Too Many Requests', await prom.instant('up', now)],
        ['too many outstanding requests', await loki.instant('sum(rate({a="b"}[1m]))', now)],
        ['You are attempting to use this endpoint too frequently. Limit is 0 requests in 100 seconds', await sentry.range('x', now - 60_000, now, 60_000)],
        ['You are attempting to use this endpoint too frequently. Limit is 0 requests in 100 seconds', await sentry.topIssues(0)],
      ];
      for (const [message, r] of results) {
        assert.ok(!r.ok);
        assert.equal(r.failure.retryAfterMs, 300_000);
        assert.match(describeFailure(r.failure), new RegExp(`^rate limited: ${message} \\(retry in 300s; server asked \\d+h(\\d+m)?, capped at 5m\\)$`));
      }
      const prometheus = results[0][1];
      if (retryAfter === '999999' && !prometheus.ok)
        assert.equal(describeFailure(prometheus.failure), 'rate limited: Too Many Requests (retry in 300s; server asked 277h46m, capped at 5m)');
    } finally {
      await Promise.all([prom.close(), loki.close(), sentry.close()]);
      await h.close();
    }
  }
});

test('the poller backs a rate-limited source off no more than 5 minutes', async () => {
  const h = await hostileServer('retry-after');
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "${h.url}" }\nslos:\n  - { id: A, name: a, source: prometheus, query: up, unit: count, objective: ">= 1" }\n`,
    {},
  );
  assert.ok(r.ok);
  const sources = createSources(r.config);
  try {
    const now = Date.now();
    const snap = await new Poller(r.config, sources, { now: () => now, random: () => 1 }).cycle();
    const s = snap.sources[0];
    assert.ok(s.retryAtMs !== null && s.retryAtMs !== undefined && s.retryAtMs - now <= 300_000, `retry at +${(s.retryAtMs ?? 0) - now} ms`);
    assert.match(s.error ?? '', /capped at 5m/);
  } finally {
    await closeSources(sources);
    await h.close();
  }
});
