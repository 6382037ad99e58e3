// The commands against a full disk, files with bad lines, a postmortem written
// again from its timeline, and a playbook id with a path in it. Disk-full runs
// use a filled tmpfs as root, else a child under `ulimit -f 0` (EFBIG).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { type FullDisk, fullDisk, readOnlyDisk, runOnFullDisk } from '../helpers/full-disk.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-disk-cli-'));
const T0 = Date.parse('2026-11-23T14:00:00Z');
const MIN = 60_000;
const disks: FullDisk[] = [];
after(() => disks.forEach((d) => d.close()));
function disk(): FullDisk {
  const d = fullDisk();
  disks.push(d);
  return d;
}
const lines = (...records: unknown[]) => `${records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;
const opened = (t = T0) => ({ t, kind: 'opened', playbook: 'docuseal', severity: 'P2' });

test('deploy on a full disk: one line naming the file, exit 3, nothing recorded', async () => {
  const d = disk();
  d.fill();
  const r = await runOnFullDisk(d, ['deploy', '--demo', '--state-dir', d.dir, '--release', 'v42']);
  const file = join(d.dir, 'deploys', 'practice-hub.jsonl');
  assert.deepEqual(r, { code: 3, stdout: '', stderr: `oncall: cannot write ${file}: ${d.why}\n` });
  assert.equal(existsSync(file), false);
});

test('incident --postmortem on a full disk: one line naming the postmortem, exit 3, the timeline untouched', async () => {
  const d = disk();
  const timeline = join(d.dir, '2026-11-23-docuseal.jsonl');
  writeFileSync(timeline, lines(opened(), { t: T0 + MIN, kind: 'resolved' }));
  d.fill();
  const r = await runOnFullDisk(d, ['incident', 'docuseal', '--demo', '--dir', d.dir, '--postmortem']);
  assert.deepEqual(r, { code: 3, stdout: '', stderr: `oncall: cannot write ${join(d.dir, '2026-11-23-docuseal.md')}: ${d.why}\n` });
  assert.equal(readFileSync(timeline, 'utf8'), lines(opened(), { t: T0 + MIN, kind: 'resolved' }));
  assert.deepEqual(
    readdirSync(d.dir).filter((n) => !n.startsWith('.ballast')),
    ['2026-11-23-docuseal.jsonl'],
  );
});

test('incident --postmortem writes the latest incident again from its timeline: resolved, then open as a draft', async () => {
  const dir = tmp();
  const first = join(dir, '2026-11-23-docuseal.jsonl');
  writeFileSync(first, lines(opened(), { t: T0 + MIN, kind: 'note', step: 0, text: 'health is 503' }, 'null', { t: T0 + 42 * MIN, kind: 'resolved' }));
  let r = await runCli(['incident', 'docuseal', '--demo', '--dir', dir, '--postmortem']);
  const md = join(dir, '2026-11-23-docuseal.md');
  assert.deepEqual(r, { code: 0, stdout: `${md}\n`, stderr: '' });
  const text = readFileSync(md, 'utf8');
  assert.match(text, /\n- Resolved: 2026-11-23T14:42:00.000Z\n- Duration: 42m\n/);
  assert.match(
    text,
    /\n- 14:00:00 Incident opened at P2\n- 14:01:00 Note on DocuSeal health endpoint: health is 503\n- 14:42:00 Resolved\n\n_1 line of the timeline could not be read and is left out._\n/,
  );
  r = await runCli(['incident', 'docuseal', '--demo', '--dir', dir, '--postmortem']);
  assert.equal(r.code, 0);
  // Each --demo run serves the simulator on a port of its own, and the Links section names it; nothing else may differ.
  const portless = (t: string) => t.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  assert.equal(portless(readFileSync(md, 'utf8')), portless(text), 'written again, the same');

  const second = join(dir, '2026-11-24-docuseal.jsonl');
  writeFileSync(second, lines(opened(T0 + 1440 * MIN)));
  r = await runCli(['incident', 'docuseal', '--demo', '--dir', dir, '--postmortem']);
  assert.deepEqual(r, { code: 0, stdout: `${join(dir, '2026-11-24-docuseal.md')}\n`, stderr: '' });
  assert.match(
    readFileSync(join(dir, '2026-11-24-docuseal.md'), 'utf8'),
    /^# Postmortem: .*\n\n_Draft written by oncall while the incident is still open; edit before sharing._\n[\s\S]*\n- Resolved: not yet\n- Duration: not over\n/,
  );

  const none = await runCli(['incident', 'high-error-rate', '--demo', '--dir', dir, '--postmortem']);
  assert.deepEqual(none, { code: 2, stdout: '', stderr: `oncall: no incident of high-error-rate in ${dir}\n` });
});

test('null, 42, "x", [] and kind-less lines in a timeline or a checklist no longer stop incident or check', async () => {
  const dir = tmp();
  writeFileSync(
    join(dir, '2026-11-23-docuseal.jsonl'),
    lines(opened(), 'null', '42', '"x"', '[]', '{"t":1}', { t: T0 + MIN, kind: 'probe', step: 0, ok: false }),
  );
  const list = await runCli(['incident', '--demo', '--dir', dir]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^docuseal {13}P2 {3}DocuSeal API errors \(>10% error rate\) {2}\(open since 2026-11-23T14:00:00.000Z\)$/m);

  const state = tmp();
  const slot = join(state, 'checks', 'practice-hub', 'demo', 'hours-2-6-1.jsonl');
  mkdirSync(dirname(slot), { recursive: true });
  writeFileSync(
    slot,
    lines('null', '42', '"x"', '[]', '{"t":1}', { t: T0, kind: 'tick', key: '0:', done: true }, { t: T0, kind: 'note', key: '0:', text: 'green' }),
  );
  const check = await runCli(['check', '--hour', '2', '--demo', '--json', '--state-dir', state]);
  assert.equal(check.stderr, '');
  const manual = JSON.parse(check.stdout).checks[0];
  assert.deepEqual([manual.title, manual.verdict, manual.note], ['Review the Production Health Overview dashboard', 'done', 'green']);
});

test('a playbook id with a path in it is a config error (exit 2) and no file is written anywhere', async () => {
  const dir = tmp();
  const config = join(dir, 'oncall.yaml');
  writeFileSync(
    config,
    [
      'version: 1',
      'service: esc',
      'sources:',
      '  prometheus: { url: "http://127.0.0.1:1" }',
      'incidents: { dir: ./incidents }',
      'playbooks:',
      '  - id: x/../../../escaped',
      '    title: Escape',
      '    steps:',
      '      - { title: Look, manual: true }',
      '',
    ].join('\n'),
  );
  const expected = {
    code: 2,
    stdout: '',
    stderr: `${config}: 1 error\nplaybooks[0].id: "x/../../../escaped" may only hold letters, digits, ".", "_" and "-"\n`,
  };
  assert.deepEqual(await runCli(['validate', '--config', config], {}, dir), expected);
  assert.deepEqual(await runCli(['incident', 'x/../../../escaped', '--config', config], {}, dir), expected);
  assert.deepEqual(readdirSync(dir), ['oncall.yaml']);
});

test('deploy with a state dir on a read-only disk: one line saying read-only (EROFS), exit 3', async () => {
  const ro = readOnlyDisk();
  try {
    const r = await runCli(['deploy', '--demo', '--state-dir', join(ro.dir, 'state')]);
    assert.deepEqual(r, {
      code: 3,
      stdout: '',
      stderr: `oncall: cannot write ${join(ro.dir, 'state', 'deploys', 'practice-hub.jsonl')}: read-only file system (EROFS)\n`,
    });
  } finally {
    ro.close();
  }
});
