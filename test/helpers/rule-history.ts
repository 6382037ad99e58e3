// A history for someone else's rule file: every metric its expressions select
// (found by the PromQL grammar), with labels that satisfy each selector's
// matchers, shared instance labels so joins match, and values that move in
// different ways per series (seeded), so that some rules fire and some do not.
// The same history is written as OpenMetrics for a real Prometheus (absolute
// times) and as promtool unit-test input series (times from 0); metrics that
// expressions compare with time() hold timestamps, shifted with the times.
import type { SyntaxNode } from '@lezer/common';
import { parse } from '../../src/lang/query.js';

export const STEP_S = 15;

export interface SynthSeries {
  metric: string;
  labels: Record<string, string>;
  /** One value per step, STEP_S apart; `timestamp` series are relative to the history's start. */
  values: number[];
  timestamp: boolean;
}

interface Selector {
  metric: string;
  matchers: Array<{ name: string; op: string; value: string }>;
  /** Where it stands in its expression. */
  from?: number;
}

function unquote(s: string): string {
  try {
    return s.startsWith('`') ? s.slice(1, -1) : (JSON.parse(s.startsWith("'") ? `"${s.slice(1, -1).replace(/"/g, '\\"')}"` : s) as string);
  } catch {
    return s.slice(1, -1);
  }
}

function selectorsOf(expr: string): { selectors: Selector[]; counters: Set<string>; timestamps: Set<string>; grouping: Set<string>; numbers: Set<number> } {
  const tree = parse('promql', expr);
  const numbers = new Set<number>();
  const selectors: Selector[] = [];
  const counters = new Set<string>();
  const timestamps = new Set<string>();
  const grouping = new Set<string>();
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  const metricsUnder = (n: SyntaxNode): string[] => {
    const out: string[] = [];
    const c = n.cursor();
    do if (c.name === 'VectorSelector' && c.node.firstChild?.name === 'Identifier') out.push(text(c.node.firstChild));
    while (c.next() && c.from < n.to);
    return out;
  };
  tree.iterate({
    enter(ref) {
      const n = ref.node;
      if (n.name === 'VectorSelector') {
        const id = n.getChild('Identifier');
        if (!id) return;
        const matchers: Selector['matchers'] = [];
        for (const m of n.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
          const name = m.getChild('LabelName');
          const op = m.getChild('MatchOp');
          const value = m.getChild('StringLiteral');
          if (name && op && value) matchers.push({ name: text(name), op: text(op), value: unquote(text(value)) });
        }
        selectors.push({ metric: text(id), matchers, from: n.from });
      }
      if (n.name === 'NumberDurationLiteral' && Number.isFinite(Number(text(n)))) numbers.add(Number(text(n)));
      if (n.name === 'GroupingLabels') for (const l of n.getChildren('LabelName')) grouping.add(text(l));
      if (n.name === 'FunctionCall') {
        const fn = text(n.getChild('FunctionIdentifier')!);
        if (['rate', 'irate', 'increase', 'resets'].includes(fn)) for (const m of metricsUnder(n)) counters.add(m);
      }
      if (n.name === 'BinaryExpr') {
        const kids: SyntaxNode[] = [];
        for (let k = n.firstChild; k; k = k.nextSibling) kids.push(k);
        const isTime = (k: SyntaxNode) => k.name === 'FunctionCall' && text(k.getChild('FunctionIdentifier')!) === 'time';
        if (kids.some(isTime)) for (const k of kids) if (!isTime(k)) for (const m of metricsUnder(k)) timestamps.add(m);
      }
      return undefined;
    },
  });
  // `a and b` without on()/ignoring() matches on every label: each side gets the label constraints the
  // other side has, so their series carry the same labels, as the targets of one exporter do.
  tree.iterate({
    enter(ref) {
      const n = ref.node;
      if (n.name !== 'BinaryExpr') return;
      const kids: SyntaxNode[] = [];
      for (let k = n.firstChild; k; k = k.nextSibling) kids.push(k);
      if (!kids.some((k) => ['And', 'Or', 'Unless'].includes(k.name)) || kids.some((k) => k.name === 'MatchingModifierClause')) return;
      const inside = (k: SyntaxNode) => selectors.filter((x) => x.from !== undefined && x.from >= k.from && x.from < k.to);
      const [left, right] = [inside(kids[0]), inside(kids[kids.length - 1])];
      for (const [mine, theirs] of [
        [left, right],
        [right, left],
      ] as const) {
        const borrowed = theirs.flatMap((x) => x.matchers);
        for (const x of mine) {
          const own = new Set(x.matchers.map((m) => m.name));
          x.matchers.push(...borrowed.filter((m) => !own.has(m.name)));
        }
      }
    },
  });
  return { selectors, counters, timestamps, grouping, numbers };
}

