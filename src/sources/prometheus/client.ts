// Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics): /api/v1/query,
// /api/v1/query_range (POST, form-encoded, so long queries fit), /-/ready,
// /api/v1/status/buildinfo, /api/v1/alerts.
import * as z from 'zod';
import type { SourceDef } from '../config/types.js';
import { decodeMetric } from './decode.js';
import { bodySnippet, decodeJson, HttpClient, parseJson, statusFailure, type HttpResponse } from './http.js';
import { matrixResult, NATIVE_HISTOGRAM, safeText, sample, scalarResult, stringResult, tooManySeries, vectorResult, labels } from './sample.js';
import type { AskOptions, Failure, Health, MetricSource, Result, Series } from './types.js';

const errorBody = z.object({ status: z.literal('error'), errorType: safeText, error: safeText });
const queryBody = z.object({
  status: z.literal('success'),
  // By resultType, so a matrix is not first parsed as a vector, and a bad sample is named by its path.
  data: z.discriminatedUnion('resultType', [vectorResult, matrixResult, scalarResult, stringResult]),
  warnings: z.array(safeText).optional(),
  infos: z.array(safeText).optional(),
});
const buildinfoBody = z.object({ status: z.literal('success'), data: z.object({ version: safeText }).loose() });
const alertsBody = z.object({
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

export interface PromAlert {
  name: string;
  state: 'inactive' | 'pending' | 'firing';
  labels: Record<string, string>;
  activeAt?: string;
  value: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export class PrometheusSource implements MetricSource {
  readonly type = 'prometheus' as const;
  readonly name: string;
  readonly http: HttpClient;

  constructor(def: SourceDef) {
    this.name = def.name;
    this.http = new HttpClient(def);
  }

  async instant(query: string, atMs: number, _windowMs?: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({ method: 'POST', path: '/api/v1/query', form: { query, time: seconds(atMs) }, signal: opts?.signal });
    return res.ok ? decodeMetric('prometheus', res.value, parseQuery) : res;
  }

  async range(query: string, startMs: number, endMs: number, stepMs: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({
      method: 'POST',
      path: '/api/v1/query_range',
      form: { query, start: seconds(startMs), end: seconds(endMs), step: seconds(stepMs) },
      signal: opts?.signal,
    });
    return res.ok ? decodeMetric('prometheus', res.value, parseQuery) : res;
  }

  async alerts(): Promise<Result<PromAlert[]>> {
    const res = await this.http.send({ path: '/api/v1/alerts' });
    if (!res.ok) return res;
    const body = decode(res.value, alertsBody);
    if (!body.ok) return body;
    return {
      ok: true,
      value: body.value.data.alerts.map((a) => ({
        name: a.labels.alertname ?? '',
        state: a.state,
        labels: a.labels,
        activeAt: a.activeAt,
        value: Number(a.value),
      })),
    };
  }

  async health(): Promise<Result<Health>> {
    const ready = await this.http.send({ path: '/-/ready' });
    if (!ready.ok) return ready;
    if (ready.value.status !== 200) return { ok: false, failure: failureOf(ready.value) };
    const info = await this.http.send({ path: '/api/v1/status/buildinfo' });
    if (!info.ok) return info;
    const body = decode(info.value, buildinfoBody);
    if (!body.ok) {
      // Agents and some compatible servers have no buildinfo; being ready is what matters.
      if (info.value.status === 404) return { ok: true, value: { ready: true, auth: 'ok', detail: 'ready (no buildinfo)' } };
      return body;
    }
    return { ok: true, value: { ready: true, version: body.value.data.version, auth: 'ok', detail: bodySnippet(ready.value.body, 200) } };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function decode<T>(res: HttpResponse, schema: z.ZodType<T>): Result<T> {
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
