// Loki HTTP API: metric queries through /loki/api/v1/query and /query_range,
// log lines through /query_range (streams, nanosecond timestamps), /ready.
// Loki's errors are plain text, not JSON.
import type { SourceDef } from '../../config/types.js';
import { decodeMetric } from '../decode.js';
import { bodySnippet, HttpClient } from '../http.js';
import type { AskOptions, Health, LogLine, LogsSource, MetricSource, Result, Series } from '../types.js';
import { failureOf, parse, parseMetric } from './decode.js';
import type { LokiOptions } from './kind.js';

const ns = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

export class LokiSource implements MetricSource, LogsSource {
  readonly type = 'loki' as const;
  readonly name: string;
  readonly http: HttpClient;

  constructor(def: SourceDef<LokiOptions>) {
    this.name = def.name;
    this.http = new HttpClient(def, def.options.tenant ? { 'x-scope-orgid': def.options.tenant } : {});
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
