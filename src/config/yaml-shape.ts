// Bounds on the shape of a YAML document, checked without recursion before
// anything walks it: the yaml package's toJS, and after it expandEnv,
// secretsIn, zod and prune, all recurse once per level and would overflow the
// stack on a hostile file. No real config nests deeper than a dozen levels.
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, type Node } from 'yaml';

export const MAX_DEPTH = 64;
export const MAX_VALUES = 1_000_000;

/** Where the document breaks a bound, by offset in the text, or null. */
export type AstProblem = { offset: number; message: string } | null;

// The lexer's own markers, not text of the file.
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

/**
 * The nesting the tokens alone show: flow collections (`[[[`) and block
 * indicators on one line (`- - -`). The yaml parser builds its whole tree
 * before the composer gives up, seconds and gigabytes for a megabyte of `[`;
 * the lexer stops here at the first level too many.
 */
export function tokenProblem(text: string): AstProblem {
  let offset = 0;
  let flow = 0;
  let onLine = 0;
  let scalar = false;
  for (const token of new Lexer().lex(text)) {
    const at = offset;
    if (token === DOCUMENT || token === FLOW_END) flow = 0;
    if (token === DOCUMENT || token === FLOW_END || token === SCALAR) {
      scalar = token === SCALAR;
      continue;
    }
    offset += token.length;
    // A scalar's text follows its marker: a `[` there is text.
    if (scalar) {
      scalar = false;
      continue;
    }
    if (token === '\n' || token === '\r\n') onLine = 0;
    else if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (flow === 0 && (token === '-' || token === '?')) onLine++;
    if (flow > MAX_DEPTH || onLine > MAX_DEPTH) return { offset: at, message: `nested deeper than ${MAX_DEPTH} levels` };
  }
  return null;
}

const isMergeKey = (k: unknown) => isScalar(k) && typeof k.value === 'symbol' && k.value.description === '<<';

/**
 * The parsed tree (aliases not followed): no collection deeper than MAX_DEPTH,
 * and every merge key (`<<`) takes a map, an alias of one, or a list of those.
 * The yaml package checks the latter only while converting, with a bare Error.
 */
export function astProblem(root: unknown): AstProblem {
  const anchors = new Map<string, unknown>();
  // Children are pushed in reverse, so nodes come off in document order: an alias sees the anchors before it.
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      if (isMergeKey(node.key) && !mergeable(node.value, anchors))
        return { offset: start(node.value ?? node.key), message: 'a merge key (<<) takes a map, an alias of one, or a list of those' };
      stack.push([node.value, depth], [node.key, depth]);
      continue;
    }
    if (isScalar(node) || isMap(node) || isSeq(node)) if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_DEPTH) return { offset: start(node), message: `nested deeper than ${MAX_DEPTH} levels` };
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], depth + 1]);
    }
  }
  return null;
}

function mergeable(v: unknown, anchors: Map<string, unknown>): boolean {
  const target = (x: unknown) => (isAlias(x) ? anchors.get(x.source) : x);
  const source = target(v);
  if (isMap(source)) return true;
  return isSeq(source) && source.items.every((x) => isMap(target(x)));
}

const start = (n: unknown) => (n as Node | null)?.range?.[0] ?? 0;

export type ValueProblem = { kind: 'values' } | { kind: 'depth'; path: PropertyKey[] } | null;

/**
 * The converted value, each alias use walked again as every later reader
 * walks it: at most MAX_VALUES values and MAX_DEPTH levels. An alias inside
 * its own anchor makes a cycle, which this meets as too deep.
 */
export function valueProblem(v: unknown): ValueProblem {
  let seen = 0;
  const path: PropertyKey[] = [];
  const stack: Array<[unknown, number, PropertyKey]> = [[v, 0, '']];
  while (stack.length) {
    const [x, depth, key] = stack.pop()!;
    if (depth > 0) {
      path.length = depth - 1;
      path.push(key);
    }
    if (++seen > MAX_VALUES) return { kind: 'values' };
    if (x === null || typeof x !== 'object') continue;
    if (depth >= MAX_DEPTH) return { kind: 'depth', path: [...path] };
    if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], depth + 1, i]);
    else for (const [k, y] of Object.entries(x).reverse()) stack.push([y, depth + 1, k]);
  }
  return null;
}
