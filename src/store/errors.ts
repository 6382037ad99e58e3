// A file the disk would not read or write, as one line a person can act on:
// "cannot write /x/2026-11-23-docuseal.jsonl: no space left on device (ENOSPC)".

export interface StoreError {
  path: string;
  /** The errno name, e.g. ENOSPC; "EUNKNOWN" when the failure had none. */
  code: string;
  message: string;
}

const WORDS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ELOOP: 'a symbolic link, which is not followed (or a loop of them)',
  EMFILE: 'too many open files',
};

export function storeError(op: 'read' | 'write', path: string, e: unknown): StoreError {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'EUNKNOWN';
  const why = WORDS[code] ?? (e instanceof Error ? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : String(e));
  return refused(op, path, code, why);
}

/** A refusal oncall decides itself (a link, a device, a file too large), in the same one line. */
export function refused(op: 'read' | 'write', path: string, code: string, why: string): StoreError {
  return { path, code, message: `cannot ${op} ${path}: ${why} (${code})` };
}
