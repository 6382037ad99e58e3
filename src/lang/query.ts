// Queries as the official grammars read them: PromQL by @prometheus-io/lezer-promql
// (the grammar of the Prometheus UI), LogQL by @grafana/lezer-logql. `$window`
// is oncall's own placeholder, not part of either language: it is found in the
// text, put in as a duration of the same length (so every column stays where
// the user wrote it), and then only the occurrences the syntax tree places
// where a duration goes are replaced. One inside a string stays as written.

import { parser as logqlParser } from '@grafana/lezer-logql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { promqlTypeError } from './promql-types.js';
import { describeSyntaxError, firstSyntaxError, LANG_NAME, type Lang, where } from './syntax.js';

export type { Lang };

export interface Analysed {
  lang: Lang;
  text: string;
  /** The text with each `$window` as a same-length duration: what the tree was built from. */
  parsed: string;
  /** Null only when the grammar could not build one (a query nested past what it can hold); `error` says so. */
  tree: Tree | null;
  /** [from, to) of each `$window` that stands for a duration. */
  windows: Array<[number, number]>;
  /** What is wrong, without the field's path; null when the query is well formed. */
  error: string | null;
}

const PLACEHOLDER = /\$window\b|\$\{window\}/g;
const DURATION_NODE: Record<Lang, string> = { promql: 'NumberDurationLiteralInDurationContext', logql: 'Duration' };
const STRING_NODE: Record<Lang, string[]> = { promql: ['StringLiteral'], logql: ['String'] };

export function parse(lang: Lang, text: string) {
  return (lang === 'promql' ? promqlParser : logqlParser).parse(text);
}

function within(node: SyntaxNode | null, names: string[]): boolean {
  for (let n = node; n; n = n.parent) if (names.includes(n.name)) return true;
  return false;
}

export function analyse(lang: Lang, text: string): Analysed {
  const found = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index!, m.index! + m[0].length] as [number, number]);
  let parsed = text;
  for (const [from, to] of found) parsed = `${parsed.slice(0, from) + '9'.repeat(to - from - 1)}s${parsed.slice(to)}`;
  const windows: Array<[number, number]> = [];
  if (parsed.trim() === '') return { lang, text, parsed, tree: null, windows, error: 'the query is empty' };
  let tree: Tree;
  try {
    tree = parse(lang, parsed);
  } catch (e) {
    // Lezer builds its tree recursively: thousands of chained operators overflow the stack.
    if (!(e instanceof RangeError)) throw e;
    return {
      lang,
      text,
      parsed,
      tree: null,
      windows,
      error: `the query is nested too deeply for the ${LANG_NAME[lang]} grammar to read (${text.length} characters)`,
    };
  }
  let error: string | null = null;
  // Positions are the same in both texts; the token shown is the user's ($window, not its stand-in).
  const syntax = firstSyntaxError(tree, text);
  if (syntax) {
    const rest = text.slice(syntax.offset);
    const variable = /^\$[{[]?[A-Za-z_]/.test(rest) && !/^\$window\b|^\$\{window\}/.test(rest);
    const call = lang === 'promql' && /^\(/.test(rest) ? /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, syntax.offset))?.[1] : undefined;
    error =
      describeSyntaxError(lang, text, syntax) +
      (variable ? '; oncall replaces only $window (dashboard variables need a value)' : '') +
      (call ? `; ${call} is not a PromQL function${call === 'holt_winters' ? ' (Prometheus 3 calls it double_exponential_smoothing)' : ''}` : '');
  }
  if (!error && lang === 'promql') {
    const t = promqlTypeError(tree, parsed);
    if (t) error = `PromQL error at ${where(text, t.offset)}: ${t.message}`;
  }
  for (const [from, to] of found) {
    const node = tree.resolveInner(from, 1);
    if (node.name === DURATION_NODE[lang] && node.from === from && node.to === to) windows.push([from, to]);
    else if (!within(node, STRING_NODE[lang]) && !error) {
      error = `${text.slice(from, to)} at ${where(text, from)} is not where a duration goes; write it as a range, like rate(x[$window])`;
    }
  }
  return { lang, text, parsed, tree, windows, error };
}

/** A LogQL query's kind: a metric query gives numbers, a log query gives lines. */
export function logqlKind(a: Analysed): 'metric' | 'log' | null {
  const top = a.tree?.topNode.firstChild?.firstChild;
  return top?.name === 'MetricExpr' ? 'metric' : top?.name === 'LogExpr' ? 'log' : null;
}

// Configs hold a few hundred queries at most: each is analysed once, when the
// config is checked, and its $window places are read from here every cycle.
const cache = new Map<string, Analysed>();
const CACHE_MAX = 2000;

export function cached(lang: Lang, text: string): Analysed {
  const key = `${lang}\u0000${text}`;
  let a = cache.get(key);
  if (!a) {
    if (cache.size >= CACHE_MAX) cache.clear();
    a = analyse(lang, text);
    cache.set(key, a);
  }
  return a;
}

/**
 * `$window` in a query becomes `duration` (PromQL/LogQL spelling, like 5m)
 * where the grammar puts a duration. `lang` null (a Sentry search) is left as written.
 */
export function substituteWindow(query: string, duration: string, lang: Lang | null): string {
  if (lang === null || !query.includes('$')) return query;
  const a = cached(lang, query);
  if (a.windows.length === 0) return query;
  let out = '';
  let at = 0;
  for (const [from, to] of a.windows) {
    out += query.slice(at, from) + duration;
    at = to;
  }
  return out + query.slice(at);
}
