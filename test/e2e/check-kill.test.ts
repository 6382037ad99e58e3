// Ticks and notes are on disk as they happen: kill -9 between them loses none.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

const session = `oncall-kill-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is missing: install it with: sudo apt-get install -y tmux');
after(() => {
  spawnSync('tmux', ['kill-session', '-t', session]);
});

async function screenWhere(ok: (s: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (ok(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
}

const keys = async (...k: string[]) => {
  tmux('send-keys', '-t', session, ...k);
  await new Promise((r) => setTimeout(r, 200));
};

test('kill -9 after ticking and noting: re-opening the round finds them all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-kill-'));
  const args = [CLI, 'check', '--hour', '2', '--demo', '--state-dir', dir];
  tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '20', process.execPath, ...args);
  await screenWhere((s) => s.includes('passed'), 'the checklist');
  await keys('Space');
  await keys('n');
  await keys('-l', 'dashboard green at 14:02');
  await keys('Enter');
  await screenWhere((s) => s.includes('☑ Review the Production Health Overview dashboard — dashboard green at 14:02'), 'tick and note on screen');
  const pid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
  process.kill(pid, 'SIGKILL');
  spawnSync('tmux', ['kill-session', '-t', session]);

  const r = await runCli(['check', '--hour', '2', '--demo', '--json', '--state-dir', dir]);
  const manual = JSON.parse(r.stdout).checks[0];
  assert.deepEqual([manual.verdict, manual.note], ['done', 'dashboard green at 14:02']);

  tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '20', process.execPath, ...args);
  const screen = await screenWhere((s) => s.includes('passed'), 'the resumed checklist');
  assert.match(screen, /☑ Review the Production Health Overview dashboard — dashboard green at 14:02/);
  assert.match(screen, /0 manual remaining/);
});
