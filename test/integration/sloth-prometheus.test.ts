// The Sloth importer against the rules Sloth itself generated, both run by a
// real Prometheus over the same history: at the moment Prometheus recorded
// its SLI error ratios, oncall's burn rates for the imported SLOs are those
// ratios over the error budget, window by window, and each imported page and
// ticket alert fires exactly when Sloth's alert does.
//
// The history (3 days and 2 hours at 60 s steps, counters starting high so
// rate() is never clipped) gives each SLO an error ratio that changes with
// age, so every window reads a different value:
// - getting-started (99.9): a 0.03% base, and over the last 90 minutes a spike
//   from 1% rising to 3%: about 30x over 5m and 24x over 1h, so the page fires;
//   1.6x over 1d and 0.7x over 3d, so the ticket does not.
// - kubernetes-apiserver availability (99.9): 0.02% + 0.5% e^(-age/1d): about
//   5x over every short window (page quiet), 3.4x over 1d (ticket fires).
// - kubernetes-apiserver latency (99): 1.2% + 1% e^(-age/6h) slow: about 2x
//   short (page quiet, ticket's 2h&1d pair quiet), 1.8x over 6h and 1.3x over 3d,
//   so the ticket fires through its slow pair.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import type { Snapshot } from '../../src/engine/state.js';
import { configDoc } from '../../src/import/output.js';
import { importSloth } from '../../src/import/sloth.js';
import { Poller } from '../../src/poller/poller.js';
import { type AnySource, closeSources, createSources } from '../../src/sources/index.js';
import { fixture } from '../helpers/paths.js';
import { counterFamily, type RealPrometheus, rulesEvaluatedAfter, startPrometheus } from '../helpers/real-prometheus.js';

const STEP = 60;
const T = Math.floor(Date.now() / 1000 / STEP) * STEP;
const START = T - 3 * 86_400 - 2 * 3600;
const times: number[] = [];
for (let t = START; t <= T; t += STEP) times.push(t);

/** A counter from `base`, growing by `perSecond(age)` over each step that ends `age` seconds before T. */
function counter(base: number, perSecond: (age: number) => number): number[] {
  const out = [base];
  for (let i = 1; i < times.length; i++) out.push(out[i - 1] + STEP * perSecond(T - times[i]));
  return out;
}

const gsRatio = (age: number) => 0.0003 + (age < 5400 ? 0.03 - (0.02 * age) / 5400 : 0);
const availRatio = (age: number) => 0.0002 + 0.005 * Math.exp(-age / 86_400);
const slowRatio = (age: number) => 0.012 + 0.01 * Math.exp(-age / 21_600);

const series = {
  gs500: counter(2e5, (a) => 10 * gsRatio(a)),
  gs200: counter(1e7, (a) => 10 * (1 - gsRatio(a))),
  api500: counter(3e5, (a) => 10 * availRatio(a)),
  api429: counter(1e5, (a) => 10 * availRatio(a)),
  api200: counter(2e7, (a) => 20 * (1 - availRatio(a))),
  getCount: counter(2e7, () => 20),
  getFast: counter(1.9e7, (a) => 20 * (1 - slowRatio(a))),
};

const at = (values: number[]) => (t: number) => values[(t - START) / STEP];
const gauge = (name: string, rows: Array<[string, number[]]>) => [
  `# TYPE ${name} gauge`,
  ...rows.flatMap(([labels, v]) => times.map((t, i) => `${name}{${labels}} ${v[i]} ${t}`)),
];
const constant = (base: number, perSecond: number) => counter(base, () => perSecond);

const history = [
  // getting-started reads job="myservice"; the other job's 50% errors must not count.
  ...gauge('http_request_duration_seconds_count', [
    ['job="myservice",code="500"', series.gs500],
    ['job="myservice",code="200"', series.gs200],
    ['job="other",code="500"', constant(1e6, 5)],
    ['job="other",code="200"', constant(1e6, 5)],
  ]),
  ...counterFamily(
    'apiserver_request',
    [
      { labels: 'code="500"', value: at(series.api500) },
      { labels: 'code="429"', value: at(series.api429) },
      { labels: 'code="200"', value: at(series.api200) },
    ],
    times,
  ),
  // The latency SLO leaves WATCH out (verb!="WATCH"); its watches are 90% slow.
  ...gauge('apiserver_request_duration_seconds_count', [
    ['verb="GET"', series.getCount],
    ['verb="WATCH"', constant(1e6, 2)],
  ]),
  ...gauge('apiserver_request_duration_seconds_bucket', [
    ['verb="GET",le="0.4"', series.getFast],
    ['verb="WATCH",le="0.4"', constant(1e5, 0.2)],
  ]),
  '# EOF',
].join('\n');

