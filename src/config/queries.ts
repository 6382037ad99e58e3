// Every query in a config checked offline by its source's grammar, so a typo is
// a validation error with its path and column, not a 400 at 3 a.m.
import { promqlType } from '../lang/promql-types.js';
import { cached, logqlKind } from '../lang/query.js';
import type { QueryLang } from './types.js';

/**
 * `want`: a metric query (a number per series: SLOs, alerts, probes), a
 * vector of series (the two sides of a ratio), or a log query (lines: the
 * log panel). `lang`: its source type's (null: no grammar, nothing to check).
 * Returns false when the query is unusable.
 */
export function checkQuery(
  path: string,
  text: string,
  lang: QueryLang,
  want: 'metric' | 'series' | 'log',
  err: (path: string, message: string) => void,
): boolean {
  if (lang === null) return true;
  const a = cached(lang, text);
  if (a.error) {
    err(path, a.error);
    return false;
  }
  // A ratio is (errors) / (total) with `or ... unless on()` around it: both sides must be instant vectors.
  if (lang === 'promql' && want === 'series' && a.tree && promqlType(a.tree, a.parsed) === 'scalar') {
    err(path, 'is a scalar; errors and total need instant vectors (wrap it in vector())');
    return false;
  }
  if (lang === 'logql') {
    const kind = logqlKind(a);
    if (want !== 'log' && kind === 'log') {
      err(path, 'is a LogQL log query, which returns lines; count them with a metric query, like sum(count_over_time({app="x"} |= "error" [$window]))');
      return false;
    }
    if (want === 'log' && kind === 'metric') {
      err(path, 'is a LogQL metric query; the log panel needs a log query, like {app="x"} |= "error"');
      return false;
    }
  }
  return true;
}
