// The embedded simulator's scripted story, read through the real adapters and
// poller, and its injected faults turning panels stale without losing values.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Config } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import type { Backend, Fault } from '../../src/demo/server.js';
import { exitCode, type Snapshot } from '../../src/engine/state.js';
import { Poller } from '../../src/poller/poller.js';
import { closeSources, createSources } from '../../src/sources/index.js';
import { runCli } from '../helpers/cli.js';
import { DEPLOY, MIN, stoppedDemo } from '../helpers/demo.js';

let demo: Demo;
let config: Config;

before(async () => {
  ({ demo, config } = await stoppedDemo());
});
after(() => demo.sim.close());

function poller(random = () => 0) {
  const sources = createSources(config);
  const p = new Poller(config, sources, { now: () => demo.clock.now(), random });
  return { p, close: () => closeSources(sources) };
}

async function at(p: Poller, minutes: number): Promise<Snapshot> {
  demo.clock.set(DEPLOY + minutes * MIN);
  return p.cycle();
}

const status = (s: Snapshot, id: string) => s.slos.find((x) => x.id === id)?.status ?? s.alerts.find((x) => x.id === id)?.status;

test('the story: healthy, DocuSeal spike, latency WARN then CRIT after its for, recovery', async () => {
  const { p, close } = poller();
  try {
    const healthy = await at(p, 5);
    assert.deepEqual(
      healthy.slos.map((s) => s.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
    assert.deepEqual(
      healthy.alerts.map((a) => a.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
    assert.equal(exitCode(healthy), 0);

    const spike = await at(p, 12);
    assert.equal(status(spike, 'SLO-005'), 'critical', 'DocuSeal errors over 10%');
    assert.equal(status(spike, 'docuseal-errors'), 'firing');
    assert.equal(status(spike, 'SLO-001'), 'ok', 'latency is up but its for has not elapsed');
    assert.match(spike.slos[0].reason, /^pending: /);

    const warn = await at(p, 16.5);
    assert.equal(status(warn, 'SLO-001'), 'warning');
    const docusealAlert = warn.alerts.find((a) => a.id === 'docuseal-errors')!;
    assert.equal(docusealAlert.activeSinceMs, DEPLOY + 12 * MIN, 'firing since the cycle at 12m that first saw it');
    assert.equal(status(warn, 'sentry-error-spike'), 'firing');
    assert.equal(exitCode(warn), 1);

    const crit = await at(p, 18.5);
    assert.equal(status(crit, 'SLO-001'), 'critical');
    assert.match(crit.slos[0].reason, /> 1s for 2m \(held 2m/);

    const recovered = await at(p, 25);
    assert.deepEqual(
      recovered.slos.map((s) => s.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
    assert.deepEqual(
      recovered.alerts.map((a) => a.status),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    );
  } finally {
    await close();
  }
});

const FAULTS: Array<[Backend, Fault, RegExp]> = [
  ['prometheus', { kind: '5xx' }, /^prometheus: http 503: Service Unavailable/],
  ['prometheus', { kind: 'malformed' }, /^prometheus: bad payload: not JSON/],
  ['prometheus', { kind: 'reset' }, /^prometheus: unreachable: /],
  ['prometheus', { kind: 'hang' }, /^prometheus: timeout after 0\.4s/],
  ['prometheus', { kind: '429' }, /^prometheus: rate limited: Too Many Requests \(retry in 30s\)/],
  ['prometheus', { kind: 'latency', ms: 1000 }, /^prometheus: timeout after 0\.4s/],
  ['loki', { kind: '429' }, /^loki: rate limited: too many outstanding requests/],
  ['loki', { kind: '5xx' }, /^loki: http 503: Ingester not ready/],
  ['sentry', { kind: '429' }, /^sentry: rate limited: You are attempting to use this endpoint too frequently/],
  ['sentry', { kind: 'auth' }, /^sentry: auth: Invalid token \(http 401\)/],
  ['sentry', { kind: '5xx' }, /^sentry: http 502: HTML page "502 Bad Gateway"/],
];

test('every fault makes its panels STALE or UNKNOWN with the reason and age, never zero, and they recover', async () => {
  for (const [backend, fault, reason] of FAULTS) {
    const { p, close } = poller();
    try {
      const good = await at(p, 5);
      demo.sim.fault(backend, fault);
      const bad = await at(p, 5.5);
      const label = `${backend} ${fault.kind}`;
      assert.equal(exitCode(bad), 3, label);
      const src = bad.sources.find((s) => s.name === backend)!;
      assert.equal(src.ok, false, label);
      const affectedSlos = bad.slos.filter((s) => config.slos.find((c) => c.id === s.id)!.source === backend);
      const affectedAlerts = bad.alerts.filter((a) => config.alerts.find((c) => c.id === a.id)!.source === backend);
      assert.ok(affectedSlos.length + affectedAlerts.length > 0, label);
      for (const s of affectedSlos) {
        assert.equal(s.status, 'stale', `${label} ${s.id}`);
        assert.match(s.reason, reason, `${label} ${s.id}`);
        assert.match(s.reason, /showing data from 30s ago \(was ok\)$/, `${label} ${s.id}`);
        assert.equal(s.ageMs, 30_000);
        assert.equal(s.value, good.slos.find((g) => g.id === s.id)!.value, `${label} ${s.id}: the last good value, not zero`);
      }
      for (const a of affectedAlerts) {
        assert.equal(a.status, 'unknown', `${label} ${a.id}`);
        assert.match(a.reason, reason, `${label} ${a.id}`);
        assert.equal(a.value, good.alerts.find((g) => g.id === a.id)!.value, `${label} ${a.id}`);
      }
      // The other sources' panels are untouched.
      for (const s of bad.slos.filter((x) => !affectedSlos.includes(x))) assert.notEqual(s.status, 'stale', `${label} ${s.id}`);

      demo.sim.fault(backend, { kind: 'none' });
      // Backoff: with no jitter the first retry waits half of 15 s; a 429 waits its 30 s.
      const back = await at(p, 6.25);
      assert.equal(back.sources.find((s) => s.name === backend)!.ok, true, `${label} recovers`);
      assert.ok(
        back.slos.every((s) => s.status === 'ok'),
        `${label} all ok again`,
      );
    } finally {
      demo.sim.fault(backend, { kind: 'none' });
      await close();
    }
  }
});

test('a failing source is not asked again until its backoff ends', async () => {
  const { p, close } = poller(() => 0);
  try {
    await at(p, 5);
    demo.sim.fault('loki', { kind: '5xx' });
    const before = demo.sim.requests.loki;
    await at(p, 5.25);
    assert.equal(demo.sim.requests.loki - before, 2, 'both loki queries tried once');
    // 5 s later: inside the 7.5 s backoff, loki is skipped.
    demo.clock.set(DEPLOY + 5.25 * MIN + 5000);
    const skipped = await p.cycle();
    assert.equal(demo.sim.requests.loki - before, 2);
    assert.match(
      skipped.alerts.find((a) => a.id === 'docuseal-errors')!.reason,
      /^loki: http 503: Ingester not ready: waiting for 15s after being ready \(retry in 3s\)/,
    );
    // The second failure doubles the wait: 15 s with no jitter.
    demo.clock.set(DEPLOY + 5.25 * MIN + 8000);
    await p.cycle();
    assert.equal(demo.sim.requests.loki - before, 4);
    demo.clock.set(DEPLOY + 5.25 * MIN + 20000);
    await p.cycle();
    assert.equal(demo.sim.requests.loki - before, 4, 'still backing off');
    p.resetBackoff();
    await p.cycle();
    assert.equal(demo.sim.requests.loki - before, 6, 'r (refresh now) asks again at once');
  } finally {
    demo.sim.fault('loki', { kind: 'none' });
    await close();
  }
});

test('one cycle sends each distinct query once, over a bounded set of kept-alive connections', async () => {
  const { p, close } = poller();
  try {
    const counts = () => ({ ...demo.sim.requests });
    const c0 = counts();
    await at(p, 5);
    const c1 = counts();
    const planned = (source: string) => [...p.plan.queries.values()].filter((q) => q.source === source).length;
    assert.equal(c1.prometheus - c0.prometheus, planned('prometheus'));
    // 3 threshold SLOs x 1 + 3 ratio SLOs x (1 range + 7 windows in 2 queries + 1 period) + 3 alerts.
    assert.equal(planned('prometheus'), 3 + 3 * 4 + 3);
    assert.equal(c1.loki - c0.loki, 2);
    assert.equal(c1.sentry - c0.sentry, 1);
    for (let i = 0; i < 5; i++) await at(p, 5 + i / 4);
    const prom = [...p.sources.values()].find((s) => s.name === 'prometheus') as unknown as { http: { connections: number } };
    assert.ok(prom.http.connections <= config.sources.prometheus.concurrency, `${prom.http.connections} connections for 6 cycles`);
  } finally {
    await close();
  }
});

test('oncall watch --demo --once --json and doctor --demo need no backends at all', async () => {
  const r = await runCli(['watch', '--demo', '--once', '--json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(
    doc.slos.map((s: { id: string }) => s.id),
    ['SLO-001', 'SLO-002', 'SLO-003', 'SLO-004', 'SLO-005', 'SLO-006'],
  );
  assert.deepEqual(Object.keys(doc.slos[0]), ['id', 'name', 'status', 'value', 'unit', 'display', 'objective', 'reason', 'age_seconds', 'links']);
  // The demo's Prometheus has no grafana: each SLO on it links to its own graph page.
  assert.deepEqual(
    doc.slos[0].links.map((l: { label: string }) => l.label),
    ['Prometheus'],
  );
  assert.deepEqual(Object.keys(doc.slos[2]), [
    'id',
    'name',
    'status',
    'value',
    'unit',
    'display',
    'objective',
    'reason',
    'age_seconds',
    'burn_rates',
    'budget_remaining',
    'links',
  ]);
  assert.deepEqual(Object.keys(doc.alerts[0]), [
    'id',
    'name',
    'status',
    'value',
    'unit',
    'condition',
    'severity',
    'series',
    'playbook',
    'reason',
    'active_since',
    'age_seconds',
    'links',
  ]);
  assert.deepEqual(
    doc.sources.map((s: { name: string; ok: boolean }) => [s.name, s.ok]),
    [
      ['prometheus', true],
      ['loki', true],
      ['sentry', true],
      ['alertmanager', true],
    ],
  );
  // The demo starts at story minute 8, before the DocuSeal spike: Alertmanager answers, with nothing firing.
  assert.deepEqual(doc.alertmanager, {
    source: 'alertmanager',
    status: 'ok',
    error: null,
    age_seconds: doc.alertmanager.age_seconds,
    group_by: ['alertname', 'severity'],
    groups: [],
    silences: [],
  });
  assert.ok(doc.alertmanager.age_seconds >= 0 && doc.alertmanager.age_seconds < 60, String(doc.alertmanager.age_seconds));
  const d = await runCli(['doctor', '--demo']);
  assert.equal(d.code, 0, d.stdout + d.stderr);
  assert.match(d.stdout, /^ok {4}prometheus .*version 3\.7\.3/m);
  assert.match(d.stdout, /^ok {4}loki .* ready, auth ok/m);
  assert.match(d.stdout, /^ok {4}sentry .* organization acme readable, auth ok/m);
  assert.match(d.stdout, /^ok {4}alertmanager .*version 0\.25\.0, cluster disabled, up since /m);
});
