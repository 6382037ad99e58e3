// Append-only JSON lines, on disk the moment they are written: each record is
// one write() to a file opened with O_APPEND, then fsync. Appends of a line this
// short are not interleaved by the kernel, so two terminals writing the same
// file do not corrupt it; a line cut short by kill -9 is skipped on reading.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function appendRecord(path: string, record: object): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
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
