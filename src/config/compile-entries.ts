// SLOs and alerts: each query checked by its source's grammar, each threshold
// in the entry's unit.

import type { SourceKind } from '../sources/kind.js';
import { HOLD, inRange, PERIOD, WINDOW } from './bounds.js';
import { type Dur, type Err, threshold, unitOf } from './compile-parts.js';
import { inUnit, type Unit } from './quantity.js';
import { checkQuery } from './queries.js';
import type { RawAlert, RawSlo } from './schema.js';
import { parseObjective, parseThreshold, type Threshold } from './threshold.js';
import type { Alert, Slo } from './types.js';

const DEFAULT_PERIOD = 30 * 86_400_000;

/** `kind`: its source's type, when known: its queries are checked by that type's grammar. */
export function compileSlo(s: RawSlo, path: string, err: Err, dur: Dur, defaultWindow: number, kind: SourceKind | undefined): Slo | null {
  if ((s.query === undefined) === (s.ratio === undefined)) {
    err(path, s.query === undefined ? 'needs a query or a ratio' : 'has both a query and a ratio; pick one');
    return null;
  }
  const windowMs = dur(`${path}.window`, s.window, defaultWindow);
  if (windowMs < 1000) err(`${path}.window`, `${JSON.stringify(s.window)} is shorter than 1s; a rate needs a window of samples`);
  else inRange(`${path}.window`, s.window, WINDOW, err);
  const lang = kind?.lang ?? null;
  // What both kinds of SLO hold.
  const base = (unit: Unit, objective: Threshold) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    source: s.source,
    lang,
    unit,
    objective,
    warning: threshold(`${path}.warning`, s.warning, unit, err),
    critical: threshold(`${path}.critical`, s.critical, unit, err),
    windowMs,
    ...(s.runbook !== undefined ? { runbook: s.runbook } : {}),
  });
  if (s.ratio) {
    const r = s.ratio;
    const whole = r.error_ratio !== undefined;
    if (whole ? r.errors !== undefined || r.total !== undefined : r.errors === undefined || r.total === undefined) {
      err(`${path}.ratio`, whole ? 'has error_ratio and errors/total; give one or the other' : 'needs errors and total (or error_ratio)');
      return null;
    }
    if (whole) checkQuery(`${path}.ratio.error_ratio`, r.error_ratio!, lang, 'metric', err);
    else {
      checkQuery(`${path}.ratio.errors`, r.errors!, lang, 'series', err);
      checkQuery(`${path}.ratio.total`, r.total!, lang, 'series', err);
    }
    // errors/total is always a ratio; a percent unit would misread every threshold a hundredfold.
    const unit: Unit = 'ratio';
    if (s.unit !== undefined && s.unit !== 'ratio') err(`${path}.unit`, `${JSON.stringify(s.unit)}: a ratio SLO's value is errors/total, so its unit is ratio`);
    // Sloth, Pyrra and OpenSLO write the target as a bare number in percent: 99.9.
    const bare = typeof s.objective === 'number' || /^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(s.objective) ? `${String(s.objective).trim()}%` : s.objective;
    const objective = threshold(`${path}.objective`, bare, 'ratio', err, true);
    if (!objective) return null;
    if (objective.quantity.kind !== 'percent' || objective.op !== '>=' || objective.quantity.ratio <= 0 || objective.quantity.ratio >= 1) {
      err(`${path}.objective`, `${JSON.stringify(s.objective)} must be a success target between 0% and 100%, like "99.9%"`);
      return null;
    }
    // A bare "> 1" reads as a ratio of 1 (100%), not 1%: a level no error ratio passes, so it never warns.
    for (const [key, text] of [
      ['warning', s.warning],
      ['critical', s.critical],
    ] as const) {
      const t = text === undefined ? null : parseThreshold(text);
      const limit = t?.ok ? inUnit(t.value.quantity, 'ratio') : null;
      const never = t?.ok && limit?.ok && ((t.value.op === '>' && limit.value >= 1) || (t.value.op === '>=' && limit.value > 1));
      if (never) err(`${path}.${key}`, `${JSON.stringify(text)} waits for an error ratio above 100%, which never comes; write a percentage, like "> 1%"`);
    }
    return {
      ...base(unit, objective),
      kind: 'ratio',
      errors: whole ? r.error_ratio! : r.errors!,
      total: whole ? null : r.total!,
      target: objective.quantity.ratio,
      periodMs: inPeriod(`${path}.period`, s.period, dur(`${path}.period`, s.period, DEFAULT_PERIOD), err),
    };
  }
  checkQuery(`${path}.query`, s.query!, lang, 'metric', err);
  const obj = parseObjective(typeof s.objective === 'number' ? `${s.objective}%` : s.objective);
  if (!obj.ok) {
    err(`${path}.objective`, obj.reason);
    return null;
  }
  const unit = s.unit ?? unitOf(obj.value.quantity);
  const objective = threshold(`${path}.objective`, String(s.objective), unit, err, true);
  if (!objective) return null;
  return { ...base(unit, objective), kind: 'threshold', query: s.query! };
}

