import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { deadUrl, fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { sourceDef } from '../helpers/source-def.js';

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const TOKEN = 'sntrys_test_token_9d8c7b';
const sentry = new SentrySource(
  sourceDef('sentry', server.url, { options: { org: 'acme', project: 'practice-hub', environment: 'production' }, auth: { kind: 'bearer', token: TOKEN } }),
);
after(() => sentry.close());
const serve = (status: number, file: string, headers: Record<string, string> = {}) => {
  next = { status, body: fixture(`sentry/${file}`), headers };
};

test('events-stats: count() per interval, bearer token, project slug in the search', async () => {
  serve(200, 'events_stats_CONSTRUCTED.json');
  const r = await sentry.range('event.type:error', 1700000000000, 1700010800000, 3_600_000);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [
    {
      labels: {},
      points: [
        { t: 1700000000000, v: 1 },
        { t: 1700003600000, v: 2 },
        { t: 1700007200000, v: 0 },
      ],
    },
  ]);
  const req = server.seen.at(-1)!;
  assert.equal(req.path, '/api/0/organizations/acme/events-stats/');
  assert.equal(req.query.get('yAxis'), 'count()');
  assert.equal(req.query.get('interval'), '3600s');
  assert.equal(req.query.get('query'), 'event.type:error project:practice-hub');
  assert.equal(req.query.get('environment'), 'production');
  assert.equal(req.query.get('start'), '2023-11-14T22:13:20.000Z');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
});

test('a count in a window sums the buckets in it; no projects gives zero events', async () => {
  serve(200, 'events_stats_CONSTRUCTED.json');
  // Buckets of 1700000000, 1700003600 and 1700007200 (1, 2, 0 events): the three hours up to 1700010800.
  const r = await sentry.instant('event.type:error', 1700010800000, 10_800_000);
  assert.ok(r.ok);
  assert.deepEqual(r.value[0].points, [{ t: 1700010800000, v: 3 }]);
  // The last two hours: the first bucket starts a whole hour before them, so it does not count.
  const two = await sentry.instant('event.type:error', 1700010800000, 7_200_000);
  assert.ok(two.ok);
  assert.deepEqual(two.value[0].points, [{ t: 1700010800000, v: 2 }]);
  assert.equal(server.seen.at(-1)!.query.get('interval'), '60s');
  serve(200, 'events_stats_no_projects.json');
  const none = await sentry.instant('event.type:error', 1700010800000, 3 * 3600_000);
  assert.ok(none.ok && none.value[0].points[0].v === 0);
});

test('top issues through @sentry/api: shortId, title, count, lastSeen', async () => {
  serve(200, 'org_issues_list.json');
  const r = await sentry.topIssues(1541455200000, 1544130000000, 5);
  assert.ok(r.ok, r.ok ? '' : describeFailure(r.failure));
  assert.deepEqual(r.value, [
    {
      id: '1',
      shortId: 'PUMP-STATION-1',
      title: 'This is an example Python exception',
      count: 150,
      lastSeen: '2018-12-06T21:19:55Z',
      level: 'error',
      permalink: 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/',
    },
  ]);
  const req = server.seen.at(-1)!;
  assert.equal(req.path, '/api/0/organizations/acme/issues/');
  assert.equal(req.query.get('query'), 'is:unresolved project:practice-hub');
  assert.equal(req.query.get('sort'), 'freq');
  assert.equal(req.query.get('limit'), '5');
  assert.equal(req.query.get('end'), '2018-12-06T21:00:00.000Z');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  serve(200, 'project_issues_list.json');
  const p = await sentry.topIssues(0);
  assert.ok(p.ok && p.value[0].count === 1);
});

test('Sentry errors: detail strings, structured detail, bare strings, rate-limit reset', async () => {
  const cases: Array<[number, string, string]> = [
    [401, 'error_401_invalid_token.json', 'auth: Invalid token (http 401)'],
    [401, 'error_401_no_credentials.json', 'auth: Authentication credentials were not provided. (http 401)'],
    [401, 'error_401_token_not_found.json', 'auth: Token not found (http 401)'],
    [401, 'error_401_sso_required_CONSTRUCTED.json', 'auth: Must login via SSO (http 401)'],
    [403, 'error_403.json', 'auth: You do not have permission to perform this action. (http 403)'],
    [404, 'error_404.json', 'http 404: The requested resource does not exist'],
    [400, 'error_400_search_query.json', "query rejected (http 400): Error parsing search query: invalid status value of '403'"],
    [429, 'error_429.json', 'rate limited: You are attempting to use this endpoint too frequently. Limit is 0 requests in 100 seconds'],
    [429, 'error_429_legacy_bare_string.json', 'rate limited: You are attempting to use this endpoint too frequently. Limit is 3 requests in 3600 seconds'],
    [
      429,
      'error_429_concurrent_CONSTRUCTED.json',
      'rate limited: You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is 25',
    ],
  ];
  for (const [status, file, expected] of cases) {
    // The real 429 comes as Django's default text/html content type.
    serve(status, file, status === 429 ? { 'content-type': 'text/html; charset=utf-8' } : {});
    const viaUndici = await sentry.range('x', 0, 60_000, 60_000);
    assert.ok(!viaUndici.ok, file);
    assert.equal(describeFailure(viaUndici.failure), expected, `${file} (events-stats)`);
    const viaClient = await sentry.topIssues(0);
    assert.ok(!viaClient.ok, file);
    assert.equal(describeFailure(viaClient.failure), expected, `${file} (@sentry/api)`);
  }
  const reset = String(Math.floor(Date.now() / 1000) + 42);
  serve(429, 'error_429.json', { 'x-sentry-rate-limit-reset': reset, 'content-type': 'text/html' });
  const r = await sentry.range('x', 0, 60_000, 60_000);
  assert.ok(!r.ok);
  assert.ok(r.failure.retryAfterMs! > 40_000 && r.failure.retryAfterMs! <= 42_000, String(r.failure.retryAfterMs));
});

