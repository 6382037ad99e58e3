// PromQL as oncall writes it: `$window` where the grammar takes a duration,
// the error ratio, and several burn windows in one query, told apart by a label.
import { formatDuration } from '../../config/duration.js';
import { substituteWindow } from '../../lang/query.js';
import type { Dialect } from '../kind.js';
import type { Series } from '../types.js';
import { vectorRatio } from '../vector-ratio.js';

/** `$window` in a query becomes the evaluation window, where the grammar puts a duration. */
export function withWindow(query: string, windowMs: number): string {
  return substituteWindow(query, formatDuration(windowMs), 'promql');
}

/** The error ratio over one window (see vectorRatio). */
export function ratioQuery(errors: string, total: string | null, windowMs: number): string {
  return vectorRatio(errors, total, windowMs, withWindow);
}

/** The label that tells apart the windows of one combined burn-rate query. */
export const WINDOW_LABEL = 'oncall_window';

/**
 * Several windows' error ratios in one PromQL query: each labelled with its
 * window, joined by `or` (the labels differ, so every series is kept).
 */
export function windowsQuery(errors: string, total: string | null, windowsMs: number[]): string {
  return windowsMs.map((w) => `label_replace(${ratioQuery(errors, total, w)}, "${WINDOW_LABEL}", "${formatDuration(w)}", "", "")`).join(' or ');
}

/** One window's series out of a combined burn-rate query's answer, without the label that told them apart. */
export function windowSeries(series: Series[], windowMs: number): Series[] {
  const label = formatDuration(windowMs);
  return series.filter((s) => s.labels[WINDOW_LABEL] === label).map((s) => ({ labels: withoutWindow(s.labels), points: s.points }));
}

function withoutWindow(labels: Record<string, string>): Record<string, string> {
  const { [WINDOW_LABEL]: _, ...rest } = labels;
  return rest;
}

/**
 * What a combined query holds, for the demo's simulator to answer: each
 * window's query with the label its answer gets; any other query is itself.
 */
export function windowParts(query: string): Array<{ labels: Record<string, string>; query: string }> {
  const parts = [...query.matchAll(/label_replace\(([\s\S]*?), "(\w+)", "([^"]*)", "", ""\)/g)];
  if (parts.length === 0) return [{ labels: {}, query }];
  return parts.map((m) => ({ labels: { [m[2]]: m[3] }, query: m[1] }));
}

export const prometheusDialect: Dialect = {
  withWindow,
  ratio: ratioQuery,
  windows: { query: windowsQuery, seriesOf: windowSeries },
};
