// The checklist over the simulator: ticking, noting, the reason behind a
// failure with its playbook, and resuming a round from disk.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Config } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import { slotAt } from '../../src/engine/schedule.js';
import { Poller } from '../../src/poller/poller.js';
import { progressJournal } from '../../src/runtime/journals.js';
import type { AnySource } from '../../src/sources/index.js';
import { CheckApp } from '../../src/ui/CheckApp.js';
import { footerText, KEYMAP } from '../../src/ui/keys.js';
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

function mount(file: string, minutes: number, hour: number, columns = 140, rows = 24) {
  demo.clock.set(DEPLOY + minutes * MIN);
  const slot = slotAt(config.schedule, (hour - 1) * 60 * MIN)!;
  const poller = new Poller(config, sources, { now: () => demo.clock.now() });
  let quit = false;
  const app = renderWithProviders(
    <CheckApp
      config={config}
      poller={poller}
      ctx={{
        service: config.service,
        hour,
        phase: slot.phase,
        slotIndex: slot.index,
        deploy: { id: 'd1', at: DEPLOY, release: 'v42' },
        next: null,
        elapsedMs: minutes * MIN,
      }}
      progressFile={file}
      journal={progressJournal}
      onQuit={() => (quit = true)}
    />,
    { columns, rows, clock: { now: () => demo.clock.now(), rate: 1 } },
  );
  return { app, quitted: () => quit };
}

test('hour 2 of a healthy deploy: live verdicts, Space ticks, n notes, and a re-open resumes', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-check-')), 'round.jsonl');
  const { app, quitted } = mount(file, 5, 2);
  let f = await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
  assert.match(f, /^practice-hub · hour 2: Hours 2-6 \(every 1h, round 1, deploy v42\)/);
  assert.match(f, /^│ Result +│ Check +│ Detail +│$/m, 'no note yet, no note column');
  assert.match(f, /│ › ☐ manual +│ Review the Production Health Overview dashboard │ +│/);
  assert.match(f, /│ {3}✓ pass +│ SLO validation \(all green\) +│ SLO-001 Task list query p95 = \d+ms \(objective < 500ms\) +│/);
  assert.match(f, /│ {3}✓ pass +│ No critical alerts triggered +│ sentry-error-spike ok: \d+, condition > 50 in 5m not met +│/);
  assert.match(f, /8 passed · 0 failed · 0 unknown · 1 manual remaining/);
  await press(app.stdin, ' ');
  f = await frameWhere(app.lastFrame, (x) => x.includes('☑ done'), 'ticked');
  assert.match(f, /│ › ☑ done +│ Review the Production Health Overview dashboard │/);
  assert.match(f, /0 manual remaining/);
  await press(app.stdin, 'n');
  for (const ch of 'all green') await press(app.stdin, ch);
  await press(app.stdin, KEYS.enter);
  f = await frameWhere(app.lastFrame, (x) => x.includes('all green │'), 'note shown');
  assert.match(f, /^│ Result +│ Check +│ Detail +│ Note +│$/m, 'a note column once there is a note');
  assert.match(f, /│ › ☑ done +│ Review the Production Health Overview dashboard │ +│ all green │/);
  await press(app.stdin, 'q');
  await frameWhere(
    () => (quitted() ? 'quit' : ''),
    (x) => x === 'quit',
    'quit',
  );
  app.unmount();
  assert.deepEqual(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind),
    ['tick', 'note'],
    'on disk as they happened',
  );

  const again = mount(file, 6, 2);
  f = await frameWhere(again.app.lastFrame, (x) => x.includes('passed'), 'resumed');
  assert.match(f, /│ › ☑ done +│ Review the Production Health Overview dashboard │ +│ all green │/);
  await press(again.app.stdin, ' ');
  await frameWhere(again.app.lastFrame, (x) => x.includes('☐ manual') && x.includes('1 manual remaining'), 'untick');
  again.app.unmount();
});

test('during the incident: failures, and Enter shows why and the playbook to open', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-check-')), 'round.jsonl');
  const { app } = mount(file, 16.5, 1);
  let f = await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
  assert.match(f, /hour 1: First hour \(every 15m, round 1/);
  assert.match(f, /│ › ✗ fail +│ Sentry error rate under 10\/minute +│ sentry-error-spike firing: \d+ > 50 in 5m/);
  assert.match(f, /│ {3}✗ fail +│ Task query performance \(p95 < 500ms\) +│ SLO-001 Task list query p95 = 1\.\d+s \(objective < 500ms\)/);
  assert.match(f, /│ {3}✗ fail +│ DocuSeal API error rate under 1% +│ SLO-005 DocuSeal API availability = [\d.]+% errors/);
  assert.match(f, /│ {3}✓ pass +│ Authentication success rate over 99% +│/);
  assert.match(f, /1 passed · 3 failed · 0 unknown · 0 manual remaining/);
  await press(app.stdin, KEYS.enter);
  f = await frameWhere(app.lastFrame, (x) => x.includes('Playbook:'), 'why');
  assert.match(f, /Playbook: high-error-rate — run: oncall incident high-error-rate/);
  await press(app.stdin, KEYS.escape);
  await press(app.stdin, 'j');
  await press(app.stdin, 'j');
  await press(app.stdin, KEYS.enter);
  f = await frameWhere(app.lastFrame, (x) => x.includes('Playbook:'), 'why for the SLO');
  assert.match(f, /Playbook: docuseal — run: oncall incident docuseal/);
  app.unmount();
});

