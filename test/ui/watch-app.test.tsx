// The whole watch screen over the simulator's story, with the story clock
// stopped and moved by the test, and keys typed into Ink's stdin.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Config } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import { roundFor } from '../../src/engine/check-doc.js';
import { PanelFetcher } from '../../src/poller/panels.js';
import { Poller } from '../../src/poller/poller.js';
import { progressJournal } from '../../src/runtime/journals.js';
import type { AnySource } from '../../src/sources/index.js';
import { WatchApp } from '../../src/ui/WatchApp.js';
import { DEPLOY, MIN, stoppedDemoWithSources } from '../helpers/demo.js';
import { frameWhere, KEYS, press } from '../helpers/frames.js';
import { renderWithProviders } from '../helpers/render.js';

let demo: Demo;
let config: Config;
let sources: Map<string, AnySource>;

let close: () => Promise<void>;
before(async () => {
  ({ demo, config, sources, close } = await stoppedDemoWithSources());
});
after(() => close());

function mount(size = { width: 110, height: 34 }, onQuit?: () => void, checklistFile?: string) {
  const now = () => demo.clock.now();
  const poller = new Poller(config, sources, { now, random: () => 0 });
  const app = renderWithProviders(
    <WatchApp
      journal={progressJournal}
      config={config}
      poller={poller}
      panels={new PanelFetcher(config, sources, now)}
      intervalMs={Infinity}
      deployAt={DEPLOY}
      tickMs={0}
      onQuit={onQuit}
      checklist={
        checklistFile
          ? (elapsed) => {
              const ctx = roundFor(config.service, config.schedule, { id: 'd1', at: DEPLOY, release: 'v42' }, elapsed);
              return ctx && { ctx, file: checklistFile };
            }
          : undefined
      }
    />,
    { columns: size.width, rows: size.height, clock: { now, rate: 1 } },
  );
  return app;
}

const row = (frame: string, id: string) => frame.split('\n').find((l) => l.includes(`${id} `)) ?? '';

test('the story on screen: healthy, DocuSeal spike, WARN then CRIT after its for, recovery', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const app = mount();
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('SLO-006'), 'the first frame with data');
    assert.match(f, /practice-hub · production · deployed 5m ago/);
    assert.match(f, /prometheus ● ok {2}loki ● ok {2}sentry ● ok/);
    for (const id of ['SLO-001', 'SLO-002', 'SLO-003', 'SLO-004', 'SLO-005', 'SLO-006']) assert.match(row(f, id), /│ OK /, id);
    assert.match(f, /Alerts \(0 of 6 need a look\)/);
    assert.match(f, /next check: First hour in 10m — press c/);

    demo.clock.set(DEPLOY + 12 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => /SLO-005.*CRIT/.test(x), 'DocuSeal critical');
    assert.match(row(f, 'SLO-001'), /│ OK /, 'latency up, for not yet held');
    assert.match(f, /P2 {2}FIRING {2}DocuSeal API failure for 0s: \d+ > 10 in 5m → docuseal \(i\)/);
    assert.match(f, /ERROR DocuSeal API call failed status=503/);

    demo.clock.set(DEPLOY + 16.5 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => /SLO-001.*WARN/.test(x), 'latency WARN');
    assert.match(f, /P1 {2}FIRING {2}High error rate/);
    assert.match(f, /DocuSeal API failure for 4m30s: /, 'held since the refresh at 12m that first saw it');
    assert.match(f, /PRACTICE-HUB-2C Error: DocuSeal API call failed/);

    demo.clock.set(DEPLOY + 18.5 * MIN);
    await press(app.stdin, 'r');
    await frameWhere(app.lastFrame, (x) => /SLO-001.*CRIT/.test(x), 'latency CRIT after 2m over 1s');

    demo.clock.set(DEPLOY + 25 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => /SLO-005.*│ OK /.test(x) && /SLO-001.*│ OK /.test(x), 'recovery');
    assert.match(f, /Alerts \(0 of 6 need a look\)/);
  } finally {
    app.unmount();
  }
});

