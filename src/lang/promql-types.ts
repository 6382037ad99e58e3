// The checks Prometheus' parser makes after the grammar: every expression has
// a type (scalar, instant vector, range vector, string), and functions,
// operators and ranges take only some. The Lezer grammar accepts `rate(x)` and
// `x == 0[5m]`; Prometheus answers them with bad_data. Read off the same syntax
// tree, with Prometheus' own wording, so a typo fails validation, not a panel.
// A function this table does not know is not judged (never a false error).
import type { SyntaxNode, Tree } from '@lezer/common';

export type T = 'scalar' | 'vector' | 'matrix' | 'string';

const NAME: Record<T, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };

interface Sig {
  args: T[];
  /** Arguments from this index on may be left out. */
  optionalFrom?: number;
  /** The last argument may repeat. */
  variadic?: boolean;
  returns: T;
}

const v1: Sig = { args: ['vector'], returns: 'vector' };
const m1: Sig = { args: ['matrix'], returns: 'vector' };
const vOpt: Sig = { args: ['vector'], optionalFrom: 0, returns: 'vector' };

const FUNCTIONS: Record<string, Sig> = {
  absent: v1,
  absent_over_time: m1,
  changes: m1,
  delta: m1,
  deriv: m1,
  idelta: m1,
  increase: m1,
  irate: m1,
  rate: m1,
  resets: m1,
  present_over_time: m1,
  predict_linear: { args: ['matrix', 'scalar'], returns: 'vector' },
  quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector' },
  holt_winters: { args: ['matrix', 'scalar', 'scalar'], returns: 'vector' },
  double_exponential_smoothing: { args: ['matrix', 'scalar', 'scalar'], returns: 'vector' },
  clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector' },
  clamp_max: { args: ['vector', 'scalar'], returns: 'vector' },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector' },
  round: { args: ['vector', 'scalar'], optionalFrom: 1, returns: 'vector' },
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
  histogram_fraction: { args: ['scalar', 'scalar', 'vector'], returns: 'vector' },
  label_replace: { args: ['vector', 'string', 'string', 'string', 'string'], returns: 'vector' },
  label_join: { args: ['vector', 'string', 'string', 'string'], optionalFrom: 3, variadic: true, returns: 'vector' },
  sort_by_label: { args: ['vector', 'string'], optionalFrom: 1, variadic: true, returns: 'vector' },
  sort_by_label_desc: { args: ['vector', 'string'], optionalFrom: 1, variadic: true, returns: 'vector' },
  scalar: { args: ['vector'], returns: 'scalar' },
  vector: { args: ['scalar'], returns: 'vector' },
  time: { args: [], returns: 'scalar' },
  pi: { args: [], returns: 'scalar' },
};
for (const f of [
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'ceil',
  'cos',
  'cosh',
  'deg',
  'exp',
  'floor',
  'ln',
  'log10',
  'log2',
  'rad',
  'sgn',
  'sin',
  'sinh',
  'sqrt',
  'tan',
  'tanh',
  'timestamp',
  'sort',
  'sort_desc',
  'histogram_count',
  'histogram_sum',
  'histogram_avg',
  'histogram_stddev',
  'histogram_stdvar',
]) {
  FUNCTIONS[f] = v1;
}
for (const f of ['avg', 'count', 'last', 'max', 'min', 'mad', 'stddev', 'stdvar', 'sum', 'first', 'ts_of_first', 'ts_of_last', 'ts_of_max', 'ts_of_min'])
  FUNCTIONS[`${f}_over_time`] = m1;
