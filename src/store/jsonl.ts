// Append-only JSON lines, on disk the moment they are written: each record is
// one write() to a file opened with O_APPEND, then fsync. Appends of a line this
// short are not interleaved by the kernel, so two terminals writing the same
// file do not corrupt it; a line cut short by kill -9 is skipped on reading.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../sources/redact.js';

// Every string is scrubbed of known secrets on its way to disk: a timeline
// keeps what a backend echoed back (an Authorization header in an error), and
// teams commit their incident folders.
const scrubbed = (_key: string, v: unknown) => (typeof v === 'string' ? redact(v) : v);

export function appendRecord(path: string, record: object): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a+', 0o600);
  try {
    // After a crash mid-line, start on a fresh line so this record is not glued to the torn one.
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeSync(fd, `${torn ? '\n' : ''}${JSON.stringify(record, scrubbed)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every whole, parseable line; a torn or garbled line is left out rather than failing the read. */
export function readRecords<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A partial last line from a crash mid-write.
    }
  }
  return out;
}
