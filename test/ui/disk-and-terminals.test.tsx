// The screens when the disk refuses a write (a filled tmpfs: needs root), and
// two terminals on one incident: what is not saved says so and stays off the
// screen, and one postmortem holds what both terminals wrote.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Config, Playbook } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import { slotAt } from '../../src/engine/schedule.js';
import { incidentDeps } from '../../src/incident/deps.js';
import { Poller } from '../../src/poller/poller.js';
import { progressJournal, timelineJournal } from '../../src/runtime/journals.js';
import type { AnySource } from '../../src/sources/index.js';
import { startIncident } from '../../src/store/incident-files.js';
import { loadIncident } from '../../src/store/timeline.js';
import { CheckApp } from '../../src/ui/CheckApp.js';
import { IncidentApp } from '../../src/ui/IncidentApp.js';
import { DEPLOY, MIN, stoppedDemoWithSources } from '../helpers/demo.js';
import { frameWhere, KEYS, press } from '../helpers/frames.js';
import { type FullDisk, tmpfsDisk } from '../helpers/full-disk.js';
import { renderWithProviders } from '../helpers/render.js';

const PAGE = 4096;
let demo: Demo;
let config: Config;
let sources: Map<string, AnySource>;
let playbook: Playbook;
let close: () => Promise<void>;
const disks: FullDisk[] = [];
before(async () => {
  ({ demo, config, sources, close } = await stoppedDemoWithSources());
  playbook = config.playbooks.find((p) => p.id === 'docuseal')!;
});
after(async () => {
  disks.forEach((d) => d.close());
  await close();
});
function disk(): FullDisk {
  const d = tmpfsDisk();
  disks.push(d);
  return d;
}

const now = () => demo.clock.now();
/** The frame as one line, wherever the terminal wraps it (a long path does). */
const flat = (f: string | undefined) => (f ?? '').replace(/ *\n */g, ' ');
const flatFrame = (app: { lastFrame: () => string | undefined }) => () => flat(app.lastFrame());
const kinds = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).kind as string);

function incidentApp(file: string) {
  const deps = incidentDeps(config, playbook, new Poller(config, sources, { now }), sources, demo.env, now);
  return renderWithProviders(
    <IncidentApp
      config={config}
      playbook={playbook}
      incident={loadIncident(file)!}
      deps={{ ...deps, copy: () => undefined, timeline: timelineJournal }}
      env={demo.env}
      exec
      width={200}
      tickMs={0}
    />,
    { columns: 200, clock: { now, rate: 1 } },
  );
}

