import { formatDuration } from '../config/duration.js';

/** `$window` in a query becomes the evaluation window, in PromQL/LogQL duration syntax. */
export function withWindow(query: string, windowMs: number): string {
  return query.replace(/\$window\b|\$\{window\}/g, formatDuration(windowMs));
}

/** The error-ratio query that SLO burn rates and budgets are read from. */
export function ratioQuery(errors: string, total: string, windowMs: number): string {
  return `(${withWindow(errors, windowMs)}) / (${withWindow(total, windowMs)})`;
}

/** The label that tells apart the windows of one combined burn-rate query. */
export const WINDOW_LABEL = 'oncall_window';

/**
 * Several windows' error ratios in one PromQL query: each labelled with its
 * window, joined by `or` (the labels differ, so every series is kept).
 */
export function windowsQuery(errors: string, total: string, windowsMs: number[]): string {
  return windowsMs.map((w) => `label_replace(${ratioQuery(errors, total, w)}, "${WINDOW_LABEL}", "${formatDuration(w)}", "", "")`).join(' or ');
}
