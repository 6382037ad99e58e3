// The one way oncall reads back a file it keeps: a timeline, a check round, the
// deploys, a postmortem. Their names are predictable and a repository can carry
// a symlink to /dev/zero under one (or a FIFO can sit there): read naively,
// that fills memory or blocks for ever. So the last component is never followed
// (as appends never follow it), a FIFO is opened without waiting for a writer,
// anything but a regular file is refused, and no more than a bound is read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { formatSize } from '../config/size.js';
import { refused, type StoreError, storeError } from './errors.js';

/**
 * The most of one file oncall reads. A timeline oncall writes stays far below:
 * a command's output is kept to 64 KB, so even a hundred runs make some 6 MB.
 * Read, parsed and replayed whole, 64 MB still costs a few hundred MB at worst.
 */
export const MAX_FILE_BYTES = 64 * 1024 ** 2;

const READ = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export type FileText = { ok: true; text: string } | { ok: false; error: StoreError };

/** The file's text, or why it was not read (ENOENT when it is not there: callers decide what that means). */
export function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): FileText {
  let fd: number;
  try {
    fd = openSync(path, READ);
  } catch (e) {
    const link = (e as NodeJS.ErrnoException).code === 'ELOOP' && isSymlink(path);
    return {
      ok: false,
      error: link ? refused('read', path, 'ELOOP', 'is a symlink; oncall does not follow links to the files it keeps') : storeError('read', path, e),
    };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, error: storeError('read', path, { code: 'EISDIR' }) };
    if (!st.isFile()) return { ok: false, error: refused('read', path, 'EFTYPE', `not a regular file (${kindOf(st)})`) };
    return readUpTo(fd, path, st.size, maxBytes);
  } catch (e) {
    return { ok: false, error: storeError('read', path, e) };
  } finally {
    closeSync(fd);
  }
}

// Another terminal may append while this reads: the size fstat gave is a hint, the bound is the rule.
function readUpTo(fd: number, path: string, sizeHint: number, maxBytes: number): FileText {
  const tooLarge = () => ({
    ok: false as const,
    error: refused('read', path, 'EFBIG', `larger than ${formatSize(maxBytes)}, the most oncall reads of one file`),
  });
  if (sizeHint > maxBytes) return tooLarge();
  const chunks: Buffer[] = [];
  let n = 0;
  for (;;) {
    const room = maxBytes + 1 - n;
    if (room <= 0) return tooLarge();
    const buf = Buffer.allocUnsafe(Math.min(room, Math.max(sizeHint - n + 1, 64 * 1024)));
    const got = readSync(fd, buf, 0, buf.length, null);
    if (got === 0) break;
    chunks.push(buf.subarray(0, got));
    n += got;
  }
  const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, n);
  return { ok: true, text: all.toString('utf8') };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}
