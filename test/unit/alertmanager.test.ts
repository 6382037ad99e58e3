import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { AlertmanagerSource } from '../../src/sources/alertmanager/client.js';
import { formatMatcher, matches, parseMatcher, parseMatchers } from '../../src/sources/alertmanager/dialect.js';
import type { AlertmanagerOptions } from '../../src/sources/alertmanager/kind.js';
import { describeFailure, type NewSilence } from '../../src/sources/types.js';
import { registerSecrets } from '../../src/text/redact.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { capture } from '../helpers/http-capture.js';
import { sourceDef } from '../helpers/source-def.js';

let next: Reply = { status: 200, body: '' };
const server = await fixtureServer(() => next);
after(() => server.close());
const options: AlertmanagerOptions = { filter: ['alertname=~"DocuSeal.*"'], active: true, silenced: false, inhibited: false, group_by: ['alertname'] };
const am = new AlertmanagerSource(
  sourceDef<AlertmanagerOptions>('alertmanager', server.url, { options, auth: { kind: 'bearer', token: 'am-token-5150' }, headers: { 'x-team': 'web' } }),
);
after(() => am.close());
const serve = (file: string) => {
  next = capture(`alertmanager/${file}`);
};
// Times in the captures (2026-11-29, the machine's clock when they were recorded).
const at = (iso: string) => Date.parse(iso);

test('alerts: filter and states as query parameters, bearer and extra headers, every field read', async () => {
  serve('alerts-filtered.http');
  const r = await am.routedAlerts();
  assert.ok(r.ok, JSON.stringify(r));
  const req = server.seen.at(-1)!;
  assert.equal(req.method, 'GET');
  assert.equal(req.path, '/api/v2/alerts');
  assert.deepEqual(req.query.getAll('filter'), ['alertname=~"DocuSeal.*"']);
  assert.equal(req.query.get('active'), 'true');
  assert.equal(req.query.get('silenced'), 'false');
  assert.equal(req.query.get('inhibited'), 'false');
  assert.equal(req.headers.authorization, 'Bearer am-token-5150');
  assert.equal(req.headers['x-team'], 'web');
  assert.deepEqual(r.value, [
    {
      fingerprint: '6ce5aae6f6bc822c',
      labels: { alertname: 'DocuSealErrorSpike', service: 'docuseal', severity: 'critical', team: 'web' },
      annotations: {
        description: '5xx ratio is 7.2% over 5m',
        runbook_url: 'https://runbooks.example.com/docuseal/5xx',
        summary: 'DocuSeal 5xx above 5%',
      },
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      startsAt: at('2026-11-29T22:36:06.000Z'),
      endsAt: at('2026-11-29T22:41:06.321Z'),
      updatedAt: at('2026-11-29T22:36:06.321Z'),
      receivers: ['team-web'],
      // The capture escapes & as \u0026, as Go's encoder does.
      generatorURL: 'http://prometheus.example:9090/graph?g0.expr=rate%28http_requests_total%5B5m%5D%29&g0.tab=1',
    },
  ]);
});

test('alerts: suppressed ones carry the silence and the inhibiting alert behind them', async () => {
  serve('alerts.http');
  const r = await am.routedAlerts();
  assert.ok(r.ok);
  const byName = Object.fromEntries(r.value.map((a) => [a.labels.alertname, a]));
  assert.deepEqual(
    r.value.map((a) => [a.labels.alertname, a.state]),
    [
      ['DocuSealLatencyHigh', 'suppressed'],
      ['DocuSealErrorSpike', 'active'],
      ['PostgresReplicationLag', 'suppressed'],
    ],
  );
  // Inhibited by the critical spike on the same service (the inhibit rule of the recording's config).
  assert.deepEqual(byName.DocuSealLatencyHigh.inhibitedBy, ['6ce5aae6f6bc822c']);
  assert.deepEqual(byName.PostgresReplicationLag.silencedBy, ['335ce4c5-f277-45eb-885b-4592eccf18f9']);
  assert.deepEqual(byName.PostgresReplicationLag.receivers, ['team-db']);
  assert.equal(byName.PostgresReplicationLag.generatorURL, undefined);
  serve('alerts-empty.http');
  assert.deepEqual(await am.routedAlerts(), { ok: true, value: [] });
});

test('alerts: a filter Alertmanager rejects is a query failure in its words', async () => {
  serve('alerts-bad-filter.http');
  const r = await am.routedAlerts();
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'query rejected (http 400): error parsing regexp: missing closing ): `^(?:(unclosed)$`');
  serve('alerts-bad-filter2.http');
  const r2 = await am.routedAlerts();
  assert.ok(!r2.ok);
  assert.equal(r2.failure.message, 'bad matcher format: not a matcher');
  serve('notfound.http');
  const r3 = await am.routedAlerts();
  assert.ok(!r3.ok);
  assert.equal(describeFailure(r3.failure), 'http 404: path /api/v2/nope was not found');
});

