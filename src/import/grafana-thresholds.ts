// Grafana's thresholds as levels. Grafana colours a value by the last step
// whose value is at or below it; the first step is the base colour, below
// every other. The colours say what each range means: red is critical,
// orange and yellow are warning, the rest (green, blue, text) is healthy.
// A run from healthy to critical reads as "higher is worse" (`<` objective);
// red-to-green reads as "lower is worse"; anything else is a band that one
// threshold cannot hold.

export type Level = 'ok' | 'warning' | 'critical';

export interface Step {
  /** null for the base step. */
  value: number | null;
  color: string;
}

type Op = '<' | '<=' | '>' | '>=';

export interface Levels {
  /** "<" when high values are bad, ">=" when low values are. */
  objective: { op: Op; value: number };
  warning?: { op: Op; value: number };
  critical?: { op: Op; value: number };
}

/** Objective and levels as oncall thresholds, in the panel's own unit: plain numbers, so the values are exactly Grafana's. */
export function levelsText(l: Levels): Record<string, string> {
  const out: Record<string, string> = { objective: `${l.objective.op} ${l.objective.value}` };
  if (l.warning) out.warning = `${l.warning.op} ${l.warning.value}`;
  if (l.critical) out.critical = `${l.critical.op} ${l.critical.value}`;
  return out;
}

/**
 * The old graph panel's threshold lines: `{colorMode, op, value}`, the region
 * above (gt) or below (lt) each line coloured warning or critical.
 */
export function legacyLevels(list: Array<Record<string, unknown>>): Levels | string {
  const lines = list.filter((t) => t.colorMode === 'warning' || t.colorMode === 'critical');
  if (lines.length === 0) return 'the threshold lines carry no warning or critical colour';
  const ops = new Set(lines.map((t) => t.op));
  if (ops.size !== 1 || !['gt', 'lt'].includes(String([...ops][0]))) return 'threshold lines point both ways';
  const gt = [...ops][0] === 'gt';
  const at = (mode: string) => {
    const values = lines.filter((t) => t.colorMode === mode).map((t) => Number(t.value));
    return values.length ? (gt ? Math.min(...values) : Math.max(...values)) : undefined;
  };
  const w = at('warning');
  const c = at('critical');
  if ([w, c].some((v) => v !== undefined && !Number.isFinite(v))) return 'a threshold line without a number';
  const edge = gt ? Math.min(...[w, c].filter((v): v is number => v !== undefined)) : Math.max(...[w, c].filter((v): v is number => v !== undefined));
  return {
    objective: { op: gt ? '<=' : '>=', value: edge },
    ...(w !== undefined ? { warning: { op: gt ? '>' : '<', value: w } } : {}),
    ...(c !== undefined ? { critical: { op: gt ? '>' : '<', value: c } } : {}),
  };
}

const NAMED: Array<[RegExp, Level]> = [
  [/red/, 'critical'],
  [/orange|yellow/, 'warning'],
  [/green|blue|purple|text|transparent|white|gr[ae]y|black/, 'ok'],
];

/** The level a colour stands for, or null when it cannot be told. */
export function levelOf(color: string): Level | null {
  const c = color.trim().toLowerCase();
  for (const [re, level] of NAMED) if (re.test(c)) return level;
  const rgb = toRgb(c);
  if (!rgb) return null;
  const { h, s } = hueSat(rgb);
  if (s < 0.2) return 'ok';
  if (h < 20 || h >= 330) return 'critical';
  if (h < 65) return 'warning';
  return 'ok';
}

function toRgb(c: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(c);
  return fn ? [Number(fn[1]), Number(fn[2]), Number(fn[3])] : null;
}

function hueSat([r, g, b]: [number, number, number]): { h: number; s: number } {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const d = max - min;
  if (d === 0) return { h: 0, s: 0 };
  const s = max === 0 ? 0 : d / max;
  let h = max === R ? ((G - B) / d) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  h *= 60;
  return { h: h < 0 ? h + 360 : h, s };
}

const RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };

/** Steps (base first, then ascending) as an objective and levels; a string says why they cannot be. */
export function stepsToLevels(steps: Step[]): Levels | string {
  if (steps.length < 2) return 'one colour only, no level to judge by';
  const levels: Level[] = [];
  for (const s of steps) {
    const l = levelOf(s.color);
    if (l === null) return `colour ${JSON.stringify(s.color)} is not one whose meaning is known`;
    levels.push(l);
  }
  // Steps of the same level next to each other are one range.
  const runs: Array<{ level: Level; from: number | null }> = [];
  steps.forEach((s, i) => {
    if (runs.length === 0 || runs[runs.length - 1].level !== levels[i]) runs.push({ level: levels[i], from: i === 0 ? null : s.value });
  });
  // A range that starts where the next one starts is never coloured (a singlestat's "0.5,0.5").
  for (let i = runs.length - 2; i >= 1; i--) if (runs[i + 1].from === runs[i].from) runs.splice(i, 1);
  for (let i = runs.length - 1; i >= 1; i--) if (runs[i].level === runs[i - 1].level) runs.splice(i, 1);
  if (runs.length === 1) return runs[0].level === 'ok' ? 'every colour is a healthy one, no level to judge by' : 'no colour marks a healthy range';
  const ranks = runs.map((r) => RANK[r.level]);
  const rising = ranks.every((r, i) => i === 0 || r > ranks[i - 1]);
  const falling = ranks.every((r, i) => i === 0 || r < ranks[i - 1]);
  if (rising && runs[0].level === 'ok') {
    const at = (l: Level) => runs.find((r) => r.level === l)?.from ?? undefined;
    const w = at('warning');
    const c = at('critical');
    return {
      objective: { op: '<', value: runs[1].from! },
      ...(w !== undefined ? { warning: { op: '>=', value: w } } : {}),
      ...(c !== undefined ? { critical: { op: '>=', value: c } } : {}),
    };
  }
  if (falling && runs[runs.length - 1].level === 'ok') {
    // Below the start of the next range up: critical under the first non-critical step, and so on.
    const below = (l: Level) => {
      const i = runs.findIndex((r) => r.level === l);
      return i === -1 ? undefined : (runs[i + 1]?.from ?? undefined);
    };
    const w = below('warning');
    const c = below('critical');
    return {
      objective: { op: '>=', value: runs[runs.length - 1].from! },
      ...(w !== undefined ? { warning: { op: '<', value: w } } : {}),
      ...(c !== undefined ? { critical: { op: '<', value: c } } : {}),
    };
  }
  const text = runs.map((r) => `${r.level}${r.from === null ? '' : ` from ${r.from}`}`).join(', ');
  return `the colours make a band (${text}); an objective is one-sided`;
}
