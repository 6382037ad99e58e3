// One keep-alive pool per source. Every request ends as a value: a response with
// its body, or a Failure saying what went wrong in words a person can act on.
import { type Dispatcher, Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';
import { formatSize } from '../config/size.js';
import type { SourceDef } from '../config/types.js';
import { fromOutside } from '../text/sanitize.js';
import { dropBody, largeResponse, pausable, readBounded } from './body.js';
import { LARGE_BYTES, largeAnswers } from './slots.js';
import type { Failure, Result } from './types.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export { claim, type Held } from './body.js';

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | string[] | undefined>;
  form?: Record<string, string>;
  /** A JSON body (Alertmanager's silences); `form` wins when both are given. */
  json?: unknown;
  headers?: Record<string, string>;
  /** Aborts the request and its body from outside (the poller's cycle deadline); its reason, if a string, is the failure's message. */
  signal?: AbortSignal;
}

export class HttpClient {
  readonly pool: Pool;
  readonly base: URL;
  readonly timeoutMs: number;
  /** The most bytes of one answer that are read (body_size_limit). */
  readonly bodyLimitBytes: number;
  private readonly headers: Record<string, string>;
  /** Requests sent, for the benchmarks' per-cycle figures. */
  requests = 0;
  connections = 0;

  constructor(def: SourceDef<unknown>, extraHeaders: Record<string, string> = {}) {
    this.base = new URL(def.url);
    this.timeoutMs = def.timeoutMs;
    this.bodyLimitBytes = def.bodyLimitBytes;
    this.pool = new Pool(this.base.origin, {
      connections: def.concurrency,
      keepAliveTimeout: 60_000,
      connect: { timeout: def.timeoutMs },
    });
    this.pool.on('connect', () => {
      this.connections++;
    });
    this.headers = { ...def.headers, ...extraHeaders, ...authHeader(def) };
  }

  url(path: string): URL {
    const u = new URL(this.base.toString());
    u.pathname = `${this.base.pathname.replace(/\/$/, '')}${path}`;
    return u;
  }

  async send(req: HttpRequest): Promise<Result<HttpResponse>> {
    const u = this.url(req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, item);
    }
    // Nothing here inflates a body, so none is asked for (with no Accept-Encoding, any would do).
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...withoutEncoding({ ...this.headers, ...req.headers }),
      'accept-encoding': 'identity',
    };
    let body: string | undefined;
    if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    if (req.signal?.aborted) return { ok: false, failure: cancelled(req.signal) };
    const ac = new AbortController();
    const timer = pausable(() => ac.abort(), this.timeoutMs);
    const stop = () => ac.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', stop, { once: true });
    this.requests++;
    const slot = { release: () => {} };
    let kept = false;
    try {
      const res = await this.pool.request({
        method: req.method ?? 'GET',
        path: u.pathname + u.search,
        headers,
        body,
        signal: ac.signal,
      });
      const resHeaders = flatHeaders(res.headers);
      const coding = resHeaders['content-encoding']?.trim().toLowerCase();
      if (coding && coding !== 'identity') {
        dropBody(res.body);
        return {
          ok: false,
          failure: {
            kind: 'bad payload',
            message: `compressed answer (content-encoding: ${/^[a-z0-9_-]{1,16}$/.test(coding) ? coding : '?'}) though none was asked for`,
          },
        };
      }
      const read = await readBounded(res.body, this.bodyLimitBytes, async () => {
        // Waiting for a slot is this program's doing, not the server's: the request's clock stops meanwhile.
        timer.pause();
        const release = await largeAnswers.acquire(this, ac.signal);
        timer.resume();
        if (release) slot.release = release;
        return release !== null;
      });
      if (read === 'too large') return { ok: false, failure: tooLarge(this.bodyLimitBytes) };
      // Only an abort from outside ends a wait for a slot: the request's own clock was stopped.
      if (read === 'cancelled') return { ok: false, failure: req.signal ? cancelled(req.signal) : networkFailure(undefined, true, this.timeoutMs) };
      if (read.length <= LARGE_BYTES) return { ok: true, value: { status: res.statusCode, headers: resHeaders, body: new TextDecoder().decode(read) } };
      kept = true;
      return { ok: true, value: largeResponse(res.statusCode, resHeaders, read, { signal: req.signal, release: slot.release }) };
    } catch (e) {
      if (req.signal?.aborted) return { ok: false, failure: cancelled(req.signal) };
      return { ok: false, failure: networkFailure(e, ac.signal.aborted, this.timeoutMs) };
    } finally {
      if (!kept) slot.release();
      timer.clear();
      req.signal?.removeEventListener('abort', stop);
    }
  }

  /** Ends every request still in flight: nothing asked now has anyone left to answer to (`q` mid-cycle). */
  async close(): Promise<void> {
    await this.pool.destroy().catch(() => undefined);
  }
}

/** Raised while a fetch answer is read and refused, carrying the Failure it becomes. */
export class RefusedAnswer extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'RefusedAnswer';
  }
}

export function tooLarge(limitBytes: number): Failure {
  return { kind: 'bad payload', message: `answer larger than ${formatSize(limitBytes)} (body_size_limit)` };
}

/**
 * `res` with a body that errors with RefusedAnswer once more than `limit`
 * bytes have come through. Counted after fetch has decoded gzip, deflate or
 * br, so a small compressed answer cannot inflate without bound; cancelling
 * the source stream aborts the request and drops the connection.
 */
