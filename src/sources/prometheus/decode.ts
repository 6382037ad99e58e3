// What the Prometheus HTTP API answers, read with zod: query results (vector,
// matrix, scalar), build info, alerts, and its errors.
import * as z from 'zod';
import { fromOutside } from '../../text/sanitize.js';
import { bodySnippet, decodeJson, type HttpResponse, parseJson, statusFailure } from '../http.js';
import {
  labels,
  MAX_SERIES,
  matrixResult,
  NATIVE_HISTOGRAM,
  parseSampleValue,
  safeText,
  type sample,
  scalarResult,
  stringResult,
  tooManySeries,
  vectorResult,
} from '../sample.js';
import type { AlertingRule, Failure, Result, RuleSeries, Series } from '../types.js';

const errorBody = z.object({ status: z.literal('error'), errorType: safeText, error: safeText });
const queryBody = z.object({
  status: z.literal('success'),
  // By resultType, so a matrix is not first parsed as a vector, and a bad sample is named by its path.
  data: z.discriminatedUnion('resultType', [vectorResult, matrixResult, scalarResult, stringResult]),
  warnings: z.array(safeText).optional(),
  infos: z.array(safeText).optional(),
});
export const buildinfoBody = z.object({ status: z.literal('success'), data: z.object({ version: safeText }).loose() });

const ruleState = z.enum(['inactive', 'pending', 'firing']);
/** A rule's error is the server's text about someone's rule: one line's worth is enough to act on. */
const RULE_ERROR_MAX = 300;

/** One series of an alerting rule, in /api/v1/alerts and in a rule's `alerts` (the `Alert` struct of web/api/v1/api.go). */
const ruleAlert = z.object({
  labels,
  // Prometheus writes null for a rule without annotations on some paths; none is none.
  annotations: labels.nullish(),
  state: ruleState,
  activeAt: safeText.optional(),
  value: z.string(),
});

export const alertsBody = z.object({
  status: z.literal('success'),
  data: z.object({ alerts: z.array(ruleAlert).max(MAX_SERIES, `more than ${MAX_SERIES} alerts`) }),
});

// `GET /api/v1/rules?type=alert`: groups of alerting rules (`AlertingRule` of api.go); recording rules
// are told apart by `type`, in case a server ignores the filter.
const alertingRule = z.object({
  type: z.literal('alerting'),
  name: safeText,
  query: safeText,
  duration: z.number(),
  labels: labels.nullish(),
  annotations: labels.nullish(),
  health: z.string(),
  lastError: z.string().optional(),
  state: ruleState.optional(),
});
const otherRule = z.object({ type: z.string().refine((t) => t !== 'alerting') }).loose();
export const rulesBody = z.object({
  status: z.literal('success'),
  data: z.object({
    groups: z.array(z.object({ name: safeText, rules: z.array(z.union([alertingRule, otherRule])) }).loose()),
  }),
});

/** A time the server gives as RFC 3339; Go's zero time (an alert never active) and what does not parse are none. */
function timeOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export function ruleSeries(a: z.infer<typeof ruleAlert>): RuleSeries {
  return { labels: a.labels, annotations: a.annotations ?? {}, state: a.state, activeAtMs: timeOf(a.activeAt), value: parseSampleValue(a.value) };
}

export function alertingRules(body: z.infer<typeof rulesBody>): AlertingRule[] {
  return body.data.groups.flatMap((g) =>
    g.rules.flatMap((r): AlertingRule[] => {
      if (r.type !== 'alerting') return [];
      const a = r as z.infer<typeof alertingRule>;
      const health = a.health === 'ok' || a.health === 'err' ? a.health : 'unknown';
      return [
        {
          group: g.name,
          name: a.name,
          query: a.query,
          forMs: Math.max(0, a.duration) * 1000,
          health,
          ...(a.lastError ? { lastError: fromOutside(a.lastError, RULE_ERROR_MAX) } : {}),
          ...(a.state ? { state: a.state } : {}),
          labels: a.labels ?? {},
          annotations: a.annotations ?? {},
        },
      ];
    }),
  );
}

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
