// The incident walk over the simulator with DocuSeal down: live probes, step
// marks, notes, severity, cause, resolution, a confirmed command, the
// postmortem, and a secret that never leaves the screen unmasked.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Config, Playbook } from '../../src/config/types.js';
import type { Demo } from '../../src/demo/run.js';
import { incidentDeps } from '../../src/incident/deps.js';
import { Poller } from '../../src/poller/poller.js';
import { timelineJournal } from '../../src/runtime/journals.js';
import type { AnySource } from '../../src/sources/index.js';
import { startIncident } from '../../src/store/incident-files.js';
import { appendEvent, loadIncident } from '../../src/store/timeline.js';
import { IncidentApp } from '../../src/ui/IncidentApp.js';
import { footerText, KEYMAP } from '../../src/ui/keys.js';
import { DEPLOY, MIN, stoppedDemoWithSources } from '../helpers/demo.js';
import { frameWhere, KEYS, press } from '../helpers/frames.js';
import { renderWithProviders } from '../helpers/render.js';

const SECRET = 'sk_live_4f9d2c7e1b';
let demo: Demo;
let config: Config;
let sources: Map<string, AnySource>;
let playbook: Playbook;
let close: () => Promise<void>;
before(async () => {
  ({ demo, config, sources, close } = await stoppedDemoWithSources());
  const base = config.playbooks.find((p) => p.id === 'docuseal')!;
  // The seed's steps, plus a command that prints the key, to prove its output is masked too.
  playbook = { ...base, steps: [...base.steps, { kind: 'run', title: 'Show the key in use', command: 'echo "using $DOCUSEAL_API_KEY for $DOCUSEAL_HOST"' }] };
});
after(() => close());

function mount(file: string, runs: string[] = []) {
  const env = { ...demo.env, DOCUSEAL_API_KEY: SECRET };
  const now = () => demo.clock.now();
  const poller = new Poller(config, sources, { now });
  const deps = { ...incidentDeps(config, playbook, poller, sources, env, now), timeline: timelineJournal };
  const counted = { ...deps, run: (c: string) => (runs.push(c), deps.run(c)), copy: () => undefined };
  return renderWithProviders(
    <IncidentApp config={config} playbook={playbook} incident={loadIncident(file)!} deps={counted} env={env} exec width={160} tickMs={0} />,
    { columns: 160, clock: { now, rate: 1 } },
  );
}

function open(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-incident-'));
  const s = startIncident(dir, { t: demo.clock.now(), kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  assert.ok(s.ok);
  return s.file;
}

const kinds = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).kind);