export function boundedResponse(res: Response, limit: number): Response {
  if (!res.body) return res;
  // A Response cannot be made with such a status; the answer is refused unread.
  if (res.status < 200 || res.status > 599) {
    void res.body.cancel().catch(() => undefined);
    throw new RefusedAnswer({ kind: 'http', status: res.status, message: `${res.status} is not an HTTP status` });
  }
  let n = 0;
  const counted = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        n += chunk.byteLength;
        if (n > limit) ctl.error(new RefusedAnswer(tooLarge(limit)));
        else ctl.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
}

function withoutEncoding(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== 'accept-encoding'));
}

function authHeader(def: SourceDef<unknown>): Record<string, string> {
  switch (def.auth.kind) {
    case 'bearer':
      return { authorization: `Bearer ${def.auth.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${def.auth.username}:${def.auth.password}`).toString('base64')}` };
    default:
      return {};
  }
}

function flatHeaders(h: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function cancelled(signal: AbortSignal): Failure {
  return { kind: 'timeout', message: typeof signal.reason === 'string' ? signal.reason : 'cancelled by the caller' };
}

function networkFailure(e: unknown, aborted: boolean, timeoutMs: number): Failure {
  if (aborted || e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError || e instanceof undiciErrors.ConnectTimeoutError) {
    return { kind: 'timeout', message: `no answer within ${timeoutMs}ms` };
  }
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code;
  const byCode: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    UND_ERR_SOCKET: 'connection closed by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  const message = (code && byCode[code]) || fromOutside(String(err.message ?? e), 300);
  return { kind: 'unreachable', message };
}

/** The longest a server's Retry-After keeps a source down: past that, a recovered backend would stay dark until `r`. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/** Retry-After (or Sentry's reset header), capped at RETRY_AFTER_CAP_MS. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const asked = askedRetryMs(headers, now);
  return asked === undefined ? undefined : Math.min(asked, RETRY_AFTER_CAP_MS);
}

/** The rate-limit fields of a Failure: the wait, and what the server asked when that was more than the cap. */
export function rateLimitWait(headers: Record<string, string>, now = Date.now()): Pick<Failure, 'retryAfterMs' | 'retryAskedMs'> {
  const asked = askedRetryMs(headers, now);
  if (asked === undefined) return {};
  return asked > RETRY_AFTER_CAP_MS ? { retryAfterMs: RETRY_AFTER_CAP_MS, retryAskedMs: asked } : { retryAfterMs: asked };
}

/** Milliseconds from Retry-After (delta seconds or HTTP date), or an epoch-seconds reset header. */
function askedRetryMs(headers: Record<string, string>, now: number): number | undefined {
  const ra = headers['retry-after'];
  if (ra !== undefined) {
    // Finite however many digits, so the cap and the text stay numbers.
    if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.min(Number(ra) * 1000, Number.MAX_SAFE_INTEGER);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers['x-sentry-rate-limit-reset'];
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset.trim())) return Math.min(Math.max(0, Number(reset) * 1000 - now), Number.MAX_SAFE_INTEGER);
  return undefined;
}

/** A short, safe rendering of a non-JSON error body (plain text, or the <title> of an HTML page), through the one gate. */
export function bodySnippet(body: string, max = 300): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body);
  if (title) return `HTML page "${fromOutside(title[1].trim().replace(/\s+/g, ' '), max)}"`;
  if (/^\s*<(!doctype|html)/i.test(body)) return 'HTML page';
  return fromOutside(body.trim().replace(/\s+/g, ' '), max) || '(empty body)';
}

/** Failures every backend shares: auth, rate limits, and gateway HTML pages. */
export function statusFailure(res: HttpResponse, serverMessage: string): Failure {
  if (res.status === 401 || res.status === 403) return { kind: 'auth', status: res.status, message: serverMessage };
  if (res.status === 429) return { kind: 'rate limited', status: 429, message: serverMessage, ...rateLimitWait(res.headers) };
  if (res.status === 504 || res.status === 408) return { kind: 'timeout', status: res.status, message: serverMessage };
  return { kind: 'http', status: res.status, message: serverMessage };
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** Zod's complaint, cut to what a person needs to see which field was wrong; the path holds the backend's keys, so it passes the gate. */
export function zodReason(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const first = issues[0];
  if (!first) return 'unexpected shape';
  const path = first.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return fromOutside(`${path || '(root)'}: ${first.message}`, 300);
}

/**
 * A 2xx JSON body checked against `schema`; anything else becomes the failure
 * the backend's own `failureOf` reads from it. `isError` catches backends that
 * can answer 200 with an error document; `tooBig` refuses one before the
 * schema spends time on it.
 */
export function decodeJson<T>(
  res: HttpResponse,
  schema: z.ZodType<T>,
  failureOf: (res: HttpResponse) => Failure,
  isError?: (json: unknown) => boolean,
  tooBig?: (json: unknown) => Failure | undefined,
): Result<T> {
  if (res.status < 200 || res.status >= 300) return { ok: false, failure: failureOf(res) };
  const json = parseJson(res.body);
  if (!json.ok) return { ok: false, failure: { kind: 'bad payload', message: `not JSON: ${bodySnippet(res.body, 80)}` } };
  if (isError?.(json.value)) return { ok: false, failure: failureOf(res) };
  const big = tooBig?.(json.value);
  if (big) return { ok: false, failure: big };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, failure: { kind: 'bad payload', message: zodReason(parsed.error.issues) } };
  return { ok: true, value: parsed.data };
}
