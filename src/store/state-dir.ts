import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `--state-dir`, else $XDG_STATE_HOME/oncall, else ~/.local/state/oncall (the XDG default). */
export function stateDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'oncall');
}

/** A name safe for a path component: "Hours 2-6" -> "hours-2-6". */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
