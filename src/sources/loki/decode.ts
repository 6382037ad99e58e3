// What Loki's HTTP API answers, read with zod: metric results (vector,
// matrix), log streams with nanosecond timestamps, and its plain-text errors.
import * as z from 'zod';
import { bodySnippet, decodeJson, type HttpResponse, statusFailure } from '../http.js';
import { labels, matrixResult, safeText, type sample, tooManySeries, vectorResult } from '../sample.js';
import type { Failure, Result, Series } from '../types.js';

// Digits only: it goes to BigInt, which throws on anything else.
// Loki's timestamps are int64 nanoseconds: at most 19 digits, which also keeps them inside what a Date can show.
const nanos = z.string().regex(/^\d{1,19}$/, 'not a nanosecond timestamp');
const streamsResult = z.object({
  resultType: z.literal('streams'),
  result: z.array(
    z.object({
      stream: labels,
      // The third element appears with the categorize-labels encoding flag.
      values: z.array(z.union([z.tuple([nanos, safeText]), z.tuple([nanos, safeText, z.record(z.string(), z.unknown())])])),
    }),
  ),
});
const body = z.object({
  status: z.literal('success'),
  warnings: z.array(safeText).optional(),
  data: z.discriminatedUnion('resultType', [vectorResult, matrixResult, streamsResult]),
});

export function failureOf(res: HttpResponse): Failure {
  const message = bodySnippet(res.body);
  // Loki answers 400 for a query it cannot parse or run; "no org id" past the auth middleware is the source's setup.
  if (res.status === 400 && !/no org id/i.test(message)) return { kind: 'query', status: 400, message };
  return statusFailure(res, message);
}

export function parse(res: HttpResponse): Result<z.infer<typeof body>> {
  return decodeJson(res, body, failureOf, undefined, tooManySeries);
}

/** A metric query's answer as series: what instant and range return. */
export function parseMetric(res: HttpResponse): Result<Series[]> {
  return toSeries(parse(res));
}

function toSeries(r: Result<z.infer<typeof body>>): Result<Series[]> {
  if (!r.ok) return r;
  const data = r.value.data;
  const pt = (s: z.infer<typeof sample>) => ({ t: Math.round(s[0] * 1000), v: s[1] });
  switch (data.resultType) {
    case 'vector':
      return { ok: true, value: data.result.map((x) => ({ labels: x.metric, points: x.value ? [pt(x.value)] : [] })), warnings: r.value.warnings };
    case 'matrix':
      return { ok: true, value: data.result.map((x) => ({ labels: x.metric, points: (x.values ?? []).map(pt) })), warnings: r.value.warnings };
    case 'streams':
      return { ok: false, failure: { kind: 'bad payload', message: 'query returned log lines, not numbers; wrap it in count_over_time() or rate()' } };
  }
}
