// The schema's reading of one element of a metric answer, for the decoder's
// worker (fast-metric.ts): loaded only when an answer has an element the hand
// path would not take, so the common answer costs no zod.

import type { SlowElement } from './fast-metric.js';
import { zodReason } from './http.js';
import { matrixResult, vectorResult } from './sample.js';

export const slowElement: SlowElement = (i, element, matrix) => {
  const r = (matrix ? matrixResult : vectorResult).shape.result.element.safeParse(element);
  if (!r.success) {
    const issues = r.error.issues.map((x) => ({ ...x, path: ['data', 'result', i, ...x.path] }));
    return { failure: { kind: 'bad payload', message: zodReason(issues) } };
  }
  const d = r.data as { metric: Record<string, string>; value?: [number, number]; values?: Array<[number, number]>; histogram?: unknown; histograms?: unknown };
  const pairs = matrix ? (d.values ?? []) : d.value ? [d.value] : [];
  return { labels: d.metric, points: pairs.map(([t, v]) => [Math.round(t * 1000), v]), histogram: Boolean(matrix ? d.histograms : d.histogram) };
};
