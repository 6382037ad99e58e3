// The demo's Alertmanager: its answers in the exact shapes a real
// Alertmanager 0.25 gave (test/fixtures/alertmanager, same keys in the same
// order, same types, same time format), read by the real client; its alert
// following the story; silences suppressing it until expired.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Config } from '../../src/config/types.js';
import { DOCUSEAL_ALERT, fingerprint } from '../../src/demo/alertmanager.js';
import type { Demo } from '../../src/demo/run.js';
import type { AlertmanagerSource } from '../../src/sources/alertmanager/client.js';
import { alertsBody, silencesBody, statusBody } from '../../src/sources/alertmanager/decode.js';
import { type AnySource, closeSources, createSources } from '../../src/sources/index.js';
import { DEPLOY, MIN, stoppedDemo } from '../helpers/demo.js';
import { capture } from '../helpers/http-capture.js';

let demo: Demo;
let config: Config;
let sources: Map<string, AnySource>;
let am: AlertmanagerSource;
let base: string;

before(async () => {
  ({ demo, config } = await stoppedDemo());
  sources = createSources(config);
  am = sources.get('alertmanager') as unknown as AlertmanagerSource;
  base = demo.sim.urls.alertmanager;
});
after(async () => {
  await closeSources(sources);
  await demo.sim.close();
});

const atMinute = (m: number) => demo.clock.set(DEPLOY + m * MIN);

/** Keys in their order with the types of their values; arrays as their first element, id lists (maybe empty) as such; label maps free-form. */
function shape(v: unknown): unknown {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return 'strings';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') {
    return Object.entries(v).map(([k, x]) => [k, k === 'labels' || k === 'annotations' ? 'map' : shape(x)]);
  }
  if (typeof v === 'string' && /^\d{4}-/.test(v)) return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v) ? 'time' : 'string';
  return v === null ? 'null' : typeof v;
}

async function ask(path: string, init?: RequestInit) {
  const r = await fetch(`${base}${path}`, init);
  return { status: r.status, body: await r.text(), type: r.headers.get('content-type') };
}

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The simulator's answer against a recorded one: status, content-type, and the body's shape (or the body itself). */
function sameAs(got: { status: number; body: string; type: string | null }, file: string, exact = false) {
  const want = capture(`alertmanager/${file}`);
  assert.equal(got.status, want.status, file);
  assert.equal(got.type ?? '', want.headers?.['content-type'], file);
  if (exact) assert.equal(got.body, want.body, file);
  else {
    assert.deepEqual(shape(JSON.parse(got.body)), shape(JSON.parse(want.body)), file);
    assert.equal(got.body.endsWith('\n'), want.body.endsWith('\n'), `${file}: the encoder's newline`);
  }
}

const silence = (minutes: number) => ({
  matchers: [{ name: 'alertname', value: 'docuseal-errors', isRegex: false, isEqual: true }],
  startsAt: new Date(demo.clock.now()).toISOString(),
  endsAt: new Date(demo.clock.now() + minutes * MIN).toISOString(),
  createdBy: 'bob',
  comment: 'deploying fix',
});

test('fingerprints are computed as Alertmanager computes them (the recorded ones)', () => {
  const recorded = alertsBody.parse(JSON.parse(capture('alertmanager/alerts.http').body));
  for (const a of recorded) assert.equal(fingerprint(a.labels), a.fingerprint);
});

