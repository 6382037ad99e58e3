// Each adapter puts backend text through the gate as it decodes it: an OSC 8
// link (and any other escape) in a label, a log line, an issue title or an
// error message comes out with its ESC shown as ␛, never raw.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCommand } from '../../src/incident/exec.js';
import { bodySnippet } from '../../src/sources/http.js';
import { LokiSource } from '../../src/sources/loki/client.js';
import { PrometheusSource } from '../../src/sources/prometheus/client.js';
import { SentrySource } from '../../src/sources/sentry/client.js';
import { describeFailure } from '../../src/sources/types.js';
import { registerSecrets } from '../../src/text/redact.js';
import { foreignEscapes, unsafeIn } from '../helpers/escape-payloads.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';
import { sourceDef } from '../helpers/source-def.js';

const LINK = '\x1b]8;;https://evil.example\x1b\\https://grafana.example\x1b]8;;\x1b\\';
const SHOWN = '␛]8;;https://evil.example␛\\https://grafana.example␛]8;;␛\\';

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const json = (status: number, body: unknown) => {
  next = { status, body: JSON.stringify(body) };
};
const prom = new PrometheusSource(sourceDef('prometheus', server.url));
const loki = new LokiSource(sourceDef('loki', server.url));
const sentry = new SentrySource(sourceDef('sentry', server.url, { options: { org: 'acme' } }));
after(() => Promise.all([prom.close(), loki.close(), sentry.close()]));

test('Prometheus: label names and values, warnings and infos', async () => {
  json(200, {
    status: 'success',
    data: { resultType: 'vector', result: [{ metric: { job: LINK, [`k${LINK}`]: 'v\r' }, value: [1435781451.781, '1'] }] },
    warnings: [LINK],
    infos: ['i\x9b2J'],
  });
  const r = await prom.instant('up', 0);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [{ labels: { job: SHOWN, [`k${SHOWN}`]: 'v␍' }, points: [{ t: 1435781451781, v: 1 }] }]);
  assert.deepEqual(r.warnings, [SHOWN, 'i\\x9b2J']);
});

test("Prometheus: a bad payload names the field by the backend's own key, made visible", async () => {
  json(200, { status: 'success', data: { resultType: 'vector', result: [{ metric: { '\x1b[2J': 5 }, value: [1, '1\u202E'] }] } });
  const r = await prom.instant('up', 0);
  assert.ok(!r.ok);
  // The message itself, not only its description: a failure is gated where it is made.
  assert.deepEqual(r.failure, { kind: 'bad payload', message: 'data.result[0].metric.␛[2J: Invalid input: expected string, received number' });
});

test('Prometheus: an error, the alerts list, the ready body and the version', async () => {
  json(400, { status: 'error', errorType: 'bad_data', error: `parse error ${LINK}` });
  const e = await prom.instant('up', 0);
  assert.ok(!e.ok);
  assert.equal(describeFailure(e.failure), `query rejected (http 400): bad_data: parse error ${SHOWN}`);

  const alerts = JSON.parse(fixture('prometheus/alerts.json'));
  Object.assign(alerts.data.alerts[0], { labels: { alertname: `my-alert${LINK}` }, annotations: { summary: LINK }, activeAt: `2018\u202E` });
  json(200, alerts);
  const a = await prom.alerts();
  assert.ok(a.ok);
  assert.deepEqual(a.value, [{ name: `my-alert${SHOWN}`, state: 'firing', labels: { alertname: `my-alert${SHOWN}` }, activeAt: '2018<U+202E>', value: 1 }]);

  const info = JSON.parse(fixture('prometheus/status_buildinfo.json'));
  info.data.version = `3.7.3${LINK}`;
  server.reply((req) => (req.path === '/-/ready' ? { status: 200, body: `Ready.\x07${LINK}\n` } : { status: 200, body: JSON.stringify(info) }));
  const h = await prom.health();
  server.reply(() => next);
  assert.ok(h.ok);
  assert.deepEqual([h.value.version, h.value.detail], [`3.7.3${SHOWN}`, `Ready.␇${SHOWN}`]);
});

