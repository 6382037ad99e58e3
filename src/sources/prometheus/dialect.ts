import { formatDuration } from '../config/duration.js';
import type { QueryLang } from '../config/types.js';
import { substituteWindow } from '../lang/query.js';

/** `$window` in a query becomes the evaluation window, where the grammar puts a duration. */
export function withWindow(query: string, windowMs: number, lang: QueryLang): string {
  return substituteWindow(query, formatDuration(windowMs), lang);
}

/**
 * The error-ratio query that SLO burn rates and budgets are read from. Where
 * `total` has traffic and `errors` has no series at all (no 5xx has ever been
 * counted), the ratio is 0, as Sloth and Pyrra read it, not "no data": the
 * `or` adds the total series times zero, `unless on()` any error series
 * exists. Errors whose labels do not match the total's stay "no data", never 0.
 */
export function ratioQuery(errors: string, total: string | null, windowMs: number, lang: QueryLang): string {
  // `total` null: `errors` is already the error ratio (a Sloth raw SLI).
  if (total === null) return withWindow(errors, windowMs, lang);
  const e = withWindow(errors, windowMs, lang);
  const t = withWindow(total, windowMs, lang);
  return `((${e}) / (${t})) or (((${t}) * 0) unless on() (${e}))`;
}

/** The label that tells apart the windows of one combined burn-rate query. */
export const WINDOW_LABEL = 'oncall_window';

/**
 * Several windows' error ratios in one PromQL query: each labelled with its
 * window, joined by `or` (the labels differ, so every series is kept).
 */
export function windowsQuery(errors: string, total: string | null, windowsMs: number[]): string {
  return windowsMs.map((w) => `label_replace(${ratioQuery(errors, total, w, 'promql')}, "${WINDOW_LABEL}", "${formatDuration(w)}", "", "")`).join(' or ');
}
