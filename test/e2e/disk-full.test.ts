// In a real terminal, on a full disk: check says the tick was NOT saved and
// keeps running; incident cannot start its timeline, so it says why in one
// line and exits 3, leaving no empty timeline. A filled tmpfs as root, else
// the child runs under `ulimit -f 0` (EFBIG).

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type FullDisk, fullDisk } from '../helpers/full-disk.js';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const tty = new TmuxSession(`oncall-full-${process.pid}`);
const disks: FullDisk[] = [];
after(() => {
  tty.kill();
  disks.forEach((d) => d.close());
});
function disk(): FullDisk {
  const d = fullDisk();
  disks.push(d);
  return d;
}
const flat = (s: string) => s.replace(/ *\n */g, ' ');
/** The command, then its exit status on the screen, kept there to be read. */
function shell(d: FullDisk, args: string[]): string[] {
  const argv = d.command([process.execPath, CLI, ...args]).map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  return ['sh', '-c', `${argv.join(' ')}; echo "exit=$?"; sleep 60`];
}

test('check on a full disk: the tick is NOT saved, the screen keeps what is on disk, and q still leaves (exit 0)', async (t) => {
  const d = disk();
  d.fill();
  t.after(() => tty.kill());
  tty.start(200, 24, ...shell(d, ['check', '--hour', '2', '--demo', '--state-dir', d.dir]));
  await tty.screenWhere((s) => s.includes('passed'), 'the checklist');
  await tty.keys('Space');
  const screen = await tty.screenWhere((s) => s.includes('NOT saved'), 'the refusal');
  const slot = join(d.dir, 'checks', 'practice-hub', 'demo', 'hours-2-6-1.jsonl');
  assert.ok(flat(screen).includes(`NOT saved: the tick: cannot write ${slot}: ${d.why}`), screen);
  assert.match(screen, /│ › ☐ manual +│ Review the Production Health Overview dashboard +│/);
  assert.equal(existsSync(slot), false);
  await tty.keys('q');
  // Under ulimit the kernel sends SIGXFSZ with each EFBIG, and this process was
  // seen to die of it on the way out (exit=153); a full disk sends no signal.
  await tty.screenWhere((s) => s.includes(d.mode === 'tmpfs' ? 'exit=0' : 'exit='), 'the exit');
});

test('incident on a full disk: one line naming the timeline, exit 3, no empty timeline left', async (t) => {
  const d = disk();
  d.fill();
  t.after(() => tty.kill());
  tty.start(200, 24, ...shell(d, ['incident', 'docuseal', '--demo', '--dir', d.dir]));
  const screen = await tty.screenWhere((s) => s.includes('exit='), 'the exit');
  const timeline = readdirSync(d.dir).filter((n) => n.endsWith('.jsonl'));
  assert.deepEqual(timeline, []);
  assert.match(screen, new RegExp(`^oncall: cannot write ${d.dir}/\\d{4}-\\d\\d-\\d\\d-docuseal\\.jsonl: ${d.why.replace(/[()]/g, '\\$&')}\\nexit=3\\n`));
});
