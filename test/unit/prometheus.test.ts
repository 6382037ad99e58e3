import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { deadUrl, fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { sourceDef } from '../helpers/source-def.js';

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const prom = new PrometheusSource(
  sourceDef('prometheus', server.url, { auth: { kind: 'bearer', token: 'prom-token-xyz' }, headers: { 'X-Scope-OrgID': 'team-a' } }),
);
after(() => prom.close());

const serve = (status: number, file: string, headers?: Record<string, string>) => {
  next = { status, body: fixture(`prometheus/${file}`), headers };
};

test('instant vector: POST form-encoded with time, labels and values parsed', async () => {
  serve(200, 'query_vector.json');
  const r = await prom.instant('up', 1435781451781);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [
    { labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' }, points: [{ t: 1435781451781, v: 1 }] },
    { labels: { __name__: 'up', job: 'node', instance: 'localhost:9100' }, points: [{ t: 1435781451781, v: 0 }] },
  ]);
  const req = server.seen.at(-1)!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/api/v1/query');
  assert.equal(req.form.get('query'), 'up');
  assert.equal(req.form.get('time'), '1435781451.781');
  assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(req.headers.authorization, 'Bearer prom-token-xyz');
  assert.equal(req.headers['x-scope-orgid'], 'team-a');
});

test('range matrix: start, end, step in seconds', async () => {
  serve(200, 'query_range_matrix.json');
  const r = await prom.range('up', 1435781430781, 1435781460781, 15000);
  assert.ok(r.ok);
  assert.equal(r.value.length, 2);
  assert.deepEqual(
    r.value[1].points.map((p) => p.v),
    [0, 0, 1],
  );
  assert.equal(r.value[0].points[2].t, 1435781460781);
  const req = server.seen.at(-1)!;
  assert.equal(req.path, '/api/v1/query_range');
  assert.deepEqual([req.form.get('start'), req.form.get('end'), req.form.get('step')], ['1435781430.781', '1435781460.781', '15.000']);
});

test('scalars and the codec special values NaN, +Inf, -Inf', async () => {
  serve(200, 'query_scalar.json');
  const s = await prom.instant('scalar(42)', 0);
  assert.ok(s.ok);
  assert.deepEqual(s.value, [{ labels: {}, points: [{ t: 1767436620000, v: 42 }] }]);
  const lines = fixture('prometheus/query_scalar_special_values_codec_test.txt').trim().split('\n');
  const values: number[] = [];
  for (const line of lines.slice(0, 6)) {
    // The codec test lines are bare scalar payloads; wrap them the way /api/v1/query does.
    const data = JSON.parse(line).data;
    next = { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: data } }) };
    const r = await prom.instant('x', 0);
    assert.ok(r.ok);
    values.push(r.value[0].points[0].v);
  }
  assert.ok(Number.isNaN(values[0]));
  assert.deepEqual(values.slice(1), [Infinity, -Infinity, 20, 20, 1.2345678e-67]);
  for (const line of lines.slice(6)) {
    next = { status: 200, body: line };
    const r = await prom.instant('x', 0);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((x) => x.points[0].v),
      [1, 2],
    );
  }
});

test('warnings and infos are kept beside the result', async () => {
  serve(200, 'query_vector_with_warnings.json');
  const w = await prom.instant('histogram_quantile(0.99, x)', 0);
  assert.ok(w.ok);
  assert.deepEqual(w.value, []);
  assert.deepEqual(w.warnings, ['PromQL warning: bucket label "le" is missing or has a malformed value of "" (1:26)']);
  serve(200, 'query_vector_with_infos.json');
  const i = await prom.instant('rate(foo[5m])', 0);
  assert.ok(i.ok && i.value[0].points[0].v === 0.5);
  assert.match(i.warnings![0], /^PromQL info: metric might not be a counter/);
  serve(200, 'query_vector_with_stats.json');
  const st = await prom.instant('x', 0);
  assert.ok(st.ok && st.value[0].points[0].v === 1);
});

test('native histograms have no single value: no points, and a warning saying why', async () => {
  serve(200, 'query_vector_native_histogram.json');
  const r = await prom.instant('http_request_duration_seconds', 0);
  assert.ok(r.ok);
  assert.deepEqual(r.value[0].points, []);
  assert.match(r.warnings![0], /histogram_quantile/);
  serve(200, 'query_range_matrix_native_histogram.json');
  const m = await prom.range('http_request_duration_seconds', 0, 1, 1);
  assert.ok(m.ok && m.value[0].points.length === 0);
});

