// The error ratio in the vector operators PromQL and LogQL share: written
// once, for the Prometheus and Loki dialects.

/**
 * The error-ratio query that SLO burn rates and budgets are read from. Where
 * `total` has traffic and `errors` has no series at all (no 5xx has ever been
 * counted), the ratio is 0, as Sloth and Pyrra read it, not "no data": the
 * `or` adds the total series times zero, `unless on()` any error series
 * exists. Errors whose labels do not match the total's stay "no data", never 0.
 */
export function vectorRatio(errors: string, total: string | null, windowMs: number, withWindow: (query: string, windowMs: number) => string): string {
  // `total` null: `errors` is already the error ratio (a Sloth raw SLI).
  if (total === null) return withWindow(errors, windowMs);
  const e = withWindow(errors, windowMs);
  const t = withWindow(total, windowMs);
  return `((${e}) / (${t})) or (((${t}) * 0) unless on() (${e}))`;
}
