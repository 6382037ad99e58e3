// The runtime builds what a command uses from the config, and its close()
// closes all of it, once, however many times and from wherever it is called.
// A config that does not load is a value, and nothing was opened for it.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { roundFor } from '../../src/engine/check-doc.js';
import { errorReport, openRuntime, type Runtime } from '../../src/runtime/index.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { ROOT } from '../helpers/paths.js';

/** 0.25 (seconds), sampled as it is asked for; or, with `hang`, no answer at all. */
let hang = false;
const server = await fixtureServer((): Reply => {
  if (hang) return { status: 200, body: '', hang: true };
  const result = [{ metric: {}, value: [Date.now() / 1000, '0.25'] }];
  return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }) };
});
after(() => server.close());

const tmp = mkdtempSync(join(tmpdir(), 'oncall-runtime-'));
/** A config with a Prometheus and a Loki source (both the fixture server) and one SLO, on Prometheus. */
function configFile(name: string, extra = ''): string {
  const file = join(tmp, `${name}.yaml`);
  const yaml = [
    'version: 1',
    'service: checkout',
    'sources:',
    `  prometheus: { url: "${server.url}"${extra} }`,
    `  logs: { type: loki, url: "${server.url}" }`,
    'slos:',
    '  - { id: LAT, name: Latency, source: prometheus, unit: s, objective: "< 1s", query: "max(latency)" }',
  ];
  writeFileSync(file, `${yaml.join('\n')}\n`);
  return file;
}

async function open(opts: Parameters<typeof openRuntime>[0]): Promise<Runtime> {
  const r = await openRuntime(opts);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  return r.value;
}

/** Counts the closes of every source the runtime built. */
function countCloses(rt: Runtime): Map<string, number> {
  const closes = new Map<string, number>();
  for (const s of rt.sources.values()) {
    const close = s.close.bind(s);
    closes.set(s.name, 0);
    s.close = () => {
      closes.set(s.name, closes.get(s.name)! + 1);
      return close();
    };
  }
  return closes;
}

test('from a config file: nothing is asked until a command asks, and a cycle reads the source', async () => {
  const file = configFile('plain');
  const rt = await open({ config: file, stateDir: join(tmp, 'state') });
  try {
    assert.equal(rt.path, file);
    assert.equal(rt.demo, null);
    assert.equal(rt.stores.stateDir, join(tmp, 'state'));
    // incidents.dir defaults to docs/incidents, from the config file's folder.
    assert.equal(rt.stores.incidentsDir, join(tmp, 'docs', 'incidents'));
    assert.equal(server.connections, 0, 'opening the runtime connects to nothing');
    const snap = await rt.snapshot();
    // The source answered 0.25 (seconds): 250ms meets < 1s.
    assert.deepEqual(
      snap.slos.map((s) => [s.id, s.value, s.status, s.reason]),
      [['LAT', 0.25, 'ok', '250ms meets < 1s']],
    );
    assert.equal(rt.poller, rt.poller, 'one poller for the run');
  } finally {
    await rt.close();
  }
});

test('close() closes every source once, the unused one too, called twice at once and again after', async () => {
  const rt = await open({ config: configFile('twice') });
  await rt.snapshot();
  const closes = countCloses(rt);
  await Promise.all([rt.close(), rt.close()]);
  await rt.close();
  assert.deepEqual(
    [...closes],
    [
      ['prometheus', 1],
      ['logs', 1],
    ],
  );
  // Sources built after close would stay open: asking for them is a bug, said at once.
  assert.throws(() => rt.poller, /after close/);
});

// The guard only turns a hang into a failure: the cycle's own deadline is two minutes away.
test('close() with a request in flight: the cycle ends at once, its source failed, not at its deadline', { timeout: 60_000 }, async () => {
  hang = true;
  try {
    const rt = await open({ config: configFile('hang', ', timeout: 2m') });
    const seen = server.seen.length;
    const cycle = rt.snapshot();
    while (server.seen.length === seen) await new Promise((r) => setTimeout(r, 10));
    await rt.close();
    const snap = await cycle;
    assert.deepEqual(
      snap.sources.map((s) => [s.name, s.ok]),
      // Loki had nothing to answer this cycle.
      [
        ['prometheus', false],
        ['logs', true],
      ],
    );
    assert.equal(snap.slos[0].value, null);
  } finally {
    hang = false;
  }
});

test('a runtime never asked for its sources closes without building them', async () => {
  const before = server.connections;
  const rt = await open({ config: configFile('unused') });
  await rt.close();
  assert.equal(server.connections, before, 'no connection made');
  assert.throws(() => rt.sources, /after close/);
});

