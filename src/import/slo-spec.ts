// What the Sloth, Pyrra and OpenSLO importers share. Their specs give SLOs
// *and* the burn-rate alerts the tools generate from them; `configDoc` writes both.
import type { SyntaxNode } from '@lezer/common';
import { readYamlDocuments } from '../config/yaml-docs.js';
import { analyse } from '../lang/query.js';
import { ratioQuery } from '../sources/prometheus/dialect.js';
import { type Imported, type NotMapped, plural, rankSeverities } from './output.js';
import { isObj, type Obj, text } from './untyped.js';

export type Entry = Record<string, unknown>;

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    const s = text(x);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** An importer's answer: the SLOs as `entries` (kind 'slos'), and the alerts that go with them. */
export interface SloImported extends Imported {
  alerts: Entry[];
}

export interface Doc {
  /** "document 2", "document 1 item 3": where it is, for messages. */
  where: string;
  value: Obj;
}

/**
 * The objects of a YAML stream: each document, a top-level list (OpenSLO's
 * SDK writes them) or a Kubernetes `List` spread into its items. A document
 * that is not YAML, or not a mapping, is reported.
 */
export function documents(input: string, notMapped: NotMapped[]): Doc[] {
  const docs = readYamlDocuments(input);
  const out: Doc[] = [];
  const add = (v: unknown, where: string) => {
    if (Array.isArray(v)) v.forEach((item, i) => add(item, `${where} item ${i + 1}`));
    else if (isObj(v) && v.kind === 'List' && Array.isArray(v.items)) v.items.forEach((item, i) => add(item, `${where} items[${i}]`));
    else if (isObj(v)) out.push({ where, value: v });
    else if (v !== null && v !== undefined) notMapped.push({ what: where, why: 'not a mapping' });
  };
  docs.forEach((d, i) => {
    const where = `document ${i + 1}`;
    if (!d.ok) notMapped.push({ what: where, why: `not YAML: ${d.message}` });
    else add(d.value, where);
  });
  return out;
}

/** `n` in plain decimals with the point moved `places` to the right, from its shortest spelling. */
function shifted(n: number, places: number): string {
  const [mantissa, exp = '0'] = String(n).split('e');
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = mantissa.replace('-', '').split('.');
  const digits = int + frac;
  const point = int.length + Number(exp) + places;
  let s: string;
  if (point <= 0) s = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) s = digits + '0'.repeat(point - digits.length);
  else s = `${digits.slice(0, point)}.${digits.slice(point)}`;
  s = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  s = s.replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${s}`;
}

/**
 * `ratio` (0.9995) as the percent it spells (99.95). `ratio * 100` is not
 * always that number (0.9995 * 100 = 99.95000000000002), so the decimal point
 * of the shortest spelling is moved instead.
 */
export function percentOf(ratio: number): number {
  return Number(shifted(ratio, 2));
}

/** `percent` (99.95) as the ratio it spells, "0.9995", by the same shift the other way. */
export function ratioText(percent: number): string {
  return shifted(percent, -2);
}

/** A number as Go's strconv 'f' -1 prints it: the shortest decimals, never an exponent. */
export function plainNumber(n: number): string {
  return shifted(n, 0);
}

// Sloth and the SLO tools write the window as a Go template action. It is not
// PromQL, so it is replaced as text; the grammar then checks what it became.
const GO_WINDOW = /\{\{\s*\.window\s*\}\}/g;

/** `{{.window}}` as oncall's `$window`, or why the query cannot be read. */
export function withWindowPlaceholder(query: string): { ok: true; query: string } | { ok: false; why: string } {
  const replaced = query.replace(GO_WINDOW, '$window');
  if (replaced.includes('{{')) return { ok: false, why: `${JSON.stringify(query.trim())}: a Go template action other than {{.window}}` };
  const error = analyse('promql', replaced).error;
  if (error) return { ok: false, why: `${JSON.stringify(replaced.trim())}: ${error}` };
  return { ok: true, query: replaced.trim() };
}

/** Where the SLO's errors and total (or its error ratio, total null) come from. */
export interface RatioSli {
  errors: string;
  total: string | null;
}

export function ratioField(sli: RatioSli): Record<string, string> {
  return sli.total === null ? { error_ratio: sli.errors } : { errors: sli.errors, total: sli.total };
}

/** The error ratio over one window, as oncall's SLO reads it (`ratioQuery`), for an alert to compare. */
export function ratioOver(sli: RatioSli, windowMs: number): string {
  return ratioQuery(sli.errors, sli.total, windowMs);
}

/**
 * One multiwindow pair: the series whose error ratio is over `threshold` in
 * both windows. `and` matches them by their labels, which are the same in
 * both: the windows differ only in their range.
 */
export function burnPair(sli: RatioSli, shortMs: number, longMs: number, threshold: string): string {
  return `(${ratioOver(sli, shortMs)}) > (${threshold}) and (${ratioOver(sli, longMs)}) > (${threshold})`;
}

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  text: string;
  name: string | null;
  /** As Prometheus' parser lists them: a named selector's `__name__` first. */
  matchers: Matcher[];
}

const OPS: Record<string, Matcher['op']> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  const double = literal.startsWith("'") ? `"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : literal;
  try {
    return JSON.parse(double) as string;
  } catch {
    return body;
  }
}

