import { parseDuration } from './duration.js';
import { parseQuantity, type Quantity } from './quantity.js';

export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Threshold {
  text: string;
  op: Op;
  quantity: Quantity;
  /** Condition must hold this long (ms) before it counts, as Prometheus `for`. */
  forMs: number;
  /** "> 50 in 5m": the value is a count over this window (ms). */
  inMs: number | null;
}

const FORM = /^\s*(<=|>=|==|!=|<|>)\s*(\S+?)\s*(?:\b(for|in)\s+(\S+))?\s*$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** "> 500ms for 5m", "> 1%", "> 50 in 5m". */
export function parseThreshold(text: unknown): Parsed<Threshold> {
  const bad = (why = ''): Parsed<Threshold> => ({
    ok: false,
    reason: `${JSON.stringify(text)} is not a threshold${why} (expected like "> 500ms for 5m")`,
  });
  if (typeof text !== 'string') return bad();
  const m = FORM.exec(text);
  if (!m) return bad();
  const quantity = parseQuantity(m[2]);
  if (!quantity) return bad(`: "${m[2]}" is not a number with a unit`);
  let forMs = 0;
  let inMs: number | null = null;
  if (m[3]) {
    const d = parseDuration(m[4]);
    if (d === null || d <= 0) return bad(`: "${m[4]}" is not a duration`);
    if (m[3] === 'for') forMs = d;
    else inMs = d;
  }
  return { ok: true, value: { text, op: m[1] as Op, quantity, forMs, inMs } };
}

/** An objective is a threshold, or a bare percentage meaning "at least": "99.9%". */
export function parseObjective(text: unknown): Parsed<Threshold> {
  if (typeof text === 'number') text = `${text}%`;
  if (typeof text === 'string' && /^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*%\s*$/i.test(text)) {
    const q = parseQuantity(text.replace(/\s+/g, ''));
    if (q) return { ok: true, value: { text, op: '>=', quantity: q, forMs: 0, inMs: null } };
  }
  const t = parseThreshold(text);
  if (t.ok) return t;
  return {
    ok: false,
    reason: `${JSON.stringify(text)} is not an objective (expected like "< 500ms" or "99.9%")`,
  };
}

export function compare(value: number, op: Op, limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}
