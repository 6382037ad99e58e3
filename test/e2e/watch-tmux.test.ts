// The built binary in a real pseudo-terminal: tmux types the keys and reads the screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const tty = new TmuxSession(`oncall-e2e-${process.pid}`);
after(() => tty.kill());

test('oncall watch --demo in tmux: first screen, keys, and q exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-e2e-'));
  const status = join(dir, 'status');
  const cmd = `${process.execPath} ${CLI} watch --demo --speed 20; echo "EXIT=$?" > ${status}; sleep 60`;
  tty.start(100, 30, cmd);

  let screen = await tty.screenWhere((s) => s.includes('SLO-006') && s.includes('sentry ● ok'), 'the first screen with data');
  assert.match(screen, /^practice-hub · production · deployed \d+m\d*s? ago · refresh every 15s/m);
  assert.match(screen, /prometheus ● ok {2}loki ● ok {2}sentry ● ok/);
  // At 100 columns the trend is the first column left out (src/ui/columns.ts).
  assert.match(screen, /│ ID +│ SLO +│ Value +│ Objective +│ Status +│ Burn 1h\/6h +│ Budget +│/);
  assert.match(screen, /Alerts \(\d of 6 need a look\)/);
  assert.match(screen, /\? help {2}q quit/);

  await tty.keys('?');
  screen = await tty.screenWhere((s) => s.includes('Keys'), 'help');
  assert.match(screen, /Esc +back/);
  await tty.keys('Escape');
  await tty.keys('Enter');
  screen = await tty.screenWhere((s) => s.includes('objective  < 500ms'), 'SLO detail');
  assert.match(screen, /SLO-001 Task list query p95/);
  await tty.keys('Escape');
  await tty.screenWhere((s) => s.includes('│ ID '), 'back to the dashboard');
  await tty.keys('q');
  const deadline = Date.now() + 10_000;
  while (!existsSync(status) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(readFileSync(status, 'utf8').trim(), 'EXIT=0');
  screen = tty.screen();
  assert.doesNotMatch(screen, /SLO-001|internal error/, 'the alternate screen is left: the terminal is as it was');
});

test('the countdown ticks every second in place, between the cycles', async () => {
  const live = new TmuxSession(`oncall-e2e-countdown-${process.pid}`);
  try {
    live.start(100, 30, `${process.execPath} ${CLI} watch --demo --speed 1`);
    const countdown = (s: string) => {
      const m = /refresh every 15s, next in +(\d+)s · demo ×1$/m.exec(s);
      return m ? Number(m[1]) : null;
    };
    // From 6 s or more there are two whole seconds to watch before the next cycle.
    const before = await live.screenWhere((s) => (countdown(s) ?? 0) >= 6 && s.includes('sentry ● ok'), 'a countdown of 6s or more');
    await new Promise((r) => setTimeout(r, 2200));
    const after = live.screen();
    const [a, b] = [countdown(before)!, countdown(after)];
    assert.ok(b !== null && a - b >= 2 && a - b <= 3, `the countdown went from ${a}s to ${b}s in 2.2 s:\n${after.split('\n')[0]}`);
    assert.equal(after.split('\n').slice(1).join('\n'), before.split('\n').slice(1).join('\n'), 'no cycle ran: only the countdown moved');
  } finally {
    live.kill();
  }
});
