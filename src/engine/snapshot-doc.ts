// The stable, snake_case shape of `--once --json`: scripts depend on these names.
import { formatAge } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import { labelText } from './rule-state.js';
import type { Snapshot } from './state.js';

const SERIES_SHOWN = 10;

const finite = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

export function snapshotDoc(s: Snapshot) {
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
    })),
    sources: s.sources.map((x) => ({ name: x.name, type: x.type, ok: x.ok, error: x.error, latency_ms: x.latencyMs })),
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
export function snapshotText(s: Snapshot): string {
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
  lines.push('');
  lines.push('Sources');
  for (const x of s.sources)
    lines.push(`  ${pad(x.ok ? 'OK' : 'DOWN', 8)} ${pad(x.name, 12)} ${x.ok ? (x.latencyMs !== null ? `${x.latencyMs}ms` : 'unused') : x.error}`);
  return lines.join('\n');
}

const fmtRate = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? '—' : `${v.toFixed(1)}x`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