test('silences: every state, matchers with their operators', async () => {
  serve('silences-all-states.http');
  const r = await am.silences();
  assert.ok(r.ok);
  assert.equal(server.seen.at(-1)!.path, '/api/v2/silences');
  assert.deepEqual(
    r.value.map((s) => [s.id, s.state, s.createdBy, s.comment]),
    [
      ['335ce4c5-f277-45eb-885b-4592eccf18f9', 'active', 'alice', 'replica rebuild in progress'],
      ['2a8e25ba-d56d-41a9-8229-07a1d473e778', 'pending', 'carol', 'maintenance window'],
      ['d9a08701-ef4c-42be-91b5-0e96866b586b', 'expired', 'bob', 'deploying fix'],
    ],
  );
  assert.deepEqual(r.value[1].matchers, [
    { name: 'service', value: 'docuseal', isRegex: false, isEqual: true },
    { name: 'severity', value: 'critical', isRegex: false, isEqual: false },
  ]);
  assert.equal(r.value[0].endsAt, at('2026-11-30T00:36:07.340Z'));
  assert.equal(r.value[1].startsAt, at('2026-11-29T23:36:26.000Z'));
});

test('create a silence: the JSON body Alertmanager takes, its id back', async () => {
  serve('silence-create.http');
  const r = await am.createSilence({
    matchers: [{ name: 'alertname', value: 'DocuSealLatencyHigh', isRegex: false, isEqual: true }],
    startsAt: at('2026-11-29T22:36:20.000Z'),
    endsAt: at('2026-11-29T23:36:20.000Z'),
    createdBy: 'bob',
    comment: 'deploying fix',
  });
  assert.deepEqual(r, { ok: true, value: 'd9a08701-ef4c-42be-91b5-0e96866b586b' });
  const req = server.seen.at(-1)!;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/api/v2/silences');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(req.body ?? ''), {
    matchers: [{ name: 'alertname', value: 'DocuSealLatencyHigh', isRegex: false, isEqual: true }],
    startsAt: '2026-11-29T22:36:20.000Z',
    endsAt: '2026-11-29T23:36:20.000Z',
    createdBy: 'bob',
    comment: 'deploying fix',
  });
});

test('create a silence: Alertmanager refusals in its own words; no comment never leaves', async () => {
  const s = { matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }], startsAt: 0, endsAt: 1000, createdBy: 'bob', comment: 'x' };
  const cases: Array<[string, string]> = [
    ['silence-create-ends-before-starts.http', 'query rejected (http 400): Failed to create silence: start time must be before end time'],
    [
      'silence-create-bad-regex.http',
      'query rejected (http 400): silence invalid: invalid label matcher 0: invalid regular expression "(bad": error parsing regexp: missing closing ): `(bad`',
    ],
    ['silence-create-no-comment.http', 'query rejected (http 422): comment in body is required'],
    ['silence-create-no-matchers.http', 'query rejected (http 422): matchers in body should have at least 1 items'],
    [
      'silence-create-not-json.http',
      `query rejected (http 400): parsing silence body from "" failed, because invalid character 'o' in literal null (expecting 'u')`,
    ],
  ];
  for (const [file, want] of cases) {
    serve(file);
    const r = await am.createSilence(s);
    assert.ok(!r.ok, file);
    assert.equal(describeFailure(r.failure), want, file);
  }
  const sent = server.seen.length;
  const refusals: Array<[NewSilence, string]> = [
    [{ ...s, comment: '  ' }, 'a silence needs a comment'],
    [{ ...s, createdBy: '' }, 'a silence needs an author'],
    [{ ...s, matchers: [] }, 'a silence needs at least one matcher'],
    [{ ...s, endsAt: 0 }, 'a silence must end after it starts'],
  ];
  for (const [bad, why] of refusals) {
    const r = await am.createSilence(bad);
    assert.ok(!r.ok);
    assert.equal(r.failure.message, why);
  }
  assert.equal(server.seen.length, sent);
});

test('expire a silence: DELETE by id; an unknown one in its words; a non-id never reaches a path', async () => {
  serve('silence-expire.http');
  assert.deepEqual(await am.expireSilence('D9A08701-EF4C-42BE-91B5-0E96866B586B'), { ok: true, value: undefined });
  const req = server.seen.at(-1)!;
  assert.equal(req.method, 'DELETE');
  assert.equal(req.path, '/api/v2/silence/d9a08701-ef4c-42be-91b5-0e96866b586b');
  serve('silence-expire-unknown.http');
  const r = await am.expireSilence('00000000-0000-0000-0000-000000000000');
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'http 500: silence not found');
  serve('silence-expire-bad-id.http');
  const sent = server.seen.length;
  const bad = await am.expireSilence('../../status');
  assert.ok(!bad.ok);
  assert.equal(bad.failure.message, '"../../status" is not a silence id (a UUID)');
  assert.equal(server.seen.length, sent);
});

