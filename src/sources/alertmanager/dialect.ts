// Alertmanager's query language is its matchers (`alertname=~"Foo.*"`, as
// amtool and the API's `filter` take them). They are read here, purely, so
// that the config can refuse a bad one at load and the silence form and CLI
// that come later parse the same way the source does.
import type { Dialect } from '../kind.js';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

// Alertmanager 0.25 accepts UTF-8 names only from 0.27 on; these are the names it takes.
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FORM = /^\s*([^\s=!~"]+)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;
/** Longer values are not a filter anyone types; the bound keeps a config from sending megabytes. */
const MAX_VALUE = 1024;

/** One matcher in amtool's syntax: `name=value`, `name!="v"`, `name=~"re"`, `name!~re`. */
export function parseMatcher(text: string): Parsed<Matcher> {
  const m = FORM.exec(text);
  if (!m) return { ok: false, reason: `${JSON.stringify(text)} is not a matcher (name=value, name!=value, name=~regex or name!~regex)` };
  const [, name, op, raw] = m;
  if (!NAME.test(name)) return { ok: false, reason: `${JSON.stringify(name)} is not a label name (letters, digits and _, not starting with a digit)` };
  const value = unquote(raw);
  if (value === null) return { ok: false, reason: `${JSON.stringify(raw)}: a quoted value must end with its quote, with \\" and \\\\ as its only escapes` };
  if (value.length > MAX_VALUE) return { ok: false, reason: `the value of ${name} is longer than ${MAX_VALUE} characters` };
  if (op === '=~' || op === '!~') {
    const re = regexProblem(value);
    if (re) return { ok: false, reason: `${JSON.stringify(value)} is not a regular expression: ${re}` };
  }
  return { ok: true, value: { name, op: op as MatchOp, value } };
}

/** Several matchers, each by its index when one is wrong. */
export function parseMatchers(texts: readonly string[]): Parsed<Matcher[]> {
  const out: Matcher[] = [];
  for (const [i, t] of texts.entries()) {
    const m = parseMatcher(t);
    if (!m.ok) return { ok: false, reason: `matcher ${i + 1}: ${m.reason}` };
    out.push(m.value);
  }
  return { ok: true, value: out };
}

/** A matcher as amtool prints it and the API's `filter` reads it: the value always quoted. */
export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Whether `labels` satisfy `m`, the way Alertmanager decides it: regexes anchored, a missing label is "". */
export function matches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return anchored(m.value).test(v);
    case '!~':
      return !anchored(m.value).test(v);
  }
}

function anchored(re: string): RegExp {
  return new RegExp(`^(?:${re})$`, 'su');
}

function regexProblem(re: string): string | null {
  try {
    anchored(re);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

function unquote(raw: string): string | null {
  if (!raw.startsWith('"')) return raw;
  if (raw.length < 2 || !raw.endsWith('"')) return null;
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i];
    if (c === '"') return null;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[++i];
    if (i >= raw.length - 1 || (next !== '"' && next !== '\\')) return null;
    out += next;
  }
  return out;
}

/** Alertmanager answers no queries with numbers: it only carries matchers, so a `$window` has nowhere to go. */
export const alertmanagerDialect: Dialect = {
  withWindow: (query) => query,
};
