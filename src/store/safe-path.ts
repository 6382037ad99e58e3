// Defence in depth for names built from config: validation already restricts
// playbook ids to a safe set, and this refuses any file name that would still
// land outside its folder ("x/../../escaped", "..").
import { basename, join } from 'node:path';

/** `dir/name`, when name is one plain file name; a bug (validation let it through) otherwise. */
export function fileInside(dir: string, name: string): string {
  if (name !== basename(name) || name === '.' || name === '..' || name.includes('\0')) {
    throw new Error(`refusing the file name ${JSON.stringify(name)}: it would leave ${dir}`);
  }
  return join(dir, name);
}
