import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `--state-dir`, else $XDG_STATE_HOME/oncall, else ~/.local/state/oncall (the XDG default). */
export function stateDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'oncall');
}

const MAX_SLUG = 80;

/**
 * A name safe for a path component: "Hours 2-6" -> "hours-2-6". Validation
 * bounds the service name, but a phase name or anything else slugged is kept
 * short here too: past 80 characters it is cut and ends with a hash of the
 * whole, so a long name still gets a file of its own that the file system takes.
 */
export function slug(s: string): string {
  const full =
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x';
  if (full.length <= MAX_SLUG) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_SLUG - 9).replace(/-+$/, '')}-${hash}`;
}
