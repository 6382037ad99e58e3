// `oncall incident <playbook>` at a terminal writes its timeline: a folder
// that cannot hold it is a config error (exit 2) before anything starts,
// never a stack trace. A disk that refuses later is the store's to report.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const tty = new TmuxSession(`oncall-incdir-${process.pid}`);
after(() => tty.kill());

const config = (dir: string) => `version: 1
service: x
sources:
  prometheus: { url: "http://127.0.0.1:9" }
incidents: { dir: ${dir} }
playbooks:
  - { id: pb, title: PB, steps: [ { title: look, manual: true } ] }
`;

/** Runs oncall in a real terminal and returns what it printed and its exit status. */
async function atTerminal(cwd: string, ...args: string[]): Promise<{ code: number; screen: string }> {
  const line = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  tty.start(200, 20, 'sh', '-c', `cd '${cwd}' && ${line}; echo "EXIT=$?"; sleep 30`);
  const screen = await tty.screenWhere((s) => /EXIT=\d+/.test(s), 'oncall to exit');
  tty.kill();
  return { code: Number(/EXIT=(\d+)/.exec(screen)![1]), screen: screen.slice(0, screen.indexOf('EXIT=')).trim() };
}

test('incidents.dir is a file: exit 2 naming incidents.dir; --dir on a file: a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-incdir-e2e-'));
  writeFileSync(join(dir, 'file'), '');
  writeFileSync(join(dir, 'oncall.yaml'), config('file'));
  const bad = await atTerminal(dir, 'incident', 'pb');
  assert.deepEqual(
    [bad.code, bad.screen],
    [2, `${join(dir, 'oncall.yaml')}: 1 error\nincidents.dir: ${JSON.stringify(join(dir, 'file'))} is a file, not a folder`],
  );
  const flag = await atTerminal(dir, 'incident', 'pb', '--dir', 'file/sub');
  assert.deepEqual(
    [flag.code, flag.screen],
    [2, `oncall: --dir: ${JSON.stringify(join(dir, 'file/sub'))} is under ${JSON.stringify(join(dir, 'file'))}, which is a file`],
  );
});
