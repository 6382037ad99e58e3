// A backend that misbehaves on purpose: one real node:http server on
// 127.0.0.1 that answers Prometheus, Loki and Sentry paths alike (told apart
// by path) in one hostile mode, each in that backend's wire format.
//
//   const h = await hostileServer('slow-body', { after: 3 });
//   ... point a source at h.url ...; h.seen[i].state; await h.close();

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Seen } from './fixture-server.js';
import {
  bigValid,
  ESCAPES,
  errorReply,
  escapes,
  healthy,
  hugeBody,
  type OddCase,
  oddValues,
  rateLimited,
  type WireReply,
  type WireReq,
} from './hostile-wire.js';

export { BIG_VALID, ESCAPES, ODD_CASES, type OddCase } from './hostile-wire.js';

export type HostileMode =
  /** 200, then a valid-looking answer that never ends. */
  | 'endless'
  /** A valid answer of `mb` MB (default 64): many series, log lines, buckets or issues, streamed. */
  | 'huge'
  /** Every Prometheus/Loki metric query answered validly just under 16 MB (BIG_VALID); the rest healthy. */
  | 'big-valid'
  /** Headers at once, then the healthy answer one byte every `intervalMs` (default 1000). */
  | 'slow-body'
  /** `content-encoding: gzip` whatever was asked: ~1 KB per MiB, inflating to `mb` MiB (default 1024) of JSON whitespace before a valid answer. */
  | 'gzip-bomb'
  /** `status` (default 401) whose error text repeats the request's Authorization header, query string and form. */
  | 'echo-secrets'
  /** ESCAPES in label values, log lines, alert texts, issue titles; with `status` >= 400, in the error text. */
  | 'escapes'
  /** -Inf, a negative value, NaN, samples of 1970 and 2126 (`odd` for one of them only). */
  | 'odd-values'
  /** 429 with `Retry-After: <retryAfter>` (default 999999; an HTTP date works too). */
  | 'retry-after'
  /** Reads the request, never answers. */
  | 'hang';

export interface HostileOptions {
  /** Answer the first `after` requests healthily, then misbehave (a backend that turns bad after minutes). */
  after?: number;
  mb?: number;
  intervalMs?: number;
  status?: number;
  retryAfter?: string;
  odd?: OddCase;
}

export interface HostileSeen extends Seen {
  /** 'cut': the connection closed before the answer ended (the client hung up, or close()). */
  state: 'open' | 'done' | 'cut';
}

export interface HostileServer {
  url: string;
  seen: HostileSeen[];
  close(): Promise<void>;
}

export async function hostileServer(mode: HostileMode, opts: HostileOptions = {}): Promise<HostileServer> {
  const seen: HostileSeen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c.slice(0, 65_536)));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const form = new URLSearchParams(req.headers['content-type']?.includes('form') ? raw : '');
      const s: HostileSeen = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, form, headers: req.headers, state: 'open' };
      seen.push(s);
      res.on('close', () => (s.state = res.writableFinished ? 'done' : 'cut'));
      const params = new URLSearchParams([...u.searchParams, ...form]);
      const wreq: WireReq = { method: s.method, path: u.pathname, params };
      if (seen.length <= (opts.after ?? 0)) return send(res, healthy(wreq));
      misbehave(mode, opts, wreq, s, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function misbehave(mode: HostileMode, opts: HostileOptions, req: WireReq, s: Seen, res: ServerResponse): void {
  switch (mode) {
    case 'endless':
    case 'huge':
      res.writeHead(200, { 'content-type': 'application/json' });
      void stream(res, hugeBody(req, mode === 'endless' ? Infinity : (opts.mb ?? 64) * 1e6));
      return;
    case 'big-valid': {
      const pieces = bigValid(req);
      if (!pieces) return send(res, healthy(req));
      res.writeHead(200, { 'content-type': 'application/json' });
      void stream(res, pieces);
      return;
    }
    case 'slow-body': {
      const r = healthy(req);
      res.writeHead(r.status, r.headers);
      res.flushHeaders();
      let i = 0;
      const timer = setInterval(() => {
        if (i < r.body.length) res.write(r.body[i++]);
        else {
          clearInterval(timer);
          res.end();
        }
      }, opts.intervalMs ?? 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'gzip-bomb': {
      const r = healthy(req);
      res.writeHead(200, { ...r.headers, 'content-encoding': 'gzip' });
      void stream(
        res,
        (function* () {
          for (let i = 0; i < (opts.mb ?? 1024); i++) yield gzippedSpaces();
          yield gzipSync(r.body);
        })(),
      );
      return;
    }
    case 'echo-secrets': {
      const q = [req.params.toString(), s.form.toString()].filter(Boolean).join(' ');
      const text = `invalid credentials: Authorization: ${s.headers.authorization ?? '(none)'}; query: ${q}`;
      return send(res, errorReply(req, opts.status ?? 401, text));
    }
    case 'escapes':
      return send(res, (opts.status ?? 200) >= 400 ? errorReply(req, opts.status!, `query failed: ${ESCAPES}`) : escapes(req));
    case 'odd-values':
      return send(res, oddValues(req, opts.odd));
    case 'retry-after':
      return send(res, rateLimited(req, opts.retryAfter ?? '999999'));
    case 'hang':
      return;
  }
}

let spaces: Buffer | undefined;
/** Concatenated gzip members are one valid gzip stream: one member of 1 MiB of spaces (~1 KB), repeated, costs nothing to make. */
function gzippedSpaces(): Buffer {
  spaces ??= gzipSync(Buffer.alloc(1 << 20, 0x20), { level: 9 });
  return spaces;
}

function send(res: ServerResponse, r: WireReply): void {
  res.writeHead(r.status, r.headers);
  res.end(r.body);
}

/** Writes as fast as the client reads, and stops when it hangs up. */
async function stream(res: ServerResponse, pieces: Iterable<string | Buffer>): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    if (!res.write(piece)) {
      await new Promise<void>((r) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          r();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
