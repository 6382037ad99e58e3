// Alertmanager's alerts as the panel, the detail view and --once show them:
// grouped by the configured labels, counts per group, newest first, and each
// alert's state in words (colour is never the only carrier).
import { formatAge } from '../config/duration.js';
import type { RoutedAlert, Silence } from '../sources/types.js';
import { labelText } from './rule-state.js';

/** What one fetch of an Alertmanager source gives the panel. */
export interface RoutedAlertsData {
  alerts: RoutedAlert[];
  silences: Silence[];
  groupBy: string[];
}

export interface RoutedGroup {
  /** The group's values of the group_by labels; a missing label is "". */
  labels: Record<string, string>;
  /** Newest first. */
  alerts: RoutedAlert[];
  active: number;
  suppressed: number;
  /** The newest startsAt in the group. */
  newest: number;
}

const newestFirst = (a: RoutedAlert, b: RoutedAlert) => b.startsAt - a.startsAt || a.fingerprint.localeCompare(b.fingerprint);

export function groupAlerts(alerts: readonly RoutedAlert[], by: readonly string[]): RoutedGroup[] {
  const groups = new Map<string, RoutedGroup>();
  for (const a of alerts) {
    const labels = Object.fromEntries(by.map((k) => [k, a.labels[k] ?? '']));
    const key = JSON.stringify(by.map((k) => labels[k]));
    const g = groups.get(key) ?? { labels, alerts: [], active: 0, suppressed: 0, newest: -Infinity };
    groups.set(key, g);
    g.alerts.push(a);
    if (a.state === 'suppressed') g.suppressed++;
    else g.active++;
    g.newest = Math.max(g.newest, a.startsAt);
  }
  const out = [...groups.values()];
  for (const g of out) g.alerts.sort(newestFirst);
  return out.sort((a, b) => b.newest - a.newest || labelText(a.labels).localeCompare(labelText(b.labels)));
}

/** The alerts in the panel's order: group by group, each newest first. */
export function panelOrder(d: RoutedAlertsData): RoutedAlert[] {
  return groupAlerts(d.alerts, d.groupBy).flatMap((g) => g.alerts);
}

/**
 * ACTIVE, SILENCED until the latest end of the silences behind it (they all
 * have to end for it to page again), INHIBITED, or UNPROCESSED (not yet
 * through Alertmanager's pipeline).
 */
export function stateWords(a: RoutedAlert, silences: readonly Silence[], now: number): string {
  if (a.state === 'unprocessed') return 'UNPROCESSED';
  if (a.state === 'active') return 'ACTIVE';
  if (a.silencedBy.length > 0) {
    const ends = a.silencedBy.map((id) => silences.find((s) => s.id === id)?.endsAt).filter((t): t is number => t !== undefined);
    if (ends.length === 0) return 'SILENCED';
    const end = Math.max(...ends);
    return `SILENCED until ${new Date(end).toISOString().slice(0, 16).replace('T', ' ')}Z (${formatAge(end - now)} left)`;
  }
  return a.inhibitedBy.length > 0 ? 'INHIBITED' : 'SUPPRESSED';
}
