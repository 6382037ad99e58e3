// Prometheus, Loki and Sentry on one local server, each answering in its own
// wire format (the captured fixtures, with HOSTILE put into the strings), and
// a config that shows every one of those strings somewhere.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE, PAYLOADS } from './escape-payloads.js';
import { type FixtureServer, fixtureServer, type Reply, type Seen } from './fixture-server.js';
import { fixture } from './paths.js';

const json = (status: number, body: unknown): Reply => ({ status, body: JSON.stringify(body) });
const text = (status: number, body: string): Reply => ({ status, body, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** A label name as hostile as its value. */
export const HOSTILE_KEY = `k${PAYLOADS.osc52}`;
const hostileLabels = (name: string) => ({ __name__: name, job: HOSTILE, instance: 'localhost:9090', [HOSTILE_KEY]: PAYLOADS.bidi });

// Prometheus: `hostile_up` is one series with hostile labels and warnings; `hostile_error` is rejected as bad_data.
function prometheus(req: Seen): Reply {
  if (req.path === '/-/ready') return text(200, `Prometheus Server is Ready.${HOSTILE}\n`);
  if (req.path === '/api/v1/status/buildinfo') {
    const info = JSON.parse(fixture('prometheus/status_buildinfo.json'));
    info.data.version = `3.7.3${PAYLOADS.osc8}`;
    return json(200, info);
  }
  const q = req.form.get('query') ?? '';
  if (q.includes('hostile_error')) return json(400, { status: 'error', errorType: 'bad_data', error: HOSTILE });
  const hit = q.includes('hostile_up');
  if (req.path === '/api/v1/query') {
    const body = JSON.parse(fixture('prometheus/query_vector.json'));
    body.data.result = hit ? [{ metric: hostileLabels('up'), value: [Number(req.form.get('time')), '1'] }] : [];
    return json(200, { ...body, warnings: [HOSTILE], infos: [HOSTILE] });
  }
  const end = Number(req.form.get('end'));
  const result = hit ? [{ metric: hostileLabels('up'), values: [[end, '1']] }] : [];
  return json(200, { status: 'success', data: { resultType: 'matrix', result }, warnings: [HOSTILE] });
}

// Loki: `hostile_error` gets Loki's plain-text 400; `{app="hostile"}` gets log lines and stream labels full of payload.
function loki(req: Seen): Reply {
  if (req.path === '/ready') return text(200, `ready${HOSTILE}\n`);
  const q = req.query.get('query') ?? '';
  if (q.includes('hostile_error')) return text(400, `parse error at line 1, col 11: ${HOSTILE}`);
  const end = req.query.get('end') ?? req.query.get('time') ?? '0';
  const base = JSON.parse(fixture('loki/query_range_streams_captured_loki_3.5.0.json'));
  if (req.path === '/loki/api/v1/query_range' && !q.startsWith('sum')) {
    const stream = { app: 'hostile', detected_level: 'error', job: HOSTILE, [HOSTILE_KEY]: PAYLOADS.cr };
    const ns = (back: bigint) => String(BigInt(end) - back);
    base.data.result = [
      {
        stream,
        values: [
          [ns(1000n), HOSTILE],
          [ns(2000n), `level=error msg="${HOSTILE}"`],
        ],
      },
    ];
    base.warnings = [HOSTILE];
    return json(200, base);
  }
  return json(200, { status: 'success', data: { resultType: req.path.endsWith('query_range') ? 'matrix' : 'vector', result: [] }, warnings: [HOSTILE] });
}

// Sentry: issue fields full of payload; `hostile_error` searches and the organization refused with a hostile `detail`.
function sentry(req: Seen): Reply {
  if (req.path === '/api/0/organizations/acme/') return json(403, { detail: HOSTILE });
  if (req.path === '/api/0/organizations/acme/issues/') {
    const issues = JSON.parse(fixture('sentry/org_issues_list.json'));
    Object.assign(issues[0], {
      title: HOSTILE,
      shortId: `PUMP-1${PAYLOADS.sgrConceal}`,
      level: `error${PAYLOADS.bel}`,
      permalink: PAYLOADS.osc8,
      lastSeen: new Date().toISOString(),
    });
    return json(200, issues.slice(0, 1));
  }
  if ((req.query.get('query') ?? '').includes('hostile_error')) return json(400, { detail: HOSTILE });
  const stats = JSON.parse(fixture('sentry/events_stats_CONSTRUCTED.json'));
  const end = Math.floor(Date.parse(req.query.get('end') ?? '') / 1000);
  stats.data = stats.data.map(([, counts]: [number, unknown], i: number, all: unknown[]) => [end - (all.length - 1 - i) * 60, counts]);
  return json(200, stats);
}

export function escapeBackend(): Promise<FixtureServer> {
  return fixtureServer((req) =>
    req.path.startsWith('/api/0/') ? sentry(req) : req.path.startsWith('/loki/') || req.path === '/ready' ? loki(req) : prometheus(req),
  );
}

/**
 * A config in `dir` that reads every hostile string: SLO labels and a rejected
 * SLO, an alert with hostile series, Loki and Sentry rejections, the log and
 * Sentry panels, and a playbook whose probes and command see them too.
 */
export function escapeConfig(url: string, dir: string): string {
  const payloadFile = join(dir, 'payload.txt');
  writeFileSync(payloadFile, `${HOSTILE}\nsecond line\t${PAYLOADS.osc8}\n`);
  const file = join(dir, 'oncall.yaml');
  writeFileSync(
    file,
    `version: 1
service: hostile
refresh: 1h
timeout: 3s
sources:
  prometheus: { url: "${url}" }
  loki: { url: "${url}" }
  sentry: { url: "${url}", org: acme, token: tok-hostile-backend }
severities:
  P1: { title: Critical, respond: 15m }
slos:
  - { id: S1, name: labelled, source: prometheus, query: hostile_up, unit: count, objective: ">= 1" }
  - { id: S2, name: rejected, source: prometheus, query: hostile_error, unit: count, objective: ">= 1" }
alerts:
  - { id: A1, name: labelled alert, source: prometheus, query: hostile_up, condition: "> 0", severity: P1 }
  - { id: A2, name: loki rejects, source: loki, query: 'sum(count_over_time({app="hostile_error"}[$window]))', condition: "> 0 in 5m" }
  - { id: A3, name: sentry rejects, source: sentry, query: hostile_error, condition: "> 0 in 5m" }
logs: { source: loki, query: '{app="hostile"}', limit: 20 }
incidents: { dir: "${join(dir, 'incidents')}" }
playbooks:
  - id: hostile
    title: Hostile backend
    severity: P1
    steps:
      - { title: Rejected SLO, slo: S2 }
      - { title: Labelled alert, alert: A1 }
      - { title: Loki probe, probe: { source: loki, query: 'sum(count_over_time({app="hostile_error"}[5m]))', expect: ">= 0" } }
      - { title: Sentry probe, probe: { source: sentry, query: hostile_error, expect: ">= 0" } }
      - { title: Print the payload, run: "cat '${payloadFile}'" }
`,
  );
  return file;
}
