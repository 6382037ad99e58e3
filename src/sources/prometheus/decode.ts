// What the Prometheus HTTP API answers, read with zod: query results (vector,
// matrix, scalar), build info, alerts, and its errors.
import * as z from 'zod';
import { bodySnippet, decodeJson, type HttpResponse, parseJson, statusFailure } from '../http.js';
import { labels, matrixResult, NATIVE_HISTOGRAM, safeText, type sample, scalarResult, stringResult, tooManySeries, vectorResult } from '../sample.js';
import type { Failure, Result, Series } from '../types.js';

const errorBody = z.object({ status: z.literal('error'), errorType: safeText, error: safeText });
const queryBody = z.object({
  status: z.literal('success'),
  // By resultType, so a matrix is not first parsed as a vector, and a bad sample is named by its path.
  data: z.discriminatedUnion('resultType', [vectorResult, matrixResult, scalarResult, stringResult]),
  warnings: z.array(safeText).optional(),
  infos: z.array(safeText).optional(),
});
export const buildinfoBody = z.object({ status: z.literal('success'), data: z.object({ version: safeText }).loose() });
export const alertsBody = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(
      z.object({
        labels,
        annotations: labels,
        state: z.enum(['inactive', 'pending', 'firing']),
        activeAt: safeText.optional(),
        value: z.string(),
      }),
    ),
  }),
});

export function decode<T>(res: HttpResponse, schema: z.ZodType<T>): Result<T> {
  return decodeJson(res, schema, failureOf, isErrorBody, tooManySeries);
}

// Asked of every 2xx answer: a failed zod parse builds its issues, so the usual success is told by its status first.
function isErrorBody(json: unknown): boolean {
  return (json as { status?: unknown } | null)?.status === 'error' && errorBody.safeParse(json).success;
}

/** Prometheus says what went wrong in `error`, and what kind in `errorType`. */
export function failureOf(res: HttpResponse): Failure {
  const json = parseJson(res.body);
  const err = json.ok ? errorBody.safeParse(json.value) : undefined;
  if (err?.success) {
    const { errorType, error } = err.data;
    if (errorType === 'timeout') return { kind: 'timeout', status: res.status, message: error };
    if (res.status === 401 || res.status === 403 || res.status === 429) return statusFailure(res, error);
    // bad_data (400) and execution (422) are about the query, not the server: Prometheus is fine.
    const kind = errorType === 'bad_data' || errorType === 'execution' ? 'query' : 'http';
    return { kind, status: res.status, message: `${errorType}: ${error}` };
  }
  return statusFailure(res, bodySnippet(res.body));
}

export function parseQuery(res: HttpResponse): Result<Series[]> {
  const body = decode(res, queryBody);
  if (!body.ok) return body;
  const { data } = body.value;
  const warnings = [...(body.value.warnings ?? []), ...(body.value.infos ?? [])];
  let series: Series[];
  switch (data.resultType) {
    case 'scalar':
      series = [{ labels: {}, points: [toPoint(data.result)] }];
      break;
    case 'string':
      return { ok: false, failure: { kind: 'bad payload', message: 'query returned a string, not a number' } };
    case 'vector':
      series = data.result.map((r) => ({ labels: r.metric, points: r.value ? [toPoint(r.value)] : [] }));
      if (data.result.some((r) => r.histogram)) warnings.push(NATIVE_HISTOGRAM);
      break;
    case 'matrix':
      series = data.result.map((r) => ({ labels: r.metric, points: (r.values ?? []).map(toPoint) }));
      if (data.result.some((r) => r.histograms)) warnings.push(NATIVE_HISTOGRAM);
      break;
  }
  return { ok: true, value: series, warnings: warnings.length ? warnings : undefined };
}

function toPoint(s: z.infer<typeof sample>): { t: number; v: number } {
  return { t: Math.round(s[0] * 1000), v: s[1] };
}
