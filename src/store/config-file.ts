// The config file on disk: found, read within bounds, and parsed.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CompileOptions } from '../config/compile.js';
import { type LoadResult, parseConfig } from '../config/load.js';

/** `--config PATH`, else ./oncall.yaml, else $ONCALL_CONFIG. */
export function findConfig(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string | null {
  if (explicit) return resolve(cwd, explicit);
  const local = resolve(cwd, 'oncall.yaml');
  if (existsSync(local)) return local;
  if (env.ONCALL_CONFIG) return resolve(cwd, env.ONCALL_CONFIG);
  return null;
}

export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env, options: CompileOptions = { baseDir: dirname(path) }): LoadResult {
  const read = readConfigText(path);
  if (!read.ok) return { ok: false, path, errors: [{ path, message: read.message }], secrets: [] };
  const text = read.text;
  // Relative paths in the file (incidents.dir) are relative to the file, not to where oncall runs.
  const r = parseConfig(text, env, options);
  return { ...r, path };
}

/** A config far past any real one (1,000 SLOs take some 350 KB) is a mistake, or /dev/zero. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * The config's text. A link is followed (dotfile managers link configs), but
 * only a regular file is read, a FIFO is not waited on, and the size is bounded.
 */
function readConfigText(path: string): { ok: true; text: string } | { ok: false; message: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? 'no such file' : `cannot read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: st.isDirectory() ? 'is a directory, not a config file' : 'is not a regular file' };
    if (st.size > MAX_CONFIG_BYTES) return { ok: false, message: `is ${Math.round(st.size / 1024 / 1024)} MB; a config is at most 16 MB` };
    return { ok: true, text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { ok: false, message: `cannot read (${(e as NodeJS.ErrnoException).code})` };
  } finally {
    closeSync(fd);
  }
}