/** The frame as one line, wherever the terminal wraps it. */
const flat = (f: string) => f.replace(/ *\n */g, ' ');

test("the footer is the keymap's; ? lists the checklist's keys, Esc closes it, / filters the list", async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-check-')), 'round.jsonl');
  const { app } = mount(file, 16.5, 1);
  let f = await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
  assert.ok(flat(f).endsWith(`${footerText(KEYMAP.check)} (ticks and notes are saved as you go)`), f);
  await press(app.stdin, '?');
  f = await frameWhere(app.lastFrame, (x) => x.includes('Keys'), 'help');
  for (const b of KEYMAP.check) assert.ok(f.includes(b.help), b.help);
  assert.doesNotMatch(f, /Sentry error rate under/, 'the help replaces the list');
  await press(app.stdin, KEYS.escape);
  f = await frameWhere(app.lastFrame, (x) => x.includes('Sentry error rate under'), 'the list again');
  for (const ch of '/docuseal') await press(app.stdin, ch);
  f = await frameWhere(app.lastFrame, (x) => x.includes('/docuseal▏ (Enter keeps the filter, Esc clears it)'), 'typing the filter');
  await press(app.stdin, KEYS.enter);
  f = await frameWhere(app.lastFrame, (x) => x.includes(' /docuseal') && !x.includes('▏'), 'the filter kept');
  assert.match(f, /│ › ✗ fail +│ DocuSeal API error rate under 1% +│/, 'the one check shown is selected');
  assert.doesNotMatch(f, /Sentry error rate under|Authentication success/);
  await press(app.stdin, KEYS.enter);
  f = await frameWhere(app.lastFrame, (x) => x.includes('Playbook:'), 'why');
  assert.match(f, /Playbook: docuseal — run: oncall incident docuseal/);
  assert.ok(flat(f).endsWith(footerText(KEYMAP['check.why'])), f);
  app.unmount();
});

test('a source that is down makes its checks unknown, never passed', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-check-')), 'round.jsonl');
  demo.sim.fault('prometheus', { kind: 'reset' });
  try {
    const { app } = mount(file, 5, 2);
    const f = await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
    assert.match(f, /│ {3}\? unknown +│ SLO validation \(all green\) +│ SLO-001 Task list query p95 = — \(objective < 500ms\): prometheus: un/);
    assert.match(f, /│ {3}✓ pass +│ No critical alerts triggered +│ sentry-error-spike ok/, 'Sentry still answers');
    assert.match(f, /2 passed · 0 failed · 6 unknown/);
    app.unmount();
  } finally {
    demo.sim.fault('prometheus', { kind: 'none' });
  }
});

test('at 60x16 the checklist fits from its title down, and its rows scroll with the selection', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-check-')), 'round.jsonl');
  const { app } = mount(file, 5, 2, 60, 16);
  let f = await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
  // The title 1 line; the summary (82 characters) 2 and the footer 2 in 59 columns: 11 left for the
  // table, 4 of them its frame, so 6 checks of the 9 and the line saying which.
  const lines = f.split('\n');
  assert.equal(lines.length, 16, f);
  assert.equal(lines[0], 'practice-hub · hour 2: Hours 2-6 (every 1h, round 1, deploy…');
  assert.match(lines[4], /^│ › ☐ manual +│ Review the Product… │/);
  assert.equal(lines[11], '  rows 1–6 of 9 (↑/↓ scroll)');
  assert.deepEqual(lines.slice(12, 14), ['8 passed · 0 failed · 0 unknown · 1 manual remaining', 'no further checks scheduled']);
  assert.deepEqual(lines.slice(14), ['↑↓ move  Space tick  n note  Enter why  r re-run  / filter', '? help  q quit (ticks and notes are saved as you go)']);
  for (let i = 0; i < 8; i++) await press(app.stdin, 'j');
  f = await frameWhere(app.lastFrame, (x) => x.includes('rows 4–9 of 9'), 'scrolled to the last check');
  assert.match(f.split('\n')[9], /^│ › ✓ pass +│ SLO validation \(al… │ SLO-006 /);
  app.unmount();
});
