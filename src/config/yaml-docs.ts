// YAML as every reader here takes it: merge keys (`<<: *defaults`) allowed, as
// configs and rule files use them, and aliases bounded. The yaml package
// stops at 100 alias uses by default, which a real config with one anchor
// used for 100 SLOs passes; an alias bomb still stops, as an error value.
// Every way a hostile file breaks the reader (aliases, depth, merge keys)
// comes back as a value with a line or a path, never as a throw.
import { type Document, LineCounter, parseAllDocuments, parseDocument, type YAMLError } from 'yaml';
import { formatPath } from './path.js';
import { astProblem, MAX_DEPTH, MAX_VALUES, tokenProblem, valueProblem } from './yaml-shape.js';

const MAX_ALIAS_USES = 10_000;
// The package's own warnings (a collection used as a key) go to process.emitWarning, past every
// error path here; its errors still come back in doc.errors.
const OPTIONS = { merge: true, prettyErrors: true, logLevel: 'error' } as const;
const TOO_DEEP = `nested deeper than ${MAX_DEPTH} levels`;

export type YamlValue = { ok: false; message: string; line?: number; col?: number; path?: string } | { ok: true; value: unknown };
type YamlIssue = { message: string; line?: number; col?: number };

function issueOf(e: YAMLError): YamlIssue {
  // The composer catches its own stack overflow and reports it under this code, with the engine's wording.
  const message = e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message) ? TOO_DEEP : e.message.split('\n')[0];
  return { message, line: e.linePos?.[0].line, col: e.linePos?.[0].col };
}

/** The document's errors; a nesting too deep for the composer is the one that matters, the rest follow from it. */
function issuesOf(doc: Document): YamlIssue[] {
  const all = doc.errors.map(issueOf);
  const deep = all.find((e) => e.message === TOO_DEEP);
  return deep ? [deep] : all;
}

/** A path 64 levels long says nothing more than its start. */
function shortPath(path: PropertyKey[]): string {
  return path.length > 4 ? `${formatPath(path.slice(0, 4))}...` : formatPath(path);
}

function toValue(doc: Document, lines: LineCounter): YamlValue {
  const issues = issuesOf(doc);
  if (issues.length > 0) return { ok: false, ...issues[0] };
  const ast = astProblem(doc.contents);
  if (ast) return { ok: false, message: ast.message, ...lines.linePos(ast.offset) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_USES });
  } catch (e) {
    // Converting a parsed document runs none of our code: what it throws is about the input.
    if (!(e instanceof Error)) throw e;
    if (e instanceof RangeError) return { ok: false, message: TOO_DEEP };
    const aliases = e instanceof ReferenceError && /alias count/i.test(e.message) ? ` (more than ${MAX_ALIAS_USES} uses of aliases)` : '';
    return { ok: false, message: `${e.message.split('\n')[0]}${aliases}` };
  }
  // Aliases share one value, but every reader after this walks each use: bound what that walk meets.
  const shape = valueProblem(value);
  if (shape?.kind === 'values')
    return { ok: false, message: `the document expands to more than ${MAX_VALUES.toLocaleString('en')} values through its aliases` };
  if (shape?.kind === 'depth') return { ok: false, path: shortPath(shape.path), message: `${TOO_DEEP} through its aliases` };
  return { ok: true, value };
}

function tooDeep(text: string): YamlIssue | null {
  const p = tokenProblem(text);
  if (!p) return null;
  const before = text.slice(0, p.offset);
  return { message: p.message, line: before.split('\n').length, col: p.offset - before.lastIndexOf('\n') };
}

/** One document: the config. All its syntax errors are in `errors`. */
export function readYaml(text: string): { value: YamlValue; errors: YamlIssue[] } {
  const deep = tooDeep(text);
  if (deep) return { value: { ok: false, ...deep }, errors: [deep] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter });
  return { value: toValue(doc, lineCounter), errors: issuesOf(doc) };
}

/** Every document of a stream (rule files, manifests), each a value or why not. */
export function readYamlDocuments(text: string): YamlValue[] {
  const deep = tooDeep(text);
  if (deep) return [{ ok: false, ...deep }];
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { ...OPTIONS, lineCounter }).map((d) => toValue(d, lineCounter));
}
