import type { Lang } from '../lang/syntax.js';
import type { Unit } from './quantity.js';
import type { Threshold } from './threshold.js';

/** A `type:` the source registry knows (src/sources/registry.ts). */
export type SourceType = string;

export type Auth = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

/** `O`: the fields only its type takes (Loki's tenant, Sentry's org), as its registry entry's options schema gives them. */
export interface SourceDef<O = Readonly<Record<string, unknown>>> {
  name: string;
  type: SourceType;
  /** Without any user:password part; that lives in `auth`. */
  url: string;
  auth: Auth;
  options: O;
  headers: Record<string, string>;
  timeoutMs: number;
  concurrency: number;
  /** body_size_limit: an answer longer than this is a failure, read no further. */
  bodyLimitBytes: number;
}

/** The language a source's queries are written in; null when oncall has no grammar for it (Sentry's search syntax). */
export type QueryLang = Lang | null;

interface SloBase {
  id: string;
  name: string;
  description?: string;
  source: string;
  lang: QueryLang;
  unit: Unit;
  objective: Threshold;
  warning?: Threshold;
  critical?: Threshold;
  windowMs: number;
  /** A URL opens as a link; anything else is shown as text. */
  runbook?: string;
}
export interface ThresholdSlo extends SloBase {
  kind: 'threshold';
  query: string;
}
export interface RatioSlo extends SloBase {
  kind: 'ratio';
  /** The error query, or with `total` null the error ratio itself. */
  errors: string;
  total: string | null;
  periodMs: number;
  /** Target success ratio, 0.99 for "99%". */
  target: number;
}
export type Slo = ThresholdSlo | RatioSlo;

export interface Alert {
  id: string;
  name: string;
  description?: string;
  source: string;
  lang: QueryLang;
  /** Empty for a `rule:` alert: the server evaluates it. */
  query: string;
  /** The server's alerting rule this alert shows (`rule:`), instead of a query oncall evaluates. */
  rule?: string;
  unit: Unit;
  /** Null: the alert fires for every series the query returns, as a Prometheus alerting rule. */
  condition: Threshold | null;
  /** How long a series must hold before it fires; from `for:` or the condition's `for`. */
  forMs: number;
  keepFiringForMs: number;
  severity?: string;
  playbook?: string;
  runbook?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Check =
  | { kind: 'slo'; title: string; id: string }
  | { kind: 'alert'; title: string; id: string }
  | { kind: 'slos'; title: string; ids: string[] }
  | { kind: 'alerts'; title: string; which: 'all' | 'critical' | string[] }
  | { kind: 'manual'; title: string; note?: string };

export interface Phase {
  name: string;
  fromMs: number;
  toMs: number;
  /** 0 means continuous watching rather than spot checks. */
  everyMs: number;
  checks: Check[];
}

export type Step =
  | { kind: 'http'; title: string; url: string; method: string; expectStatus: number; expectBody?: string; timeoutMs: number }
  /** `pass`: the probe passes when the value meets it (`expect`), or fails when it does (`condition`). */
  | { kind: 'query'; title: string; source: string; lang: QueryLang; query: string; threshold: Threshold; passWhen: 'met' | 'not met'; unit: Unit }
  | { kind: 'alert'; title: string; id: string }
  | { kind: 'slo'; title: string; id: string }
  | { kind: 'run'; title: string; command: string }
  | { kind: 'manual'; title: string; note?: string };

export interface Playbook {
  id: string;
  title: string;
  severity?: string;
  symptoms: string[];
  steps: Step[];
  causes: string[];
  resolutions: string[];
  prevention: string[];
}

export interface Severity {
  title: string;
  respondMs: number;
}

export interface Config {
  service: string;
  environment?: string;
  refreshMs: number;
  sources: Record<string, SourceDef>;
  severities: Record<string, Severity>;
  slos: Slo[];
  alerts: Alert[];
  schedule: Phase[];
  playbooks: Playbook[];
  escalation: string[];
  incidentsDir: string;
  logs?: { source: string; query: string; limit: number };
}
