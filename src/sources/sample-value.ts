// The checks of a metric answer that need no schema, apart from sample.ts so
// that the decoder's worker reads the common answer without loading zod.
import type { Failure } from './types.js';

/**
 * The most series one answer may hold. A dashboard judges a handful; an
 * answer of 100,000 is a query gone wide (a label too many in a `by`), and
 * reading it would hold the screen for seconds. Only that query's panel fails.
 */
export const MAX_SERIES = 10_000;

/** Refuses a metric answer with more than MAX_SERIES series, before its samples are read. */
export function tooManySeries(json: unknown): Failure | undefined {
  const data = (json as { data?: { resultType?: unknown; result?: unknown } } | null)?.data;
  if (!Array.isArray(data?.result) || data.resultType === 'streams' || data.result.length <= MAX_SERIES) return undefined;
  return { kind: 'query', message: `answer has ${data.result.length} series; at most ${MAX_SERIES} are read` };
}

/** Said of an answer with native histograms: they are valid, but not numbers a panel can judge. */
export const NATIVE_HISTOGRAM = 'native histogram samples have no single value; wrap the query in histogram_quantile() or histogram_count()';

// What Go's strconv.FormatFloat writes, in its 'f' form ("-0.25") or its
// 'e' and 'g' forms ("1e+06", as compatible servers may): no hex, binary or
// octal, no "Infinity", no blanks, no leading "+" or ".", all of which
// Number() would read as something.
const GO_FLOAT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]\d+)?$/;

/**
 * A sample value as Prometheus and Loki write it (a string, so that NaN and
 * ±Inf survive JSON), or null. A finite spelling that overflows a double is
 * none of theirs either.
 */
export function parseSampleValue(s: string): number | null {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  if (!GO_FLOAT.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
