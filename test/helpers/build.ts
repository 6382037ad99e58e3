// Small constructors so engine tests read as the numbers they check.
import { parseObjective, parseThreshold, type Threshold } from '../../src/config/threshold.js';
import type { Phase } from '../../src/config/types.js';
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
