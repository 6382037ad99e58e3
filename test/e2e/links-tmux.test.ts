// `o` in a real terminal: a fake xdg-open on PATH (a script this test writes)
// records what it is given, and oncall must hand it exactly the link; with no
// opener on PATH the link is shown on the screen instead.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const sessions: TmuxSession[] = [];
after(() => {
  for (const s of sessions) s.kill();
});

// Prometheus at a port nothing listens on: the SLO is STALE, its chart has no
// points, so its graph link covers the hour before now (range_input=1h).
const CONFIG = `version: 1
service: links-e2e
sources:
  prometheus:
    url: http://127.0.0.1:9
    timeout: 1s
slos:
  - id: SLO-1
    name: API up
    source: prometheus
    query: up{job="api"}
    objective: ">= 1"
    runbook: https://runbooks.example.com/api-up#first-steps
`;

function setup(withOpener: boolean): { dir: string; bin: string; config: string; opened: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-links-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const opened = join(dir, 'opened');
  if (withOpener) {
    // One line per call: how many arguments, then each on its own line.
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$#" >> '${opened}'\nfor a in "$@"; do printf '%s\\n' "$a" >> '${opened}'; done\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
  }
  const config = join(dir, 'oncall.yaml');
  writeFileSync(config, CONFIG);
  return { dir, bin, config, opened };
}

function start(name: string, s: ReturnType<typeof setup>): TmuxSession {
  const tty = new TmuxSession(`${name}-${process.pid}`);
  sessions.push(tty);
  // Only the test's bin on PATH, and no SSH session: the opener is the script or nothing.
  tty.start(
    120,
    30,
    `/usr/bin/env -u SSH_CONNECTION -u SSH_TTY -u WSL_DISTRO_NAME -u WSL_INTEROP -u DISPLAY -u WAYLAND_DISPLAY PATH=${s.bin} ${process.execPath} ${CLI} watch -c ${s.config} --state-dir ${join(s.dir, 'state')}; sleep 60`,
  );
  return tty;
}

async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('o on an SLO opens a menu of its runbook and graph; Enter runs xdg-open with exactly the runbook URL', async () => {
  const s = setup(true);
  const tty = start('oncall-links-open', s);
  await tty.screenWhere((x) => x.includes('SLO-1') && /STALE|UNKNOWN|NO DATA/.test(x), 'the SLO after the first cycle');
  await tty.keys('o');
  let screen = await tty.screenWhere((x) => x.includes('Open a link of'), 'the link menu');
  assert.match(screen, /› runbook {4}https:\/\/runbooks\.example\.com\/api-up#first-steps/);
  assert.match(screen, / {2}Prometheus http:\/\/127\.0\.0\.1:9\/graph\?g0\.expr=up%7Bjob%3D%22api%22%7D&g0\.tab=0&g0\.range_input=1h&g0\.end_input=/);
  await tty.keys('Enter');
  await until(() => existsSync(s.opened) && readFileSync(s.opened, 'utf8').split('\n').length >= 3, 'xdg-open to be run');
  assert.equal(readFileSync(s.opened, 'utf8'), '1\nhttps://runbooks.example.com/api-up#first-steps\n');
  screen = await tty.screenWhere((x) => x.includes('opened the runbook link with xdg-open'), 'the line saying so');

  // The second entry: the graph, one argument, its query percent-encoded as written by hand above.
  await tty.keys('o');
  await tty.screenWhere((x) => x.includes('Open a link of'), 'the link menu again');
  await tty.keys('Down');
  await tty.keys('Enter');
  await until(() => readFileSync(s.opened, 'utf8').split('\n').length >= 5, 'xdg-open to be run again');
  const [, , count, url] = readFileSync(s.opened, 'utf8').split('\n');
  assert.equal(count, '1');
  assert.match(
    url,
    /^http:\/\/127\.0\.0\.1:9\/graph\?g0\.expr=up%7Bjob%3D%22api%22%7D&g0\.tab=0&g0\.range_input=1h&g0\.end_input=\d{4}-\d\d-\d\d%20\d\d%3A\d\d%3A\d\d$/,
  );
  await tty.keys('q');
});

test('with no opener on PATH, o shows the link on the screen instead', async () => {
  const s = setup(false);
  const tty = start('oncall-links-none', s);
  await tty.screenWhere((x) => x.includes('SLO-1') && /STALE|UNKNOWN|NO DATA/.test(x), 'the SLO after the first cycle');
  await tty.keys('o');
  await tty.screenWhere((x) => x.includes('Open a link of'), 'the link menu');
  await tty.keys('Enter');
  const screen = await tty.screenWhere((x) => x.includes('no xdg-open on PATH'), 'the link shown');
  assert.match(screen, /no xdg-open on PATH; the runbook link: https:\/\/runbooks\.example\.com\/api-up#first-steps/);
  assert.equal(existsSync(s.opened), false);
  await tty.keys('q');
});