test('every answer has the recorded shape and decodes with the real client', async () => {
  atMinute(15);
  const alerts = await ask('/api/v2/alerts');
  sameAs(alerts, 'alerts.http');
  assert.equal(alertsBody.safeParse(JSON.parse(alerts.body)).success, true);
  sameAs(await ask('/api/v2/alerts?filter=alertname="Nothing"'), 'alerts-empty.http', true);
  sameAs(await ask('/api/v2/alerts?filter=not%20a%20matcher'), 'alerts-bad-filter2.http', true);
  assert.equal((await ask('/api/v2/alerts?filter=alertname%3D~"(unclosed"')).status, 400);

  const created = await ask('/api/v2/silences', post(silence(120)));
  sameAs(created, 'silence-create.http');
  const id = JSON.parse(created.body).silenceID as string;
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const listed = await ask('/api/v2/silences');
  sameAs(listed, 'silences.http');
  assert.equal(silencesBody.safeParse(JSON.parse(listed.body)).success, true);

  const status = await ask('/api/v2/status');
  sameAs(status, 'status.http');
  assert.equal(statusBody.safeParse(JSON.parse(status.body)).success, true);

  // Errors, word for word where Alertmanager's words do not depend on the moment.
  sameAs(await ask('/api/v2/silences', post({ ...silence(120), comment: undefined })), 'silence-create-no-comment.http', true);
  sameAs(await ask('/api/v2/silences', post({ ...silence(120), matchers: [] })), 'silence-create-no-matchers.http', true);
  const backwards = { ...silence(120), endsAt: new Date(demo.clock.now() - MIN).toISOString() };
  sameAs(await ask('/api/v2/silences', post(backwards)), 'silence-create-ends-before-starts.http', true);
  sameAs(
    await ask('/api/v2/silences', post({ ...silence(120), matchers: [{ name: 'alertname', value: '(bad', isRegex: true }] })),
    'silence-create-bad-regex.http',
  );
  sameAs(await ask('/api/v2/silences', post('not json')), 'silence-create-not-json.http');
  sameAs(await ask('/api/v2/silence/not-a-uuid', { method: 'DELETE' }), 'silence-expire-bad-id.http', true);
  sameAs(await ask('/api/v2/silence/00000000-0000-0000-0000-000000000000', { method: 'DELETE' }), 'silence-expire-unknown.http', true);
  sameAs(await ask('/api/v2/nope'), 'notfound.http', true);

  const one = await ask(`/api/v2/silence/${id}`);
  assert.deepEqual(shape(JSON.parse(one.body)), shape(JSON.parse(capture('alertmanager/silences.http').body)[0]));
  assert.equal((await ask('/api/v2/silence/00000000-0000-0000-0000-000000000000')).status, 404);
  sameAs(await ask(`/api/v2/silence/${id}`, { method: 'DELETE' }), 'silence-expire.http', true);
  sameAs(await ask(`/api/v2/silence/${id}`, { method: 'DELETE' }), 'silence-expire-again.http', true);
  sameAs(await ask('/api/v2/silences'), 'silences-with-expired.http');
  assert.equal((await ask('/-/ready')).status, 200);
});

test('the DocuSeal spike fires the alert from minute 10 and resolves it at minute 20, every telling', async () => {
  atMinute(5);
  assert.deepEqual(await am.routedAlerts(), { ok: true, value: [] });
  atMinute(12);
  const r = await am.routedAlerts();
  assert.ok(r.ok);
  assert.equal(r.value.length, 1);
  const a = r.value[0];
  assert.deepEqual(a.labels, { alertname: 'docuseal-errors', app: 'practice-hub', service: 'docuseal', severity: 'P2' });
  assert.deepEqual(a.annotations, DOCUSEAL_ALERT.annotations);
  assert.equal(a.state, 'active');
  assert.equal(a.startsAt, DEPLOY + 10 * MIN, 'when the spike began in story time');
  assert.equal(a.updatedAt, DEPLOY + 12 * MIN);
  assert.equal(a.endsAt, DEPLOY + 16 * MIN);
  assert.deepEqual(a.receivers, ['practice-hub-oncall']);
  assert.equal(
    a.generatorURL,
    `${demo.sim.urls.loki}/graph?g0.expr=sum(count_over_time(%7Bapp%3D%22practice-hub%22%7D%20%7C%3D%20%22DocuSeal%20API%20call%20failed%22%20%5B5m%5D))%20%3E%2010&g0.tab=1`,
  );
  // The alert names the same thing as the demo config's Loki alert.
  const local = config.alerts.find((x) => x.id === a.labels.alertname)!;
  assert.equal(local.severity, a.labels.severity);
  assert.equal(local.name, a.annotations.summary);
  atMinute(19.9);
  const late = await am.routedAlerts();
  assert.equal(late.ok && late.value.length, 1);
  atMinute(20);
  assert.deepEqual(await am.routedAlerts(), { ok: true, value: [] });
  atMinute(40 + 15);
  const again = await am.routedAlerts();
  assert.ok(again.ok);
  assert.equal(again.value[0].startsAt, DEPLOY + 50 * MIN, 'the next telling starts its own spike');
});