test('Loki: log lines, stream labels, warnings and its plain-text errors', async () => {
  json(200, {
    status: 'success',
    warnings: [`w${LINK}`],
    data: { resultType: 'streams', result: [{ stream: { app: LINK }, values: [['1789709401630396935', `line\r${LINK}`]] }] },
  });
  const r = await loki.logs('{app="x"}', 0, 1, 10);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [{ ns: '1789709401630396935', t: 1789709401630, line: `line␍${SHOWN}`, labels: { app: SHOWN } }]);
  assert.deepEqual(r.warnings, [`w${SHOWN}`]);

  next = { status: 400, body: `parse error at line 1, col 11: ${LINK}\u200B`, headers: { 'content-type': 'text/plain; charset=utf-8' } };
  const e = await loki.instant('sum(x)', 0);
  assert.ok(!e.ok);
  assert.equal(describeFailure(e.failure), `query rejected (http 400): parse error at line 1, col 11: ${SHOWN}<U+200B>`);
});

test('Loki: a timestamp that is not digits is a bad payload, not a crash in BigInt', async () => {
  json(200, { status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [['\x1b[2J', 'x']] }] } });
  const r = await loki.logs('{app="x"}', 0, 1, 10);
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'bad payload: data.result[0].values[0][0]: not a nanosecond timestamp');
});

test('Sentry: issue id, shortId, title, level, lastSeen and permalink; a detail message', async () => {
  const issues = JSON.parse(fixture('sentry/org_issues_list.json'));
  Object.assign(issues[0], { id: '1\x00', shortId: `PUMP-1\x1b[8m`, title: LINK, level: 'error\x07', permalink: LINK });
  json(200, issues.slice(0, 1));
  const r = await sentry.topIssues(0);
  assert.ok(r.ok);
  assert.deepEqual(r.value, [
    { id: '1␀', shortId: 'PUMP-1␛[8m', title: SHOWN, count: 150, lastSeen: '2018-12-06T21:19:55Z', level: 'error␇', permalink: SHOWN },
  ]);
  // A lastSeen with a control in it is no time; the complaint shows it made visible.
  json(200, [{ ...issues[0], lastSeen: '2018-12-06T21:19:55Z\b' }]);
  const when = await sentry.topIssues(0);
  assert.ok(!when.ok);
  assert.equal(describeFailure(when.failure), 'bad payload: [0].lastSeen: "2018-12-06T21:19:55Z␈" is not a time');

  json(400, { detail: `Error parsing search query: ${LINK}` });
  const e = await sentry.range('is:x', 0, 60_000, 60_000);
  assert.ok(!e.ok);
  assert.equal(describeFailure(e.failure), `query rejected (http 400): Error parsing search query: ${SHOWN}`);
  json(401, { detail: { code: 'x', message: `Invalid token${LINK}` } });
  const a = await sentry.range('x', 0, 60_000, 60_000);
  assert.ok(!a.ok);
  assert.equal(describeFailure(a.failure), `auth: Invalid token${SHOWN} (http 401)`);
});

test('bodySnippet: scrubbed before it is cut, so no part of a secret survives the cut', () => {
  const secret = 'pw-0123456789abcdef';
  registerSecrets([secret]);
  // The secret straddles the 20-character cut: cut first, its first 11 characters would show.
  assert.equal(bodySnippet(`bad request: ${secret} more`, 20), 'bad request: *** mor… (1 more characters)');
  assert.equal(bodySnippet(`<html><title>502 \x1b[8mBad\x1b[0m Gateway</title></html>`), 'HTML page "502 ␛[8mBad␛[0m Gateway"');
});

test("a command's output keeps its lines and shows its controls", async () => {
  // CRLF is a line break; a tab reaches the next 8-column stop as shown: "a<U+202E>b" is 10 wide, so 6 spaces.
  const r = await runCommand(`printf 'ok\\r\\na\\342\\200\\256b\\tend\\n\\033]8;;https://evil.example\\033\\\\link\\007\\n'`, { PATH: process.env.PATH });
  assert.equal(r.exit, 0);
  assert.equal(r.output, 'ok\na<U+202E>b      end\n␛]8;;https://evil.example␛\\link␇\n');
});

test('the screen check allows SGR colours, and catches conceal, links and any other escape', () => {
  assert.deepEqual(foreignEscapes('\x1b[1mok\x1b[0m \x1b[38;5;8mgrey\x1b[39m \x1b[48;2;8;8;8mbg\x1b[49m'), []);
  assert.deepEqual(foreignEscapes('\x1b[1;8mhidden'), ['"\\u001b[1;8m"']);
  assert.deepEqual(foreignEscapes('a\x1b]8;;u\x1b\\b'), ['U+001B in "a\\u001b]8;;u\\u001b\\\\b"', 'U+001B in "a\\u001b]8;;u\\u001b\\\\b"']);
  assert.deepEqual(unsafeIn('ok\u202Eko'), ['U+202E in "ok\u202Eko"']);
});
