// One clock and one time zone per screen: under --demo every time the watch
// screen shows (the header's next refresh, the ages, the log lines' times,
// the alerts' "for", the detail view's "since") is on the story clock the
// test injects, and every time of day is in the screen's zone.
//
// The zone is Asia/Kolkata (UTC+05:30, no daylight saving): the machines
// that run this suite are often on UTC, where a time shown in UTC and one
// shown in the local zone look the same. DEPLOY is 2027-01-15T08:00:00Z,
// 13:30:00 in Kolkata.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import { PanelFetcher } from '../../src/poller/panels.js';
import { Poller } from '../../src/poller/poller.js';
import { progressJournal } from '../../src/runtime/journals.js';
import type { AnySource } from '../../src/sources/index.js';
import type { Health, MetricSource, Result, Series } from '../../src/sources/types.js';
import { timeOfDay } from '../../src/ui/clock.js';
import { Header } from '../../src/ui/Header.js';
import { LogsPanel } from '../../src/ui/LogsPanel.js';
import { WatchApp } from '../../src/ui/WatchApp.js';
import { DEPLOY, MIN, stoppedDemoWithSources } from '../helpers/demo.js';
import { frameWhere, KEYS, press } from '../helpers/frames.js';
import { renderWithProviders } from '../helpers/render.js';

const ZONE = 'Asia/Kolkata';

let demo: Demo;
let config: Config;
let sources: Map<string, AnySource>;
let close: () => Promise<void>;
before(async () => {
  ({ demo, config, sources, close } = await stoppedDemoWithSources());
});
after(() => close());

test('a time of day is in the zone given, 24-hour; unset, the local one', () => {
  assert.equal(timeOfDay(DEPLOY, ZONE), '13:30:00');
  assert.equal(timeOfDay(DEPLOY, 'UTC'), '08:00:00');
  assert.equal(timeOfDay(DEPLOY + 10.5 * 3_600_000 - 1_000, ZONE), '23:59:59');
  // Built from local fields, so it holds in any zone the suite runs in.
  assert.equal(timeOfDay(new Date(2026, 10, 23, 0, 5, 7).getTime()), '00:05:07');
});

test('the header and the log lines show their times in the screen zone, not UTC', () => {
  const clock = { now: () => DEPLOY, rate: 1, timeZone: ZONE };
  const header = renderWithProviders(
    <Header service="practice-hub" sinceDeployMs={0} refreshMs={15_000} nextAt={DEPLOY + 15_000} paused={false} sources={[]} slowMs={2000} />,
    { clock },
  ).lastFrame()!;
  assert.equal(header.split('\n')[0], 'practice-hub · deployed 0s ago · refresh 15s, next 13:30:15');
  const logs = renderWithProviders(
    <LogsPanel
      panel={{
        source: 'loki',
        data: [{ ns: `${(DEPLOY + 61_000) * 1e6}`, t: DEPLOY + 61_000, line: 'level=error msg="boom"', labels: { level: 'error' } }],
        error: null,
        at: DEPLOY,
      }}
      now={DEPLOY}
      focused={false}
      width={100}
      maxLines={5}
      filter=""
    />,
    { clock },
  ).lastFrame()!;
  assert.equal(logs.split('\n')[1], '    13:31:01 ERROR boom');
});

/** The watch screen as `watch --demo --speed 20` draws it: refresh 15s, so a cycle every 750 real ms. */
function watchDemo() {
  const now = () => demo.clock.now();
  return renderWithProviders(
    <WatchApp
      journal={progressJournal}
      config={config}
      poller={new Poller(config, sources, { now, random: () => 0 })}
      panels={new PanelFetcher(config, sources, now)}
      intervalMs={15_000 / 20}
      deployAt={DEPLOY}
      demoLabel="demo ×20"
      tickMs={0}
    />,
    { columns: 160, rows: 40, clock: { now, rate: 20, timeZone: ZONE } },
  );
}

