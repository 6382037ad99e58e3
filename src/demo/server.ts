// The embedded simulator: Prometheus, Loki, Sentry, Alertmanager and a DocuSeal
// health endpoint on ephemeral loopback ports, answering from the story.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { windowParts } from '../sources/prometheus/dialect.js';
import { DemoAlertmanager } from './alertmanager.js';
import { logLines, lokiValue, promValue, sentryIssues } from './answer.js';
import type { DemoClock } from './clock.js';
import { signalsAt } from './story.js';
import { lokiSuccess, promError, promSuccess, sampleString, sentryEventsStats } from './wire.js';

export type Backend = 'prometheus' | 'loki' | 'sentry' | 'alertmanager' | 'docuseal';
export type Fault =
  | { kind: 'none' }
  | { kind: 'latency'; ms: number }
  | { kind: '5xx' }
  | { kind: '429' }
  | { kind: 'malformed' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'auth' };

export interface Simulator {
  urls: Record<Backend, string>;
  clock: DemoClock;
  /** The Sentry token the simulator accepts. */
  token: string;
  fault(backend: Backend, fault: Fault): void;
  requests: Record<Backend, number>;
  close(): Promise<void>;
}

type Handler = (url: URL, body: URLSearchParams, req: IncomingMessage, raw: string) => { status: number; body: string; headers?: Record<string, string> };

/** The token the demo's Sentry accepts; a stand-in, but treated as a secret like any other. */
export const DEMO_TOKEN = 'demo-sentry-token-5f2c9a';

export async function startSimulator(clock: DemoClock, token = DEMO_TOKEN): Promise<Simulator> {
  const faults: Record<Backend, Fault> = {
    prometheus: { kind: 'none' },
    loki: { kind: 'none' },
    sentry: { kind: 'none' },
    alertmanager: { kind: 'none' },
    docuseal: { kind: 'none' },
  };
  const requests: Record<Backend, number> = { prometheus: 0, loki: 0, sentry: 0, alertmanager: 0, docuseal: 0 };
  const story = (ms: number) => clock.storyAt(ms);
  const sockets = new Set<Socket>();
  const urls = {} as Record<Backend, string>;
  const am = new DemoAlertmanager(clock, () => urls.loki);

  const handlers: Record<Backend, Handler> = {
    prometheus: (url, form) => prometheus(url, form, story, clock),
    loki: (url) => loki(url, story, clock),
    sentry: (url, _f, req) => sentry(url, req, story, clock, token),
    alertmanager: (url, _f, req, raw) => am.handle(req.method ?? 'GET', url, raw),
    docuseal: (url) => {
      if (url.pathname !== '/health') return { status: 404, body: 'Not Found' };
      const healthy = signalsAt(story(clock.now())).docusealHealthy;
      return healthy
        ? { status: 200, body: JSON.stringify({ status: 'ok' }), headers: { 'content-type': 'application/json' } }
        : { status: 503, body: 'Service Unavailable' };
    },
  };

  const servers: Partial<Record<Backend, Server>> = {};
  for (const backend of Object.keys(handlers) as Backend[]) {
    const server = createServer((req, res) => {
      requests[backend]++;
      collect(req).then((raw) => serve(backend, req, res, raw));
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers[backend] = server;
    urls[backend] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function serve(backend: Backend, req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://sim');
    const fault = faults[backend];
    if (fault.kind === 'hang') return; // never answer; closed on shutdown
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const reply = () => {
      const form = new URLSearchParams(req.headers['content-type']?.includes('form') ? raw : '');
      for (const [k, v] of url.searchParams) if (!form.has(k)) form.append(k, v);
      const out = faulted(backend, fault) ?? handlers[backend](url, form, req, raw);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...out.headers };
      // An empty content-type is none at all (Alertmanager's expire answers so).
      if (headers['content-type'] === '') delete headers['content-type'];
      res.writeHead(out.status, headers);
      res.end(out.body);
    };
    if (fault.kind === 'latency') setTimeout(reply, fault.ms);
    else reply();
  }

  return {
    urls,
    clock,
    token,
    requests,
    fault(backend, f) {
      faults[backend] = f;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(Object.values(servers).map((s) => new Promise<void>((r) => s!.close(() => r()))));
    },
  };
}

function collect(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', () => resolve(data));
  });
}

