// Loki HTTP API: metric queries through /loki/api/v1/query and /query_range,
// log lines through /query_range (streams, nanosecond timestamps), /ready.
// Loki's errors are plain text, not JSON.
import * as z from 'zod';
import type { SourceDef } from '../config/types.js';
import { decodeMetric } from './decode.js';
import { bodySnippet, decodeJson, HttpClient, statusFailure, type HttpResponse } from './http.js';
import { labels, matrixResult, safeText, sample, tooManySeries, vectorResult } from './sample.js';
import type { AskOptions, Failure, Health, LogLine, MetricSource, Result, Series } from './types.js';

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

const ns = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

export class LokiSource implements MetricSource {
  readonly type = 'loki' as const;
  readonly name: string;
  readonly http: HttpClient;

  constructor(def: SourceDef) {
    this.name = def.name;
    this.http = new HttpClient(def, def.tenant ? { 'x-scope-orgid': def.tenant } : {});
  }

  async instant(query: string, atMs: number, _windowMs?: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({ path: '/loki/api/v1/query', query: { query, time: ns(atMs) }, signal: opts?.signal });
    return res.ok ? decodeMetric('loki', res.value, parseMetric) : res;
  }

  async range(query: string, startMs: number, endMs: number, stepMs: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({
      path: '/loki/api/v1/query_range',
      query: { query, start: ns(startMs), end: ns(endMs), step: `${stepMs / 1000}s` },
      signal: opts?.signal,
    });
    return res.ok ? decodeMetric('loki', res.value, parseMetric) : res;
  }

  /** Newest first, as logcli prints them. */
  async logs(query: string, startMs: number, endMs: number, limit: number): Promise<Result<LogLine[]>> {
    const res = await this.http.send({
      path: '/loki/api/v1/query_range',
      query: { query, start: ns(startMs), end: ns(endMs), limit: String(limit), direction: 'backward' },
    });
    if (!res.ok) return res;
    const parsed = parse(res.value);
    if (!parsed.ok) return parsed;
    const data = parsed.value.data;
    if (data.resultType !== 'streams') {
      return { ok: false, failure: { kind: 'bad payload', message: `expected log lines (streams), got ${data.resultType}; is this a metric query?` } };
    }
    const lines: LogLine[] = [];
    for (const s of data.result) {
      for (const v of s.values) lines.push({ ns: v[0], t: Number(BigInt(v[0]) / 1_000_000n), line: v[1], labels: s.stream });
    }
    lines.sort((a, b) => (BigInt(b.ns) > BigInt(a.ns) ? 1 : BigInt(b.ns) < BigInt(a.ns) ? -1 : 0));
    return { ok: true, value: lines.slice(0, limit), warnings: parsed.value.warnings };
  }

  async health(): Promise<Result<Health>> {
    const res = await this.http.send({ path: '/ready' });
    if (!res.ok) return res;
    if (res.value.status !== 200) return { ok: false, failure: failureOf(res.value) };
    return { ok: true, value: { ready: true, auth: 'ok', detail: bodySnippet(res.value.body, 200) } };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

export function failureOf(res: HttpResponse): Failure {
  const message = bodySnippet(res.body);
  // Loki answers 400 for a query it cannot parse or run; "no org id" past the auth middleware is the source's setup.
  if (res.status === 400 && !/no org id/i.test(message)) return { kind: 'query', status: 400, message };
  return statusFailure(res, message);
}

function parse(res: HttpResponse): Result<z.infer<typeof body>> {
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
