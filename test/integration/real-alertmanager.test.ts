// Real alerts, rule → Prometheus → Alertmanager → oncall: a real Prometheus
// evaluates two rules over a backfilled history and sends what fires to a
// real Alertmanager, which routes and inhibits; the client reads them back,
// silences one (amtool sees it, the alert turns suppressed) and expires it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { AlertmanagerSource } from '../../src/sources/alertmanager/client.js';
import type { AlertmanagerOptions } from '../../src/sources/alertmanager/kind.js';
import type { RoutedAlert } from '../../src/sources/types.js';
import { type RealAlertmanager, startAlertmanager } from '../helpers/real-alertmanager.js';
import { counterFamily, type RealPrometheus, startPrometheus, trafficHistory } from '../helpers/real-prometheus.js';
import { sourceDef } from '../helpers/source-def.js';

// 10 requests/s; 5xx at 0.2/s for the last 40 minutes: a 2% error ratio, over both thresholds below.
const { times, errors, total } = trafficHistory(Date.now(), 600);
const history = [
  ...counterFamily(
    'http_requests',
    [
      { labels: 'service="docuseal",status="200"', value: (t) => total(t) - errors(t) },
      { labels: 'service="docuseal",status="500"', value: errors },
    ],
    times,
  ),
  '# EOF',
].join('\n');
const RATIO = 'sum by (service) (rate(http_requests_total{status="500"}[5m])) / sum by (service) (rate(http_requests_total[5m]))';
const rules = `groups:
  - name: docuseal
    rules:
      - alert: DocuSealErrorSpike
        expr: ${RATIO} > 0.01
        labels: { severity: critical, team: web }
        annotations:
          summary: "{{ $labels.service }} 5xx above 1%"
          description: "Errors on {{ $labels.service }} over five minutes."
          runbook_url: https://runbooks.example.com/docuseal/5xx
      - alert: DocuSealErrorsElevated
        expr: ${RATIO} > 0.001
        labels: { severity: warning, team: web }
        annotations:
          summary: "{{ $labels.service }} 5xx above 0.1%"
`;

let am: RealAlertmanager;
let prom: RealPrometheus;
let client: AlertmanagerSource;
const options: AlertmanagerOptions = { filter: [], active: true, silenced: true, inhibited: true, group_by: ['alertname', 'severity'] };

before(async () => {
  am = await startAlertmanager();
  prom = await startPrometheus(history, { rules: [rules], alertmanagers: [am.url] });
  client = new AlertmanagerSource(sourceDef<AlertmanagerOptions>('alertmanager', am.url, { options }));
});
after(async () => {
  await client?.close();
  await prom?.stop();
  await am?.stop();
});

/** Asks until `ok` holds of the alerts (Prometheus sends on its own evaluation), or says what was there. */
async function alertsWhen(ok: (a: RoutedAlert[]) => boolean, what: string): Promise<RoutedAlert[]> {
  const deadline = Date.now() + 60_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const r = await client.routedAlerts();
    last = r;
    if (r.ok && ok(r.value)) return r.value;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`${what}: never; last answer ${JSON.stringify(last)}`);
}
const byName = (alerts: RoutedAlert[], name: string) => alerts.find((a) => a.labels.alertname === name)!;

