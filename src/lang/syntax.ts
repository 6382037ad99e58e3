// What the official Lezer grammars say about a query: the first syntax error,
// placed by line and column, in words a person can act on. Lezer recovers from
// errors by inserting error nodes; the first one is where the text stops being
// the language.
import type { Tree } from '@lezer/common';

export type Lang = 'promql' | 'logql';

export const LANG_NAME: Record<Lang, string> = { promql: 'PromQL', logql: 'LogQL' };

export interface QuerySyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

/** 1-based line and column of `offset`, counted in characters as an editor shows them. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/** The token a person would point at: the next word, operator or quoted string at `offset`. */
function tokenAt(text: string, offset: number): string | null {
  const rest = text.slice(offset).replace(/^\s+/, '');
  if (rest === '') return null;
  const quoted = /^("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?)/.exec(rest);
  const word = /^[A-Za-z_:$][A-Za-z0-9_:]*|^[0-9][0-9A-Za-z_.]*/.exec(rest);
  const op = /^(==|!=|>=|<=|=~|!~|\|=|\|~|!>|\|>)/.exec(rest);
  const tok = (quoted ?? word ?? op)?.[0] ?? rest[0];
  return tok.length > 24 ? `${tok.slice(0, 23)}…` : tok;
}

export function firstSyntaxError(tree: Tree, text: string): QuerySyntaxError | null {
  let at: { from: number; to: number } | null = null;
  tree.iterate({
    enter(node) {
      if (at) return false;
      if (node.type.isError) {
        at = { from: node.from, to: node.to };
        return false;
      }
      return undefined;
    },
  });
  if (!at) return null;
  const { from } = at as { from: number; to: number };
  // A zero-width error node sits before the token that could not follow; skip the space before it.
  const skipped = from + (/^\s*/.exec(text.slice(from))?.[0].length ?? 0);
  const tok = tokenAt(text, from);
  const { line, column } = position(text, tok === null ? text.length : skipped);
  return { offset: skipped, line, column, message: tok === null ? 'unexpected end of query' : `unexpected ${JSON.stringify(tok)}` };
}

/** "column 17", or "line 2, column 5" when the query has several lines. */
export function where(text: string, offset: number): string {
  const { line, column } = position(text, offset);
  return text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}

/** `PromQL syntax error at column 17: unexpected ")"`. */
export function describeSyntaxError(lang: Lang, text: string, e: QuerySyntaxError): string {
  return `${LANG_NAME[lang]} syntax error at ${where(text, e.offset)}: ${e.message}`;
}