function open(dir: string): string {
  const s = startIncident(dir, { t: now(), kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  assert.ok(s.ok);
  return s.file;
}

test('check on a full disk: the tick is NOT saved and not shown; once there is room it is', async () => {
  const d = disk();
  demo.clock.set(DEPLOY + 65 * MIN);
  const file = join(d.dir, 'round.jsonl');
  const slot = slotAt(config.schedule, 60 * MIN)!;
  const poller = new Poller(config, sources, { now });
  const ctx = {
    service: config.service,
    hour: 2,
    phase: slot.phase,
    slotIndex: slot.index,
    deploy: { id: 'd1', at: DEPLOY, release: 'v42' },
    next: null,
    elapsedMs: 65 * MIN,
  };
  d.fill();
  const app = renderWithProviders(<CheckApp config={config} poller={poller} ctx={ctx} progressFile={file} journal={progressJournal} />, {
    columns: 200,
    clock: { now, rate: 1 },
  });
  try {
    await frameWhere(app.lastFrame, (x) => x.includes('passed'), 'verdicts');
    await press(app.stdin, ' ');
    let f = await frameWhere(flatFrame(app), (x) => x.includes('NOT saved'), 'the refusal');
    assert.ok(f.includes(`NOT saved: the tick: cannot write ${file}: no space left on device (ENOSPC)`), f);
    assert.match(f, /│ › ☐ manual +│ Review the Production Health Overview dashboard +│/);
    assert.match(f, /1 manual remaining/);
    assert.equal(existsSync(file), false);
    d.free();
    await press(app.stdin, ' ');
    f = await frameWhere(app.lastFrame, (x) => x.includes('☑ done'), 'ticked once there is room');
    assert.doesNotMatch(f, /NOT saved/);
    assert.deepEqual(kinds(file), ['tick']);
  } finally {
    app.unmount();
  }
});

test('incident on a full disk: no postmortem, no `resolved`; a refused step mark says so; with room R resolves', async () => {
  const d = disk();
  demo.clock.set(DEPLOY + 14 * MIN);
  const file = open(d.dir);
  const md = file.replace(/\.jsonl$/, '.md');
  const app = incidentApp(file);
  try {
    await frameWhere(app.lastFrame, (x) => / -> \d{3} in \d+ms/.test(x), 'the probes');
    await frameWhere(
      () => (kinds(file).includes('snapshot') ? 'y' : ''),
      (x) => x === 'y',
      'the opening snapshot',
    );
    // The timeline's page still has room for small events; a new postmortem file has none.
    d.fill();
    await press(app.stdin, 'R');
    await press(app.stdin, 'y');
    let f = await frameWhere(flatFrame(app), (x) => x.includes('NOT resolved'), 'the refusal at resolve');
    assert.ok(f.includes(`NOT resolved, no postmortem written: cannot write ${md}: no space left on device (ENOSPC)`), f);
    assert.match(f, /The incident stays open; R to try again once the disk has room/);
    assert.equal(existsSync(md), false);
    assert.ok(!kinds(file).includes('resolved'));

    // Now the timeline's page is full too: a step mark is refused and not shown.
    const before = readFileSync(file);
    writeFileSync(file, Buffer.concat([before, Buffer.alloc(PAGE - (before.length % PAGE), 0x0a)]));
    const padded = readFileSync(file);
    await press(app.stdin, ' ');
    f = await frameWhere(flatFrame(app), (x) => x.includes('NOT saved: the step mark'), 'the refused mark');
    assert.ok(f.includes(`NOT saved: the step mark: cannot write ${file}: no space left on device (ENOSPC)`), f);
    assert.doesNotMatch(f, /✓ 1\. DocuSeal health endpoint/);
    assert.deepEqual(readFileSync(file), padded);

    d.free();
    demo.clock.set(DEPLOY + 20 * MIN);
    await press(app.stdin, 'R');
    await press(app.stdin, 'y');
    f = await frameWhere(flatFrame(app), (x) => x.includes('Postmortem draft:'), 'resolved once there is room');
    assert.ok(f.includes(`Resolved. Postmortem draft: ${md}`), f);
    assert.equal(kinds(file).filter((k) => k === 'resolved').length, 1);
    assert.match(readFileSync(md, 'utf8'), /\n- Duration: 6m\n/);
  } finally {
    app.unmount();
  }
});

test('two terminals on one incident: one postmortem with both notes; the second R adds nothing', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const file = open(mkdtempSync(join(tmpdir(), 'oncall-two-')));
  const md = file.replace(/\.jsonl$/, '.md');
  const a = incidentApp(file);
  const b = incidentApp(file);
  try {
    await frameWhere(a.lastFrame, (x) => x.includes('-> 200'), 'A probes');
    await frameWhere(b.lastFrame, (x) => x.includes('-> 200'), 'B probes');
    const note = async (app: typeof a, text: string) => {
      await press(app.stdin, 'n');
      for (const ch of text) await press(app.stdin, ch);
      await press(app.stdin, KEYS.enter);
    };
    await note(a, 'seen from A');
    await note(b, 'seen from B');
    demo.clock.set(DEPLOY + 17 * MIN);
    await press(a.stdin, 'R');
    await press(a.stdin, 'y');
    await frameWhere(flatFrame(a), (x) => x.includes(`Resolved. Postmortem draft: ${md}`), 'A resolved');
    const written = readFileSync(md, 'utf8');
    assert.match(written, /Note on DocuSeal health endpoint: seen from A\n.*Note on DocuSeal health endpoint: seen from B\n/);
    assert.match(written, /\n- Duration: 12m\n/);

    demo.clock.set(DEPLOY + 19 * MIN);
    await press(b.stdin, 'R');
    await press(b.stdin, 'y');
    await frameWhere(flatFrame(b), (x) => x.includes(`Already resolved; postmortem written again from the timeline: ${md}`), 'B finds it resolved');
    assert.equal(readFileSync(md, 'utf8'), written, 'the same postmortem, byte for byte');
    assert.equal(kinds(file).filter((k) => k === 'resolved').length, 1);
  } finally {
    a.unmount();
    b.unmount();
  }
});
