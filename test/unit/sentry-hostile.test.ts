// The Sentry client path (@sentry/api over undici's fetch) against a backend
// that misbehaves: every call ends as a Result, never a throw.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { hostileServer } from '../helpers/hostile-server.js';
import { sourceDef } from '../helpers/source-def.js';

const sentryAt = (url: string, extra = {}) => new SentrySource(sourceDef('sentry', url, { options: { org: 'acme' }, timeoutMs: 400, ...extra }));

test('a body trickled after the headers is a timeout, for issues and the auth check alike', async () => {
  const h = await hostileServer('slow-body', { intervalMs: 50 });
  const sentry = sentryAt(h.url);
  try {
    const issues = await sentry.topIssues(0);
    assert.ok(!issues.ok);
    assert.equal(issues.failure.kind, 'timeout');
    const health = await sentry.health();
    assert.ok(!health.ok);
    assert.equal(health.failure.kind, 'timeout');
    assert.equal(describeFailure(health.failure, 400), 'timeout after 0.4s');
  } finally {
    await sentry.close();
    await h.close();
  }
});

test('a Sentry that turns slow after healthy cycles: the healthy answers, then timeouts, no throw', async () => {
  const h = await hostileServer('slow-body', { after: 4, intervalMs: 50 });
  const sentry = sentryAt(h.url);
  try {
    for (let i = 0; i < 2; i++) {
      const issues = await sentry.topIssues(0);
      assert.ok(issues.ok, issues.ok ? '' : describeFailure(issues.failure));
      assert.equal(issues.value[0].shortId, 'HOSTILE-1');
      assert.ok((await sentry.health()).ok);
    }
    const late = await sentry.topIssues(0);
    assert.ok(!late.ok);
    assert.equal(late.failure.kind, 'timeout');
    const events = await sentry.range('event.type:error', Date.now() - 300_000, Date.now(), 60_000);
    assert.ok(!events.ok);
    assert.equal(events.failure.kind, 'timeout');
  } finally {
    await sentry.close();
    await h.close();
  }
});
