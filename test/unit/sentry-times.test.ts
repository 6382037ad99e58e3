// Sentry's numbers are judged and shown as current only when their times are:
// a bucket outside the window asked for does not count, an answer with none
// inside is an impossible time with the reason, the errors/min sparkline has
// the same check, and a top issue with an impossible count or time is left out.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { PanelFetcher } from '../../src/poller/panels.js';
import { Poller } from '../../src/poller/poller.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { sourceDef } from '../helpers/source-def.js';

const T = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const NOW_S = T / 1000;
const Y2126 = 4_922_899_200;

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const stats = (buckets: Array<[number, number]>) => {
  next = { status: 200, body: JSON.stringify({ data: buckets.map(([t, c]) => [t, [{ count: c }]]) }) };
};

const config = parseConfig(
  `version: 1\nservice: t\nsources:\n  sentry: { url: "${server.url}", org: acme }\nalerts:\n  - { id: SPIKE, source: sentry, query: "event.type:error", condition: "> 50 in 5m" }\n`,
  {},
);
assert.ok(config.ok, config.ok ? '' : JSON.stringify(config.errors));

async function spike(buckets: Array<[number, number]>): Promise<[string, string]> {
  stats(buckets);
  const sources = createSources(config.ok ? config.config : ({} as never));
  try {
    const snap = await new Poller(config.ok ? config.config : ({} as never), sources, { now: () => T }).cycle();
    return [snap.alerts[0].status, snap.alerts[0].reason];
  } finally {
    await closeSources(sources);
  }
}

test('a count of 1970 or of 2126 is no count of now: unknown, with the reason, never FIRING', async () => {
  assert.deepEqual(await spike([[1, 100]]), ['unknown', 'sample is 56 years old']);
  assert.deepEqual(await spike([[Y2126, 100]]), ['unknown', 'sample is stamped 100 years ahead']);
});

test('buckets outside the window do not count; those inside do', async () => {
  // 100 events "of 1970" and of 2126 left out; 3 + 4 in the last five minutes.
  assert.deepEqual(
    await spike([
      [1, 100],
      [NOW_S - 240, 3],
      [NOW_S - 60, 4],
      [Y2126, 100],
    ]),
    ['ok', '7, condition > 50 in 5m not met'],
  );
  assert.deepEqual(
    await spike([
      [NOW_S - 240, 30],
      [NOW_S - 60, 40],
    ]),
    ['firing', '70 > 50 in 5m'],
  );
});

test('wider buckets than asked (a long range): the first, begun before the window, counts; one of 1970 still does not', async () => {
  const sentry = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' } }));
  try {
    // Five hours asked; hourly buckets, the first starting half an hour before the window.
    const start = NOW_S - 5 * 3600;
    stats([[1, 1000], ...Array.from({ length: 5 }, (_, i): [number, number] => [start - 1800 + i * 3600, 10 * (i + 1)])]);
    const r = await sentry.instant('event.type:error', T, 5 * 3_600_000);
    assert.ok(r.ok);
    assert.deepEqual(r.value[0].points, [{ t: T, v: 10 + 20 + 30 + 40 + 50 }]);
  } finally {
    await sentry.close();
  }
});

test('the errors/min sparkline: buckets stamped 1e300, -1e300 and in 275760 are an error, not 2/min', async () => {
  const sentry = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' } }));
  const panels = new PanelFetcher(config.ok ? config.config : ({} as never), new Map([['sentry', sentry]]), () => T);
  try {
    // No issues; the counts per minute as given.
    const bodies = [
      '[]',
      JSON.stringify({
        data: [
          [1e300, [{ count: 2 }]],
          [-1e300, [{ count: 2 }]],
          [8_640_000_000_000, [{ count: 2 }]],
        ],
      }),
    ];
    server.reply((req) => ({ status: 200, body: req.path.includes('events-stats') ? bodies[1] : bodies[0] }));
    const p = await panels.fetch(T - 3_600_000);
    assert.equal(p.sentry?.error, 'sentry: sample is stamped over 1000 years ahead');
    assert.equal(p.sentry?.data, null);
    // One bucket of now among them: only it is shown.
    bodies[1] = JSON.stringify({
      data: [
        [1e300, [{ count: 2 }]],
        [NOW_S - 60, [{ count: 5 }]],
        [8_640_000_000_000, [{ count: 2 }]],
      ],
    });
    const again = await new PanelFetcher(config.ok ? config.config : ({} as never), new Map([['sentry', sentry]]), () => T).fetch(T - 3_600_000);
    assert.deepEqual([again.sentry?.error, again.sentry?.data?.perMinute], [null, [{ t: T - 60_000, v: 5 }]]);
  } finally {
    server.reply(() => next);
    await sentry.close();
  }
});

test('top issues: an impossible count or lastSeen leaves that issue out; all impossible is a bad payload', async () => {
  const sentry = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' } }));
  const issue = (id: string, count: unknown, lastSeen = '2025-12-31T23:00:00Z') => ({
    id,
    shortId: `X-${id}`,
    title: `E ${id}`,
    count,
    lastSeen,
    level: 'error',
  });
  try {
    next = {
      status: 200,
      body: JSON.stringify([
        issue('1', 'abc'),
        issue('2', '1e400'),
        issue('3', -5),
        issue('4', '-5'),
        issue('5', 1.5),
        issue('6', '12', 'yesterday'),
        issue('7', '42'),
        issue('8', 7),
      ]),
    };
    const r = await sentry.topIssues(T - 86_400_000, T, 5);
    assert.ok(r.ok, r.ok ? '' : describeFailure(r.failure));
    assert.deepEqual(
      r.value.map((i) => [i.shortId, i.count]),
      [
        ['X-7', 42],
        ['X-8', 7],
      ],
    );
    next = { status: 200, body: JSON.stringify([issue('1', 'abc'), issue('2', '1e400')]) };
    const bad = await sentry.topIssues(T - 86_400_000, T, 5);
    assert.ok(!bad.ok);
    assert.equal(describeFailure(bad.failure), 'bad payload: [0].count: "abc" is not a count of events');
    next = { status: 200, body: JSON.stringify([issue('1', '3', 'yesterday')]) };
    const time = await sentry.topIssues(T - 86_400_000, T, 5);
    assert.ok(!time.ok);
    assert.equal(describeFailure(time.failure), 'bad payload: [0].lastSeen: "yesterday" is not a time');
  } finally {
    await sentry.close();
  }
});