test('a killed backend shows STALE with its age and reason, keeps its values, and recovers', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const app = mount();
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('SLO-006'), 'first frame');
    const before = row(f, 'SLO-001').match(/│ (\d+ms) /)![1];
    demo.sim.fault('prometheus', { kind: '5xx' });
    demo.clock.set(DEPLOY + 5.5 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => x.includes('STALE'), 'stale panels');
    assert.match(row(f, 'SLO-001'), new RegExp(`│ ${before} .*│ STALE 30s `), 'the last good value, with its age');
    assert.match(f, /prometheus ● down \(http 503: Service Unavailable\)/);
    assert.match(f, /loki ● ok/);
    demo.sim.fault('prometheus', { kind: 'none' });
    demo.clock.set(DEPLOY + 6 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => !x.includes('STALE') && x.includes('prometheus ● ok'), 'recovery');
  } finally {
    demo.sim.fault('prometheus', { kind: 'none' });
    app.unmount();
  }
});

test('Sentry going down marks its panel STALE on the first failed cycle, though the panel re-reads once a minute', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const app = mount();
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('SLO-006') && x.includes('Sentry errors/min'), 'first frame');
    assert.doesNotMatch(f, /STALE/);
    demo.sim.fault('sentry', { kind: '5xx' });
    // 15 s later: the panel's own minute is not up, but the cycle's Sentry alert query failed.
    demo.clock.set(DEPLOY + 5.25 * MIN);
    await press(app.stdin, 'r');
    f = await frameWhere(app.lastFrame, (x) => /sentry ● down/.test(x), 'Sentry down in the header');
    const line = f.split('\n').find((l) => l.includes('Sentry errors/min')) ?? '';
    assert.match(line, /STALE 15s: sentry: http 502: HTML page "502 Bad Gateway"/, 'the last numbers, with their age and the reason');
    demo.sim.fault('sentry', { kind: 'none' });
    demo.clock.set(DEPLOY + 5.5 * MIN);
    await press(app.stdin, 'r');
    await frameWhere(app.lastFrame, (x) => x.includes('sentry ● ok') && !x.includes('STALE'), 'recovery: the panel re-reads at once');
  } finally {
    demo.sim.fault('sentry', { kind: 'none' });
    app.unmount();
  }
});

test('the live loop, against a hanging backend, ends each cycle at its deadline and runs the next, never two at once', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const now = () => demo.clock.now();
  const poller = new Poller(config, sources, { now, random: () => 0 });
  const cycle = poller.cycle.bind(poller);
  let inflight = 0;
  let most = 0;
  poller.cycle = async (onProgress) => {
    most = Math.max(most, ++inflight);
    try {
      return await cycle(onProgress);
    } finally {
      inflight--;
    }
  };
  demo.sim.fault('prometheus', { kind: 'hang' });
  const app = renderWithProviders(
    <WatchApp
      journal={progressJournal}
      config={config}
      poller={poller}
      panels={new PanelFetcher(config, sources, now)}
      intervalMs={100}
      deployAt={DEPLOY}
      tickMs={0}
    />,
    { columns: 110, rows: 34, clock: { now, rate: 1 } },
  );
  try {
    const f = await frameWhere(app.lastFrame, (x) => /prometheus ● down/.test(x), 'prometheus down', 10_000);
    assert.match(f, /prometheus ● down \(timeout after 0\.4s/);
    // Backing off, prometheus is not asked again at once; the loop still turns, one cycle at a time.
    const seen = poller.cycles;
    await frameWhere(
      () => String(poller.cycles),
      () => poller.cycles >= seen + 3,
      'three more cycles',
      10_000,
    );
    assert.equal(most, 1);
  } finally {
    demo.sim.fault('prometheus', { kind: 'none' });
    app.unmount();
  }
});

