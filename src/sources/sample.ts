import * as z from 'zod';
import { fromOutside } from './sanitize.js';

/**
 * Any string a backend sends that may be shown, written or copied: it passes
 * the one gate (secrets scrubbed, controls made visible, length bounded) as it
 * is decoded, so nothing downstream ever holds it raw.
 */
export const safeText = z.string().transform((s) => fromOutside(s));

// Prometheus and Loki encode sample values as strings so that NaN and ±Inf survive JSON.
export const sampleValue = z.string().transform((s, ctx) => {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  const n = Number(s);
  if (s.trim() === '' || Number.isNaN(n)) {
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
