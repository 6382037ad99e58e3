// Small constructors so engine tests read as the numbers they check.
import { parseObjective, parseThreshold, type Threshold } from '../../src/config/threshold.js';
import type { Alert, Phase, RatioSlo } from '../../src/config/types.js';
import type { Point } from '../../src/sources/types.js';

export function th(text: string): Threshold {
  const t = parseThreshold(text);
  if (!t.ok) throw new Error(t.reason);
  return t.value;
}

export function obj(text: string): Threshold {
  const t = parseObjective(text);
  if (!t.ok) throw new Error(t.reason);
  return t.value;
}

/** Points every `stepS` seconds ending at `endS`, one per value. */
export function pts(endS: number, stepS: number, values: number[]): Point[] {
  return values.map((v, i) => ({ t: (endS - (values.length - 1 - i) * stepS) * 1000, v }));
}

const H = 3_600_000;
export function phase(name: string, fromH: number, toH: number, everyH: number): Phase {
  return { name, fromMs: fromH * H, toMs: toH * H, everyMs: everyH * H, checks: [] };
}

/** A PromQL alerting rule (`up == 0`, no for, no labels); `over` sets the rest. */
export function promAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'InstanceDown',
    name: 'InstanceDown',
    source: 'prometheus',
    lang: 'promql',
    query: 'up == 0',
    unit: 'count',
    condition: null,
    forMs: 0,
    keepFiringForMs: 0,
    labels: {},
    annotations: {},
    ...over,
  };
}

/** A 99% ratio SLO over 30 days, errors `e` over total `t` per minute; `over` sets the rest. */
export function ratioSlo(over: Partial<RatioSlo> = {}): RatioSlo {
  return {
    kind: 'ratio',
    lang: 'promql',
    id: 'AVAIL',
    name: 'Availability',
    source: 'prometheus',
    errors: 'e',
    total: 't',
    unit: 'ratio',
    objective: obj('99%'),
    target: 0.99,
    periodMs: 30 * 86_400_000,
    windowMs: 60_000,
    ...over,
  };
}