test('Enter opens the SLO detail, Esc goes back, ? shows help, q quits', async () => {
  demo.clock.set(DEPLOY + 16.5 * MIN);
  let quit = false;
  const app = mount(undefined, () => (quit = true));
  try {
    await frameWhere(app.lastFrame, (x) => x.includes('SLO-006'), 'first frame');
    await press(app.stdin, KEYS.enter);
    let f = await frameWhere(app.lastFrame, (x) => x.includes('objective  < 500ms'), 'detail');
    assert.match(f, /SLO-001 Task list query p95 WARN/);
    assert.match(f, /query {6}prometheus: histogram_quantile\(0\.95, sum by \(le\) \(rate\(task_query_duration_seconds_bucket\[1m\]\)\)\)/);
    assert.match(f, /critical {3}> 1s for 2m/);
    assert.match(f, /█/, 'a chart of the raw series');
    assert.match(f, /\? help {2}q quit {2}Esc back/, "the detail's own footer");
    await press(app.stdin, '?');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Keys'), "the detail's help");
    assert.match(f, /Esc +back to the dashboard/);
    assert.doesNotMatch(f, /move focus between panels/, "the dashboard keys are not the detail's");
    await press(app.stdin, KEYS.escape);
    await frameWhere(app.lastFrame, (x) => x.includes('objective  < 500ms'), 'the detail again');
    await press(app.stdin, KEYS.escape);
    f = await frameWhere(app.lastFrame, (x) => x.includes('Alerts ('), 'back to the dashboard');
    await press(app.stdin, '?');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Keys'), 'help');
    assert.match(f, /q, Ctrl-C +quit/);
    await press(app.stdin, '?');
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, 'i');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Playbooks'), 'playbook picker');
    assert.match(f, /› high-error-rate/, "preselected on the focused alert's playbook");
    await press(app.stdin, KEYS.escape);
    await press(app.stdin, 'c');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Hour 1: First hour'), 'checks');
    assert.match(f, /│ ✗ fail +│ Task query performance \(p95 < 500ms\) │ SLO-001 /);
    await press(app.stdin, 'q');
    await frameWhere(
      () => (quit ? 'quit' : ''),
      (x) => x === 'quit',
      'quit',
    );
  } finally {
    app.unmount();
  }
});

test('80x24 with 30 SLOs: the frame stays within 24 lines and the table scrolls to the selection', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const full = config;
  config = { ...full, slos: Array.from({ length: 5 }, (_, k) => full.slos.map((s) => ({ ...s, id: `${'ABCDE'[k]}${s.id.slice(3)}` }))).flat() };
  const app = mount({ width: 80, height: 24 });
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('A-001'), 'the first frame with data');
    assert.ok(f.split('\n').length <= 24, `${f.split('\n').length} lines:\n${f}`);
    assert.match(f, /^practice-hub · production · deployed 5m ago/);
    assert.match(f, /rows 1–\d+ of 30/);
    for (let i = 0; i < 29; i++) await press(app.stdin, KEYS.down);
    f = await frameWhere(app.lastFrame, (x) => x.includes('›E-006'), 'the last SLO selected');
    assert.ok(f.split('\n').length <= 24);
    assert.match(f, /rows \d+–30 of 30/);
    assert.doesNotMatch(f, /A-001/);
  } finally {
    app.unmount();
    config = full;
  }
});

test('tiny terminals get a message, not a crash', async () => {
  const app = mount({ width: 40, height: 10 });
  try {
    const f = await frameWhere(app.lastFrame, (x) => x.length > 0, 'a frame');
    // Wrapped by the 40-column terminal itself, as a real one would.
    assert.equal(f.split('\n').join(' '), 'terminal too small: need 60x16, have 40x10 (q quits)');
    for (const line of f.split('\n')) assert.ok(line.length <= 40, line);
  } finally {
    app.unmount();
  }
});

test('c opens the checklist of the current round inside watch; ticks land on disk; Esc comes back', async () => {
  demo.clock.set(DEPLOY + 70 * MIN);
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-watch-check-')), 'round.jsonl');
  const app = mount(undefined, undefined, file);
  try {
    await frameWhere(app.lastFrame, (x) => x.includes('SLO-006'), 'first frame');
    await press(app.stdin, 'c');
    let f = await frameWhere(app.lastFrame, (x) => x.includes('hour 2: Hours 2-6'), 'the checklist');
    // 110 columns: 109 - 15 (result) - 6 leaves 88 for check and detail; the check gets half, 44.
    assert.match(f, /│ › ☐ manual {2}│ Review the Production Health Overview dashb… │ {46}│/);
    assert.match(f, /Esc back/);
    // The checklist starts listening for keys once it has mounted.
    await new Promise((r) => setTimeout(r, 100));
    await press(app.stdin, ' ');
    await frameWhere(app.lastFrame, (x) => x.includes('│ › ☑ done '), 'ticked');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8').trim()), {
      t: JSON.parse(readFileSync(file, 'utf8').trim()).t,
      kind: 'tick',
      key: '0:',
      done: true,
    });
    await press(app.stdin, KEYS.escape);
    f = await frameWhere(app.lastFrame, (x) => x.includes('Alerts ('), 'back on the dashboard');
    // As the checklist above, the dashboard's key handler is attached after the frame that shows it.
    await new Promise((r) => setTimeout(r, 100));
    await press(app.stdin, 'j');
    await frameWhere(app.lastFrame, (x) => /›SLO-002/.test(x), 'the dashboard has the keys again');
  } finally {
    app.unmount();
  }
});
