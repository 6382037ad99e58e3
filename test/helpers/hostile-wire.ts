// The bodies hostile-server.ts sends, in each backend's wire format (the
// shapes of test/fixtures, built with src/demo/wire.ts): a small healthy
// answer, a huge one produced piece by piece, each backend's error shape, and
// the escape and odd-value payloads.
import { lokiSuccess, promError, promSuccess, sampleString, sentryEventsStats } from '../../src/demo/wire.js';
import { fixture } from './paths.js';

export type Backend = 'prometheus' | 'loki' | 'sentry';

export interface WireReq {
  method: string;
  path: string;
  /** The query string and a form body together. */
  params: URLSearchParams;
}

export interface WireReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Every class of terminal control the issue names: CSI, OSC 8 and 52, CR, BEL, NUL, BS/VT/FF, C1 CSI, SGR conceal, bidi and zero-width. */
export const ESCAPES =
  '\x1b[2J\x1b]8;;https://evil.example/\x07https://grafana.example/\x1b]8;;\x07 \x1b]52;c;dG91Y2ggL3RtcC9wd25lZA==\x07' +
  'ok\rFAKE \x07bell \x00nul \b\v\f \x9b31mc1 \x1b[8mhidden\x1b[0m \u202Eexe.txt\u202C zero\u200Bwidth';

export type OddCase = 'neg-inf' | 'negative' | 'nan' | '1970' | '2126';
export const ODD_CASES: OddCase[] = ['neg-inf', 'negative', 'nan', '1970', '2126'];
const Y2126 = 4922899200;

const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };

export function backendOf(path: string): Backend {
  if (path.startsWith('/loki/') || path === '/ready') return 'loki';
  if (path.startsWith('/api/0/')) return 'sentry';
  return 'prometheus';
}

