import { formatAge } from '../config/duration.js';
import { visibleControls } from '../text/sanitize.js';

/** `query`: the backend is fine but rejected this one query (a syntax or execution error); only its panel shows it. */
export type FailureKind = 'unreachable' | 'timeout' | 'http' | 'bad payload' | 'auth' | 'rate limited' | 'query';

export interface Failure {
  kind: FailureKind;
  /** The server's own words where it gave any, else ours. Never holds a secret. */
  message: string;
  status?: number;
  /** When the server said when to come back (Retry-After, X-Sentry-Rate-Limit-Reset). */
  retryAfterMs?: number;
  /** What the server asked for when it was longer than the cap retryAfterMs holds. */
  retryAskedMs?: number;
}

export type Result<T> = { ok: true; value: T; warnings?: string[] } | { ok: false; failure: Failure };

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface Series {
  labels: Record<string, string>;
  points: Point[];
}

export interface LogLine {
  /** Nanoseconds since the epoch, as Loki sends it (too big for a double). */
  ns: string;
  t: number;
  line: string;
  labels: Record<string, string>;
}

export interface SentryIssue {
  id: string;
  shortId: string;
  title: string;
  count: number;
  lastSeen: string;
  level?: string;
  permalink?: string;
}

export interface Health {
  ready: boolean;
  version?: string;
  auth: 'ok' | 'none' | 'failed';
  detail: string;
}

/** How the caller bounds one question: `signal` aborts it, sent or not (the poller's cycle deadline). */
export interface AskOptions {
  signal?: AbortSignal;
}

/** Every backend answers the same two questions with series. */
export interface MetricSource {
  readonly name: string;
  /** Its `type:` in the source registry. */
  readonly type: string;
  /** Value of `query` at `atMs`; `windowMs` is the span a count covers (Sentry needs it, PromQL carries it in the query). */
  instant(query: string, atMs: number, windowMs: number, opts?: AskOptions): Promise<Result<Series[]>>;
  range(query: string, startMs: number, endMs: number, stepMs: number, opts?: AskOptions): Promise<Result<Series[]>>;
  health(): Promise<Result<Health>>;
  close(): Promise<void>;
}

/** A source that fills the logs panel (`can.logs` in its registry entry). */
export interface LogsSource {
  /** Newest first, at most `limit`. */
  logs(query: string, startMs: number, endMs: number, limit: number): Promise<Result<LogLine[]>>;
}

/** A source that fills the errors panel (`can.errors`): its issues; the error counts are queries its dialect writes. */
export interface ErrorsSource {
  /** Unresolved issues seen between `sinceMs` and `untilMs`, most frequent first. */
  topIssues(sinceMs: number, untilMs: number, limit: number): Promise<Result<SentryIssue[]>>;
}

/** An alert as an alerting system (Alertmanager) holds it; every text already through the gate. */
export interface RoutedAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `suppressed`: silenced or inhibited; the ids behind it say which. */
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  inhibitedBy: string[];
  /** Milliseconds since the epoch. */
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  receivers: string[];
  generatorURL?: string;
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface Silence {
  id: string;
  state: 'active' | 'pending' | 'expired';
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
}

/** What a new silence needs; Alertmanager refuses one without a comment or a matcher. */
export interface NewSilence {
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

export interface AlertingStatus {
  version: string;
  /** `ready`, `settling` or `disabled` (no cluster). */
  cluster: string;
  peers: number;
  /** When it started, milliseconds since the epoch. */
  uptime: number;
}

/** A source that fills the Alertmanager panel (`can.alerts`), and creates and expires silences. */
export interface AlertsSource {
  /** The alerts its config selects (filter, active, silenced, inhibited). */
  routedAlerts(opts?: AskOptions): Promise<Result<RoutedAlert[]>>;
  /** Every silence it knows, expired ones included, as Alertmanager keeps them. */
  silences(opts?: AskOptions): Promise<Result<Silence[]>>;
  /** The new silence's id. */
  createSilence(s: NewSilence): Promise<Result<string>>;
  expireSilence(id: string): Promise<Result<void>>;
  status(opts?: AskOptions): Promise<Result<AlertingStatus>>;
}

/** One series of an alerting rule, as the server that evaluates it reports it. */
export interface RuleSeries {
  labels: Record<string, string>;
  /** Templates expanded for this series (summary, runbook_url, ...). */
  annotations: Record<string, string>;
  state: 'inactive' | 'pending' | 'firing';
  /** When the series became active (Prometheus' activeAt); null when the server sent none. */
  activeAtMs: number | null;
  value: number | null;
}

/** One alerting rule as the server evaluates it: its health and what it is written as. */
export interface AlertingRule {
  group: string;
  name: string;
  query: string;
  /** The rule's `for`, in milliseconds. */
  forMs: number;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  state?: 'inactive' | 'pending' | 'firing';
  labels: Record<string, string>;
  /** As written in the rule: templates not expanded. */
  annotations: Record<string, string>;
}

/** Everything one cycle learns of a server's alerting rules: the rules, and every pending or firing series. */
export interface RuleStates {
  rules: AlertingRule[];
  alerts: RuleSeries[];
}

/** A source whose server evaluates alerting rules itself (`can.ruleState`). */
export interface RuleStateSource {
  /** One request for the rules and one for the alerts, however many `rule:` alerts read them. */
  ruleStates(opts?: AskOptions): Promise<Result<RuleStates>>;
}

/** Any configured source: what the registry says it can do tells which of the panel questions it answers. */
export type AnySource = MetricSource & Partial<LogsSource> & Partial<ErrorsSource> & Partial<AlertsSource> & Partial<RuleStateSource>;

function capped(f: Failure): string {
  return f.retryAskedMs !== undefined && f.retryAfterMs !== undefined
    ? `; server asked ${formatAge(f.retryAskedMs)}, capped at ${formatAge(f.retryAfterMs)}`
    : '';
}

export function describeFailure(failure: Failure, timeoutMs?: number): string {
  // Adapters gate their messages; this catches one built outside them (the
  // Sentry client's own error text), at the cost of one regex test.
  const f = { ...failure, message: visibleControls(failure.message) };
  switch (f.kind) {
    case 'timeout':
      return timeoutMs !== undefined && f.status === undefined ? `timeout after ${Math.round(timeoutMs / 100) / 10}s` : `timeout: ${f.message}`;
    case 'http':
      return `http ${f.status}: ${f.message}`;
    case 'query':
      // Without a status it is ours: an answer this program will not read (too many series).
      return f.status === undefined ? f.message : `query rejected (http ${f.status}): ${f.message}`;
    case 'rate limited':
      return `rate limited: ${f.message}${f.retryAfterMs !== undefined ? ` (retry in ${Math.ceil(f.retryAfterMs / 1000)}s${capped(f)})` : ''}`;
    case 'auth':
      return `auth: ${f.message}${f.status ? ` (http ${f.status})` : ''}`;
    default:
      return `${f.kind}: ${f.message}`;
  }
}