test('status and health: version, cluster, uptime', async () => {
  serve('status.http');
  assert.deepEqual(await am.status(), { ok: true, value: { version: '0.25.0', cluster: 'disabled', peers: 0, uptime: at('2026-11-29T22:36:00.099Z') } });
  assert.deepEqual(await am.health(), {
    ok: true,
    value: { ready: true, version: '0.25.0', auth: 'ok', detail: 'cluster disabled, up since 2026-11-29T22:36:00.099Z' },
  });
  assert.equal(server.seen.at(-1)!.path, '/api/v2/status');
});

test('hostile alerts: escapes made visible, secrets scrubbed, impossible times refused', async () => {
  registerSecrets(['am-token-5150']);
  const body = JSON.parse(capture('alertmanager/alerts-filtered.http').body);
  body[0].annotations.summary = '\u001b]8;;http://evil\u0007click\u001b]8;;\u0007 token am-token-5150';
  next = { status: 200, body: JSON.stringify(body) };
  const r = await am.routedAlerts();
  assert.ok(r.ok);
  assert.ok(!r.value[0].annotations.summary.includes('\u001b'));
  assert.ok(!r.value[0].annotations.summary.includes('am-token-5150'));
  body[0].startsAt = '1';
  next = { status: 200, body: JSON.stringify(body) };
  const bad = await am.routedAlerts();
  assert.ok(!bad.ok);
  assert.equal(bad.failure.message, '[0].startsAt: "1" is not a time');
});

test('matchers: amtool syntax read, written back quoted, and matched as Alertmanager does', () => {
  assert.deepEqual(parseMatcher('alertname=~"Foo.*"'), { ok: true, value: { name: 'alertname', op: '=~', value: 'Foo.*' } });
  assert.deepEqual(parseMatcher('severity!=critical'), { ok: true, value: { name: 'severity', op: '!=', value: 'critical' } });
  assert.deepEqual(parseMatcher(' team = "a \\"b\\" c" '), { ok: true, value: { name: 'team', op: '=', value: 'a "b" c' } });
  assert.equal(formatMatcher({ name: 'team', op: '=', value: 'a "b" \\' }), 'team="a \\"b\\" \\\\"');
  const re = parseMatcher('service!~"pg|postgres"');
  assert.ok(re.ok);
  assert.equal(matches(re.value, { service: 'pg' }), false);
  assert.equal(matches(re.value, { service: 'pgbouncer' }), true);
  assert.equal(matches({ name: 'x', op: '=', value: '' }, {}), true);
  assert.deepEqual(parseMatcher('1abc=x'), { ok: false, reason: '"1abc" is not a label name (letters, digits and _, not starting with a digit)' });
  assert.deepEqual(parseMatcher('a=~"(x"'), { ok: false, reason: '"(x" is not a regular expression: /^(?:(x)$/su: Unterminated group' });
  assert.deepEqual(parseMatchers(['a=b', 'nonsense']), {
    ok: false,
    reason: 'matcher 2: "nonsense" is not a matcher (name=value, name!=value, name=~regex or name!~regex)',
  });
  assert.equal(parseMatcher('a="unterminated').ok, false);
});

const yaml = (am: string) => `
version: 1
service: web
sources:
  prom: { type: prometheus, url: http://127.0.0.1:9090 }
  alertmanager:
    url: http://127.0.0.1:9093
${am}
severities:
  page: { title: Page, respond: 5m }
slos:
  - id: avail
    name: Availability
    source: prom
    query: 'up'
    objective: '>= 99%'
`;

test('config: keyed alertmanager needs no type; defaults filled; a bad matcher names its path', () => {
  const ok = parseConfig(yaml(''), {});
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.deepEqual(ok.config.sources.alertmanager.options, { filter: [], active: true, silenced: true, inhibited: true, group_by: ['alertname', 'severity'] });
  const one = parseConfig(yaml('    filter: \'alertname=~"DocuSeal.*"\''), {});
  assert.ok(one.ok);
  assert.deepEqual(one.config.sources.alertmanager.options.filter, ['alertname=~"DocuSeal.*"']);
  const bad = parseConfig(yaml('    filter: [\'team="web"\', \'alertname=~"(oops"\']'), {});
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.errors.map((e) => `${e.path}: ${e.message}`),
    ['sources.alertmanager.filter[1]: "alertname=~\\"(oops\\"": "(oops" is not a regular expression: /^(?:(oops)$/su: Unterminated group'],
  );
  const slo = parseConfig(yaml('').replace('source: prom', 'source: alertmanager'), {});
  assert.ok(!slo.ok);
  assert.deepEqual(
    slo.errors.map((e) => `${e.path}: ${e.message}`),
    ['slos[0].source: "alertmanager" is an alertmanager source; this needs prometheus or loki or sentry'],
  );
});
