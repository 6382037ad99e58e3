// YAML as every reader here takes it: merge keys (`<<: *defaults`) allowed, as
// configs and rule files use them, and aliases bounded. The yaml package
// stops at 100 alias uses by default, which a real config with one anchor
// used for 100 SLOs passes; an alias bomb still stops, as an error value.
import { parseAllDocuments, parseDocument, type Document } from 'yaml';

const MAX_ALIAS_USES = 10_000;

export type YamlValue = { ok: true; value: unknown } | { ok: false; message: string; line?: number; col?: number };

function toValue(doc: Document): YamlValue {
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { ok: false, message: e.message.split('\n')[0], line: e.linePos?.[0].line, col: e.linePos?.[0].col };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_USES }) };
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