test('watch --demo: the next refresh, the ages and the log times all on the story clock, in the screen zone', async () => {
  demo.clock.set(DEPLOY + 12 * MIN);
  const app = watchDemo();
  try {
    // The story is at 08:12:00Z, 13:42:00 in Kolkata; the next cycle is 750 real ms away, 15 story seconds.
    let f = await frameWhere(app.lastFrame, (x) => x.includes('next 13:42:15') && x.includes('ERROR DocuSeal'), 'the story at 12 minutes');
    assert.match(f, /^practice-hub · production · deployed 12m ago · refresh 15s, next 13:42:15 · demo ×20$/m);
    // The newest log line is the simulator's slot at story second 720: 08:12:00Z.
    const logs = f.split('\n').filter((l) => /^ {4}\d\d:\d\d:\d\d [A-Z]/.test(l));
    assert.ok(logs.length > 0, f);
    assert.match(logs[0], /^ {4}13:42:00 ERROR DocuSeal API call failed status=503/);
    for (const l of logs) assert.match(l, /^ {4}13:[34]\d:\d\d /, 'every line within the story hour, in Kolkata time');
    // Sentry's top issue was last seen 40 story seconds before now (src/demo/answer.ts), the DocuSeal alert fired this cycle.
    assert.match(f, /PRACTICE-HUB-1A .* ×16 {2}40s ago/);
    assert.match(f, /DocuSeal API failure for 0s:/);

    // A story minute later (3 real seconds at speed 20), the ages count it and the header moves with it.
    demo.clock.set(DEPLOY + 13 * MIN);
    f = await frameWhere(app.lastFrame, (x) => x.includes('next 13:43:15'), 'the story at 13 minutes');
    assert.match(f, /deployed 13m ago/);
    assert.match(f, /DocuSeal API failure for 1m:/);
  } finally {
    app.unmount();
  }
});

/** Always one series, labelled: an alert without a condition fires on it, as a Prometheus rule does. */
class OneSeries implements MetricSource {
  readonly type = 'prometheus' as const;
  constructor(readonly name: string) {}
  async instant(_q: string, at: number): Promise<Result<Series[]>> {
    return { ok: true, value: [{ labels: { instance: 'db-1' }, points: [{ t: at, v: 1 }] }] };
  }
  async range(_q: string, _start: number, end: number): Promise<Result<Series[]>> {
    return { ok: true, value: [{ labels: { instance: 'db-1' }, points: [{ t: end, v: 1 }] }] };
  }
  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: 'ready' } };
  }
  async close(): Promise<void> {}
}

test("the alert's detail counts its series' age on the screen's clock", async () => {
  const r = parseConfig(
    'version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:9" }\n' +
      'alerts:\n  - { id: db-down, name: Database down, source: prometheus, query: "up == 0" }\n',
    {},
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  let t = DEPLOY;
  const now = () => t;
  const app = renderWithProviders(
    <WatchApp
      journal={progressJournal}
      config={r.config}
      poller={new Poller(r.config, new Map([['prometheus', new OneSeries('prometheus')]]), { now })}
      intervalMs={Infinity}
      deployAt={DEPLOY}
      tickMs={0}
    />,
    { columns: 100, rows: 30, clock: { now, rate: 1, timeZone: ZONE } },
  );
  try {
    await frameWhere(app.lastFrame, (x) => x.includes('Database down for 0s'), 'the alert firing');
    // Three minutes on the injected clock, none in real time.
    t = DEPLOY + 3 * MIN;
    await press(app.stdin, 'r');
    await frameWhere(app.lastFrame, (x) => x.includes('Database down for 3m'), 'three minutes later');
    await press(app.stdin, KEYS.tab);
    await press(app.stdin, KEYS.enter);
    const f = await frameWhere(app.lastFrame, (x) => x.includes('series (1)'), 'the detail');
    // Its start as a time of day in the screen's zone too: 08:00 UTC is 13:30 in Kolkata.
    assert.match(f, /^ {2}FIRING +1 +\{instance="db-1"\} since 3m \(at 13:30:00\)$/m);
  } finally {
    app.unmount();
  }
});
