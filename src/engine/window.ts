import { formatDuration } from '../config/duration.js';

/** `$window` in a query becomes the evaluation window, in PromQL/LogQL duration syntax. */
export function withWindow(query: string, windowMs: number): string {
  return query.replace(/\$window\b|\$\{window\}/g, formatDuration(windowMs));
}

/** The error-ratio query that SLO burn rates and budgets are read from. */
export function ratioQuery(errors: string, total: string, windowMs: number): string {
  return `(${withWindow(errors, windowMs)}) / (${withWindow(total, windowMs)})`;
}
