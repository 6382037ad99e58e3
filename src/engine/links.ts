// Where an SLO, an alert or a Sentry issue can be looked at in a browser: a
// runbook, a Grafana Explore pane, Prometheus's graph, the Sentry issue.
// Pure: values in, URLs out. Every URL that comes from a config or a backend
// is checked here, once, so a screen, a JSON document or a postmortem only
// ever holds http(s) links that carry no credentials.
import type { QueryLang, SourceDef } from '../config/types.js';
import { redact } from '../text/redact.js';

/** One link of an item. Any alert kind fills a list of these (runbook_url, generatorURL, ...). */
export interface Link {
  /** What it opens, as the menu names it: "runbook", "Grafana", "Prometheus", "Sentry", "source". */
  label: string;
  url: string;
}

/** `sources.<name>.grafana`: the Grafana that shows this source, and the UID of its data source there. */
export interface GrafanaTarget {
  url: string;
  datasource: string;
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** Longer than any browser or opener needs to take; a backend's endless value is not a link. */
export const MAX_URL = 8192;

// Controls, and what a terminal, a shell or Markdown could read as more than a URL.
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * `raw` as a link target, or null: only http and https, no user or password
 * in it, no control or invisible characters, no secret the config holds, and
 * not past MAX_URL. The URL is returned as the URL parser writes it.
 */
export function httpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL || UNSAFE.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || !u.hostname) return null;
  const href = u.href;
  if (href.length > MAX_URL || UNSAFE.test(href) || redact(href) !== href) return null;
  return href;
}

/** A link from a text of the config or a backend, or null when it is not a safe http(s) URL. */
export function linkOf(label: string, raw: string | null | undefined): Link | null {
  const url = httpUrl(raw);
  return url === null ? null : { label, url };
}

const base = (url: string): string | null => {
  const u = httpUrl(url);
  if (u === null) return null;
  // A source's own query string (?tenant=) and fragment are not a place to add a path to.
  const parsed = new URL(u);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
};

const DATASOURCE_TYPE: Record<string, string> = { promql: 'prometheus', logql: 'loki' };

/** The pane's id: Grafana generates three characters of [a-z0-9]; any stable one of them is read back. */
const PANE = 'onc';

/**
 * Grafana Explore with `query` in one pane over `range` (schemaVersion 1: the
 * `panes` parameter is a JSON object of panes by id, each with its data
 * source UID, its queries and its range, times as epoch milliseconds).
 */
export function grafanaExplore(g: GrafanaTarget, lang: 'promql' | 'logql', query: string, range: TimeRange): string | null {
  const root = base(g.url);
  if (root === null || redact(query) !== query || redact(g.datasource) !== g.datasource) return null;
  const datasource = { type: DATASOURCE_TYPE[lang], uid: g.datasource };
  const q = lang === 'logql' ? { refId: 'A', expr: query, queryType: 'range', datasource } : { refId: 'A', expr: query, datasource };
  const panes = { [PANE]: { datasource: g.datasource, queries: [q], range: { from: String(range.fromMs), to: String(range.toMs) } } };
  return httpUrl(`${root}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`);
}

/** The span as Prometheus's graph page reads it: one unit, the largest that divides it ("90m", "2h", "1d"). */
export function rangeInput(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  for (const [unit, n] of [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (s % n === 0) return `${s / n}${unit}`;
  }
  return `${s}s`;
}

/** "2026-11-23 14:40:00": the end of a graph as Prometheus's page takes it, in UTC (its default display). */
export const endInput = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Prometheus's own graph page: the query over `range` (g0.tab=0 is the graph
 * tab; the span is range_input, its end end_input), so a postmortem's link
 * still shows the incident's hour a week later.
 */
export function prometheusGraph(url: string, query: string, range: TimeRange): string | null {
  const root = base(url);
  if (root === null || redact(query) !== query) return null;
  const span = rangeInput(range.toMs - range.fromMs);
  return httpUrl(`${root}/graph?g0.expr=${encodeURIComponent(query)}&g0.tab=0&g0.range_input=${span}&g0.end_input=${encodeURIComponent(endInput(range.toMs))}`);
}

function grafanaOf(source: SourceDef): GrafanaTarget | null {
  const g = (source.options as { grafana?: unknown }).grafana;
  if (!g || typeof g !== 'object') return null;
  const { url, datasource } = g as Record<string, unknown>;
  return typeof url === 'string' && typeof datasource === 'string' ? { url, datasource } : null;
}

/**
 * Where a query can be looked at: Grafana Explore when its source names a
 * Grafana; else, for PromQL, Prometheus's graph page; else nothing (Loki has
 * no page of its own, Sentry's searches are not linked).
 */
export function queryLinks(source: SourceDef | undefined, lang: QueryLang, query: string, range: TimeRange): Link[] {
  if (!source || (lang !== 'promql' && lang !== 'logql')) return [];
  const g = grafanaOf(source);
  if (g) {
    const url = grafanaExplore(g, lang, query, range);
    return url ? [{ label: 'Grafana', url }] : [];
  }
  if (lang !== 'promql') return [];
  const url = prometheusGraph(source.url, query, range);
  return url ? [{ label: 'Prometheus', url }] : [];
}

/** Links in the order a menu lists them, each URL once (a runbook also given as runbook_url is one link). */
export function uniqueLinks(...lists: ReadonlyArray<ReadonlyArray<Link | null>>): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const l of lists.flat()) {
    if (l && !seen.has(l.url)) {
      seen.add(l.url);
      out.push(l);
    }
  }
  return out;
}

/** An item's runbook (`runbook:` or the `runbook_url` annotation) as a link, if it is a URL; a path stays text. */
export const runbookLink = (runbook: string | undefined): Link | null => linkOf('runbook', runbook);

/** A Sentry issue's page, from the `permalink` its API gives. */
export const sentryLink = (permalink: string | undefined): Link | null => linkOf('Sentry', permalink);

/**
 * The links an alert's annotations carry, whatever kind of alert it is (a
 * configured one, a Prometheus rule, an Alertmanager alert): `runbook_url`
 * as "runbook", any other `*_url` under its own name ("dashboard_url" is
 * "dashboard"). Values that are not safe http(s) URLs are left out.
 */
export function annotationLinks(annotations: Readonly<Record<string, string>> | undefined): Link[] {
  const out: Array<Link | null> = [];
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (key === 'runbook_url') out.unshift(linkOf('runbook', value));
    else if (/^[a-z][a-z0-9_]*_url$/i.test(key)) out.push(linkOf(key.slice(0, -4), value));
  }
  return uniqueLinks(out);
}

/** Prometheus's link to the rule's expression, as Alertmanager passes it on (`generatorURL`). */
export const generatorLink = (generatorURL: string | undefined): Link | null => linkOf('source', generatorURL);