test("every error fixture maps to its failure value, with the server's own message", async () => {
  const cases: Array<[number, string, string]> = [
    [400, 'error_bad_data.json', 'query rejected (http 400): bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis'],
    [
      400,
      'error_bad_data_missing_query.json',
      'query rejected (http 400): bad_data: invalid parameter "query": unknown position: parse error: no expression found in input',
    ],
    [
      400,
      'error_bad_data_step.json',
      'query rejected (http 400): bad_data: invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    ],
    [
      400,
      'error_bad_data_too_many_points.json',
      'query rejected (http 400): bad_data: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    ],
    [
      422,
      'error_execution_422.json',
      'query rejected (http 422): execution: multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    ],
    [503, 'error_timeout_503.json', 'timeout: query timed out in expression evaluation'],
    [503, 'error_timeout_respond_error_test.json', 'timeout: message'],
    [499, 'error_canceled_499.json', 'http 499: canceled: query was canceled in expression evaluation'],
    [500, 'error_unavailable_tsdb_not_ready_500.json', 'http 500: unavailable: TSDB not ready'],
    [500, 'error_openapi_default_tsdb_not_ready.json', 'http 500: internal: TSDB not ready'],
    [503, 'not_ready_503.txt', 'http 503: Service Unavailable'],
  ];
  for (const [status, file, expected] of cases) {
    serve(status, file, file.endsWith('.txt') ? { 'content-type': 'text/plain; charset=utf-8' } : undefined);
    const r = await prom.instant('x', 0);
    assert.equal(r.ok, false, file);
    if (!r.ok) assert.equal(describeFailure(r.failure), expected, file);
  }
});

test('garbage: an HTML gateway page, a 200 that is not JSON, a wrong shape', async () => {
  next = {
    status: 502,
    body: '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
    headers: { 'content-type': 'text/html' },
  };
  const html = await prom.instant('x', 0);
  assert.ok(!html.ok);
  assert.equal(describeFailure(html.failure), 'http 502: HTML page "502 Bad Gateway"');
  next = { status: 200, body: '{"status":"success","data":{"resultType":"vec' };
  const cut = await prom.instant('x', 0);
  assert.ok(!cut.ok);
  assert.equal(cut.failure.kind, 'bad payload');
  next = { status: 200, body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"fast"]}]}}' };
  const shape = await prom.instant('x', 0);
  assert.ok(!shape.ok);
  assert.equal(describeFailure(shape.failure), 'bad payload: data.result[0].value[1]: "fast" is not a sample value');
  next = { status: 200, body: '{"status":"success","data":{"resultType":"histogram","result":[]}}' };
  const kind = await prom.instant('x', 0);
  assert.ok(!kind.ok);
  assert.equal(describeFailure(kind.failure), "bad payload: data.resultType: Invalid discriminator value. Expected 'vector' | 'matrix' | 'scalar' | 'string'");
  next = { status: 401, body: 'Unauthorized\n', headers: { 'content-type': 'text/plain' } };
  const auth = await prom.instant('x', 0);
  assert.ok(!auth.ok);
  assert.equal(describeFailure(auth.failure), 'auth: Unauthorized (http 401)');
  next = { status: 429, body: 'slow down', headers: { 'content-type': 'text/plain', 'retry-after': '7' } };
  const limited = await prom.instant('x', 0);
  assert.ok(!limited.ok);
  assert.equal(limited.failure.retryAfterMs, 7000);
  assert.equal(describeFailure(limited.failure), 'rate limited: slow down (retry in 7s)');
});

test('network failures: reset, hang (timeout), refused', async () => {
  next = { status: 0, body: '', reset: true };
  const reset = await prom.instant('x', 0);
  assert.ok(!reset.ok);
  assert.equal(reset.failure.kind, 'unreachable');
  const slow = new PrometheusSource(sourceDef('prometheus', server.url, { timeoutMs: 300 }));
  next = { status: 0, body: '', hang: true };
  const hang = await slow.instant('x', 0);
  await slow.close();
  assert.ok(!hang.ok);
  assert.equal(describeFailure(hang.failure, 300), 'timeout after 0.3s');
  const dead = new PrometheusSource(sourceDef('prometheus', await deadUrl()));
  const refused = await dead.instant('x', 0);
  await dead.close();
  assert.ok(!refused.ok);
  assert.equal(describeFailure(refused.failure), 'unreachable: connection refused');
});

test('health: ready, then the version from buildinfo; alerts list', async () => {
  const h = server;
  h.reply((req) =>
    req.path === '/-/ready'
      ? { status: 200, body: fixture('prometheus/ready_200.txt'), headers: { 'content-type': 'text/plain' } }
      : req.path === '/api/v1/alerts'
        ? { status: 200, body: fixture('prometheus/alerts_openapi.json') }
        : { status: 200, body: fixture('prometheus/status_buildinfo.json') },
  );
  const r = await prom.health();
  assert.ok(r.ok);
  assert.equal(r.value.version, '3.7.3');
  assert.equal(r.value.detail, 'Prometheus Server is Ready.');
  const a = await prom.alerts();
  assert.ok(a.ok);
  assert.deepEqual(a.value, [
    { name: 'Watchdog', state: 'firing', labels: { alertname: 'Watchdog', severity: 'warning' }, activeAt: '2026-01-02T13:30:00.000Z', value: 1 },
  ]);
  h.reply((req) =>
    req.path === '/-/ready' ? { status: 503, body: fixture('prometheus/not_ready_503.txt'), headers: { 'x-prometheus-stopping': 'false' } } : next,
  );
  const nr = await prom.health();
  assert.ok(!nr.ok);
  assert.equal(describeFailure(nr.failure), 'http 503: Service Unavailable');
  h.reply(() => next);
});
