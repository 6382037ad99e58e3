import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LokiSource } from '../../src/sources/loki/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { sourceDef } from '../helpers/source-def.js';

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const loki = new LokiSource(
  sourceDef('loki', server.url, { options: { tenant: 'tenant-1' }, auth: { kind: 'basic', username: 'reader', password: 'loki-pass-77' } }),
);
after(() => loki.close());
const serve = (status: number, file: string) => {
  next = { status, body: fixture(`loki/${file}`), headers: file.endsWith('.txt') ? { 'content-type': 'text/plain; charset=utf-8' } : {} };
};

test('instant metric query: GET with nanosecond time, tenant and basic auth', async () => {
  serve(200, 'query_vector_count_over_time_CONSTRUCTED.json');
  const r = await loki.instant('sum(count_over_time({app="x"} |= "error" [1m]))', 1789709460123);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [{ labels: {}, points: [{ t: 1789709460123, v: 19 }] }]);
  const req = server.seen.at(-1)!;
  assert.equal(req.method, 'GET');
  assert.equal(req.path, '/loki/api/v1/query');
  assert.equal(req.query.get('time'), '1789709460123000000');
  assert.equal(req.headers['x-scope-orgid'], 'tenant-1');
  assert.equal(req.headers.authorization, `Basic ${Buffer.from('reader:loki-pass-77').toString('base64')}`);
});

test('range metric query: matrix with the warnings Loki sends', async () => {
  serve(200, 'query_range_matrix.json');
  const r = await loki.range('rate({job="varlogs"}[5m])', 1568404331000, 1568404332000, 60_000);
  assert.ok(r.ok);
  assert.deepEqual(r.value[1].points, [
    { t: 1568404331324, v: 3.45 },
    { t: 1568404331339, v: 4.45 },
  ]);
  assert.deepEqual(r.warnings, ['this is a warning']);
  const req = server.seen.at(-1)!;
  assert.equal(req.path, '/loki/api/v1/query_range');
  assert.equal(req.query.get('step'), '60s');
  serve(200, 'query_range_matrix_count_over_time_CONSTRUCTED.json');
  const c = await loki.range('sum(count_over_time({app="x"} |= "error" [1m]))', 0, 1, 60_000);
  assert.ok(c.ok);
  assert.deepEqual(
    c.value[0].points.map((p) => p.v),
    [12, 7, 0],
  );
  serve(200, 'query_vector_docs.json');
  const d = await loki.instant('sum(rate({job="varlogs"}[10m])) by (level)', 0);
  assert.ok(d.ok && d.value.length === 3 && d.value[1].labels.level === 'warn');
  serve(200, 'query_range_matrix_docs.json');
  assert.ok((await loki.range('x', 0, 1, 300_000)).ok);
});

test('log lines: nanosecond timestamps kept exact, newest first, all streams merged', async () => {
  serve(200, 'query_range_streams_captured_loki_3.5.0.json');
  const r = await loki.logs('{container="cube-root-ms-podman"}', 0, 1, 5);
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.map((l) => l.ns),
    ['1789709401630396935', '1789709401630394185', '1789709401630391476', '1789709401630389851', '1789709401630389101'],
  );
  assert.equal(r.value[0].t, 1789709401630);
  assert.equal(r.value[1].labels.__stream_shard__, '0');
  assert.match(r.value[0].line, /TXN-50000/);
  const req = server.seen.at(-1)!;
  assert.deepEqual([req.query.get('direction'), req.query.get('limit')], ['backward', '5']);
  serve(200, 'query_range_streams_categorize_labels.json');
  const cat = await loki.logs('{test="test"}', 0, 1, 10);
  assert.ok(cat.ok);
  assert.deepEqual(
    cat.value.map((l) => l.line),
    ['super line with labels msg=text', 'super line with labels', 'super line'],
  );
  serve(200, 'query_range_streams.json');
  assert.ok((await loki.logs('{test="test"}', 0, 1, 10)).ok);
  serve(200, 'query_range_streams_docs.json');
  const docs = await loki.logs('{job="varlogs"}', 0, 1, 10);
  assert.ok(docs.ok && docs.value[0].line === 'foo');
});

test('a log query where numbers were expected, and the other way round', async () => {
  serve(200, 'query_range_streams.json');
  const r = await loki.range('{test="test"}', 0, 1, 60_000);
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'bad payload: query returned log lines, not numbers; wrap it in count_over_time() or rate()');
  serve(200, 'query_range_matrix.json');
  const l = await loki.logs('rate({job="varlogs"}[5m])', 0, 1, 10);
  assert.ok(!l.ok);
  assert.match(describeFailure(l.failure), /expected log lines \(streams\), got matrix/);
});

test("plain-text errors map to failures with Loki's own words", async () => {
  const cases: Array<[number, string, string]> = [
    [400, 'error_400_parse_error.txt', 'query rejected (http 400): parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,'],
    [
      400,
      'error_400_instant_log_query.txt',
      'query rejected (http 400): log queries are not supported as an instant query type, please change your query to a range query type',
    ],
    [
      400,
      'error_400_empty_compatible_matcher.txt',
      'query rejected (http 400): parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    ],
    [401, 'error_401_no_org_id.txt', 'auth: no org id (http 401)'],
    [429, 'error_429_too_many_outstanding_requests.txt', 'rate limited: too many outstanding requests'],
    [
      504,
      'error_504_timeout.txt',
      'timeout: request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed',
    ],
    [499, 'error_499_canceled.txt', 'http 499: the request was cancelled by the client'],
  ];
  for (const [status, file, expected] of cases) {
    serve(status, file);
    const r = await loki.instant('x', 0);
    assert.ok(!r.ok, file);
    assert.equal(describeFailure(r.failure), expected, file);
  }
});

test('ready, and not ready while the ingester warms up', async () => {
  serve(200, 'ready_200.txt');
  const ok = await loki.health();
  assert.ok(ok.ok && ok.value.detail === 'ready');
  serve(503, 'ready_503_ingester.txt');
  const nr = await loki.health();
  assert.ok(!nr.ok);
  assert.equal(describeFailure(nr.failure), 'http 503: Ingester not ready: waiting for 15s after being ready');
});
