import * as z from 'zod';
import { fromOutside } from '../text/sanitize.js';
import { parseSampleValue } from './sample-value.js';

export { MAX_SERIES, NATIVE_HISTOGRAM, parseSampleValue, tooManySeries } from './sample-value.js';

/**
 * Any string a backend sends that may be shown, written or copied: it passes
 * the one gate (secrets scrubbed, controls made visible, length bounded) as it
 * is decoded, so nothing downstream ever holds it raw.
 */
export const safeText = z.string().transform((s) => fromOutside(s));

export const sampleValue = z.string().transform((s, ctx) => {
  const n = parseSampleValue(s);
  if (n === null) {
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
