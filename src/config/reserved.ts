// Names a config chooses itself (a source's, a header's) become keys of plain
// objects in every reader after the YAML one. `__proto__` there sets the
// object's prototype instead of adding a key, so the entry vanishes and a
// lookup of that name finds Object.prototype; zod skips the key without a
// word. `constructor` and `prototype` are inherited names a lookup meets the
// same way. All three are refused where a person picks the key, before
// anything else reads the tree.
import { type ConfigError, formatPath } from './path.js';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Every map of the config whose keys are the user's, by its path ("[]" for
 * any entry of a list, "*" for any key of a map), and what one key names.
 * The records of the schema (test/unit/config-reserved.test.ts checks them
 * against its JSON Schema).
 */
export const NAMED_MAPS: Readonly<Record<string, string>> = {
  sources: 'source',
  'sources.*.headers': 'header',
  severities: 'severity',
  'alerts[].labels': 'label',
  'alerts[].annotations': 'annotation',
};

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * Takes the reserved names out of the named maps of `tree` (the caller's
 * own, fresh from the YAML), so the rest of the config is still checked.
 * `sources`: the sources left out, so a reference to one is not a second
 * error.
 */
export function dropReservedNames(tree: unknown): { errors: ConfigError[]; sources: string[] } {
  const errors: ConfigError[] = [];
  const sources: string[] = [];
  const prefixes = Object.keys(NAMED_MAPS);
  const visit = (node: unknown, pattern: string, path: Array<string | number>) => {
    if (!prefixes.some((p) => p.startsWith(pattern))) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pattern}[]`, [...path, i]));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const noun = NAMED_MAPS[pattern];
    for (const key of Object.keys(node)) {
      const at = [...path, key];
      if (noun && RESERVED.has(key)) {
        errors.push({ path: formatPath(at), message: `${JSON.stringify(key)} cannot be the name of ${article(noun)}; choose another` });
        if (pattern === 'sources') sources.push(key);
        delete (node as Record<string, unknown>)[key];
        continue;
      }
      visit((node as Record<string, unknown>)[key], noun ? `${pattern}.*` : pattern ? `${pattern}.${key}` : key, at);
    }
  };
  visit(tree, '', []);
  return { errors, sources };
}
