// The stable, snake_case shape of `--once --json`: scripts depend on these names.
import { formatAge } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Link } from './links.js';
import { groupAlerts, type RoutedAlertsData, stateWords } from './routed-alerts.js';
import { labelText } from './rule-state.js';
import type { Snapshot } from './state.js';

const SERIES_SHOWN = 10;

const finite = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/** Each SLO's and alert's links by id (poller/links.ts); left out, the documents have none. */
export interface SnapshotLinks {
  slos: Record<string, Link[]>;
  alerts: Record<string, Link[]>;
}

/** The Alertmanager panel as --once has it: its data (or the last good one) with its age and error. */
export interface RoutedPanel {
  source: string;
  data: RoutedAlertsData | null;
  at: number | null;
  error: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function routedDoc(p: RoutedPanel, now: number) {
  return {
    source: p.source,
    status: p.error ? 'stale' : 'ok',
    error: p.error,
    age_seconds: p.at === null ? null : seconds(now - p.at),
    group_by: p.data?.groupBy ?? [],
    groups: groupAlerts(p.data?.alerts ?? [], p.data?.groupBy ?? []).map((g) => ({
      labels: g.labels,
      count: g.alerts.length,
      active: g.active,
      suppressed: g.suppressed,
      alerts: g.alerts.map((a) => ({
        fingerprint: a.fingerprint,
        state: a.state,
        state_text: stateWords(a, p.data!.silences, now),
        silenced_by: a.silencedBy,
        inhibited_by: a.inhibitedBy,
        labels: a.labels,
        annotations: a.annotations,
        starts_at: iso(a.startsAt),
        receivers: a.receivers,
        generator_url: a.generatorURL ?? null,
        runbook_url: a.annotations.runbook_url ?? null,
      })),
    })),
    silences: (p.data?.silences ?? [])
      .filter((x) => x.state !== 'expired')
      .map((x) => ({
        id: x.id,
        state: x.state,
        matchers: x.matchers,
        starts_at: iso(x.startsAt),
        ends_at: iso(x.endsAt),
        created_by: x.createdBy,
        comment: x.comment,
      })),
  };
}

export function snapshotDoc(s: Snapshot, links?: SnapshotLinks, routed: RoutedPanel | null = null) {
  return {
    generated_at: new Date(s.at).toISOString(),
    service: s.service,
    environment: s.environment ?? null,
    slos: s.slos.map((x) => ({
      id: x.id,
      name: x.name,
      status: x.status,
      value: finite(x.value),
      unit: x.unit,
      display: formatValue(finite(x.value), x.unit),
      objective: x.objective,
      reason: x.reason,
      ...(x.lastStatus ? { last_status: x.lastStatus } : {}),
      age_seconds: seconds(x.ageMs),
      ...(x.labels ? { labels: x.labels } : {}),
      ...(x.kind === 'ratio'
        ? {
            burn_rates: Object.fromEntries(Object.entries(x.burnRates ?? {}).map(([k, v]) => [k, finite(v)])),
            budget_remaining: finite(x.budgetRemaining),
          }
        : {}),
      ...(links ? { links: links.slos[x.id] ?? [] } : {}),
    })),
    alerts: s.alerts.map((a) => ({
      id: a.id,
      name: a.name,
      status: a.status,
      value: finite(a.value),
      unit: a.unit,
      condition: a.condition,
      severity: a.severity ?? null,
      series: a.series.map((x) => ({
        labels: x.labels,
        state: x.state,
        value: finite(x.value),
        active_since: x.activeSinceMs === null ? null : new Date(x.activeSinceMs).toISOString(),
        ...(x.annotations ? { annotations: x.annotations } : {}),
      })),
      ...(a.rule
        ? {
            rule: {
              name: a.rule.name,
              source: a.rule.source,
              groups: a.rule.groups,
              queries: a.rule.queries,
              health: a.rule.health,
              last_error: a.rule.lastError ?? null,
            },
          }
        : {}),
      ...(a.annotations ? { annotations: a.annotations } : {}),
      playbook: a.playbook ?? null,
      reason: a.reason,
      active_since: a.activeSinceMs === null ? null : new Date(a.activeSinceMs).toISOString(),
      age_seconds: seconds(a.ageMs),
      ...(links ? { links: links.alerts[a.id] ?? [] } : {}),
    })),
    sources: s.sources.map((x) => ({ name: x.name, type: x.type, ok: x.ok, error: x.error, latency_ms: x.latencyMs })),
    ...(routed ? { alertmanager: routedDoc(routed, s.at) } : {}),
  };
}

const WORD: Record<string, string> = {
  ok: 'OK',
  warning: 'WARN',
  critical: 'CRIT',
  no_data: 'NO DATA',
  stale: 'STALE',
  pending: 'PENDING',
  firing: 'FIRING',
  unknown: 'UNKNOWN',
};
export const statusWord = (s: string) => WORD[s] ?? s.toUpperCase();

/** Plain text for a terminal or a CI log; status is always spelled, never only coloured. */
export function snapshotText(s: Snapshot, routed: RoutedPanel | null = null): string {
  const lines: string[] = [];
  lines.push(`${s.service}${s.environment ? ` (${s.environment})` : ''} at ${new Date(s.at).toISOString()}`);
  lines.push('');
  lines.push('SLOs');
  for (const x of s.slos) {
    const extra =
      x.kind === 'ratio'
        ? `  burn 1h ${fmtRate(x.burnRates?.['1h'])} 6h ${fmtRate(x.burnRates?.['6h'])}  budget ${x.budgetRemaining == null ? '—' : `${(x.budgetRemaining * 100).toFixed(1)}%`}`
        : '';
    lines.push(
      `  ${pad(statusWord(x.status), 8)} ${pad(x.id, 10)} ${pad(x.name, 32)} ${pad(formatValue(finite(x.value), x.unit), 9)} objective ${x.objective}${extra}`,
    );
    lines.push(`  ${' '.repeat(8)} ${x.reason}${x.ageMs !== null && x.status !== 'stale' ? ` (${formatAge(x.ageMs)} old)` : ''}`);
  }
  if (s.alerts.length) {
    lines.push('');
    lines.push('Alerts');
    for (const a of s.alerts) {
      lines.push(`  ${pad(statusWord(a.status), 8)} ${pad(a.id, 24)} ${pad(a.severity ?? '', 3)} ${a.reason}`);
      // Which instance, which path: the series a page is about, as amtool lists an alert's labels.
      const labelled = a.series.filter((x) => Object.keys(x.labels).length > 0);
      for (const x of labelled.slice(0, SERIES_SHOWN)) {
        // Prometheus' activeAt is exact; oncall's own reading of a range may only bound it (its reason says "at least").
        const since = a.rule && x.activeSinceMs !== null ? ` active since ${new Date(x.activeSinceMs).toISOString()}` : '';
        lines.push(`  ${' '.repeat(8)} ${pad(statusWord(x.state), 8)} ${pad(formatValue(finite(x.value), a.unit), 9)} ${labelText(x.labels)}${since}`);
      }
      if (labelled.length > SERIES_SHOWN) lines.push(`  ${' '.repeat(8)} and ${labelled.length - SERIES_SHOWN} more series (--json lists them all)`);
    }
  }
  if (routed) lines.push('', ...routedText(routed, s.at));
  lines.push('');
  lines.push('Sources');
  for (const x of s.sources)
    lines.push(`  ${pad(x.ok ? 'OK' : 'DOWN', 8)} ${pad(x.name, 12)} ${x.ok ? (x.latencyMs !== null ? `${x.latencyMs}ms` : 'unused') : x.error}`);
  return lines.join('\n');
}

function routedText(p: RoutedPanel, now: number): string[] {
  const head = `Alertmanager ${p.source}`;
  const lines = [p.error ? `${head}  STALE: ${p.error}${p.at !== null ? ` (data ${formatAge(now - p.at)} old)` : ' (no data yet)'}` : head];
  if (!p.data) return lines;
  const groups = groupAlerts(p.data.alerts, p.data.groupBy);
  if (groups.length === 0) lines.push('  no alerts');
  for (const g of groups) {
    lines.push(`  ${labelText(g.labels)}  ${g.alerts.length} alert${g.alerts.length === 1 ? '' : 's'} (${g.active} active, ${g.suppressed} suppressed)`);
    for (const a of g.alerts.slice(0, SERIES_SHOWN)) {
      const summary = a.annotations.summary ? `  ${a.annotations.summary}` : '';
      lines.push(`    ${stateWords(a, p.data.silences, now)}  since ${iso(a.startsAt)}  ${labelText(a.labels)}${summary}`);
    }
    if (g.alerts.length > SERIES_SHOWN) lines.push(`    and ${g.alerts.length - SERIES_SHOWN} more (--json lists them all)`);
  }
  return lines;
}

const fmtRate = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? '—' : `${v.toFixed(1)}x`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
