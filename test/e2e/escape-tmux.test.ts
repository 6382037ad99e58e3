// The escape payloads on the live screens, in a real terminal: tmux keeps what
// reached it, and capture-pane -e shows every attribute and link as escapes.
// Only the app's own SGR colours may be there; the payloads show as text (␛).

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mdText } from '../../src/text/markdown.js';
import { escapeBackend, escapeConfig } from '../helpers/escape-backend.js';
import { foreignEscapes, jsonStrings, literal, SHOWN, unsafeIn } from '../helpers/escape-payloads.js';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const server = await escapeBackend();
after(() => server.close());
const dir = mkdtempSync(join(tmpdir(), 'oncall-escape-e2e-'));
const config = escapeConfig(server.url, dir);

test('watch: log lines, stream labels, Sentry issues and errors reach the screen as visible text only', async () => {
  const tty = new TmuxSession(`oncall-escape-watch-${process.pid}`);
  try {
    tty.start(200, 50, `${process.execPath} ${CLI} watch --config ${config}`);
    // The Sentry issue and both log lines: each starts with the payload, so each shows the link made visible.
    const screen = await tty.screenWhere((s) => s.split(SHOWN).length - 1 >= 3 && s.includes('PUMP-1␛[8mHIDDEN'), 'the Sentry issue and the log lines');
    assert.match(screen, new RegExp(`PUMP-1␛\\[8mHIDDEN␛\\[28m ${literal(SHOWN)}`));
    assert.match(screen, new RegExp(`ERROR ${literal(SHOWN)}`));
    const raw = tty.screenWithEscapes();
    assert.deepEqual(foreignEscapes(raw), [], "no escape but the app's own colours");
    assert.ok(raw.includes('\x1b['), "the capture does keep the app's colours: the check above saw escapes");
  } finally {
    tty.kill();
  }
});

test('incident: probes, command output, timeline and postmortem hold the payloads only as visible text', async () => {
  const tty = new TmuxSession(`oncall-escape-incident-${process.pid}`);
  try {
    tty.start(200, 40, `${process.execPath} ${CLI} incident hostile --config ${config}`);
    await tty.screenWhere((s) => s.includes('sentry: query rejected') && s.includes('loki: query rejected'), 'the probes');
    for (let i = 0; i < 4; i++) await tty.keys('j');
    await tty.keys('x');
    await tty.keys('y');
    // The command printed the payload, then a line with a tab and the link: the last line is what the screen says.
    const ran = await tty.screenWhere((s) => s.includes('exit 0: second line'), 'the command output');
    assert.ok(ran.includes(`exit 0: second line     ${SHOWN}`), 'the tab expanded, the link made visible');
    assert.deepEqual(foreignEscapes(tty.screenWithEscapes()), [], 'the incident screen');
    await tty.keys('R');
    await tty.keys('y');
    await tty.screenWhere((s) => s.includes('Postmortem draft:'), 'the postmortem written');
  } finally {
    tty.kill();
  }
  const files = readdirSync(join(dir, 'incidents'));
  const md = readFileSync(join(dir, 'incidents', files.find((f) => f.endsWith('.md'))!), 'utf8');
  assert.deepEqual(unsafeIn(md), [], 'the postmortem');
  // Markdown escaped on top, so that it renders as the text (test/unit/markdown-gate.test.ts).
  assert.ok(md.includes(mdText(`Rejected SLO: S2 — STALE: prometheus: query rejected (http 400): bad_data: ${SHOWN}`)), md);
  assert.ok(md.includes(mdText(`Loki probe: loki: query rejected (http 400): parse error at line 1, col 11: ${SHOWN}`)));
  const timeline = readFileSync(join(dir, 'incidents', files.find((f) => f.endsWith('.jsonl'))!), 'utf8');
  assert.deepEqual(unsafeIn(timeline), [], 'the timeline file');
  const events = timeline
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  for (const s of jsonStrings(events)) assert.deepEqual(unsafeIn(s), [], 'a timeline string');
  const run = events.find((e) => e.kind === 'run');
  assert.ok(run.output.startsWith(`${SHOWN}␛]8;;␛\\ ␛]52;c;`), 'the output, its first line made visible');
  assert.ok(run.output.endsWith(`\nsecond line     ${SHOWN}␛]8;;␛\\\n`), 'its lines kept');
});