/** `text` when it is one vector selector (what Pyrra takes as a metric), read from the syntax tree; else why not. */
export function vectorSelector(text: string): { ok: true; selector: Selector } | { ok: false; why: string } {
  const a = analyse('promql', text);
  if (a.error) return { ok: false, why: `${JSON.stringify(text)}: ${a.error}` };
  const top = a.tree?.topNode.firstChild;
  if (top?.name !== 'VectorSelector' || top.nextSibling) {
    return { ok: false, why: `${JSON.stringify(text)} is not a metric selector like name{label="value"}` };
  }
  const slice = (n: SyntaxNode) => text.slice(n.from, n.to);
  const ident = top.getChild('Identifier');
  const matchers: Matcher[] = ident ? [{ name: '__name__', op: '=', value: slice(ident) }] : [];
  let name = ident ? slice(ident) : null;
  for (let m = top.getChild('LabelMatchers')?.firstChild ?? null; m; m = m.nextSibling) {
    if (m.name === 'QuotedLabelName') {
      // `{"metric.name"}`: the quoted metric name of UTF-8 selectors.
      name = unquote(slice(m.getChild('StringLiteral') ?? m));
      matchers.unshift({ name: '__name__', op: '=', value: name });
      continue;
    }
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    const labelNode = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
    const opNode = m.getChild('MatchOp')?.firstChild;
    const valueNode = m.lastChild;
    if (!labelNode || !opNode || !valueNode || valueNode.name !== 'StringLiteral') continue;
    const label = labelNode.name === 'QuotedLabelName' ? unquote(slice(labelNode.getChild('StringLiteral') ?? labelNode)) : slice(labelNode);
    const op = OPS[opNode.name];
    if (!op) continue;
    if (label === '__name__' && op === '=') name = unquote(slice(valueNode));
    matchers.push({ name: label, op, value: unquote(slice(valueNode)) });
  }
  return { ok: true, selector: { text: text.trim(), name, matchers } };
}

/** The closing stderr line. */
export function summaryLine(slos: number, alerts: number, notMapped: NotMapped[]): string {
  const shown = notMapped.slice(0, 4).map((n) => n.what);
  const more = notMapped.length > shown.length ? `, +${notMapped.length - shown.length} more` : '';
  const which = notMapped.length ? ` (${shown.join(', ')}${more})` : '';
  return `imported ${plural(slos, 'SLO')} and ${plural(alerts, 'alert')}, ${notMapped.length} not mapped${which}`;
}

/** Severities the alerts use, most severe first, as `Imported.severities` holds them. */
export function alertSeverities(alerts: Entry[]): string[] {
  return rankSeverities(alerts.map((a) => a.severity).filter((s): s is string => typeof s === 'string'));
}

/** A readable name and, when it says more, the description. */
export function naming(readable: string | undefined, fallback: string, description: string | undefined): { name: string; description?: string } {
  const name = readable?.trim() || fallback;
  const d = description?.trim();
  return d && d !== name ? { name, description: d } : { name };
}
