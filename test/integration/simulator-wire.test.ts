// The simulator must speak the fixtures' shapes: same keys, same nesting, same
// value types, so that what works against it works against the real servers.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Demo, startDemo } from '../../src/demo/run.js';
import { fixture } from '../helpers/paths.js';

let demo: Demo;
before(async () => {
  demo = await startDemo({ speed: 1, startAt: 15 * 60 });
});
after(() => demo.sim.close());

/** Keys and value types, arrays reduced to the shape of their first element; label sets are free-form. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, k === 'metric' || k === 'stream' ? 'labels' : shape((v as Record<string, unknown>)[k])]),
    );
  }
  return v === null ? 'null' : typeof v;
}

async function get(url: string, init?: RequestInit): Promise<{ status: number; body: string; type: string | null }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.text(), type: r.headers.get('content-type') };
}

const form = (q: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(q).toString(),
});

test('prometheus: vector, matrix, errors, ready, buildinfo', async () => {
  const p = demo.sim.urls.prometheus;
  const now = String(demo.clock.now() / 1000);
  const v = await get(`${p}/api/v1/query`, form({ query: 'histogram_quantile(0.95, sum by (le) (rate(task_query_duration_seconds_bucket[1m])))', time: now }));
  assert.deepEqual(shape(JSON.parse(v.body)), shape(JSON.parse(fixture('prometheus/query_vector.json'))));
  const m = await get(
    `${p}/api/v1/query_range`,
    form({
      query: 'sum(rate(docuseal_requests_total{status=~"5.."}[1m])) / sum(rate(docuseal_requests_total[1m]))',
      start: String(Number(now) - 60),
      end: now,
      step: '15',
    }),
  );
  assert.deepEqual(shape(JSON.parse(m.body)), shape(JSON.parse(fixture('prometheus/query_range_matrix.json'))));
  const e = await get(`${p}/api/v1/query_range`, form({ query: 'up', start: '0', end: '100', step: '0' }));
  assert.equal(e.status, 400);
  assert.equal(e.body, fixture('prometheus/error_bad_data_step.json').trim());
  const missing = await get(`${p}/api/v1/query`, form({}));
  assert.equal(missing.body, fixture('prometheus/error_bad_data_missing_query.json').trim());
  assert.equal((await get(`${p}/-/ready`)).body, fixture('prometheus/ready_200.txt'));
  assert.deepEqual(shape(JSON.parse((await get(`${p}/api/v1/status/buildinfo`)).body)), shape(JSON.parse(fixture('prometheus/status_buildinfo.json'))));
});

test('loki: metric vector and matrix with stats, streams, plain-text errors', async () => {
  const l = demo.sim.urls.loki;
  const q = encodeURIComponent('sum(count_over_time({app="practice-hub"} |= "DocuSeal API call failed" [5m]))');
  const ns = `${BigInt(Math.round(demo.clock.now())) * 1_000_000n}`;
  const v = JSON.parse((await get(`${l}/loki/api/v1/query?query=${q}&time=${ns}`)).body);
  const fv = JSON.parse(fixture('loki/query_vector_count_over_time_CONSTRUCTED.json'));
  assert.deepEqual(shape({ ...v, data: { ...v.data, stats: {} } }), shape({ ...fv, data: { ...fv.data, stats: {} } }));
  assert.deepEqual(shape(v.data.stats.summary), shape(fv.data.stats.summary));
  const m = JSON.parse((await get(`${l}/loki/api/v1/query_range?query=${q}&start=${BigInt(ns) - 60_000_000_000n}&end=${ns}&step=15s`)).body);
  assert.deepEqual(shape(m.data.result), shape(JSON.parse(fixture('loki/query_range_matrix_count_over_time_CONSTRUCTED.json')).data.result));
  const s = JSON.parse(
    (
      await get(
        `${l}/loki/api/v1/query_range?query=${encodeURIComponent('{app="practice-hub"}')}&start=${BigInt(ns) - 60_000_000_000n}&end=${ns}&limit=5&direction=backward`,
      )
    ).body,
  );
  assert.deepEqual(shape(s.data.result), shape(JSON.parse(fixture('loki/query_range_streams_captured_loki_3.5.0.json')).data.result));
  assert.match(s.data.result[0].values[0][0], /^\d{19}$/, 'nanosecond timestamps as strings');
  assert.equal(s.data.resultType, 'streams');
  const bad = await get(`${l}/loki/api/v1/query?query=${encodeURIComponent('{app="x"}')}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body, fixture('loki/error_400_instant_log_query.txt'));
  assert.equal((await get(`${l}/ready`)).body, fixture('loki/ready_200.txt'));
});

test('sentry: events-stats, issues, and the 401 bodies', async () => {
  const s = demo.sim.urls.sentry;
  const auth = { headers: { authorization: `Bearer ${demo.sim.token}` } };
  const end = new Date(demo.clock.now()).toISOString();
  const start = new Date(demo.clock.now() - 600_000).toISOString();
  const st = JSON.parse(
    (await get(`${s}/api/0/organizations/acme/events-stats/?yAxis=count()&interval=60s&start=${start}&end=${end}&query=event.type:error`, auth)).body,
  );
  assert.deepEqual(shape(st), shape(JSON.parse(fixture('sentry/events_stats_CONSTRUCTED.json'))));
  const issues = JSON.parse((await get(`${s}/api/0/organizations/acme/issues/?query=is:unresolved&start=${start}&end=${end}&limit=5`, auth)).body);
  const real = shape(JSON.parse(fixture('sentry/project_issues_list.json'))) as [Record<string, unknown>];
  const ours = shape(issues) as [Record<string, unknown>];
  for (const key of ['id', 'shortId', 'title', 'count', 'lastSeen', 'firstSeen', 'level', 'culprit', 'permalink', 'status', 'metadata']) {
    assert.deepEqual(ours[0][key], real[0][key], key);
  }
  assert.ok(
    issues.some((i: { title: string }) => /DocuSeal API call failed/.test(i.title)),
    'the incident shows up in Sentry',
  );
  const bad = await get(`${s}/api/0/organizations/acme/issues/`, { headers: { authorization: 'Bearer wrong' } });
  assert.equal(bad.status, 401);
  assert.equal(bad.body, fixture('sentry/error_401_invalid_token.json').trim());
  const none = await get(`${s}/api/0/organizations/acme/issues/`);
  assert.equal(none.body, fixture('sentry/error_401_no_credentials.json').trim());
});
