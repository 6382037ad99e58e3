import type { Unit } from '../config/quantity.js';
import type { Point, RuleStates, Series } from '../sources/types.js';

/**
 * What one query gave this cycle: fresh series, or a failure with the last
 * good ones. `from`: the earliest time a sample of the answer can carry (its
 * window or range, with slack); older ones are garbage.
 */
export type Outcome =
  | { ok: true; series: Series[]; at: number; from?: number; warnings?: string[] }
  | { ok: false; reason: string; last?: { series: Series[]; at: number; from?: number } };

/** What one cycle learnt of a source's alerting rules, or its failure with what was learnt before. */
export type RuleOutcome = { ok: true; states: RuleStates; at: number } | { ok: false; reason: string; last?: { states: RuleStates; at: number } };

/** `unknown`: the backend answered, but with values no real reading can have. */
export type SloStatus = 'ok' | 'warning' | 'critical' | 'no_data' | 'unknown' | 'stale';
export type AlertStatus = 'ok' | 'pending' | 'firing' | 'unknown';

export interface SloState {
  id: string;
  name: string;
  kind: 'threshold' | 'ratio';
  status: SloStatus;
  /** The verdict the last good data gives, shown beside STALE. */
  lastStatus?: Exclude<SloStatus, 'stale'>;
  value: number | null;
  unit: Unit;
  objective: string;
  reason: string;
  /** Age of the data behind `value`, when it is not from this cycle. */
  ageMs: number | null;
  series: Point[];
  labels?: Record<string, string>;
  burnRates?: Record<string, number | null>;
  budgetRemaining?: number | null;
}

/** One series an alert is pending or firing for: which instance, which path. */
export interface AlertSeries {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  value: number | null;
  activeSinceMs: number | null;
  /** For a `rule:` alert: the series' annotations as the server expanded them (summary, runbook_url), sanitised. */
  annotations?: Record<string, string>;
}

/** What the server says of the alerting rule a `rule:` alert shows. */
export interface RuleInfo {
  name: string;
  source: string;
  /** The groups that define a rule of this name: more than one, and its series are all of theirs. */
  groups: string[];
  /** Each definition's expression, as the server has it. */
  queries: string[];
  /** The worst of the definitions' health: `err` when one failed its last evaluation. */
  health: 'ok' | 'err' | 'unknown';
  /** The server's error, sanitised and bounded. */
  lastError?: string;
}

export interface AlertState {
  id: string;
  name: string;
  status: AlertStatus;
  value: number | null;
  unit: Unit;
  /** Null for an alert that fires on any series its query returns. */
  condition: string | null;
  /** Every series pending or firing, firing first. */
  series: AlertSeries[];
  severity?: string;
  playbook?: string;
  reason: string;
  /** When the condition became true, for "held for 4m". */
  activeSinceMs: number | null;
  ageMs: number | null;
  /** Set for a `rule:` alert: the rule behind the verdict. */
  rule?: RuleInfo;
  /** For a `rule:` alert: the rule's annotations as written in it (templates unexpanded; each series has its own expanded), sanitised. */
  annotations?: Record<string, string>;
}

export interface SourceState {
  name: string;
  type: string;
  ok: boolean;
  error: string | null;
  /** Slowest request this cycle, for the header's "slow" dot. */
  latencyMs: number | null;
  /** When a failing source will be asked again. */
  retryAtMs?: number | null;
}

export interface Snapshot {
  at: number;
  service: string;
  environment?: string;
  slos: SloState[];
  alerts: AlertState[];
  sources: SourceState[];
}

/**
 * `--once` exit status: 1 breach, 3 a source failed or a query could not be
 * judged (a rejected query leaves its source up and its panel unknown), 0 all
 * ok. A breach outranks a failure: it is known.
 */
export function exitCode(s: Snapshot): 0 | 1 | 3 {
  const breach = s.slos.some((x) => x.status === 'warning' || x.status === 'critical') || s.alerts.some((a) => a.status === 'firing');
  if (breach) return 1;
  if (s.sources.some((x) => !x.ok) || s.slos.some((x) => x.status === 'stale' || x.status === 'unknown') || s.alerts.some((a) => a.status === 'unknown'))
    return 3;
  return 0;
}
