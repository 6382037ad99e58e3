// Append-only JSON lines, on disk the moment they are written: each record is
// one write() to a file opened with O_APPEND, then fsync. Appends of a line this
// short are not interleaved by the kernel, so two terminals writing the same
// file do not corrupt it; a line cut short by kill -9 is skipped on reading.
// A write the disk refuses (full, read-only, quota) is a value, not a throw:
// the caller says the record was not saved and keeps what is on disk.
import { closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as z from 'zod';
import { redact } from '../text/redact.js';
import { visibleControlsInText, visibleTextIn } from '../text/sanitize.js';
import { refused, type StoreError, storeError } from './errors.js';
import { makeDir } from './make-dir.js';
import { readRegularFile } from './read-file.js';

// Every string is scrubbed of known secrets and its controls made visible on
// its way to disk: a timeline keeps what a backend echoed back (an
// Authorization header in an error), teams commit their incident folders, and
// `cat` of a postmortem built from it must not act on an escape.
const scrubbed = (_key: string, v: unknown) => (typeof v === 'string' ? visibleControlsInText(redact(v)) : v);

export type { StoreError } from './errors.js';
export type Written = { ok: true } | { ok: false; error: StoreError };
export type Read<T> = { ok: true; records: T[]; skipped: number } | { ok: false; error: StoreError };
/** `taken`: the name was in use already (a file, or a link), and nothing was written. */
export type Created = Written | { ok: false; error: StoreError; taken: true };

export function appendRecord(path: string, record: object): Written {
  return writeRecord(path, record, false);
}

/** appendRecord into a file this call creates, never one that was there: a new timeline is nobody else's. */
export function createRecord(path: string, record: object): Created {
  return writeRecord(path, record, true);
}

function writeRecord(path: string, record: object, exclusive: boolean): Created {
  let fd: number;
  let created = false;
  try {
    makeDir(dirname(path));
    const fresh = createAppend(path);
    if (fresh === null && exclusive) return { ok: false, error: storeError('write', path, { code: 'EEXIST' }), taken: true };
    created = fresh !== null;
    fd = fresh ?? openSync(path, APPEND, 0o600);
  } catch (e) {
    return { ok: false, error: storeError('write', path, e) };
  }
  // A FIFO opened for writing fills and then blocks; a device is no record.
  const notFile = notRegular(fd, path);
  if (notFile) {
    closeSync(fd);
    return { ok: false, error: notFile };
  }
  let size = -1;
  let written = 0;
  try {
    // After a crash mid-line, start on a fresh line so this record is not glued to the torn one.
    size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    const line = Buffer.from(`${torn ? '\n' : ''}${JSON.stringify(record, scrubbed)}\n`);
    // A nearly full disk takes part of a write and says so only in the count.
    while (written < line.length) written += writeSync(fd, line, written);
    fsyncSync(fd);
    return { ok: true };
  } catch (e) {
    undo(fd, path, size, written, created);
    return { ok: false, error: storeError('write', path, e) };
  } finally {
    closeSync(fd);
  }
}

// A timeline's name is predictable and a repository can carry a symlink by
// that name: records (backend text among them) are never appended through one.
const APPEND = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

function notRegular(fd: number, path: string): StoreError | null {
  try {
    return fstatSync(fd).isFile() ? null : refused('write', path, 'EFTYPE', 'not a regular file');
  } catch (e) {
    return storeError('write', path, e);
  }
}

/** The file opened for appending if this call created it, null if it was there already. */
function createAppend(path: string): number | null {
  try {
    return openSync(path, APPEND | constants.O_EXCL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
}

/**
 * Takes back the part of a refused record that reached the file, so that what
 * the screen says was not saved is not read back later either. Only when the
 * file ends with exactly our bytes: another writer's later record is kept. A
 * file this call created and left empty (the disk had room for the name only)
 * is removed, so a failed start leaves no empty timeline behind.
 */
function undo(fd: number, path: string, size: number, written: number, created: boolean): void {
  try {
    if (size >= 0 && written > 0 && fstatSync(fd).size === size + written) ftruncateSync(fd, size);
    if (created && fstatSync(fd).size === 0) unlinkSync(path);
  } catch {
    // Best effort: a torn tail is skipped by readers anyway.
  }
}

/**
 * Every whole line whose record has the shape `schema` wants. A line torn by a
 * crash, or one that parses to something else (null, 42, [], an object of the
 * wrong shape), is left out and counted, never a reason to refuse the file.
 */
export function readJsonl<T>(path: string, schema: z.ZodType<T>): Read<T> {
  const file = readRegularFile(path);
  if (!file.ok) return file.error.code === 'ENOENT' ? { ok: true, records: [], skipped: 0 } : file;
  const { text } = file;
  const records: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    // A file can come from anywhere (a commit, a hand edit): what it says is shown, never obeyed.
    const r = schema.safeParse(visibleTextIn(value));
    if (r.success) records.push(r.data);
    else skipped++;
  }
  return { ok: true, records, skipped };
}