test('a config that does not load is an error value with its path, the text and exit status the CLI prints', async () => {
  const missing = join(tmp, 'missing.yaml');
  const r = await openRuntime({ config: missing });
  assert.ok(!r.ok);
  assert.deepEqual(r, { ok: false, error: { kind: 'config', path: missing, errors: [{ path: missing, message: 'no such file' }] } });
  assert.deepEqual(errorReport(r.error), { text: `${missing}: 1 error\n${missing}: no such file\n`, exitCode: 2 });

  const bad = join(tmp, 'bad.yaml');
  writeFileSync(bad, 'version: 1\nservice: x\nbogus: 1\n');
  const before = process.getActiveResourcesInfo().sort();
  const b = await openRuntime({ config: bad });
  assert.ok(!b.ok);
  assert.deepEqual(errorReport(b.error), { text: `${bad}: 2 errors\nsources: is required (record)\nbogus: unknown field\n`, exitCode: 2 });
  assert.deepEqual(process.getActiveResourcesInfo().sort(), before, 'nothing left open');
});

test('deploys: --since, else the last recorded one, else none; a bad --since is a usage error value', async () => {
  const rt = await open({ config: configFile('deploys'), stateDir: join(tmp, 'deploy-state') });
  try {
    assert.deepEqual(rt.deploy(undefined), { ok: true, value: null });
    assert.deepEqual(rt.deploy('2026-01-01T00:00:00Z'), { ok: true, value: { id: '2026-01-01T00:00:00.000Z', at: Date.UTC(2026, 0, 1), release: null } });
    const bad = rt.deploy('whenever');
    const message = '--since: "whenever" is not a time (expected an ISO time or like "30m ago")';
    assert.ok(!bad.ok);
    assert.deepEqual(bad.error, { kind: 'usage', message });
    assert.deepEqual(errorReport(bad.error), { text: `oncall: ${message}\n`, exitCode: 2 });
    const recorded = rt.stores.recordDeploy(Date.UTC(2026, 0, 2, 12), 'v7');
    assert.ok(recorded.ok);
    assert.deepEqual(rt.deploy(undefined), { ok: true, value: { id: '2026-01-02T12:00:00.000Z', at: Date.UTC(2026, 0, 2, 12), release: 'v7' } });
  } finally {
    await rt.close();
  }
});

test('the demo: its config answered by the simulator, its story clock and deploy; close() stops the simulator', async () => {
  const rt = await open({ demo: { speed: 20 } });
  let urls: string[] = [];
  try {
    assert.ok(rt.demo);
    urls = Object.values(rt.demo.sim.urls);
    assert.equal(rt.env.PROMETHEUS_URL, rt.demo.sim.urls.prometheus);
    assert.deepEqual(rt.deploy(undefined), { ok: true, value: { id: 'demo', at: rt.demo.clock.deployAt, release: 'demo' } });
    const snap = await rt.snapshot();
    assert.ok(snap.sources.length > 0 && snap.sources.every((s) => s.ok), JSON.stringify(snap.sources));
    assert.equal(rt.watchDeps(null).intervalMs, rt.config.refreshMs / 20);
    // The screens run on the story clock, which moves 20 ms in each real one.
    const { clock } = rt.watchDeps(null);
    assert.equal(clock.rate, 20);
    assert.equal(clock.now, rt.now);
    assert.deepEqual(rt.checkDeps(roundFor(rt.config.service, rt.config.schedule, null, null, 2)!).clock, clock);
  } finally {
    await rt.close();
  }
  for (const url of urls) assert.equal(await refused(url), true, `${url} still answers`);
});

/** Whether nothing listens at `url` any more. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

// Composition has one owner: a command or a screen that built or closed
// sources, the poller or the simulator itself would have to close them too,
// and each such place has been one more that could forget.
test('no command and no screen builds or closes sources, the poller, the panels or the simulator itself', () => {
  const banned = /\b(createSources|closeSources)\s*\(|new\s+(Poller|PanelFetcher)\s*\(|sim\.close\s*\(|startDemo\s*\(/;
  const files = ['commands', 'src/ui']
    .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
    .filter((f) => /\.tsx?$/.test(f));
  assert.ok(files.includes('commands/watch.tsx') && files.includes('src/ui/run-watch.tsx'), files.join(' '));
  const offenders = files.flatMap((f) =>
    readFileSync(join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (banned.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(offenders, []);
});
