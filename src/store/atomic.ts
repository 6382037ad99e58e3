// A file replaced whole or not at all, never through a link someone left at a
// predictable temporary name: the temporary file is created exclusively
// (O_CREAT|O_EXCL, which also refuses a symlink at that path) under a random
// name next to the target, written, fsync'd, renamed over the target (rename
// replaces a link at the target rather than following it), and the folder
// fsync'd so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { storeError } from './errors.js';
import type { Written } from './jsonl.js';
import { makeDir } from './make-dir.js';

export function writeFileAtomic(target: string, data: string, mode = 0o644): Written {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  // Only a file this call created is ever removed: never whatever held the name before.
  let ours = false;
  let renamed = false;
  try {
    makeDir(dir);
    fd = openSync(tmp, 'wx', mode);
    ours = true;
    const bytes = Buffer.from(data);
    // A nearly full disk takes part of a write and says so only in the count.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
    renamed = true;
    syncDir(dir);
    return { ok: true };
  } catch (e) {
    if (fd !== null) closeSync(fd);
    if (ours && !renamed) removeQuietly(tmp);
    return { ok: false, error: storeError('write', target, e) };
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
