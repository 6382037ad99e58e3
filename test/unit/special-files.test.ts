// What a repository (or a prankster) can leave at the name of a file oncall
// keeps: a symlink to /dev/zero, a FIFO, a device, a file too large. Each is
// refused as one line naming the file, at once and in bounded memory.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readProgress } from '../../src/store/checklist.js';
import { readLatestDeploy } from '../../src/store/deploys.js';
import { appendRecord } from '../../src/store/jsonl.js';
import { readRegularFile } from '../../src/store/read-file.js';
import { readIncident } from '../../src/store/timeline.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-special-'));
const LINK = 'is a symlink; oncall does not follow links to the files it keeps (ELOOP)';
const PIPE = 'not a regular file (a named pipe) (EFTYPE)';
const fifo = (p: string) => execFileSync('mkfifo', [p]);
// A test that would hang without the fix fails here instead of stalling the run.
const opts = { timeout: 10_000 };

test('a symlink to /dev/zero at a timeline, a check round or the deploys is refused, not read', opts, () => {
  const dir = tmp();
  const timeline = join(dir, '2020-01-01-pb.jsonl');
  symlinkSync('/dev/zero', timeline);
  assert.deepEqual(readIncident(timeline), { ok: false, error: { path: timeline, code: 'ELOOP', message: `cannot read ${timeline}: ${LINK}` } });
  const round = join(dir, 'round.jsonl');
  symlinkSync('/dev/zero', round);
  assert.deepEqual(readProgress(round), { ok: false, error: { path: round, code: 'ELOOP', message: `cannot read ${round}: ${LINK}` } });
  const deploys = join(dir, 'deploys', 'svc.jsonl');
  mkdirSync(join(dir, 'deploys'));
  symlinkSync('/dev/zero', deploys);
  assert.deepEqual(readLatestDeploy(dir, 'svc', null), { ok: false, error: { path: deploys, code: 'ELOOP', message: `cannot read ${deploys}: ${LINK}` } });
});

test('a FIFO is refused without waiting for a writer, for reading and for appending', opts, () => {
  const dir = tmp();
  const f = join(dir, '2020-01-01-pb.jsonl');
  fifo(f);
  assert.deepEqual(readIncident(f), { ok: false, error: { path: f, code: 'EFTYPE', message: `cannot read ${f}: ${PIPE}` } });
  assert.deepEqual(appendRecord(f, { t: 1, kind: 'note', step: null, text: 'x'.repeat(200_000) }), {
    ok: false,
    error: { path: f, code: 'EFTYPE', message: `cannot write ${f}: not a regular file (EFTYPE)` },
  });
});

test('a device is not a regular file; a folder says so as before', opts, () => {
  assert.deepEqual(readRegularFile('/dev/null'), {
    ok: false,
    error: { path: '/dev/null', code: 'EFTYPE', message: 'cannot read /dev/null: not a regular file (a character device) (EFTYPE)' },
  });
  const dir = tmp();
  assert.deepEqual(readRegularFile(dir), { ok: false, error: { path: dir, code: 'EISDIR', message: `cannot read ${dir}: is a directory (EISDIR)` } });
});

test('a file over the bound is refused whole; one at the bound is read', opts, () => {
  const f = join(tmp(), 'x.jsonl');
  writeFileSync(f, '0123456789');
  assert.deepEqual(readRegularFile(f, 10), { ok: true, text: '0123456789' });
  assert.deepEqual(readRegularFile(f, 9), {
    ok: false,
    error: { path: f, code: 'EFBIG', message: `cannot read ${f}: larger than 9B, the most oncall reads of one file (EFBIG)` },
  });
  const none = readRegularFile(join(tmp(), 'none'));
  assert.equal(!none.ok && none.error.code, 'ENOENT', 'a missing file is ENOENT: each reader decides what that means');
});

test('a linked folder on the way is followed: only the last component must not be a link', opts, () => {
  const real = tmp();
  const via = join(tmp(), 'incidents');
  symlinkSync(real, via);
  writeFileSync(join(real, 'a.jsonl'), '{"t":1,"kind":"opened","playbook":"pb","severity":null}\n');
  const r = readIncident(join(via, 'a.jsonl'));
  assert.equal(r.ok && r.incident?.playbook, 'pb');
  assert.equal(appendRecord(join(via, 'a.jsonl'), { t: 2, kind: 'resolved' }).ok, true);
  assert.equal(readFileSync(join(real, 'a.jsonl'), 'utf8').split('\n').length, 3);
});
