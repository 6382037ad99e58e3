// Ticks and notes are on disk as they happen: kill -9 between them loses none.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const tty = new TmuxSession(`oncall-kill-${process.pid}`);
after(() => tty.kill());

test('kill -9 after ticking and noting: re-opening the round finds them all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-kill-'));
  const args = [CLI, 'check', '--hour', '2', '--demo', '--state-dir', dir];
  tty.start(140, 20, process.execPath, ...args);
  await tty.screenWhere((s) => s.includes('passed'), 'the checklist');
  await tty.keys('Space');
  await tty.keys('n');
  await tty.keys('-l', 'dashboard green at 14:02');
  await tty.keys('Enter');
  // At 140 columns the note has a column of its own (src/ui/columns.ts).
  const ticked = /│ › ☑ done +│ Review the Production Health Overview .*│ dashboard green at 14:02 │/;
  await tty.screenWhere((s) => ticked.test(s), 'tick and note on screen');
  process.kill(tty.pid(), 'SIGKILL');
  tty.kill();

  const r = await runCli(['check', '--hour', '2', '--demo', '--json', '--state-dir', dir]);
  const manual = JSON.parse(r.stdout).checks[0];
  assert.deepEqual([manual.verdict, manual.note], ['done', 'dashboard green at 14:02']);

  tty.start(140, 20, process.execPath, ...args);
  const screen = await tty.screenWhere((s) => s.includes('passed'), 'the resumed checklist');
  assert.match(screen, ticked);
  assert.match(screen, /0 manual remaining/);
});
