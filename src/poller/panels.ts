// The errors (Sentry) and log panels: not SLOs, so not judged, but fetched on
// the same cycle and kept with their age when a source fails, like everything
// else. Which source fills each is what the registry says its type can do.
import type { Config } from '../config/types.js';
import type { RoutedAlertsData } from '../engine/routed-alerts.js';
import { impossibleIn } from '../engine/sanity.js';
import type { SourceState } from '../engine/state.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import { type AnySource, describeFailure, type LogLine, type Point, type SentryIssue } from '../sources/types.js';

export interface Panel<T> {
  source: string;
  data: T | null;
  /** When `data` was fetched. */
  at: number | null;
  error: string | null;
}

/** `sentry`: the errors panel, filled by the first source whose type can (`can.errors`). */
export interface Panels {
  sentry: Panel<{ issues: SentryIssue[]; perMinute: Point[] }> | null;
  logs: Panel<LogLine[]> | null;
  /** The first source that can (`can.alerts`): its alerts and silences. */
  alertmanager: Panel<RoutedAlertsData> | null;
}

const SPARK_SPAN = 30 * 60_000;
const SENTRY_FRESH_MS = 60_000;

export class PanelFetcher {
  private last: Panels = { sentry: null, logs: null, alertmanager: null };
  /** The panels the last fetch re-used without asking their source. */
  private reused = new Set<keyof Panels>();

  constructor(
    private readonly config: Config,
    private readonly sources: Map<string, AnySource>,
    private readonly now: () => number = Date.now,
    private readonly registry: SourceRegistry = sourceRegistry,
  ) {}

  /** `sinceMs`: the deploy, so top issues are those seen since it (24 h when it is unknown). */
  async fetch(sinceMs: number | null): Promise<Panels> {
    const now = this.now();
    const errorsName = errorsSource(this.config, this.registry);
    const logs = this.config.logs;
    const [sentry, lines, alertmanager] = await Promise.all([
      errorsName ? this.fetchErrors(errorsName, now, sinceMs ?? now - 86_400_000) : Promise.resolve(null),
      logs ? this.fetchLogs(logs.source, logs.query, logs.limit, now) : Promise.resolve(null),
      this.fetchAlertmanager(now),
    ]);
    this.reused = new Set(sentry !== null && sentry === this.last.sentry ? ['sentry'] : []);
    this.last = { sentry, logs: lines, alertmanager };
    return this.last;
  }

  /**
   * The panels with what this cycle's queries learnt of their sources: the
   * Sentry panel re-reads only once a minute, so without this it would show
   * its last numbers as current for up to a minute after Sentry went down.
   * A re-used panel whose source failed this cycle keeps its data and age,
   * gains the reason, and is asked again on the next fetch. A panel read
   * just now already tells its own story.
   */
  withSources(sources: SourceState[]): Panels {
    const mark = <T>(name: keyof Panels, panel: Panel<T> | null): Panel<T> | null => {
      const down = panel && !panel.error && this.reused.has(name) ? sources.find((s) => s.name === panel.source && !s.ok) : undefined;
      return down ? { ...panel!, error: `${down.name}: ${down.error ?? 'down'}` } : panel;
    };
    this.last = { sentry: mark('sentry', this.last.sentry), logs: mark('logs', this.last.logs), alertmanager: this.last.alertmanager };
    return this.last;
  }

  private async fetchErrors(name: string, now: number, since: number): Promise<Panels['sentry']> {
    const s = this.sources.get(name);
    const count = this.registry.get(this.config.sources[name]?.type)?.dialect.errors?.all;
    if (!s?.topIssues || count === undefined) return null;
    // Sentry counts per minute and rate-limits per organization: once a minute is all it can tell.
    const prev = this.last.sentry;
    if (prev && !prev.error && prev.at !== null && now - prev.at < SENTRY_FRESH_MS && now >= prev.at) return prev;
    const timeout = this.config.sources[name].timeoutMs;
    const from = Math.max(since, now - SPARK_SPAN);
    const [issues, counts] = await Promise.all([s.topIssues(since, now, 5), s.range(count, from, now, 60_000)]);
    // Buckets stamped far from what was asked (1970, 275760) are no errors per minute of now: the same time check as the alerts'.
    const odd = counts.ok ? impossibleIn(counts.value, null, now, from - 60_000) : null;
    if (issues.ok && counts.ok && !odd) return { source: name, data: { issues: issues.value, perMinute: counts.value[0]?.points ?? [] }, at: now, error: null };
    const failure = !issues.ok ? describeFailure(issues.failure, timeout) : !counts.ok ? describeFailure(counts.failure, timeout) : odd!;
    return { source: name, data: prev?.data ?? null, at: prev?.at ?? null, error: `${name}: ${failure}` };
  }

  /** The Alertmanager panel alone (what `watch --once` adds to its snapshot); null when no source can fill it. */
  async fetchAlertmanager(now = this.now()): Promise<Panels['alertmanager']> {
    const name = alertsSource(this.config, this.registry);
    const s = name ? this.sources.get(name) : undefined;
    if (!name || !s?.routedAlerts || !s.silences) return null;
    const [alerts, silences] = await Promise.all([s.routedAlerts(), s.silences()]);
    const groupBy = (this.config.sources[name].options as { group_by?: string[] }).group_by ?? ['alertname', 'severity'];
    const prev = this.last.alertmanager;
    if (alerts.ok && silences.ok) {
      const panel = { source: name, data: { alerts: alerts.value, silences: silences.value, groupBy }, at: now, error: null };
      this.last = { ...this.last, alertmanager: panel };
      return panel;
    }
    const failure = !alerts.ok ? alerts.failure : !silences.ok ? silences.failure : null;
    // The last good alerts with their age: a down Alertmanager is STALE, never "no alerts".
    const panel = {
      source: name,
      data: prev?.data ?? null,
      at: prev?.at ?? null,
      error: `${name}: ${describeFailure(failure!, this.config.sources[name].timeoutMs)}`,
    };
    this.last = { ...this.last, alertmanager: panel };
    return panel;
  }

  private async fetchLogs(name: string, query: string, limit: number, now: number): Promise<Panels['logs']> {
    const s = this.sources.get(name);
    if (!s?.logs) return null;
    const r = await s.logs(query, now - 3_600_000, now, limit);
    if (r.ok) return { source: name, data: r.value, at: now, error: null };
    const prev = this.last.logs;
    return {
      source: name,
      data: prev?.data ?? null,
      at: prev?.at ?? null,
      error: `${name}: ${describeFailure(r.failure, this.config.sources[name].timeoutMs)}`,
    };
  }
}

/** The source that fills the Alertmanager panel: the first whose type can. */
export function alertsSource(config: Config, registry: SourceRegistry = sourceRegistry): string | undefined {
  return Object.values(config.sources).find((s) => registry.get(s.type)?.can.alerts)?.name;
}

/** The source that fills the errors panel and the report's error counts: the first whose type can. */
export function errorsSource(config: Config, registry: SourceRegistry = sourceRegistry): string | undefined {
  return Object.values(config.sources).find((s) => registry.get(s.type)?.can.errors)?.name;
}
