// YAML as every reader here takes it: merge keys (`<<: *defaults`) allowed, as
// configs and rule files use them, and aliases bounded. The yaml package
// stops at 100 alias uses by default, which a real config with one anchor
// used for 100 SLOs passes; an alias bomb still stops, as an error value.
import { parseAllDocuments, parseDocument, type Document } from 'yaml';

const MAX_ALIAS_USES = 10_000;
const MAX_VALUES = 1_000_000;

/** Whether walking `v` as a tree (each alias use again) meets more than `limit` values; stops as soon as it does. */
function expandsPast(v: unknown, limit: number): boolean {
  let seen = 0;
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (++seen > limit) return true;
    if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x !== null && typeof x === 'object') for (const y of Object.values(x)) stack.push(y);
  }
  return false;
}

export type YamlValue = { ok: true; value: unknown } | { ok: false; message: string; line?: number; col?: number };

function toValue(doc: Document): YamlValue {
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { ok: false, message: e.message.split('\n')[0], line: e.linePos?.[0].line, col: e.linePos?.[0].col };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_USES });
    // Aliases share one value, but every reader after this walks each use: bound what that walk meets.
    if (expandsPast(value, MAX_VALUES)) return { ok: false, message: `the document expands to more than ${MAX_VALUES.toLocaleString('en')} values through its aliases` };
    return { ok: true, value };
  } catch (e) {
    // The yaml package throws a ReferenceError for too many aliases; anything else is a bug here.
    if (!(e instanceof ReferenceError)) throw e;
    return { ok: false, message: `${e.message.split('\n')[0]} (more than ${MAX_ALIAS_USES} uses of aliases)` };
  }
}

/** One document: the config. All its syntax errors are in `errors`. */
export function readYaml(text: string): { value: YamlValue; errors: Array<{ message: string; line?: number; col?: number }> } {
  const doc = parseDocument(text, { prettyErrors: true, merge: true });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], line: e.linePos?.[0].line, col: e.linePos?.[0].col }));
  return { value: toValue(doc), errors };
}

/** Every document of a stream (rule files, manifests), each a value or why not. */
export function readYamlDocuments(text: string): YamlValue[] {
  return parseAllDocuments(text, { merge: true }).map(toValue);
}
