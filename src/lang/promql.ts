// What an importer needs to know about a PromQL expression, read from its
// syntax tree: whether it is, at the top, a filtering comparison against a
// number (so it can be shown as a query and a threshold), and nothing else.
import type { SyntaxNode } from '@lezer/common';
import { children } from './promql-types.js';
import { analyse } from './query.js';

/** A comparison operator, as oncall's thresholds spell them. */
export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';

const COMPARISON: Record<string, Op> = { Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=' };
const FLIPPED: Record<Op, Op> = { '==': '==', '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  // ParenExpr holds "(", the expression and ")"; lezer-promql names only the expression.
  while (n.name === 'ParenExpr' && children(n)[0]) n = children(n)[0];
  return n;
}

/** A finite number literal (`.80`, `1e3`, `0x1F`, `-2`, `(5)`), or null for anything else. */
export function numberValue(node: SyntaxNode, text: string): number | null {
  const n = unwrap(node);
  if (n.name === 'UnaryExpr') {
    const [op, arg] = children(n);
    if (!op || !arg) return null;
    const v = numberValue(arg, text);
    const sign = text.slice(op.from, op.to).trim();
    return v === null ? null : sign === '-' ? -v : sign === '+' ? v : null;
  }
  if (n.name !== 'NumberDurationLiteral') return null;
  const s = text.slice(n.from, n.to).trim();
  // A duration (5m) reads as seconds in Prometheus 3; not a number a threshold can hold.
  if (!/^[+-]?(0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i.test(s)) return null;
  const negative = s.startsWith('-');
  const num = Number(s.replace(/^[+-]/, '')) * (negative ? -1 : 1);
  return Number.isFinite(num) ? num : null;
}

export type TopComparison = { ok: true; query: string; op: Op; value: number } | { ok: false; reason: string };

/**
 * `expr OP number` (or `number OP expr`) at the top of the tree, as a query
 * and a threshold that select exactly the series the comparison keeps. A
 * `bool` comparison keeps every series (as 0 or 1), so it is not one.
 */
export function topComparison(expr: string): TopComparison {
  const a = analyse('promql', expr);
  if (a.error) return { ok: false, reason: a.error };
  const top = a.tree ? children(a.tree.topNode)[0] : undefined;
  if (!top) return { ok: false, reason: 'empty expression' };
  const node = unwrap(top);
  if (node.name !== 'BinaryExpr') return { ok: false, reason: 'not a comparison at the top' };
  const [left, opNode] = children(node);
  if (!left || !opNode) return { ok: false, reason: 'not a comparison at the top' };
  const op = COMPARISON[opNode.name];
  if (!op) return { ok: false, reason: `the top operator is ${JSON.stringify(expr.slice(opNode.from, opNode.to))}, not a comparison` };
  let right: SyntaxNode | undefined = children(node)[2];
  if (right?.name === 'BoolModifier') return { ok: false, reason: 'a bool comparison returns every series' };
  // Vector matching (on/ignoring) only appears between two vectors.
  if (right?.name === 'MatchingModifierClause') return { ok: false, reason: 'compares two vectors' };
  if (!right) return { ok: false, reason: 'incomplete comparison' };
  const rightNumber = numberValue(right, a.parsed);
  const leftNumber = numberValue(left, a.parsed);
  if (rightNumber !== null && leftNumber === null) return { ok: true, query: expr.slice(left.from, left.to).trim(), op, value: rightNumber };
  if (leftNumber !== null && rightNumber === null) {
    right = unwrap(right);
    return { ok: true, query: expr.slice(right.from, right.to).trim(), op: FLIPPED[op], value: leftNumber };
  }
  return { ok: false, reason: 'compares two expressions, not an expression with a number' };
}

/** The metric names an expression selects, read from its syntax tree. */
export function metricNames(expr: string): Set<string> {
  const a = analyse('promql', expr);
  const out = new Set<string>();
  a.tree?.iterate({
    enter(ref) {
      if (ref.name === 'VectorSelector') {
        const id = ref.node.getChild('Identifier');
        if (id) out.add(a.parsed.slice(id.from, id.to));
      }
    },
  });
  return out;
}