test('HTML and garbage from a proxy in front of Sentry', async () => {
  next = { status: 502, body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', headers: { 'content-type': 'text/html' } };
  const a = await sentry.topIssues(0);
  assert.ok(!a.ok);
  assert.equal(describeFailure(a.failure), 'http 502: HTML page "502 Bad Gateway"');
  next = { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } };
  const b = await sentry.topIssues(0);
  assert.ok(!b.ok);
  assert.equal(b.failure.kind, 'bad payload');
  next = { status: 200, body: '{"data": [[1700000000, "many"]]}' };
  const c = await sentry.range('x', 0, 1, 60_000);
  assert.ok(!c.ok);
  assert.equal(c.failure.kind, 'bad payload');
});

test('auth check reads the organization; unreachable and timeout through the client', async () => {
  next = { status: 200, body: '{"id":"1","slug":"acme","name":"Acme"}' };
  const ok = await sentry.health();
  assert.ok(ok.ok);
  assert.equal(server.seen.at(-1)!.path, '/api/0/organizations/acme/');
  const dead = new SentrySource(sourceDef('sentry', await deadUrl(), { options: { org: 'acme' }, auth: { kind: 'bearer', token: TOKEN } }));
  const r = await dead.health();
  await dead.close();
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'unreachable: connection refused');
  const slow = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' }, timeoutMs: 300 }));
  next = { status: 0, body: '', hang: true };
  const t = await slow.topIssues(0);
  assert.ok(!t.ok);
  assert.equal(t.failure.kind, 'timeout');
  await slow.close();
});

test('buckets stamped outside the asked window do not count; issues Sentry could not send are left out', async () => {
  const stats = JSON.parse(fixture('sentry/events_stats_CONSTRUCTED.json'));
  const at = 1700010800000;
  const window = 3 * 3600_000;
  // 1970 and 2126 only: no count of this window at all.
  next = {
    status: 200,
    body: JSON.stringify({
      ...stats,
      data: [
        [1, [{ count: 100 }]],
        [4922899200, [{ count: 100 }]],
      ],
    }),
  };
  const wild = await sentry.instant('event.type:error', at, window);
  // Handed on unsummed, for the engine's time checks to name (sentry-times.test.ts).
  assert.deepEqual(wild.ok && wild.value[0].points, [
    { t: 1000, v: 100 },
    { t: 4922899200000, v: 100 },
  ]);
  // Mixed: the fixture's 1 + 2 + 0 inside, a 1970 bucket of 100 left out and said so.
  next = { status: 200, body: JSON.stringify({ ...stats, data: [[1, [{ count: 100 }]], ...stats.data] }) };
  const mixed = await sentry.instant('event.type:error', at, window);
  assert.ok(mixed.ok);
  assert.deepEqual(mixed.value[0].points, [{ t: at, v: 3 }]);
  assert.deepEqual(mixed.warnings, ['1 bucket stamped outside the asked range left out']);
  const range = await sentry.range('event.type:error', at - window, at, 60_000);
  assert.deepEqual(range.ok && range.warnings, ['1 bucket stamped outside the asked range left out']);
  // A negative or non-integer bucket count is a bad payload.
  next = { status: 200, body: JSON.stringify({ ...stats, data: [[1700000000, [{ count: -5 }]]] }) };
  assert.equal((await sentry.instant('event.type:error', at, window)).ok, false);

  const issues = JSON.parse(fixture('sentry/org_issues_list.json'));
  const good = issues[0];
  next = {
    status: 200,
    body: JSON.stringify([{ ...good, count: 'abc' }, { ...good, count: 1e400 }, { ...good, count: -5 }, { ...good, lastSeen: 'yesterday' }, good]),
  };
  const top = await sentry.topIssues(1541455200000, 1544130000000, 5);
  assert.ok(top.ok);
  assert.deepEqual(
    top.value.map((i) => i.count),
    [150],
  );
  assert.deepEqual(top.warnings, ['4 issues with an impossible count or time left out']);
});
