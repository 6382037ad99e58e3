// Sentry: issues and the auth check through the generated @sentry/api client,
// given undici's fetch over this source's pool; events-stats (not in the typed
// client) through the same pool directly. The client is a large module, loaded
// on first use so that `watch --once` (events-stats only) does not pay for it.
import { fetch as undiciFetch } from 'undici';
import type { SourceDef } from '../../config/types.js';
import { fromOutside } from '../../text/sanitize.js';
import { boundedResponse, HttpClient, type HttpResponse, RefusedAnswer, zodReason } from '../http.js';
import type { AskOptions, ErrorsSource, Failure, Health, MetricSource, Point, Result, SentryIssue, Series } from '../types.js';
import { decode, failureOf, issue, issuesBody, statsBody } from './decode.js';
import type { SentryOptions } from './kind.js';

// Sentry's events-stats accepts these intervals; others are rounded up to one of them.
const INTERVALS = [60, 300, 900, 1800, 3600, 14400, 86400];

/** Whether a bucket starting at `t` covers part of [start, end]: the first may start up to a bucket's width before. */
function inWindow(t: number, startMs: number, endMs: number, widthMs: number): boolean {
  return t > startMs - widthMs && t <= endMs;
}

/**
 * How wide the buckets of `points` are: the interval asked for, or the gap
 * between them when Sentry chose wider ones for a long range, up to a day
 * (its widest), so a bucket of 1970 is never "the first one".
 */
function bucketWidth(points: Point[], askedMs: number): number {
  let gap = Infinity;
  for (let i = 1; i < points.length; i++) if (points[i].t > points[i - 1].t) gap = Math.min(gap, points[i].t - points[i - 1].t);
  return Math.min(Math.max(askedMs, Number.isFinite(gap) ? gap : askedMs), 86_400_000);
}

export class SentrySource implements MetricSource, ErrorsSource {
  readonly type = 'sentry' as const;
  readonly name: string;
  readonly http: HttpClient;
  private readonly def: SourceDef<SentryOptions>;

  constructor(def: SourceDef<SentryOptions>) {
    this.name = def.name;
    this.def = def;
    this.http = new HttpClient(def);
  }

  /**
   * Events matching `query` in the `windowMs` before `atMs`, as one number.
   * An answer whose every bucket is outside the window is handed on as it
   * came, unsummed, for the engine's time checks to name (a count of 1970 is
   * not one of now).
   */
  async instant(query: string, atMs: number, windowMs: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const r = await this.range(query, atMs - windowMs, atMs, 60_000, opts);
    if (!r.ok) return r;
    const points = r.value[0].points;
    if (points.length > 0 && !points.some((p) => inWindow(p.t, atMs - windowMs, atMs, bucketWidth(points, 60_000)))) return r;
    const total = points.reduce((sum, p) => sum + p.v, 0);
    return { ok: true, value: [{ labels: {}, points: [{ t: atMs, v: total }] }], warnings: r.warnings };
  }

  async range(query: string, startMs: number, endMs: number, stepMs: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const interval = INTERVALS.find((s) => s * 1000 >= stepMs) ?? 86400;
    const res = await this.http.send({
      path: `/api/0/organizations/${encodeURIComponent(this.def.options.org)}/events-stats/`,
      query: {
        yAxis: 'count()',
        interval: `${interval}s`,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        ...this.scope(query),
      },
      signal: opts?.signal,
    });
    if (!res.ok) return res;
    const body = decode(res.value, statsBody);
    if (!body.ok) return body;
    const all = body.value.data.map(([t, counts]) => ({ t: t * 1000, v: counts.reduce((s, c) => s + c.count, 0) }));
    // Buckets outside what was asked do not count; if none is inside, all are handed on for the time checks to name.
    const width = bucketWidth(all, interval * 1000);
    const inside = all.filter((p) => inWindow(p.t, startMs, endMs, width));
    const outside = inside.length > 0 ? all.length - inside.length : 0;
    const warnings = outside > 0 ? [`${outside} bucket${outside === 1 ? '' : 's'} stamped outside the asked range left out`] : undefined;
    return { ok: true, value: [{ labels: {}, points: inside.length > 0 ? inside : all }], warnings };
  }

