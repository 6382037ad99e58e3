import * as z from 'zod';
import { fromOutside } from '../text/sanitize.js';
import type { Failure } from './types.js';

/**
 * Any string a backend sends that may be shown, written or copied: it passes
 * the one gate (secrets scrubbed, controls made visible, length bounded) as it
 * is decoded, so nothing downstream ever holds it raw.
 */
export const safeText = z.string().transform((s) => fromOutside(s));

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

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Prometheus and Loki encode sample values as strings so that NaN and ±Inf survive JSON.
export const sampleValue = z.string().transform((s, ctx) => {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  // Only decimal, as Go's FormatFloat writes it: Number() would also take "0x10", "0b1", " 1 " and "Infinity".
  const n = DECIMAL.test(s) ? Number(s) : NaN;
  if (Number.isNaN(n)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a sample value` });
    return z.NEVER;
  }
  return n;
});

export const sample = z.tuple([z.number(), sampleValue]);
// Both names and values: a label name is printed as much as its value.
export const labels = z.record(safeText, safeText);

const histogramSample = z.tuple([z.number(), z.object({ count: z.string(), sum: z.string() }).loose()]);

export const vectorResult = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: labels, value: sample.optional(), histogram: histogramSample.optional() })),
});
export const matrixResult = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: labels, values: z.array(sample).optional(), histograms: z.array(histogramSample).optional() })),
});
export const scalarResult = z.object({ resultType: z.literal('scalar'), result: sample });
export const stringResult = z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) });