test('DocuSeal down: the walk, a confirmed command, and the postmortem', async () => {
  demo.clock.set(DEPLOY + 14 * MIN);
  demo.sim.fault('docuseal', { kind: '5xx' });
  const file = open();
  const runs: string[] = [];
  const app = mount(file, runs);
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('-> 503'), 'the health probe result');
    assert.match(f, /^DocuSeal API errors \(>10% error rate\) \(docuseal\)\nP2 High - degraded service, respond within 30m · open 0s · 30m left to respond/);
    assert.match(f, /1\. DocuSeal health endpoint .*\n +GET http:\/\/127\.0\.0\.1:\d+\/health -> 503 in \d+ms ✗ \(expected 200\)/);
    assert.match(f, /SLO-005 2\d(\.\d+)?% CRIT/);
    assert.match(f, /docuseal-errors FIRING: \d+ > 10 in 5m/);
    assert.match(
      f,
      /4\. Test the API key \$ curl -sS -H "X-Auth-Token: \$DOCUSEAL_API_KEY" "\$DOCUSEAL_HOST\/api\/sub/,
      'the names, not the values, cut at the screen edge',
    );
    assert.doesNotMatch(f, new RegExp(SECRET));

    await press(app.stdin, ' ');
    await press(app.stdin, 'n');
    for (const ch of 'health 503') await press(app.stdin, ch);
    await press(app.stdin, KEYS.enter);
    await press(app.stdin, 'j');
    await press(app.stdin, 'f');
    await press(app.stdin, 's');
    await press(app.stdin, KEYS.up);
    await press(app.stdin, KEYS.enter);
    f = await frameWhere(app.lastFrame, (x) => x.includes('P1 Critical - service down, respond within 15m'), 'severity raised');
    assert.match(f, /✓ 1\. DocuSeal health endpoint/);
    assert.match(f, /✗ 2\. DocuSeal API error rate/);

    // Step 6 prints the key: x asks first; anything but y cancels, y runs it.
    for (let i = 0; i < 4; i++) await press(app.stdin, 'j');
    await press(app.stdin, 'x');
    await frameWhere(app.lastFrame, (x) => x.includes('Run `echo "using $DOCUSEAL_API_KEY for $DOCUSEAL_HOST"`? y runs it'), 'the confirmation, as written');
    await press(app.stdin, 'n');
    await frameWhere(app.lastFrame, (x) => x.includes('not run'), 'cancelled');
    assert.deepEqual(runs, [], 'nothing runs without y');
    await press(app.stdin, 'x');
    await press(app.stdin, 'y');
    f = await frameWhere(app.lastFrame, (x) => x.includes('exit 0: using *** for'), 'ran');
    assert.deepEqual(runs, ['echo "using $DOCUSEAL_API_KEY for $DOCUSEAL_HOST"'], 'run once, as written, the shell expanding it');

    await press(app.stdin, 'c');
    await press(app.stdin, 'j');
    await press(app.stdin, KEYS.enter);
    await press(app.stdin, 'a');
    await press(app.stdin, 'j');
    await press(app.stdin, KEYS.enter);
    await frameWhere(app.lastFrame, (x) => x.includes('Resolution: Restart the DocuSeal container'), 'cause and resolution');
    demo.sim.fault('docuseal', { kind: 'none' });
    demo.clock.set(DEPLOY + 40 * MIN);
    await press(app.stdin, 'R');
    await press(app.stdin, 'y');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Postmortem draft:'), 'resolved');
    const md = readFileSync(file.replace(/\.jsonl$/, '.md'), 'utf8');
    assert.match(md, /^# Postmortem: DocuSeal API errors \(>10% error rate\) \(\d{4}-\d\d-\d\d\)/);
    assert.match(md, /- Severity: P1 \(Critical - service down; respond within 15m\)/);
    assert.match(md, /- Duration: 26m/);
    assert.match(md, /\| SLO-005 \| 2\d(\.\d+)?% CRIT \| 0\.\d+% OK \|/);
    assert.match(md, /Note on DocuSeal health endpoint: health 503/);
    assert.match(md, /Severity P2 -> P1/);
    assert.match(md, /Ran `echo "using \$DOCUSEAL_API_KEY for \$DOCUSEAL_HOST"` \(Show the key in use\): exit 0/);
    assert.match(md, /## Root cause\n\nDocuSeal service down \(Docker container crashed\)/);
    assert.match(md, /## Resolution\n\nRestart the DocuSeal container: docker compose restart docuseal/);
    assert.match(md, /- \[ \] Rotate API keys quarterly \(with reminder\)/);
    const timeline = readFileSync(file, 'utf8');
    assert.ok(!timeline.includes(SECRET) && !md.includes(SECRET), 'the secret is in neither the timeline nor the postmortem');
    assert.match(timeline, /"output":"using \*\*\* for http/);
    assert.deepEqual(kinds(file).slice(0, 2), ['opened', 'probe']);
    assert.equal(kinds(file).at(-1), 'resolved');
  } finally {
    demo.sim.fault('docuseal', { kind: 'none' });
    app.unmount();
  }
});

test('re-opening an open incident resumes its marks, and --no-exec never runs', async () => {
  demo.clock.set(DEPLOY + 5 * MIN);
  const file = open();
  appendEvent(file, { t: demo.clock.now(), kind: 'step', step: 0, state: 'done' });
  appendEvent(file, { t: demo.clock.now(), kind: 'note', step: 0, text: 'looked at it' });
  const env = { ...demo.env, DOCUSEAL_API_KEY: SECRET };
  const now = () => demo.clock.now();
  const runs: string[] = [];
  const deps = { ...incidentDeps(config, playbook, new Poller(config, sources, { now }), sources, env, now), timeline: timelineJournal };
  const app = renderWithProviders(
    <IncidentApp
      config={config}
      playbook={playbook}
      incident={loadIncident(file)!}
      deps={{ ...deps, run: (c) => (runs.push(c), deps.run(c)) }}
      env={env}
      exec={false}
      width={160}
      tickMs={0}
    />,
    { columns: 160, clock: { now, rate: 1 } },
  );
  try {
    let f = await frameWhere(app.lastFrame, (x) => x.includes('-> 200'), 'probes');
    assert.match(f, /✓ 1\. DocuSeal health endpoint/);
    // The footer is the keymap's, however the terminal wraps it.
    assert.ok(f.replace(/ *\n */g, ' ').endsWith(footerText(KEYMAP.incident)), f);
    await press(app.stdin, '?');
    f = await frameWhere(app.lastFrame, (x) => x.includes('Keys'), 'help');
    for (const b of KEYMAP.incident) assert.ok(f.includes(b.help), b.help);
    await press(app.stdin, KEYS.escape);
    await frameWhere(app.lastFrame, (x) => x.includes('1. DocuSeal health endpoint'), 'the steps again');
    for (let i = 0; i < 3; i++) await press(app.stdin, 'j');
    await press(app.stdin, 'x');
    await frameWhere(app.lastFrame, (x) => x.includes('execution is off (--no-exec)'), 'refused');
    await press(app.stdin, 'y');
    assert.deepEqual(runs, []);
  } finally {
    app.unmount();
  }
});
