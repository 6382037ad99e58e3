// A config is the user's own file, but its text can come from elsewhere: an
// imported dashboard's panel titles, a teammate's commit, a pasted query.
// Every string is shown somewhere (screen, report, postmortem), so control
// characters in it are made visible as it is read; line breaks and tabs,
// which multi-line queries and commands hold, are kept.
import { visibleControlsInText } from '../sources/sanitize.js';

export function visibleTextIn(tree: unknown): unknown {
  if (typeof tree === 'string') return visibleControlsInText(tree);
  if (Array.isArray(tree)) return tree.map(visibleTextIn);
  if (tree && typeof tree === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tree)) out[visibleControlsInText(k)] = visibleTextIn(v);
    return out;
  }
  return tree;
}