for (const f of ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year']) FUNCTIONS[f] = vOpt;

const PARAM_AGGREGATIONS: Record<string, T> = {
  topk: 'scalar',
  bottomk: 'scalar',
  limitk: 'scalar',
  limit_ratio: 'scalar',
  quantile: 'scalar',
  count_values: 'string',
};
const COMPARISON = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET = new Set(['And', 'Or', 'Unless']);

export interface TypeError {
  offset: number;
  message: string;
}

class Found extends Error {
  constructor(readonly at: TypeError) {
    super(at.message);
  }
}

const fail = (node: SyntaxNode, message: string): never => {
  throw new Found({ offset: node.from, message });
};

/** Whether a matcher keeps a series that lacks its label; a regex JavaScript cannot read counts as not. */
function matchesEmpty(m: SyntaxNode, text: string): boolean {
  const op = m.getChild('MatchOp')?.firstChild?.name;
  const literal = m.getChild('StringLiteral');
  if (!op || !literal) return false;
  let value: string;
  try {
    value = JSON.parse(`"${text.slice(literal.from + 1, literal.to - 1).replace(/"/g, '\\"')}"`) as string;
  } catch {
    return false;
  }
  if (op === 'EqlSingle') return value === '';
  if (op === 'Neq') return value !== '';
  try {
    const re = new RegExp(`^(?:${value})$`);
    return op === 'EqlRegex' ? re.test('') : !re.test('');
  } catch {
    return false;
  }
}

/** The child nodes, without comments (`# NX-OS:` between arguments is a node too). */
export function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

/** The type of the whole expression, or null when it has a type error (see promqlTypeError). */
export function promqlType(tree: Tree, text: string): T | null {
  const top = children(tree.topNode)[0];
  if (!top) return null;
  try {
    return typeOf(top, text);
  } catch (e) {
    if (e instanceof Found) return null;
    throw e;
  }
}

/** The first type error in the tree of `text`, or null. */
export function promqlTypeError(tree: Tree, text: string): TypeError | null {
  const top = children(tree.topNode)[0];
  if (!top) return null;
  try {
    const t = typeOf(top, text);
    if (t === 'matrix' || t === 'string')
      fail(top, `the query gives a ${NAME[t]}; a panel or alert needs a number per series (wrap it in rate() or *_over_time())`);
    return null;
  } catch (e) {
    if (e instanceof Found) return e.at;
    throw e;
  }
}

function typeOf(n: SyntaxNode, text: string): T {
  const slice = (x: SyntaxNode) => text.slice(x.from, x.to);
  switch (n.name) {
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector': {
      // {} or {a=""} would select every series there is: Prometheus refuses it.
      if (!n.getChild('Identifier')) {
        const matchers = n.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
        const quoted = n.getChild('LabelMatchers')?.getChildren('QuotedLabelName') ?? [];
        if (quoted.length === 0 && matchers.every((m) => matchesEmpty(m, text))) fail(n, 'vector selector must contain at least one non-empty matcher');
      }
      return 'vector';
    }
    case 'ParenExpr': {
      const inner = children(n)[0];
      return inner ? typeOf(inner, text) : 'vector';
    }
    case 'MatrixSelector': {
      const inner = children(n)[0];
      if (inner && inner.name !== 'VectorSelector') fail(inner, 'ranges only allowed for vector selectors');
      return 'matrix';
    }
    case 'SubqueryExpr': {
      const inner = children(n)[0];
      const t = inner ? typeOf(inner, text) : 'vector';
      if (inner && t !== 'vector') fail(inner, `subquery is only allowed on instant vector, got ${NAME[t]}`);
      return 'matrix';
    }
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'AnchoredExpr':
    case 'SmoothedExpr':
      return children(n)[0] ? typeOf(children(n)[0], text) : 'vector';
    case 'UnaryExpr': {
      const operand = children(n).pop();
      const t = operand ? typeOf(operand, text) : 'scalar';
      if (t !== 'scalar' && t !== 'vector') fail(n, `unary expression only allowed on expressions of type scalar or instant vector, got ${NAME[t]}`);
      return t;
    }
    case 'BinaryExpr':
      return binary(n, text);
    case 'FunctionCall': {
      const id = n.getChild('FunctionIdentifier');
      const name = id ? slice(id) : '';
      const args = children(n.getChild('FunctionCallBody') ?? n).filter((c) => !c.type.isError);
      const types = args.map((a) => typeOf(a, text));
      const sig = FUNCTIONS[name];
      if (!sig) return 'vector';
      const min = sig.optionalFrom ?? sig.args.length;
      if (types.length < min || (!sig.variadic && types.length > sig.args.length)) {
        fail(
          n,
          `expected ${min === sig.args.length || sig.variadic ? `${sig.variadic ? 'at least ' : ''}${min}` : `${min} to ${sig.args.length}`} argument(s) in call to ${JSON.stringify(name)}, got ${types.length}`,
        );
      }
      types.forEach((t, i) => {
        const want = sig.args[Math.min(i, sig.args.length - 1)];
        if (t !== want) fail(args[i], `expected type ${NAME[want]} in call to function ${JSON.stringify(name)}, got ${NAME[t]}`);
      });
      return sig.returns;
    }
    case 'AggregateExpr': {
      const op = n.getChild('AggregateOp');
      const name = op ? slice(op) : '';
      const args = children(n.getChild('FunctionCallBody') ?? n).filter((c) => !c.type.isError);
      const param = PARAM_AGGREGATIONS[name];
      const want: T[] = param ? [param, 'vector'] : ['vector'];
      if (args.length !== want.length)
        fail(
          n,
          args.length === 0
            ? 'no arguments for aggregate expression provided'
            : `wrong number of arguments for aggregate expression provided, expected ${want.length}, got ${args.length}`,
        );
      args.forEach((a, i) => {
        const t = typeOf(a, text);
        if (t !== want[i])
          fail(
            a,
            i === want.length - 1
              ? `expected type instant vector in aggregation expression, got ${NAME[t]}`
              : `expected type ${NAME[want[i]]} in aggregation parameter, got ${NAME[t]}`,
          );
      });
      return 'vector';
    }
    default:
      // Duration arithmetic and nodes this check does not know: not judged.
      return 'vector';
  }
}

function binary(n: SyntaxNode, text: string): T {
  const kids = children(n);
  const left = kids[0];
  const right = kids[kids.length - 1];
  const op = kids[1];
  if (!left || !right || !op || left === right) return 'vector';
  const l = typeOf(left, text);
  const r = typeOf(right, text);
  const bool = kids.some((k) => k.name === 'BoolModifier');
  const opText = text.slice(op.from, op.to);
  for (const [side, t] of [
    [left, l],
    [right, r],
  ] as const) {
    if (t !== 'scalar' && t !== 'vector') fail(side, `binary expression must contain only scalar and instant vector types, got ${NAME[t]}`);
  }
  if (SET.has(op.name)) {
    if (l !== 'vector' || r !== 'vector') fail(n, `set operator ${JSON.stringify(opText)} not allowed in binary scalar expression`);
    return 'vector';
  }
  if (bool && !COMPARISON.has(op.name)) fail(n, 'bool modifier can only be used on comparison operators');
  if (COMPARISON.has(op.name) && l === 'scalar' && r === 'scalar' && !bool) fail(n, 'comparisons between scalars must use BOOL modifier');
  return l === 'scalar' && r === 'scalar' ? 'scalar' : 'vector';
}