test('a silence made with the real client suppresses the alert until it is expired', async () => {
  atMinute(12);
  const now = demo.clock.now();
  const id = await am.createSilence({
    matchers: [
      { name: 'alertname', value: 'docuseal-errors', isRegex: false, isEqual: true },
      { name: 'severity', value: 'P1|P2', isRegex: true, isEqual: true },
    ],
    startsAt: now,
    endsAt: now + 60 * MIN,
    createdBy: 'alice',
    comment: 'DocuSeal key rotated, waiting for recovery',
  });
  assert.ok(id.ok, JSON.stringify(id));
  const silenced = await am.routedAlerts();
  assert.ok(silenced.ok);
  assert.equal(silenced.value[0].state, 'suppressed');
  assert.deepEqual(silenced.value[0].silencedBy, [id.value]);
  // The config's state flags reach the simulator as the API's query parameters.
  assert.deepEqual(JSON.parse((await ask('/api/v2/alerts?silenced=false')).body), []);
  assert.equal(JSON.parse((await ask('/api/v2/alerts?active=false')).body).length, 1);
  assert.deepEqual(JSON.parse((await ask('/api/v2/alerts?filter=severity%3D"P1"')).body), []);

  const list = await am.silences();
  assert.ok(list.ok);
  const mine = list.value.find((s) => s.id === id.value)!;
  assert.equal(mine.state, 'active');
  assert.equal(mine.startsAt, now);
  assert.equal(mine.createdBy, 'alice');

  atMinute(13);
  assert.deepEqual(await am.expireSilence(id.value), { ok: true, value: undefined });
  const back = await am.routedAlerts();
  assert.ok(back.ok);
  assert.equal(back.value[0].state, 'active');
  assert.deepEqual(back.value[0].silencedBy, []);
  const later = await am.silences();
  assert.ok(later.ok);
  const expired = later.value.find((s) => s.id === id.value)!;
  assert.equal(expired.state, 'expired');
  assert.equal(expired.endsAt, DEPLOY + 13 * MIN);
});

test('a silence that ended or that matches everything is refused as 0.25 refuses it', async () => {
  // After the one expired above, so that it stays expired.
  atMinute(14);
  const past = await ask('/api/v2/silences', post({ ...silence(1), startsAt: new Date(DEPLOY).toISOString(), endsAt: new Date(DEPLOY + MIN).toISOString() }));
  assert.deepEqual([past.status, past.body], [400, `"Failed to create silence: end time can't be in the past"\n`]);
  const all = await ask('/api/v2/silences', post({ ...silence(60), matchers: [{ name: 'alertname', value: '.*', isRegex: true }] }));
  assert.deepEqual([all.status, all.body], [400, '"silence invalid: at least one matcher must not match the empty string"\n']);
  const pending = await am.createSilence({
    matchers: [{ name: 'service', value: 'docuseal', isRegex: false, isEqual: true }],
    startsAt: demo.clock.now() + 30 * MIN,
    endsAt: demo.clock.now() + 90 * MIN,
    createdBy: 'carol',
    comment: 'maintenance window',
  });
  assert.ok(pending.ok);
  const r = await am.routedAlerts();
  assert.ok(r.ok);
  assert.equal(r.value[0].state, 'active', 'a pending silence suppresses nothing yet');
});