interface SloCase {
  id: string;
  spec: string;
  objective: number;
  errors: number[];
  total: number[];
  page: string;
  ticket: string;
  expected: { page: 'firing' | 'ok'; ticket: 'firing' | 'ok' };
}

const sum = (...xs: number[][]) => xs[0].map((_, i) => xs.reduce((s, x) => s + x[i], 0));
const CASES: SloCase[] = [
  {
    id: 'myservice-requests-availability',
    spec: 'getting-started',
    objective: 0.999,
    errors: series.gs500,
    total: sum(series.gs500, series.gs200),
    page: 'MyServiceHighErrorRate-page',
    ticket: 'MyServiceHighErrorRate-ticket',
    expected: { page: 'firing', ticket: 'ok' },
  },
  {
    id: 'k8s-apiserver-requests-availability',
    spec: 'kubernetes-apiserver',
    objective: 0.999,
    errors: sum(series.api500, series.api429),
    total: sum(series.api500, series.api429, series.api200),
    page: 'K8sApiserverAvailabilityAlert-page',
    ticket: 'K8sApiserverAvailabilityAlert-ticket',
    expected: { page: 'ok', ticket: 'firing' },
  },
  {
    id: 'k8s-apiserver-requests-latency',
    spec: 'kubernetes-apiserver',
    objective: 0.99,
    errors: series.getCount.map((c, i) => c - series.getFast[i]),
    total: series.getCount,
    page: 'K8sApiserverLatencyAlert-page',
    ticket: 'K8sApiserverLatencyAlert-ticket',
    expected: { page: 'ok', ticket: 'firing' },
  },
];

const WINDOWS: Record<string, number> = { '5m': 300, '30m': 1800, '1h': 3600, '2h': 7200, '6h': 21_600, '1d': 86_400, '3d': 259_200 };

/** The error ratio Prometheus' rate() gives over [at - window, at]: errors and total share sample times, so extrapolation cancels. */
function byHand(c: SloCase, atMs: number, windowS: number): number {
  const inside = times.map((t, i) => [t, i]).filter(([t]) => t * 1000 >= atMs - windowS * 1000 && t * 1000 <= atMs);
  const a = inside[0][1];
  const z = inside[inside.length - 1][1];
  return (c.errors[z] - c.errors[a]) / (c.total[z] - c.total[a]);
}

const close = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(actual != null && Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${what}: ${actual} != ${expected}`);

let prom: RealPrometheus;
const configs = new Map<string, Config>();
const sources: Array<Map<string, AnySource>> = [];

before(async () => {
  const gen = ['getting-started', 'kubernetes-apiserver'].map((s) => fixture(`import/sloth/${s}.gen.yml`));
  const started = Date.now();
  prom = await startPrometheus(history, { rules: gen });
  // Twice: the alert groups then read what the recording groups wrote.
  const first = await rulesEvaluatedAfter(prom.url, started, 60_000);
  await rulesEvaluatedAfter(prom.url, first, 60_000);
  for (const spec of ['getting-started', 'kubernetes-apiserver']) {
    const o = { source: 'prometheus', type: 'prometheus' as const, service: spec };
    const doc = configDoc(importSloth(fixture(`import/sloth/${spec}.yml`), o), o);
    doc.sources = { prometheus: { url: prom.url } };
    const parsed = parseConfig(stringify(doc), {});
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
    configs.set(spec, parsed.config);
  }
});

after(async () => {
  for (const s of sources) await closeSources(s);
  await prom?.stop();
});

async function promQuery(query: string, timeMs: number): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>> {
  const url = `${prom.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${(timeMs / 1000).toFixed(3)}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
  };
  assert.equal(body.status, 'success', query);
  return body.data.result;
}

