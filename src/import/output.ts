// What every importer gives back, and the oncall.yaml it becomes: a whole
// config that `oncall validate` accepts as it is, so an import can be tried
// before its entries are pasted anywhere.
import type { SourceType } from '../config/types.js';

export interface NotMapped {
  /** "kubernetes-apps/KubePodCrashLooping", "panel \"CPU\" target B". */
  what: string;
  why: string;
}

export interface Imported {
  kind: 'alerts' | 'slos';
  entries: Array<Record<string, unknown>>;
  /** With SLOs: the alerts their tool generates from them (Sloth's page and ticket alerts). */
  alerts?: Array<Record<string, unknown>>;
  /** Severities the entries use, ranked most severe first, as the config must define them. */
  severities: string[];
  notMapped: NotMapped[];
  /** Things mapped exactly that a person should still know (a unit shown as a plain number). */
  notes: string[];
  /** The closing stderr line: what was mapped, how, and what was not. */
  summary: string;
}

export interface ImportOptions {
  /** The source name the queries go to. */
  source: string;
  /** Its type, when the name does not say it (`--source eu-prom`). */
  type: SourceType;
  service?: string;
}

const RANK = ['critical', 'page', 'p1', 'high', 'error', 'p2', 'major', 'warning', 'ticket', 'p3', 'medium', 'minor', 'low', 'p4', 'info', 'p5', 'none'];
const RESPOND: Record<string, string> = {
  critical: '15m',
  page: '15m',
  p1: '15m',
  high: '30m',
  error: '30m',
  p2: '30m',
  major: '30m',
  warning: '4h',
  ticket: '4h',
  p3: '4h',
};

/** Most severe first (the first is what `alerts: critical` checks), unknown names after the known ones. */
export function rankSeverities(names: Iterable<string>): string[] {
  const rank = (s: string) => {
    const i = RANK.indexOf(s.toLowerCase());
    return i === -1 ? RANK.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const URLS: Record<SourceType, string> = {
  prometheus: '${PROMETHEUS_URL:-http://127.0.0.1:9090}',
  loki: '${LOKI_ADDR:-http://127.0.0.1:3100}',
  sentry: '${SENTRY_URL:-https://sentry.io}',
};

/** The whole config: header, the one source, every severity used, and the entries. */
export function configDoc(r: Imported, o: ImportOptions): Record<string, unknown> {
  const source: Record<string, unknown> = { url: URLS[o.type] };
  if (o.source !== o.type) source.type = o.type;
  const doc: Record<string, unknown> = { version: 1, service: o.service ?? 'imported', sources: { [o.source]: source } };
  const used = (r.alerts ?? []).map((a) => a.severity).filter((s): s is string => typeof s === 'string');
  const severities = rankSeverities([...r.severities, ...used]);
  if (severities.length) {
    doc.severities = Object.fromEntries(severities.map((s) => [s, { title: `${s} (imported)`, respond: RESPOND[s.toLowerCase()] ?? '24h' }]));
  }
  doc[r.kind] = escapeEnv(r.entries);
  if (r.alerts?.length) doc.alerts = escapeEnv(r.alerts);
  return doc;
}

/**
 * `${x}` in what was imported (a label_replace group, a dashboard's `${var}`
 * in a title) is text, not the environment oncall.yaml reads `${VAR}` from:
 * written `$${x}`, it loads back as it was.
 */
function escapeEnv<T>(v: T): T {
  if (typeof v === 'string') return v.replace(/\$\{/g, () => '$${') as T;
  if (Array.isArray(v)) return v.map(escapeEnv) as T;
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeEnv(x)])) as T;
  return v;
}

/**
 * A unique id. A name the input repeats (mixins give one alertname at warning
 * and critical) is qualified on every occurrence, by severity, then numbered.
 */
export function uniqueId(base: string, qualifier: string | undefined, taken: Set<string>): string {
  const candidates = [qualifier ? `${base}-${qualifier}` : base];
  for (const c of candidates) if (!taken.has(c)) return take(c, taken);
  for (let n = 2; ; n++) if (!taken.has(`${candidates[0]}-${n}`)) return take(`${candidates[0]}-${n}`, taken);
}

function take(id: string, taken: Set<string>): string {
  taken.add(id);
  return id;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
