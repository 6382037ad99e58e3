// Each SLO's and alert's links, with the query as oncall asks it and the time
// range it is looked at over. The builders are pure (engine/links.ts); this
// is where a config item becomes the query and range they take.
import type { Alert, Config, Slo, Step } from '../config/types.js';
import { annotationLinks, type Link, queryLinks, runbookLink, sentryLink, type TimeRange, uniqueLinks } from '../engine/links.js';
import type { SloState, Snapshot } from '../engine/state.js';
import { sourceRegistry } from '../sources/registry.js';
import type { SentryIssue } from '../sources/types.js';
import { alertQuery, sloQuery } from './plan.js';

/** How far back an alert's graph starts: an hour, or twice its `for` when that is longer. */
export function alertRange(alert: Alert, now: number): TimeRange {
  return { fromMs: now - Math.max(3_600_000, 2 * alert.forMs), toMs: now };
}

/** The range of the SLO's chart in the detail view: its points' first and last time; before any point, an hour or its window. */
export function sloRange(slo: Slo, state: SloState | undefined, now: number): TimeRange {
  const points = state?.series ?? [];
  if (points.length >= 2) return { fromMs: points[0].t, toMs: points[points.length - 1].t };
  return { fromMs: now - Math.max(3_600_000, slo.windowMs), toMs: now };
}

/** The SLO's runbook, then its query in Grafana (or Prometheus). */
export function sloLinks(config: Config, slo: Slo, range: TimeRange): Link[] {
  return uniqueLinks([runbookLink(slo.runbook)], queryLinks(config.sources[slo.source], slo.lang, sloQuery(config, slo, slo.windowMs), range));
}

/** The alert's runbook, its annotations' other links, then its query in Grafana (or Prometheus). */
export function alertLinks(config: Config, alert: Alert, range: TimeRange): Link[] {
  // A `rule:` alert has no query of its own: Prometheus holds it, and its series carry their own runbooks.
  const query = alert.rule === undefined ? alertQuery(config, alert).query : '';
  return uniqueLinks(
    [runbookLink(alert.runbook)],
    annotationLinks(alert.annotations),
    query ? queryLinks(config.sources[alert.source], alert.lang, query, range) : [],
  );
}

export const issueLinks = (issue: Pick<SentryIssue, 'permalink'>): Link[] => uniqueLinks([sentryLink(issue.permalink)]);

/** Every SLO's and alert's links at a snapshot, by id: what `--once --json` prints. */
export function snapshotLinks(config: Config, snap: Snapshot): { slos: Record<string, Link[]>; alerts: Record<string, Link[]> } {
  const slos: Record<string, Link[]> = {};
  config.slos.forEach((slo, i) => {
    slos[slo.id] = sloLinks(config, slo, sloRange(slo, snap.slos[i]?.id === slo.id ? snap.slos[i] : snap.slos.find((s) => s.id === slo.id), snap.at));
  });
  const alerts: Record<string, Link[]> = {};
  for (const a of config.alerts) alerts[a.id] = alertLinks(config, a, alertRange(a, snap.at));
  return { slos, alerts };
}

/** A playbook step's links: those of the alert or SLO it checks, or its query's; over `range` (the incident's time). */
export function stepLinks(config: Config, step: Step, range: TimeRange): Link[] {
  switch (step.kind) {
    case 'alert': {
      const alert = config.alerts.find((a) => a.id === step.id);
      return alert ? alertLinks(config, alert, range) : [];
    }
    case 'slo': {
      const slo = config.slos.find((s) => s.id === step.id);
      return slo ? sloLinks(config, slo, range) : [];
    }
    case 'query': {
      const windowMs = step.threshold.inMs ?? 300_000;
      const query = sourceRegistry.get(config.sources[step.source]?.type ?? '')?.dialect.withWindow(step.query, windowMs) ?? step.query;
      return queryLinks(config.sources[step.source], step.lang, query, range);
    }
    default:
      return [];
  }
}
