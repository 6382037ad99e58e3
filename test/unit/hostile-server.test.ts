// The hostile backend speaks each backend's wire format, so tests of the
// adapters and screens can rely on what it sends.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request } from 'undici';
import { ESCAPES, hostileServer } from '../helpers/hostile-server.js';

const now = Date.now();

const get = async (url: string, headers: Record<string, string> = {}) => {
  const r = await request(url, { headers });
  return { status: r.statusCode, text: await r.body.text() };
};
const json = async (url: string) => JSON.parse((await get(url)).text);

test('escapes: in Prometheus labels, Loki log lines, Sentry titles, and each error shape', async () => {
  const h = await hostileServer('escapes');
  try {
    const prom = await json(`${h.url}/api/v1/query?query=up&time=${now / 1000}`);
    assert.equal(prom.data.result[0].metric.job, ESCAPES);
    const loki = await json(`${h.url}/loki/api/v1/query_range?query=${encodeURIComponent('{app="x"}')}`);
    assert.equal(loki.data.resultType, 'streams');
    assert.ok(loki.data.result[0].values[0][1].includes(ESCAPES));
    const sentry = await json(`${h.url}/api/0/organizations/acme/issues/`);
    assert.equal(sentry[0].title, ESCAPES);
  } finally {
    await h.close();
  }
  const e = await hostileServer('escapes', { status: 400 });
  try {
    assert.deepEqual(await json(`${e.url}/api/v1/query?query=up`), { status: 'error', errorType: 'bad_data', error: `query failed: ${ESCAPES}` });
    assert.deepEqual(await get(`${e.url}/loki/api/v1/query?query=x`), { status: 400, text: `query failed: ${ESCAPES}` });
    assert.deepEqual(await json(`${e.url}/api/0/organizations/acme/issues/`), { detail: `query failed: ${ESCAPES}` });
  } finally {
    await e.close();
  }
});

test('echo-secrets: the error quotes the Authorization header and the query', async () => {
  const h = await hostileServer('echo-secrets');
  try {
    const r = await get(`${h.url}/api/v1/query?query=up`, { authorization: 'Bearer s3cr3t' });
    assert.equal(r.status, 401);
    assert.deepEqual(JSON.parse(r.text), {
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid credentials: Authorization: Bearer s3cr3t; query: query=up',
    });
  } finally {
    await h.close();
  }
});

test('odd-values: -Inf, NaN, a negative value and samples of 1970 and 2126, as Prometheus writes them', async () => {
  const h = await hostileServer('odd-values');
  const one = await hostileServer('odd-values', { odd: 'nan' });
  try {
    const r = await json(`${h.url}/api/v1/query?query=up&time=1700000000`);
    assert.deepEqual(
      r.data.result.map((s: { metric: { odd: string }; value: unknown }) => [s.metric.odd, s.value]),
      [
        ['neg-inf', [1700000000, '-Inf']],
        ['negative', [1700000000, '-0.25']],
        ['nan', [1700000000, 'NaN']],
        ['1970', [0, '1']],
        ['2126', [4922899200, '1']],
      ],
    );
    assert.equal((await json(`${one.url}/api/v1/query?query=up`)).data.result.length, 1);
  } finally {
    await h.close();
    await one.close();
  }
});

test("big-valid: the attacker's answers, valid, just under 16 MB, every sample inside what was asked", async () => {
  const h = await hostileServer('big-valid');
  try {
    const range = await get(`${h.url}/api/v1/query_range?query=up&start=1700000000&end=1700003600&step=60`);
    assert.ok(range.text.length > 14.5e6 && range.text.length < 15.5e6, String(range.text.length));
    const m = JSON.parse(range.text);
    assert.equal(m.data.result.length, 3500);
    const times = m.data.result[7].values.map((v: [number, string]) => v[0]);
    assert.deepEqual([times.length, times[0], times[149]], [150, 1700000000, 1700003600]);
    const instant = await get(`${h.url}/loki/api/v1/query?query=${encodeURIComponent('sum(rate({app="x"}[5m]))')}&time=1700000000000000000`);
    assert.ok(instant.text.length > 14.1e6 && instant.text.length < 15.1e6, String(instant.text.length));
    const v = JSON.parse(instant.text);
    assert.deepEqual([v.data.result.length, v.data.result[9998].value], [9999, [1700000000, '0.998']]);
    // Health, logs and Sentry are answered healthily.
    assert.equal((await get(`${h.url}/-/ready`)).status, 200);
    assert.equal((await json(`${h.url}/api/0/organizations/acme/issues/`)).length, 1);
  } finally {
    await h.close();
  }
});