/** Sloth's recorded error ratios of one SLO at the latest evaluation that wrote all seven windows, and its time. */
async function recorded(id: string): Promise<{ atMs: number; ratios: Record<string, number> }> {
  const rows = await promQuery(`{__name__=~"slo:sli_error:ratio_rate.+", sloth_id="${id}"}[30s]`, Date.now());
  const byWindow = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (!(r.metric.sloth_window in WINDOWS)) continue;
    byWindow.set(r.metric.sloth_window, new Map(r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)])));
  }
  assert.deepEqual([...byWindow.keys()].sort(), Object.keys(WINDOWS).sort(), `${id}: every window recorded`);
  const common = [...byWindow.get('5m')!.keys()].filter((t) => [...byWindow.values()].every((m) => m.has(t)));
  const atMs = Math.max(...common);
  return { atMs, ratios: Object.fromEntries([...byWindow].map(([w, m]) => [w, m.get(atMs)!])) };
}

/** Prometheus' own state of Sloth's alert for one SLO and severity: firing, or ok when it is not active. */
async function slothAlert(alertname: string, severity: 'page' | 'ticket', id: string): Promise<'firing' | 'ok'> {
  const body = (await (await fetch(`${prom.url}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
  const mine = body.data.alerts.filter((a) => a.labels.alertname === alertname && a.labels.sloth_severity === severity && a.labels.sloth_id === id);
  assert.ok(
    mine.every((a) => a.state === 'firing'),
    'no for: an active Sloth alert fires at once',
  );
  return mine.length ? 'firing' : 'ok';
}

const measured: string[] = [];

for (const c of CASES) {
  test(`${c.id}: oncall's burn rates are Sloth's recorded ratios over the budget, and its alerts fire with Sloth's`, async () => {
    const { atMs, ratios } = await recorded(c.id);
    assert.ok(atMs / 1000 > T && atMs / 1000 - T < 600, 'recorded within the data');

    // Sloth's recordings are the ratios of the history, worked out by hand ...
    for (const [w, s] of Object.entries(WINDOWS)) close(ratios[w], byHand(c, atMs, s), `recorded ${w}`);
    // ... and no two windows agree, so reading one window for another cannot pass.
    const values = Object.values(ratios);
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) assert.ok(Math.abs(values[i] - values[j]) > 1e-4 * values[i], `windows ${i} and ${j} differ`);
    }

    // oncall at exactly that moment.
    const config = configs.get(c.spec)!;
    const src = createSources(config);
    sources.push(src);
    const snap: Snapshot = await new Poller(config, src, { now: () => atMs }).cycle();
    const slo = snap.slos.find((s) => s.id === c.id)!;
    assert.ok(slo.burnRates, 'a ratio SLO has burn rates');
    for (const w of Object.keys(WINDOWS)) close(slo.burnRates![w], ratios[w] / (1 - c.objective), `burn ${w}`);

    const states = { page: '', ticket: '' };
    for (const severity of ['page', 'ticket'] as const) {
      const alertId = c[severity];
      const alert = snap.alerts.find((a) => a.id === alertId)!;
      const name = config.alerts.find((a) => a.id === alertId)!.name;
      const theirs = await slothAlert(name, severity, c.id);
      assert.equal(alert.status, theirs, `${alertId}: oncall ${alert.status}, Prometheus ${theirs} (${alert.reason})`);
      assert.equal(alert.status, c.expected[severity], `${alertId} is ${c.expected[severity]} in this history`);
      states[severity] = alert.status;
    }
    measured.push(
      `${c.id} at ${new Date(atMs).toISOString()}: ` +
        Object.keys(WINDOWS)
          .map((w) => `${w} ${ratios[w].toPrecision(6)} (burn ${slo.burnRates![w]!.toFixed(3)})`)
          .join(', ') +
        `; page ${states.page}, ticket ${states.ticket}`,
    );
  });
}

test('both alert states are exercised, and the measured values are on record', (t) => {
  const all = CASES.flatMap((c) => [c.expected.page, c.expected.ticket]);
  assert.ok(all.includes('firing') && all.includes('ok'));
  assert.equal(measured.length, CASES.length);
  for (const m of measured) t.diagnostic(m);
});
