// The built binary in a real pseudo-terminal: tmux types the keys and reads the screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';

const session = `oncall-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

if (spawnSync('tmux', ['-V']).status !== 0) {
  throw new Error('tmux is missing: the end-to-end test needs it. Install it with: sudo apt-get install -y tmux');
}
after(() => {
  spawnSync('tmux', ['kill-session', '-t', session]);
});

async function screenWhere(ok: (s: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
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
  await new Promise((r) => setTimeout(r, 150));
};

test('oncall watch --demo in tmux: first screen, keys, and q exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-e2e-'));
  const status = join(dir, 'status');
  const cmd = `${process.execPath} ${CLI} watch --demo --speed 20; echo "EXIT=$?" > ${status}; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);

  let screen = await screenWhere((s) => s.includes('SLO-006') && s.includes('sentry ● ok'), 'the first screen with data');
  assert.match(screen, /^practice-hub · production · deployed \d+m\d*s? ago · refresh every 15s/m);
  assert.match(screen, /prometheus ● ok {2}loki ● ok {2}sentry ● ok/);
  assert.match(screen, /│ ID +│ SLO +│ Value +│ Status +│ Trend +│ Burn 1h\/6h +│ Budget +│/);
  assert.match(screen, /Alerts \(\d of 6 need a look\)/);
  assert.match(screen, /\? help {2}q quit/);

  await keys('?');
  screen = await screenWhere((s) => s.includes('Keys'), 'help');
  assert.match(screen, /Esc +back/);
  await keys('Escape');
  await keys('Enter');
  screen = await screenWhere((s) => s.includes('objective  < 500ms'), 'SLO detail');
  assert.match(screen, /SLO-001 Task list query p95/);
  await keys('Escape');
  await screenWhere((s) => s.includes('│ ID '), 'back to the dashboard');
  await keys('q');
  const deadline = Date.now() + 10_000;
  while (!existsSync(status) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(readFileSync(status, 'utf8').trim(), 'EXIT=0');
  screen = tmux('capture-pane', '-p', '-t', session);
  assert.doesNotMatch(screen, /SLO-001|internal error/, 'the alternate screen is left: the terminal is as it was');
});