export function compileAlert(a: RawAlert, source: string, path: string, err: Err, dur: Dur, kind: SourceKind | undefined): Alert | null {
  const lang = kind?.lang ?? null;
  if (a.rule !== undefined) return ruleAlert(a, a.rule, source, path, err, lang);
  if (a.query === undefined) {
    err(`${path}.query`, 'is required (string), or rule: NAME to show an alerting rule as Prometheus evaluates it');
    return null;
  }
  checkQuery(`${path}.query`, a.query, lang, 'metric', err);
  let condition: Threshold | null = null;
  let unit = a.unit ?? 'count';
  if (a.condition !== undefined) {
    const parsed = parseThreshold(a.condition);
    if (!parsed.ok) {
      err(`${path}.condition`, parsed.reason);
      return null;
    }
    unit = a.unit ?? unitOf(parsed.value.quantity);
    condition = threshold(`${path}.condition`, a.condition, unit, err) ?? null;
    if (!condition) return null;
  } else if (kind && !kind.can.labelledSeries) {
    err(`${path}.condition`, `is required for a ${kind.type} alert: ${kind.title} gives a count of events, not series (like "> 50 in 5m")`);
    return null;
  }
  if (condition?.forMs && a.for !== undefined) err(`${path}.for`, `the condition already holds a for (${JSON.stringify(a.condition)}); give it once`);
  if (condition?.inMs != null && a.for !== undefined) err(`${path}.for`, 'a count over a window ("in") has no for');
  const forMs = condition?.forMs || dur(`${path}.for`, a.for, 0);
  inRange(`${path}.for`, a.for, HOLD, err);
  inRange(`${path}.keep_firing_for`, a.keep_firing_for, HOLD, err);
  return {
    id: a.id,
    name: a.name ?? a.id,
    description: a.description,
    source,
    lang,
    query: a.query,
    unit,
    condition,
    forMs,
    keepFiringForMs: dur(`${path}.keep_firing_for`, a.keep_firing_for, 0),
    severity: a.severity,
    playbook: a.playbook,
    runbook: a.runbook ?? a.annotations?.runbook_url,
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
  };
}

/**
 * An alert that shows the server's own alerting rule: what the rule says
 * (its query, for, condition) is the server's to decide, so giving any of it
 * here would only be a second opinion nobody reads.
 */
function ruleAlert(a: RawAlert, rule: string, source: string, path: string, err: Err, lang: Alert['lang']): Alert | null {
  const own = 'Prometheus evaluates the rule with its own expression and for';
  if (a.query !== undefined) err(`${path}.query`, `cannot go with rule: (${JSON.stringify(rule)}); ${own}: give one of them`);
  if (a.condition !== undefined) err(`${path}.condition`, `cannot go with rule: (${JSON.stringify(rule)}); ${own}`);
  if (a.for !== undefined) err(`${path}.for`, `cannot go with rule: (${JSON.stringify(rule)}); ${own}`);
  if (a.keep_firing_for !== undefined) err(`${path}.keep_firing_for`, `cannot go with rule: (${JSON.stringify(rule)}); ${own}`);
  if (a.query !== undefined || a.condition !== undefined || a.for !== undefined || a.keep_firing_for !== undefined) return null;
  return {
    id: a.id,
    name: a.name ?? a.id,
    description: a.description,
    source,
    lang,
    query: '',
    rule,
    unit: a.unit ?? 'count',
    condition: null,
    forMs: 0,
    keepFiringForMs: 0,
    severity: a.severity,
    playbook: a.playbook,
    runbook: a.runbook ?? a.annotations?.runbook_url,
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
  };
}

function inPeriod(path: string, text: string | undefined, ms: number, err: Err): number {
  if (ms <= 0) err(path, `${JSON.stringify(text)} must be longer than 0s`);
  else inRange(path, text, PERIOD, err);
  return ms;
}
