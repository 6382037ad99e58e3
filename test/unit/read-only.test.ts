// A read-only state dir or incidents folder is named as such. Node's recursive
// mkdir says ENOENT there (nodejs/node#47098); the store makes folders level by
// level so the kernel's EROFS comes through. Needs root to mount a read-only
// tmpfs, and fails saying so without it.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeFileAtomic } from '../../src/store/atomic.js';
import { appendRecord } from '../../src/store/jsonl.js';
import { makeDir } from '../../src/store/make-dir.js';
import { readOnlyDisk } from '../helpers/full-disk.js';

const disks: Array<{ close(): void }> = [];
after(() => disks.forEach((d) => d.close()));
function disk(): string {
  const d = readOnlyDisk();
  disks.push(d);
  return d.dir;
}
const EROFS = 'read-only file system (EROFS)';

test('appends and atomic writes under a read-only folder say EROFS, whether the folder exists or not', () => {
  const ro = disk();
  for (const f of [join(ro, 'state', 'deploys', 'svc.jsonl'), join(ro, 'existing', 'deploys', 'svc.jsonl'), join(ro, 'existing', 'x.jsonl')]) {
    assert.deepEqual(appendRecord(f, { a: 1 }), { ok: false, error: { path: f, code: 'EROFS', message: `cannot write ${f}: ${EROFS}` } });
  }
  const md = join(ro, 'incidents', '2026-11-23-docuseal.md');
  assert.deepEqual(writeFileAtomic(md, '# x\n'), { ok: false, error: { path: md, code: 'EROFS', message: `cannot write ${md}: ${EROFS}` } });
});

test('makeDir: an existing folder is fine; a missing one says EROFS', () => {
  const ro = disk();
  makeDir(join(ro, 'existing'));
  makeDir(ro);
  assert.throws(() => makeDir(join(ro, 'a', 'b')), { code: 'EROFS' });
});
