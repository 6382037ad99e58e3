// What the compile steps share: how they report an error and read a duration,
// a threshold or a unit, each error under its YAML path.
import { HOLD, thresholdInRange, WINDOW } from './bounds.js';
import { inUnit, type Quantity, type Unit } from './quantity.js';
import { parseObjective, parseThreshold, type Threshold } from './threshold.js';

export type Err = (path: string, message: string) => void;

/** Entries left out before compiling (they had schema errors): references to them are not errors too. */
export interface Known {
  slo: string[];
  alert: string[];
  playbook: string[];
  source: string[];
}

/** In `Known.source`: the sources map itself was unreadable, so no source reference is judged. */
export const ANY_SOURCE = '*';
export type Dur = (path: string, text: string | undefined, fallback: number) => number;

export function redactUserinfo(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
}

export function unitOf(q: Quantity): Unit {
  return q.kind === 'time' ? 's' : q.kind === 'percent' ? 'ratio' : 'count';
}

export function threshold(path: string, text: string | undefined, unit: Unit, err: Err, objective = false): Threshold | undefined {
  if (text === undefined) return undefined;
  const t = objective ? parseObjective(text) : parseThreshold(text);
  if (!t.ok) {
    err(path, t.reason);
    return undefined;
  }
  const v = inUnit(t.value.quantity, unit);
  if (!v.ok) {
    err(path, `${JSON.stringify(text)} ${v.reason}`);
    return undefined;
  }
  thresholdInRange(path, text, 'for', t.value.forMs, HOLD, err);
  if (t.value.inMs !== null) thresholdInRange(path, text, 'window', t.value.inMs, WINDOW, err);
  return t.value;
}