/** Each backend fails the way the real one does (bodies from the fixtures). */
function faulted(backend: Backend, f: Fault): { status: number; body: string; headers?: Record<string, string> } | null {
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  switch (f.kind) {
    case '5xx':
      if (backend === 'prometheus') return { status: 503, body: 'Service Unavailable', headers: text };
      if (backend === 'loki') return { status: 503, body: 'Ingester not ready: waiting for 15s after being ready\n', headers: text };
      if (backend === 'sentry')
        return { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', headers: { 'content-type': 'text/html' } };
      return { status: 503, body: 'Service Unavailable', headers: text };
    case '429':
      if (backend === 'loki') return { status: 429, body: 'too many outstanding requests', headers: text };
      if (backend === 'sentry') {
        return {
          status: 429,
          body: JSON.stringify({ detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' }),
          headers: { 'content-type': 'text/html; charset=utf-8', 'x-sentry-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 30) },
        };
      }
      return { status: 429, body: 'Too Many Requests', headers: { ...text, 'retry-after': '30' } };
    case 'malformed':
      return { status: 200, body: '{"status":"success","data":{"resultType":"vec', headers: { 'content-type': 'application/json' } };
    case 'auth':
      if (backend === 'sentry') return { status: 401, body: JSON.stringify({ detail: 'Invalid token' }) };
      if (backend === 'loki') return { status: 401, body: 'no org id\n', headers: text };
      return { status: 401, body: 'Unauthorized', headers: text };
    default:
      return null;
  }
}

const secondsParam = (v: string | null, fallback: number) => (v === null ? fallback : Number(v) * 1000);

function prometheus(url: URL, form: URLSearchParams, story: (ms: number) => number, clock: DemoClock) {
  const p = url.pathname;
  if (p === '/-/ready') return { status: 200, body: 'Prometheus Server is Ready.\n', headers: { 'content-type': 'text/plain; charset=utf-8' } };
  if (p === '/-/healthy') return { status: 200, body: 'Prometheus Server is Healthy.\n', headers: { 'content-type': 'text/plain; charset=utf-8' } };
  if (p === '/api/v1/status/buildinfo') {
    return {
      status: 200,
      body: JSON.stringify({
        status: 'success',
        data: { version: '3.7.3', revision: 'oncall-demo', branch: 'HEAD', buildUser: 'oncall@demo', buildDate: '20251030-07:26:10', goVersion: 'go1.25.3' },
      }),
    };
  }
  if (p === '/api/v1/alerts') return { status: 200, body: JSON.stringify({ status: 'success', data: { alerts: [] } }) };
  const query = form.get('query');
  if (p === '/api/v1/query') {
    if (!query) return { status: 400, body: promError('bad_data', 'invalid parameter "query": unknown position: parse error: no expression found in input') };
    const at = secondsParam(form.get('time'), clock.now());
    const result = windowParts(query).flatMap(({ labels, query: q }) => {
      const v = promValue(q, story(at));
      return v === null ? [] : [{ metric: labels, value: [at / 1000, sampleString(v)] }];
    });
    return { status: 200, body: promSuccess('vector', result) };
  }
  if (p === '/api/v1/query_range') {
    if (!query) return { status: 400, body: promError('bad_data', 'invalid parameter "query": unknown position: parse error: no expression found in input') };
    // Whole milliseconds, as Prometheus steps: float steps could miss the point at `end`.
    const ms = (k: string) => Math.round(Number(form.get(k)) * 1000);
    const start = ms('start');
    const end = ms('end');
    const step = ms('step');
    if (!(step > 0))
      return {
        status: 400,
        body: promError('bad_data', 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer'),
      };
    if ((end - start) / step > 11000)
      return {
        status: 400,
        body: promError('bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)'),
      };
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      const v = promValue(query, story(t));
      if (v !== null) values.push([t / 1000, sampleString(v)]);
    }
    return { status: 200, body: promSuccess('matrix', values.length ? [{ metric: {}, values }] : []) };
  }
  return { status: 404, body: '404 page not found\n', headers: { 'content-type': 'text/plain; charset=utf-8' } };
}

const nsToMs = (v: string | null, fallback: number) => {
  if (v === null) return fallback;
  return v.length > 13 ? Number(BigInt(v) / 1_000_000n) : Number(v) * 1000;
};

function loki(url: URL, story: (ms: number) => number, clock: DemoClock) {
  const p = url.pathname;
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  if (p === '/ready') return { status: 200, body: 'ready\n', headers: text };
  const query = url.searchParams.get('query') ?? '';
  const isLogQuery = !/(count_over_time|rate|bytes_over_time|sum|avg|max|min)\s*\(/.test(query);
  if (p === '/loki/api/v1/query') {
    if (isLogQuery)
      return { status: 400, body: 'log queries are not supported as an instant query type, please change your query to a range query type', headers: text };
    const at = nsToMs(url.searchParams.get('time'), clock.now());
    const v = lokiValue(query, story(at));
    return { status: 200, body: lokiSuccess('vector', v === null ? [] : [{ metric: {}, value: [at / 1000, sampleString(v)] }]) };
  }
  if (p === '/loki/api/v1/query_range') {
    const end = nsToMs(url.searchParams.get('end'), clock.now());
    const start = nsToMs(url.searchParams.get('start'), end - 3_600_000);
    if (isLogQuery) {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const lines = logLines(story(start), story(end), limit);
      const byLevel = new Map<string, Array<[string, string]>>();
      for (const l of lines) {
        const ms = clock.deployAt + l.t * 1000;
        const list = byLevel.get(l.level) ?? [];
        list.push([`${BigInt(Math.round(ms)) * 1_000_000n}`, `level=${l.level} msg="${l.line}"`]);
        byLevel.set(l.level, list);
      }
      const result = [...byLevel.entries()].map(([level, values]) => ({ stream: { app: 'practice-hub', level }, values }));
      return { status: 200, body: lokiSuccess('streams', result) };
    }
    const stepRaw = url.searchParams.get('step') ?? '60s';
    const step = /s$/.test(stepRaw) ? Number(stepRaw.slice(0, -1)) * 1000 : Number(stepRaw) * 1000;
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      const v = lokiValue(query, story(t));
      if (v !== null) values.push([t / 1000, sampleString(v)]);
    }
    return { status: 200, body: lokiSuccess('matrix', values.length ? [{ metric: {}, values }] : []) };
  }
  return { status: 404, body: '404 page not found\n', headers: text };
}

function sentry(url: URL, req: IncomingMessage, story: (ms: number) => number, clock: DemoClock, token: string) {
  if (req.headers.authorization !== `Bearer ${token}`) {
    return req.headers.authorization
      ? { status: 401, body: JSON.stringify({ detail: 'Invalid token' }) }
      : {
          status: 401,
          body: JSON.stringify({ detail: 'Authentication credentials were not provided.' }),
          headers: { 'www-authenticate': 'xBasic realm="api"' },
        };
  }
  const m = /^\/api\/0\/organizations\/([^/]+)\/(events-stats|issues)?\/?$/.exec(url.pathname);
  if (!m) return { status: 404, body: JSON.stringify({ detail: 'The requested resource does not exist' }) };
  const rate = {
    'x-sentry-rate-limit-limit': '40',
    'x-sentry-rate-limit-remaining': '39',
    'x-sentry-rate-limit-concurrentlimit': '25',
    'x-sentry-rate-limit-concurrentremaining': '24',
  };
  if (!m[2]) return { status: 200, body: JSON.stringify({ id: '1', slug: m[1], name: m[1] }), headers: rate };
  const end = Date.parse(url.searchParams.get('end') ?? '') || clock.now();
  const start = Date.parse(url.searchParams.get('start') ?? '') || end - 3_600_000;
  if (m[2] === 'events-stats') {
    const interval = Number((url.searchParams.get('interval') ?? '60s').replace(/s$/, '')) || 60;
    // The story's events are errors; the app logs no fatals and a few warnings.
    const level = /level:(\w+)/.exec(url.searchParams.get('query') ?? '')?.[1];
    const share = level === 'fatal' ? 0 : level === 'warning' ? 0.25 : 1;
    const buckets: Array<[number, number]> = [];
    for (let t = Math.floor(start / 1000 / interval) * interval; t * 1000 < end; t += interval) {
      const perMin = (x: number) => signalsAt(x).sentryErrorsPerMin;
      let sum = 0;
      for (let s = 0; s < interval; s += 60) sum += perMin(story((t + s) * 1000));
      buckets.push([t, Math.round(sum * share * Math.min(1, interval / 60))]);
    }
    return { status: 200, body: sentryEventsStats(buckets, Math.floor(start / 1000), Math.floor(end / 1000)), headers: rate };
  }
  const since = story(start);
  const issues = sentryIssues(story(end))
    .filter((i) => i.lastSeenT >= since)
    .slice(0, Number(url.searchParams.get('limit') ?? 25))
    .map((i) => issueBody(i, clock));
  return { status: 200, body: JSON.stringify(issues), headers: rate };
}

function issueBody(i: ReturnType<typeof sentryIssues>[number], clock: DemoClock) {
  const iso = (t: number) => new Date(clock.deployAt + t * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    annotations: [],
    assignedTo: null,
    count: String(i.count),
    culprit: i.culprit,
    firstSeen: iso(i.firstSeenT),
    hasSeen: false,
    id: i.id,
    isBookmarked: false,
    isPublic: false,
    isSubscribed: true,
    lastSeen: iso(i.lastSeenT),
    level: i.level,
    logger: null,
    metadata: { title: i.title },
    numComments: 0,
    permalink: `https://sentry.io/organizations/acme/issues/${i.id}/`,
    project: { id: '2', name: 'Practice Hub', slug: 'practice-hub', platform: 'node' },
    shareId: null,
    shortId: i.shortId,
    stats: { '24h': [] },
    status: 'unresolved',
    statusDetails: {},
    subscriptionDetails: null,
    title: i.title,
    type: 'error',
    userCount: 0,
  };
}