/** An RE2 matcher as a JS RegExp, anchored as Prometheus anchors it; RE2's inline (?i) becomes the i flag. */
function re2(pattern: string): RegExp | null {
  const insensitive = /\(\?i[:)]/.test(pattern);
  const p = pattern.replace(/\(\?i\)/g, '').replace(/\(\?i:/g, '(?:');
  try {
    return new RegExp(`^(?:${p})$`, insensitive ? 'i' : '');
  } catch {
    return null;
  }
}

/** A label value that satisfies every matcher on that label, or null. */
function valueFor(ms: Selector['matchers']): string | null {
  const candidates = new Set<string>(['x', 'node', 'sda', '/', 'eth0', 'default']);
  for (const m of ms) {
    if (m.op === '=') candidates.add(m.value);
    if (m.op === '=~') for (const alt of m.value.split('|')) candidates.add(alt.replace(/[\\^$()]/g, '').replace(/\.\*|\.\+/g, 'x'));
  }
  const ok = (v: string) =>
    ms.every((m) => {
      switch (m.op) {
        case '=':
          return v === m.value;
        case '!=':
          return v !== m.value;
        case '=~':
          return re2(m.value)?.test(v) ?? false;
        case '!~':
          return !(re2(m.value)?.test(v) ?? true);
        default:
          return false;
      }
    });
  for (const c of candidates) if (c !== '' && ok(c)) return c;
  return ok('') ? '' : null;
}

/** Deterministic numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INSTANCES = ['host-a:9100', 'host-b:9100', 'host-c:9100'];

/**
 * Values over `points` steps. Counters rise at a rate that changes once;
 * gauges hold, step, or ramp, often between the very numbers the rules
 * compare with (so `== 2` and `!= 2` both happen); timestamps are a moment
 * before or inside the history. A change comes anywhere, and often in the
 * last minutes, where `keep_firing_for` tells. Numbers are multiples of 1/4,
 * so both renderings are exact.
 */
function values(kind: 'counter' | 'gauge' | 'timestamp', points: number, r: () => number, literals: number[]): number[] {
  const q = (v: number) => Math.round(v * 4) / 4;
  const at = r() < 0.3 ? points - 2 - Math.floor(r() * 20) : Math.floor(points * (0.2 + 0.6 * r()));
  if (kind === 'counter') {
    const rates = [0, 1, 4, 40, 400];
    const [a, b] = [rates[Math.floor(r() * rates.length)], rates[Math.floor(r() * rates.length)]];
    let v = 1000 * Math.floor(1 + r() * 10);
    return Array.from({ length: points }, (_, i) => (v += i === 0 ? 0 : i < at ? a : b));
  }
  if (kind === 'timestamp') {
    // After the history's start, never at 0: promtool counts time from 0 and a real Prometheus from the
    // epoch, so only a moment inside the history reads the same to both (`ts == 0`, `ts > 0` included).
    const when = r() < 0.5 ? STEP_S : Math.max(1, at) * STEP_S;
    return Array.from({ length: points }, () => when);
  }
  const scale = [1, 100, 1e9][Math.floor(r() * 3)];
  const pick = () => (literals.length && r() < 0.5 ? q(literals[Math.floor(r() * literals.length)] + [-1, 0, 0, 1][Math.floor(r() * 4)]) : q(r() * scale));
  const [a, b] = [pick(), pick()];
  const shape = Math.floor(r() * 4);
  return Array.from({ length: points }, (_, i) =>
    shape === 0 ? a : shape === 1 ? (i < at ? a : b) : shape === 2 ? (i < at ? b : a) : q(a + ((b - a) * i) / points),
  );
}

export function synthesize(exprs: string[], points: number, seed = 42): SynthSeries[] {
  const selectors: Selector[] = [];
  const counters = new Set<string>();
  const timestamps = new Set<string>();
  const grouping = new Set<string>();
  const numbers = new Set<number>();
  for (const e of exprs) {
    const s = selectorsOf(e);
    selectors.push(...s.selectors);
    s.counters.forEach((c) => counters.add(c));
    s.timestamps.forEach((t) => timestamps.add(t));
    s.grouping.forEach((g) => grouping.add(g));
    s.numbers.forEach((x) => numbers.add(x));
  }
  const literals = [...numbers].filter((x) => Math.abs(x) < 1e12);
  // Labels that joins and aggregations group by: every series carries them, one value per instance,
  // so `* on (namespace, pod)` matches one to one as it does on real targets.
  const joined = [...grouping].filter((g) => !['le', 'quantile', '__name__', 'job'].includes(g));
  const r = rng(seed);
  const out: SynthSeries[] = [];
  const seen = new Set<string>();
  for (const sel of selectors) {
    const names = [...new Set(sel.matchers.map((m) => m.name))].filter((n) => n !== '__name__');
    const labels: Record<string, string> = {};
    let possible = true;
    for (const name of names) {
      const v = valueFor(sel.matchers.filter((m) => m.name === name));
      if (v === null) possible = false;
      else if (v !== '') labels[name] = v;
    }
    if (!possible) continue;
    const bucket = sel.metric.endsWith('_bucket');
    const kind = timestamps.has(sel.metric) ? 'timestamp' : counters.has(sel.metric) || /_(total|count|sum|bucket)$/.test(sel.metric) ? 'counter' : 'gauge';
    for (const [n, instance] of INSTANCES.entries()) {
      const per = Object.fromEntries(joined.map((g) => [g, g === 'instance' ? instance : `${g}-${n}`]));
      for (const le of bucket ? ['0.1', '0.5', '1', '+Inf'] : [null]) {
        const l = { job: 'node', ...per, ...labels, instance: labels.instance ?? instance, ...(le ? { le } : {}) };
        const key = `${sel.metric}${JSON.stringify(Object.entries(l).sort())}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ metric: sel.metric, labels: l, values: values(kind, points, r, literals), timestamp: kind === 'timestamp' });
      }
    }
  }
  // Buckets must not decrease with le, or histogram_quantile is undefined: make them cumulative.
  for (const s of out.filter((x) => x.labels.le)) {
    const siblings = out.filter(
      (x) => x.metric === s.metric && x.labels.le && JSON.stringify({ ...x.labels, le: '' }) === JSON.stringify({ ...s.labels, le: '' }),
    );
    siblings.sort((a, b) => Number(a.labels.le) - Number(b.labels.le));
    for (let i = 1; i < siblings.length; i++) siblings[i].values = siblings[i].values.map((v, k) => Math.max(v, siblings[i - 1].values[k]));
  }
  return out;
}

/** The metric names the expressions select. */
export function metricsOf(exprs: string[]): Set<string> {
  return new Set(exprs.flatMap((e) => selectorsOf(e).selectors.map((x) => x.metric)));
}

const labelText = (l: Record<string, string>) =>
  Object.entries(l)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');

/**
 * OpenMetrics for promtool tsdb create-blocks-from openmetrics: the history
 * ends at `endS` (unix seconds). In pieces: a large history is more text than
 * one string can hold.
 */
export function toOpenMetrics(series: SynthSeries[], endS: number): string[] {
  const start = endS - (series[0]?.values.length - 1) * STEP_S;
  const byMetric = new Map<string, SynthSeries[]>();
  for (const s of series) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
  const pieces: string[] = [];
  for (const [metric, list] of byMetric) {
    pieces.push(`# TYPE ${metric} gauge\n`);
    for (const s of list)
      pieces.push(`${s.values.map((v, i) => `${metric}{${labelText(s.labels)}} ${s.timestamp ? v + start : v} ${start + i * STEP_S}`).join('\n')}\n`);
  }
  pieces.push('# EOF\n');
  return pieces;
}

/** The same series as promtool `input_series`, in its expanding notation (a+bxn per linear run). */
export function toPromtoolSeries(series: SynthSeries[]): Array<{ series: string; values: string }> {
  return series.map((s) => {
    const parts: string[] = [];
    let i = 0;
    while (i < s.values.length) {
      const step = i + 1 < s.values.length ? s.values[i + 1] - s.values[i] : 0;
      let j = i + 1;
      while (j < s.values.length && s.values[j] - s.values[j - 1] === step) j++;
      const n = j - i - 1;
      parts.push(n === 0 ? `${s.values[i]}` : `${s.values[i]}${step >= 0 ? '+' : ''}${step}x${n}`);
      i = j;
    }
    return { series: `${s.metric}{${labelText(s.labels)}}`, values: parts.join(' ') };
  });
}