const nowS = () => Date.now() / 1000;
const num = (v: string | null, fallback: number) => (v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
/** Loki takes nanoseconds; Prometheus seconds. */
const lokiS = (v: string | null, fallback: number) => (v !== null && /^\d{16,}$/.test(v) ? Number(v.slice(0, -9)) : num(v, fallback));
const isLogQuery = (q: string | null) => (q ?? '').trim().startsWith('{');
const isRange = (path: string) => path.endsWith('/query_range');

/** The grid of a range request, at most 500 steps. */
function grid(p: URLSearchParams, loki: boolean): number[] {
  const to = (loki ? lokiS : num)(p.get('end'), nowS());
  const from = (loki ? lokiS : num)(p.get('start'), to - 300);
  const step = Math.max(1, parseFloat(p.get('step') ?? '60') || 60);
  const out: number[] = [];
  for (let t = Math.max(from, to - 499 * step); t <= to; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

function sentryOrg(path: string): 'events-stats' | 'issues' | 'org' {
  if (path.includes('/events-stats/')) return 'events-stats';
  if (path.includes('/issues/')) return 'issues';
  return 'org';
}

function issue(i: number, title: string, lastSeen = new Date().toISOString()) {
  return {
    id: String(i),
    shortId: `HOSTILE-${i}`,
    title,
    culprit: title,
    count: '3',
    lastSeen,
    firstSeen: lastSeen,
    level: 'error',
    metadata: { title },
    permalink: `https://sentry.example/issues/${i}/`,
    status: 'unresolved',
  };
}

/** A small, valid, current answer to any request the adapters send. */
export function healthy(req: WireReq): WireReply {
  return dataReply(req, { label: 'ok', line: 'GET /health 200', title: 'TypeError: x is undefined', value: 1 });
}

/** The same answers, with `ESCAPES` in every text a person reads. */
export function escapes(req: WireReq): WireReply {
  return dataReply(req, { label: ESCAPES, line: `level=error msg="${ESCAPES}"`, title: ESCAPES, value: 1 });
}

function dataReply(req: WireReq, x: { label: string; line: string; title: string; value: number }): WireReply {
  const p = req.params;
  const b = backendOf(req.path);
  const labels = { __name__: 'up', job: x.label, instance: 'host-1:9100' };
  if (b === 'prometheus') {
    if (req.path === '/-/ready' || req.path === '/-/healthy') return { status: 200, body: 'Prometheus Server is Ready.\n', headers: TEXT_TYPE };
    if (req.path.endsWith('/status/buildinfo'))
      return json(JSON.stringify({ status: 'success', data: { version: x.label === 'ok' ? '3.7.3' : x.label, revision: 'hostile', branch: 'HEAD' } }));
    if (req.path.endsWith('/alerts')) {
      const alert = {
        labels: { alertname: x.label, severity: 'critical' },
        annotations: { summary: x.title },
        state: 'firing',
        activeAt: new Date().toISOString(),
        value: '1e+00',
      };
      return json(JSON.stringify({ status: 'success', data: { alerts: x.label === 'ok' ? [] : [alert] } }));
    }
    if (isRange(req.path)) return json(promSuccess('matrix', [{ metric: labels, values: grid(p, false).map((t) => [t, sampleString(x.value)]) }]));
    return json(promSuccess('vector', [{ metric: labels, value: [num(p.get('time'), nowS()), sampleString(x.value)] }]));
  }
  if (b === 'loki') {
    if (req.path === '/ready') return { status: 200, body: 'ready\n', headers: TEXT_TYPE };
    if (isLogQuery(p.get('query'))) {
      const to = lokiS(p.get('end'), nowS());
      return json(lokiSuccess('streams', [{ stream: { app: x.label, level: 'error' }, values: [[`${Math.round(to * 1000)}000000`, x.line]] }]));
    }
    if (isRange(req.path)) return json(lokiSuccess('matrix', [{ metric: { app: x.label }, values: grid(p, true).map((t) => [t, sampleString(x.value)]) }]));
    return json(lokiSuccess('vector', [{ metric: { app: x.label }, value: [lokiS(p.get('time'), nowS()), sampleString(x.value)] }]));
  }
  switch (sentryOrg(req.path)) {
    case 'events-stats': {
      const end = Date.parse(p.get('end') ?? '') / 1000 || Math.floor(nowS());
      const start = Date.parse(p.get('start') ?? '') / 1000 || end - 300;
      const step = Math.max(60, parseInt(p.get('interval') ?? '60', 10) || 60);
      const buckets: Array<[number, number]> = [];
      for (let t = Math.floor(start / step) * step; t < end && buckets.length < 500; t += step) buckets.push([t, x.value]);
      return json(sentryEventsStats(buckets, Math.floor(start), Math.floor(end)));
    }
    case 'issues':
      return json(JSON.stringify([issue(1, x.title)]));
    default:
      return json(
        JSON.stringify({
          id: '1',
          slug: 'acme',
          name: x.label === 'ok' ? 'Acme' : x.label,
          dateCreated: '2018-11-06T21:19:55Z',
          status: { id: 'active', name: 'active' },
        }),
      );
  }
}

/** `text` as the backend words an error: Prometheus's error JSON, Loki's plain text, Sentry's `detail`. */
export function errorReply(req: WireReq, status: number, text: string): WireReply {
  const b = backendOf(req.path);
  if (b === 'prometheus' && req.path.startsWith('/api/')) {
    const errorType = status === 422 ? 'execution' : status === 503 ? 'timeout' : status >= 500 ? 'internal' : 'bad_data';
    return json(promError(errorType, text), status);
  }
  if (b === 'sentry') return json(JSON.stringify({ detail: text }), status);
  return { status, body: text, headers: TEXT_TYPE };
}

/** What each backend says with a 429. */
export function rateLimited(req: WireReq, retryAfter: string): WireReply {
  const b = backendOf(req.path);
  const text = b === 'loki' ? fixture('loki/error_429_too_many_outstanding_requests.txt') : 'Too Many Requests';
  const r = b === 'sentry' ? json(fixture('sentry/error_429.json'), 429) : { status: 429, body: text, headers: TEXT_TYPE };
  return { ...r, headers: { ...r.headers, 'retry-after': retryAfter } };
}

/** One series (or bucket, or log line) per odd case: -Inf, a negative value, NaN, a sample of 1970, one of 2126. */
export function oddValues(req: WireReq, only?: OddCase): WireReply {
  const cases = only ? [only] : ODD_CASES;
  const p = req.params;
  const b = backendOf(req.path);
  const point = (c: OddCase, t: number): [number, string] => {
    if (c === '1970') return [0, '1'];
    if (c === '2126') return [Y2126, '1'];
    return [t, c === 'neg-inf' ? '-Inf' : c === 'nan' ? 'NaN' : '-0.25'];
  };
  if (b === 'sentry') {
    if (sentryOrg(req.path) !== 'events-stats') return healthy(req);
    const t = Math.floor(nowS() / 60) * 60;
    const buckets = cases.map((c): [number, number] => (c === '1970' ? [0, 1] : c === '2126' ? [Y2126, 1] : [t, -3]));
    return json(sentryEventsStats(buckets, t - 300, t));
  }
  const loki = b === 'loki';
  if (!req.path.includes('/query')) return healthy(req);
  if (loki && isLogQuery(p.get('query'))) {
    const stamp = (c: OddCase) => (c === '1970' ? '1000000000' : c === '2126' ? `${Y2126}000000000` : `${Math.floor(nowS())}000000000`);
    const values = cases.map((c) => [stamp(c), `odd ${c}`]);
    return json(lokiSuccess('streams', [{ stream: { app: 'odd' }, values }]));
  }
  const wrap = loki ? lokiSuccess : promSuccess;
  if (isRange(req.path)) {
    const ts = grid(p, loki);
    return json(
      wrap(
        'matrix',
        cases.map((c) => ({ metric: { odd: c }, values: c === '1970' || c === '2126' ? [point(c, 0)] : ts.map((t) => point(c, t)) })),
      ),
    );
  }
  const at = (loki ? lokiS : num)(p.get('time'), nowS());
  return json(
    wrap(
      'vector',
      cases.map((c) => ({ metric: { odd: c }, value: point(c, at) })),
    ),
  );
}

/**
 * A valid answer of about `bytes` (Infinity: never ending), as pieces of
 * ~64 KB made on demand: many series, log lines, buckets or issues.
 */
export function* hugeBody(req: WireReq, bytes: number): Generator<string> {
  const [head, item, tail] = hugeParts(req);
  let piece = head;
  let sent = 0;
  for (let i = 0; sent < bytes; i++) {
    piece += (i ? ',' : '') + item(i);
    if (piece.length >= 65_536) {
      sent += piece.length;
      yield piece;
      piece = '';
    }
  }
  yield piece + tail;
}

function hugeParts(req: WireReq): [string, (i: number) => string, string] {
  const b = backendOf(req.path);
  const t = Math.round(nowS());
  const metric = (i: number) => `{"__name__":"up","job":"node","instance":"host-${i}:9100"}`;
  if (b === 'sentry') {
    if (sentryOrg(req.path) === 'issues') return ['[', (i) => JSON.stringify(issue(i, `Error ${i}`)), ']'];
    return ['{"data":[', (i) => `[${t - i * 60},[{"count":1}]]`, ']}'];
  }
  if (b === 'loki' && isLogQuery(req.params.get('query'))) {
    return [
      '{"status":"success","data":{"resultType":"streams","result":[',
      (i) => `{"stream":{"app":"x","pod":"p-${i}"},"values":[["${t}000000000","line ${i} GET /api 200"]]}`,
      ']}}',
    ];
  }
  if (isRange(req.path))
    return ['{"status":"success","data":{"resultType":"matrix","result":[', (i) => `{"metric":${metric(i)},"values":[[${t - 60},"1"],[${t},"1"]]}`, ']}}'];
  return ['{"status":"success","data":{"resultType":"vector","result":[', (i) => `{"metric":${metric(i)},"value":[${t},"1"]}`, ']}}'];
}

/** The attacker's shapes: 3,500 series of 150 points (~15 MB) a range, 9,999 series (~14.6 MB) an instant query. */
export const BIG_VALID = { rangeSeries: 3_500, rangePoints: 150, rangeBytes: 15e6, instantSeries: 9_999, instantBytes: 14.6e6 };

/**
 * A valid metric answer just under the default 16 MB body limit, every
 * sample stamped inside what was asked, as ~64 KB pieces; null for any
 * other request (health, logs, Sentry), which gets the healthy answer.
 */
export function bigValid(req: WireReq): Generator<string> | null {
  const b = backendOf(req.path);
  const p = req.params;
  if (b === 'sentry' || !req.path.includes('/query') || (b === 'loki' && isLogQuery(p.get('query')))) return null;
  const loki = b === 'loki';
  const sec = loki ? lokiS : num;
  const head = `{"status":"success","data":{"resultType":"${isRange(req.path) ? 'matrix' : 'vector'}","result":[`;
  const tail = loki ? `],"stats":${JSON.stringify({ summary: { execTime: 0.01 } })}}}` : ']}}';
  if (isRange(req.path)) {
    const end = sec(p.get('end'), nowS());
    const start = sec(p.get('start'), end - 300);
    const n = BIG_VALID.rangePoints;
    const times = Array.from({ length: n }, (_, k) => (start + ((end - start) * k) / (n - 1)).toFixed(3));
    const item = (i: number) => `"values":[${times.map((t, k) => `[${t},"${((i * 7 + k) % 1000) / 1000}"]`).join(',')}]}`;
    return padded(head, tail, BIG_VALID.rangeSeries, BIG_VALID.rangeBytes, item);
  }
  const at = sec(p.get('time'), nowS()).toFixed(3);
  return padded(head, tail, BIG_VALID.instantSeries, BIG_VALID.instantBytes, (i) => `"value":[${at},"${(i % 1000) / 1000}"]}`);
}

/** `count` series of `{"metric":{…},<rest>`, a label padded so the whole is about `bytes`. */
function* padded(head: string, tail: string, count: number, bytes: number, rest: (i: number) => string): Generator<string> {
  const bare = (i: number, pad: string) =>
    `{"metric":{"__name__":"http_request_duration_seconds","job":"api","pod":"api-${i}","container_id":"${pad}"},${rest(i)}`;
  const pad = 'c'.repeat(Math.max(0, Math.floor(bytes / count) - bare(0, '').length - 1));
  let piece = head;
  for (let i = 0; i < count; i++) {
    piece += (i ? ',' : '') + bare(i, pad);
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield piece + tail;
}

function json(body: string, status = 200): WireReply {
  return { status, body, headers: JSON_TYPE };
}
