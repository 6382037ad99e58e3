// The timeline is on disk as the walk happens: kill -9 loses nothing, and
// running the same command again resumes the open incident.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const tty = new TmuxSession(`oncall-inc-${process.pid}`);
after(() => tty.kill());

test('kill -9 mid-incident, then oncall incident docuseal again: the same incident, its marks intact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-inc-e2e-'));
  const args = [process.execPath, CLI, 'incident', 'docuseal', '--demo', '--dir', dir];
  tty.start(160, 30, ...args);
  await tty.screenWhere((s) => s.includes('-> 200'), 'the probes');
  await tty.keys('Space');
  await tty.keys('n');
  await tty.keys('-l', 'checked at 14:02');
  await tty.keys('Enter');
  await tty.keys('j');
  await tty.keys('-');
  await tty.screenWhere((s) => s.includes('↷ 2. DocuSeal API error rate'), 'marks on screen');
  process.kill(tty.pid(), 'SIGKILL');
  tty.kill();

  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  const events = readFileSync(join(dir, files[0]), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    events.filter((e) => e.kind === 'step' || e.kind === 'note').map((e) => [e.kind, e.step, e.state ?? e.text]),
    [
      ['step', 0, 'done'],
      ['note', 0, 'checked at 14:02'],
      ['step', 1, 'skipped'],
    ],
  );

  tty.start(160, 30, ...args);
  const screen = await tty.screenWhere((s) => s.includes('-> 200'), 'the resumed incident');
  assert.match(screen, /✓ 1\. DocuSeal health endpoint/);
  assert.match(screen, /↷ 2\. DocuSeal API error rate/);
  assert.equal(readdirSync(dir).length, 1, 'resumed, not a second incident');
});