  /** Unresolved issues seen between `sinceMs` and `untilMs`, most frequent first (sentry-cli's `issues list` order). */
  async topIssues(sinceMs: number, untilMs = Date.now(), limit = 5, query = 'is:unresolved'): Promise<Result<SentryIssue[]>> {
    const scope = this.scope(query);
    const res = await viaClient(async () => {
      const { listAnOrganization_sIssues } = await import('@sentry/api');
      return listAnOrganization_sIssues({
        ...this.clientOptions(),
        path: { organization_id_or_slug: this.def.options.org },
        query: {
          query: scope.query,
          project: scope.project ? [Number(scope.project)] : undefined,
          environment: scope.environment ? [scope.environment] : undefined,
          start: new Date(sinceMs).toISOString(),
          end: new Date(untilMs).toISOString(),
          sort: 'freq',
          limit,
        },
      } as Parameters<typeof import('@sentry/api').listAnOrganization_sIssues>[0]);
    }, this.http.timeoutMs);
    if (!res.ok) return res;
    const body = decode(res.value, issuesBody);
    if (!body.ok) return body;
    const read = body.value.map((x) => issue.safeParse(x));
    const good = read.flatMap((r) => (r.success ? [r.data] : []));
    // Only when every issue is impossible is the answer itself wrong (an empty list would read as "no issues").
    const firstBad = read.findIndex((r) => !r.success);
    if (good.length === 0 && firstBad >= 0) {
      const issues = read[firstBad].error!.issues.map((x) => ({ ...x, path: [firstBad, ...x.path] }));
      return { ok: false, failure: { kind: 'bad payload', message: zodReason(issues) } };
    }
    const bad = read.length - good.length;
    return {
      ok: true,
      value: good.slice(0, limit).map((i) => ({
        id: i.id,
        shortId: i.shortId,
        title: i.title,
        count: i.count,
        lastSeen: i.lastSeen,
        level: i.level,
        permalink: i.permalink,
      })),
      warnings: bad ? [`${bad} issue${bad === 1 ? '' : 's'} with an impossible count or time left out`] : undefined,
    };
  }

  async health(): Promise<Result<Health>> {
    const res = await viaClient(async () => {
      const { retrieveAnOrganization } = await import('@sentry/api');
      return retrieveAnOrganization({
        ...this.clientOptions(),
        path: { organization_id_or_slug: this.def.options.org },
      } as Parameters<typeof import('@sentry/api').retrieveAnOrganization>[0]);
    }, this.http.timeoutMs);
    if (!res.ok) return res;
    if (res.value.status !== 200) return { ok: false, failure: failureOf(res.value) };
    return { ok: true, value: { ready: true, auth: this.def.auth.kind === 'none' ? 'none' : 'ok', detail: `organization ${this.def.options.org} readable` } };
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** A numeric project goes in `project=`; a slug goes into the search as `project:slug`. */
  private scope(query: string): { query: string; project?: string; environment?: string } {
    const p = this.def.options.project;
    const numeric = p !== undefined && /^-?\d+$/.test(p);
    const q = p && !numeric && !/\bproject:/.test(query) ? `${query} project:${p}`.trim() : query;
    return { query: q, project: numeric ? p : undefined, environment: this.def.options.environment };
  }

  private clientOptions() {
    const http = this.http;
    // The client builds a global Request; undici's fetch is given its parts so
    // the pool is used. One deadline covers the headers and the whole body, and
    // the body is counted after fetch has inflated it: a server may compress
    // even when asked not to.
    const fetch = async (input: Request) => {
      http.requests++;
      const headers: Record<string, string> = {};
      input.headers.forEach((v, k) => {
        headers[k] = v;
      });
      headers['accept-encoding'] = 'identity';
      const res = await undiciFetch(input.url, {
        method: input.method,
        headers,
        dispatcher: http.pool,
        signal: AbortSignal.timeout(http.timeoutMs),
      });
      return boundedResponse(res as unknown as Response, http.bodyLimitBytes);
    };
    const base = this.http.url('').toString().replace(/\/$/, '');
    return {
      baseUrl: base,
      fetch,
      auth: this.def.auth.kind === 'bearer' ? this.def.auth.token : undefined,
      headers: this.def.headers,
      parseAs: 'text' as const,
    };
  }
}

type ClientResult = { data?: unknown; error?: unknown; response?: Response };

/**
 * One call of the client, however it ends (an answer, an error it returns,
 * or one it throws while reading the body), as a Result.
 */
async function viaClient(call: () => Promise<unknown>, timeoutMs: number): Promise<Result<HttpResponse>> {
  let r: ClientResult;
  try {
    r = (await call()) as ClientResult;
  } catch (e) {
    return { ok: false, failure: clientFailure(e, timeoutMs) };
  }
  if (!r.response) return { ok: false, failure: clientFailure(r.error, timeoutMs) };
  const headers: Record<string, string> = {};
  r.response.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  // The client parses an error body as JSON whatever parseAs says; turning it back into text recurses once per level.
  let body: string;
  try {
    body = typeof r.data === 'string' ? r.data : typeof r.error === 'string' ? r.error : JSON.stringify(r.error ?? r.data ?? '');
  } catch {
    return { ok: false, failure: { kind: 'bad payload', message: `an answer (http ${r.response.status}) too deeply nested to read` } };
  }
  return { ok: true, value: { status: r.response.status, headers, body } };
}

/** What went wrong before an answer was whole: a refused answer, the deadline, or the network. */
function clientFailure(e: unknown, timeoutMs: number): Failure {
  if (e instanceof RefusedAnswer) return e.failure;
  const err = e as (Error & { cause?: { code?: string; message?: string } }) | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { kind: 'timeout', message: `no answer within ${timeoutMs}ms` };
  const code = err?.cause?.code;
  const message =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? 'connection reset'
        : fromOutside(String(err?.cause?.message ?? err?.message ?? 'no response'));
  return { kind: 'unreachable', message };
}
