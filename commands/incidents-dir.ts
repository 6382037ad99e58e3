// Whether the incidents folder can hold timelines and postmortems, asked of
// the disk before anything is written there: a file where the folder should
// be, a path under a file, a dangling symlink or a folder this user cannot
// write would otherwise surface as a raw mkdir or open error mid-incident.
import { accessSync, constants, lstatSync, readlinkSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'unknown error';

/** Why `dir` cannot be used (it need not exist yet: mkdir -p makes it), or null. */
export function incidentsDirProblem(dir: string): string | null {
  const target = resolve(dir);
  const q = JSON.stringify;
  // What is wrong with `p`, said of the folder itself or of the part of its path that is `p`.
  const is = (p: string, what: string) => (p === target ? `${q(dir)} is ${what}` : `${q(dir)} is under ${q(p)}, which is ${what}`);
  // Up from the folder to the first part of the path that exists: that one must be a folder this user can write.
  for (let p = target; ; p = dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const c = code(e);
      if (c === 'ENOTDIR') continue;
      if (c === 'ELOOP') return is(p, 'a symlink loop');
      if (c !== 'ENOENT') return `${q(dir)} cannot be reached (${c})`;
      const link = symlinkTarget(p);
      if (link !== null) return is(p, `a symlink to ${q(link)}, which does not exist`);
      if (dirname(p) === p) return `${q(dir)} cannot be reached (ENOENT)`;
      continue;
    }
    if (!isDir) return is(p, p === target ? 'a file, not a folder' : 'a file');
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch (e) {
      return p === target ? `${q(dir)} is not writable (${code(e)})` : `${q(dir)} cannot be created: ${q(p)} is not writable (${code(e)})`;
    }
    return null;
  }
}

function symlinkTarget(p: string): string | null {
  try {
    return lstatSync(p).isSymbolicLink() ? readlinkSync(p) : null;
  } catch {
    return null;
  }
}
