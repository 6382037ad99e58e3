// mkdir -p that keeps the kernel's reason. Node's own recursive mkdirSync turns
// EROFS (and ENOSPC) into ENOENT (nodejs/node#47098, #42808), so a read-only
// state dir read as "no such file or directory". Here each missing level is
// made by a plain mkdir, whose error is the real one.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** `dir` and any missing parents; throws the first refusal as the kernel worded it. */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir);
    return;
  } catch (e) {
    if (codeOf(e) === 'EEXIST' && isDir(dir)) return;
    const parent = dirname(dir);
    if (codeOf(e) !== 'ENOENT' || parent === dir) throw e;
  }
  makeDir(dirname(dir));
  try {
    mkdirSync(dir);
  } catch (e) {
    // Another process made it meanwhile.
    if (!(codeOf(e) === 'EEXIST' && isDir(dir))) throw e;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