test('alerts fired by Prometheus rules read back with labels, annotations, state, receivers and generatorURL', async () => {
  const alerts = await alertsWhen((a) => a.length === 2 && byName(a, 'DocuSealErrorsElevated')?.state === 'suppressed', 'two alerts, the warning inhibited');
  const spike = byName(alerts, 'DocuSealErrorSpike');
  const warn = byName(alerts, 'DocuSealErrorsElevated');
  assert.deepEqual(spike.labels, { alertname: 'DocuSealErrorSpike', service: 'docuseal', severity: 'critical', team: 'web' });
  assert.deepEqual(spike.annotations, {
    summary: 'docuseal 5xx above 1%',
    description: 'Errors on docuseal over five minutes.',
    runbook_url: 'https://runbooks.example.com/docuseal/5xx',
  });
  assert.equal(spike.state, 'active');
  assert.deepEqual(spike.receivers, ['team-web']);
  // The graph link Prometheus wrote for the rule holds its expression.
  assert.equal(new URL(spike.generatorURL!).searchParams.get('g0.expr'), `${RATIO} > 0.01`);
  // The critical one inhibits the warning of the same service (the config's inhibit rule).
  assert.equal(warn.state, 'suppressed');
  assert.deepEqual(warn.inhibitedBy, [spike.fingerprint]);
  assert.deepEqual(warn.silencedBy, []);
  // startsAt is when Prometheus saw the alert become active.
  const promAlerts = (await (await fetch(`${prom.url}/api/v1/alerts`)).json()) as {
    data: { alerts: Array<{ labels: Record<string, string>; activeAt: string }> };
  };
  const activeAt = promAlerts.data.alerts.find((a) => a.labels.alertname === 'DocuSealErrorSpike')!.activeAt;
  assert.equal(spike.startsAt, Date.parse(activeAt));
});

test('a silence made by the client shows in amtool, suppresses the alert, and expires', async () => {
  await alertsWhen((a) => byName(a, 'DocuSealErrorSpike')?.state === 'active', 'the spike active');
  const now = Date.now();
  const made = await client.createSilence({
    matchers: [{ name: 'alertname', value: 'DocuSealErrorSpike', isRegex: false, isEqual: true }],
    startsAt: now,
    endsAt: now + 3_600_000,
    createdBy: 'oncall-test',
    comment: 'deploying the fix',
  });
  assert.ok(made.ok, JSON.stringify(made));
  const id = made.value;
  const listed = JSON.parse(am.amtool('silence', 'query', '-o', 'json')) as Array<{
    id: string;
    comment: string;
    createdBy: string;
    status: { state: string };
  }>;
  assert.deepEqual(
    listed.map((s) => [s.id, s.comment, s.createdBy, s.status.state]),
    [[id, 'deploying the fix', 'oncall-test', 'active']],
  );
  const silenced = await alertsWhen((a) => byName(a, 'DocuSealErrorSpike')?.state === 'suppressed', 'the spike silenced');
  assert.deepEqual(byName(silenced, 'DocuSealErrorSpike').silencedBy, [id]);
  const mine = await client.silences();
  assert.ok(mine.ok);
  assert.deepEqual(
    mine.value.map((s) => [s.id, s.state, s.matchers]),
    [[id, 'active', [{ name: 'alertname', value: 'DocuSealErrorSpike', isRegex: false, isEqual: true }]]],
  );

  assert.deepEqual(await client.expireSilence(id), { ok: true, value: undefined });
  // amtool lists active silences by default; the expired one only with --expired.
  assert.equal(am.amtool('silence', 'query', '-q'), '');
  assert.equal(am.amtool('silence', 'query', '--expired', '-q').trim(), id);
  const back = await alertsWhen((a) => byName(a, 'DocuSealErrorSpike')?.state === 'active', 'the spike active again');
  assert.deepEqual(byName(back, 'DocuSealErrorSpike').silencedBy, []);
});

test('status and health: the version the binary reports, the cluster off', async () => {
  const out = spawnSync('/usr/bin/prometheus-alertmanager', ['--version'], { encoding: 'utf8' });
  const version = /version (\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1];
  assert.equal(version, '0.25.0');
  const s = await client.status();
  assert.ok(s.ok);
  assert.equal(s.value.version, version);
  assert.equal(s.value.cluster, 'disabled');
  const h = await client.health();
  assert.ok(h.ok);
  assert.equal(h.value.version, version);
  assert.equal(h.value.detail, `cluster disabled, up since ${new Date(s.value.uptime).toISOString()}`);
});
