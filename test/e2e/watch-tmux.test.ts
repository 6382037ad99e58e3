// The built binary in a real pseudo-terminal: tmux types the keys and reads the screen.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
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
  assert.match(screen, /^practice-hub · production · deployed \d+m\d*s? ago · refresh 15s/m);
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

test('the header says when the next refresh comes, the screen holds still until then, and it comes then', async () => {
  const live = new TmuxSession(`oncall-e2e-next-${process.pid}`);
  try {
    live.start(100, 30, `${process.execPath} ${CLI} watch --demo --speed 1`);
    // The header's local time of day, as ms from the start of today, and how far `now` is behind it.
    const nextAt = (s: string): number | null => {
      const m = /refresh 15s, next (\d\d):(\d\d):(\d\d) · demo ×1$/m.exec(s);
      return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 : null;
    };
    const ahead = (t: number) => {
      const d = new Date();
      const now = ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
      // Across midnight the time of day starts again.
      return ((t - now + 36 * 3_600_000) % (24 * 3_600_000)) - 12 * 3_600_000;
    };
    // With 4 s or more to go there are two whole seconds to watch before the next cycle.
    const first = await live.screenWhere(
      (s) => s.includes('sentry ● ok') && (nextAt(s) ?? -1) >= 0 && ahead(nextAt(s)!) >= 4000,
      'a next refresh 4s or more ahead',
      30_000,
    );
    const a = nextAt(first)!;
    // The header shows whole seconds: the refresh is due within [a, a + 1 s), at most 15 s from now.
    assert.ok(ahead(a) <= 15_000, `next at ${a} ms of the day is more than 15 s ahead`);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(live.screen(), first, 'between cycles nothing is redrawn');
    const second = await live.screenWhere((s) => nextAt(s) !== null && nextAt(s) !== a, 'the next cycle', 25_000);
    const gap = nextAt(second)! - a;
    assert.ok(gap >= 15_000 && gap <= 20_000, `the next refresh after that is ${gap} ms later: 15 s after a cycle that took under 5 s`);
  } finally {
    live.kill();
  }
});
