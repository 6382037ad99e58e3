// The demo's Alertmanager (API v2, as 0.25 answers it; the shapes are those of
// test/fixtures/alertmanager). Its one alert is the story's DocuSeal spike, so
// the Alertmanager panel fires and resolves with the Loki alert of
// examples/demo.yaml; silences live in memory while the simulator runs.
import { randomUUID } from 'node:crypto';
import { formatMatcher, type Matcher, type MatchOp, matches, parseMatcher } from '../sources/alertmanager/dialect.js';
import type { DemoClock } from './clock.js';
import { STORY_LENGTH_S } from './story.js';

export interface AmReply {
  status: number;
  body: string;
  /** A content-type of '' means none is sent, as for an expired silence. */
  headers?: Record<string, string>;
}

interface StoredSilence {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
}

/** The alert the DocuSeal spike fires: the demo config's `docuseal-errors`, as its Loki ruler would send it. */
export const DOCUSEAL_ALERT = {
  labels: { alertname: 'docuseal-errors', app: 'practice-hub', service: 'docuseal', severity: 'P2' },
  annotations: {
    summary: 'DocuSeal API failure',
    description: 'More than 10 "DocuSeal API call failed" log lines in 5m',
    runbook_url: 'https://runbooks.example.com/practice-hub/docuseal',
  },
  expr: 'sum(count_over_time({app="practice-hub"} |= "DocuSeal API call failed" [5m])) > 10',
};
const RECEIVER = 'practice-hub-oncall';
// From minute 10 to minute 20 of each telling of the story (story.ts).
const INCIDENT_FROM_S = 10 * 60;
const INCIDENT_TO_S = 20 * 60;
// Prometheus-style rulers send endsAt four resend intervals ahead, renewing it while the alert fires.
const ENDS_AHEAD_MS = 4 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Story second the DocuSeal alert started firing, or null when it is not firing at story second `t`. */
export function docusealFiringSince(t: number): number | null {
  if (t < 0) return null;
  const start = Math.floor(t / STORY_LENGTH_S) * STORY_LENGTH_S;
  const s = t - start;
  return s >= INCIDENT_FROM_S && s < INCIDENT_TO_S ? start + INCIDENT_FROM_S : null;
}

export class DemoAlertmanager {
  private readonly silences = new Map<string, StoredSilence>();
  private readonly startedAt: number;

  constructor(
    private readonly clock: DemoClock,
    /** Where the alert's rule can be looked at (the demo's Loki). */
    private readonly generatorBase: () => string,
  ) {
    this.startedAt = clock.now();
  }

  handle(method: string, url: URL, raw: string): AmReply {
    const p = url.pathname;
    if (p === '/-/ready' || p === '/-/healthy') return { status: 200, body: 'OK', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    if (p === '/api/v2/alerts' && method === 'GET') return this.alerts(url);
    if (p === '/api/v2/silences' && method === 'GET') return json(200, this.sortedSilences());
    if (p === '/api/v2/silences' && method === 'POST') return this.create(raw);
    if (p === '/api/v2/status' && method === 'GET') return json(200, this.status());
    const one = /^\/api\/v2\/silence\/([^/]*)$/.exec(p);
    if (one && (method === 'GET' || method === 'DELETE')) {
      const id = decodeURIComponent(one[1]);
      if (!UUID.test(id)) return swagger(422, 601, `silenceID in path must be of type uuid: ${goQuote(id)}`);
      const s = this.silences.get(id.toLowerCase());
      // 0.25 answers an unknown silence with a bare 404.
      if (method === 'GET') return s ? json(200, this.silenceBody(s)) : { status: 404, body: '' };
      if (!s) return json(500, 'silence not found');
      this.expire(s);
      return { status: 200, body: '', headers: { 'content-type': '' } };
    }
    return swagger(404, 404, `path ${p} was not found`);
  }

  private alerts(url: URL): AmReply {
    const flags: Record<string, boolean> = {};
    for (const name of ['active', 'silenced', 'inhibited', 'unprocessed']) {
      const v = url.searchParams.get(name);
      if (v !== null && v !== 'true' && v !== 'false') return swagger(422, 601, `${name} in query must be of type boolean: ${goQuote(v)}`);
      flags[name] = v !== 'false';
    }
    const filter: Matcher[] = [];
    for (const text of url.searchParams.getAll('filter')) {
      const m = parseMatcher(text);
      if (!m.ok) return json(400, /regular expression/.test(m.reason) ? `error parsing regexp: ${m.reason}` : `bad matcher format: ${text}`);
      filter.push(m.value);
    }
    const now = this.clock.now();
    const out = [];
    for (const a of this.firing(now)) {
      if (!filter.every((m) => matches(m, a.labels))) continue;
      const silencedBy = this.activeSilences(now)
        .filter((s) => s.matchers.every((m) => matches(asMatcher(m), a.labels)))
        .map((s) => s.id);
      if (silencedBy.length ? !flags.silenced : !flags.active) continue;
      out.push({
        annotations: sorted(a.annotations),
        endsAt: iso(now + ENDS_AHEAD_MS),
        fingerprint: fingerprint(a.labels),
        receivers: [{ name: RECEIVER }],
        startsAt: iso(a.startsAt),
        status: { inhibitedBy: [], silencedBy, state: silencedBy.length ? 'suppressed' : 'active' },
        updatedAt: iso(now),
        generatorURL: a.generatorURL,
        labels: sorted(a.labels),
      });
    }
    return json(200, out);
  }

  /** The alerts the story is firing at simulated epoch `now`. */
  private firing(now: number) {
    const since = docusealFiringSince(this.clock.storyAt(now));
    if (since === null) return [];
    const generatorURL = `${this.generatorBase()}/graph?g0.expr=${encodeURIComponent(DOCUSEAL_ALERT.expr)}&g0.tab=1`;
    return [{ labels: DOCUSEAL_ALERT.labels, annotations: DOCUSEAL_ALERT.annotations, startsAt: this.clock.deployAt + since * 1000, generatorURL }];
  }

  private activeSilences(now: number): StoredSilence[] {
    return [...this.silences.values()].filter((s) => state(s, now) === 'active');
  }

  /** 0.25's order: active ending soonest, then pending starting soonest, then expired ending latest. */
  private sortedSilences() {
    const now = this.clock.now();
    const rank = { active: 0, pending: 1, expired: 2 } as const;
    const key = (s: StoredSilence) => (state(s, now) === 'active' ? s.endsAt : state(s, now) === 'pending' ? s.startsAt : -s.endsAt);
    return [...this.silences.values()].sort((a, b) => rank[state(a, now)] - rank[state(b, now)] || key(a) - key(b)).map((s) => this.silenceBody(s));
  }

  private silenceBody(s: StoredSilence) {
    return {
      id: s.id,
      status: { state: state(s, this.clock.now()) },
      updatedAt: iso(s.updatedAt),
      comment: s.comment,
      createdBy: s.createdBy,
      endsAt: iso(s.endsAt),
      matchers: s.matchers.map((m) => ({ isEqual: m.isEqual, isRegex: m.isRegex, name: m.name, value: m.value })),
      startsAt: iso(s.startsAt),
    };
  }

  private create(raw: string): AmReply {
    const parsed = readSilence(raw);
    if (!parsed.ok) return parsed.reply;
    const sil = parsed.value;
    const now = this.clock.now();
    if (sil.startsAt >= sil.endsAt) return json(400, 'Failed to create silence: start time must be before end time');
    if (sil.endsAt < now) return json(400, "Failed to create silence: end time can't be in the past");
    for (const [i, m] of sil.matchers.entries()) {
      const checked = parseMatcher(formatMatcher(asMatcher(m)));
      if (!checked.ok) return json(400, `silence invalid: invalid label matcher ${i}: ${checked.reason}`);
    }
    if (sil.matchers.every((m) => matches(asMatcher(m), {}))) return json(400, 'silence invalid: at least one matcher must not match the empty string');
    if (sil.id !== undefined) {
      // Replacing a silence expires the old one and makes a new one, as 0.25 does when the matchers change.
      const prev = this.silences.get(sil.id);
      if (!prev) return json(404, 'not found');
      this.expire(prev);
    }
    const id = randomUUID();
    this.silences.set(id, { ...sil, id, startsAt: Math.max(sil.startsAt, now), updatedAt: now });
    return json(200, { silenceID: id });
  }

  private expire(s: StoredSilence): void {
    const now = this.clock.now();
    const st = state(s, now);
    if (st === 'expired') return;
    if (st === 'pending') s.startsAt = now;
    s.endsAt = now;
    s.updatedAt = now;
  }

  private status() {
    return {
      cluster: { peers: [], status: 'disabled' },
      config: { original: CONFIG },
      uptime: iso(this.startedAt),
      versionInfo: {
        branch: 'HEAD',
        buildDate: '20230409-09:50:43',
        buildUser: 'oncall@demo',
        goVersion: 'go1.19.8',
        revision: 'oncall-demo',
        version: '0.25.0',
      },
    };
  }
}

const CONFIG = `global:
  resolve_timeout: 5m
route:
  receiver: ${RECEIVER}
  group_by:
  - alertname
  continue: false
receivers:
- name: ${RECEIVER}
templates: []
`;

type Body = Omit<StoredSilence, 'id' | 'updatedAt'> & { id?: string };

/** A postable silence read the way go-swagger reads it: parse errors 400, missing fields 422 in 0.25's words. */
function readSilence(raw: string): { ok: true; value: Body } | { ok: false; reply: AmReply } {
  const fail = (reply: AmReply) => ({ ok: false as const, reply });
  const parseFail = (why: string) => fail(swagger(400, 400, `parsing silence body from "" failed, because ${why}`));
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return parseFail((e as Error).message);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return parseFail('json: cannot unmarshal into Go value of type models.PostableSilence');
  const o = v as Record<string, unknown>;
  for (const k of ['comment', 'createdBy', 'endsAt', 'startsAt', 'id'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string')
      return parseFail(`json: cannot unmarshal ${typeof o[k]} into Go struct field PostableSilence.${k} of type string`);
  }
  const required = (k: string) => fail(swagger(422, 602, `${k} in body is required`));
  if (!o.comment) return required('comment');
  if (!o.createdBy) return required('createdBy');
  if (o.endsAt === undefined) return required('endsAt');
  if (!Array.isArray(o.matchers))
    return o.matchers === undefined ? required('matchers') : parseFail('json: cannot unmarshal into Go struct field PostableSilence.matchers');
  if (o.matchers.length === 0) return fail(swagger(422, 612, 'matchers in body should have at least 1 items'));
  if (o.startsAt === undefined) return required('startsAt');
  const matchers: Body['matchers'] = [];
  for (const [i, m] of (o.matchers as unknown[]).entries()) {
    const r = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>;
    for (const k of ['isRegex', 'name', 'value']) if (r[k] === undefined) return required(`matchers.${i}.${k}`);
    if (
      typeof r.name !== 'string' ||
      typeof r.value !== 'string' ||
      typeof r.isRegex !== 'boolean' ||
      (r.isEqual !== undefined && typeof r.isEqual !== 'boolean')
    )
      return parseFail('json: cannot unmarshal into Go struct field Matcher.matchers');
    matchers.push({ name: r.name, value: r.value, isRegex: r.isRegex, isEqual: r.isEqual ?? true });
  }
  const startsAt = Date.parse(o.startsAt as string);
  const endsAt = Date.parse(o.endsAt as string);
  if (Number.isNaN(startsAt) || Number.isNaN(endsAt)) return parseFail('parsing time: not RFC 3339');
  return {
    ok: true,
    value: { matchers, startsAt, endsAt, createdBy: o.createdBy as string, comment: o.comment as string, id: o.id as string | undefined },
  };
}

function state(s: StoredSilence, now: number): 'active' | 'pending' | 'expired' {
  if (s.endsAt <= now) return 'expired';
  return s.startsAt > now ? 'pending' : 'active';
}

function asMatcher(m: StoredSilence['matchers'][number]): Matcher {
  const op: MatchOp = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return { name: m.name, op, value: m.value };
}

/** Go maps serialise with their keys sorted. */
function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The label set's fingerprint as Prometheus's model computes it: FNV-1a 64 over sorted name, 0xff, value, 0xff. */
export function fingerprint(labels: Record<string, string>): string {
  let h = 14695981039346656037n;
  const mix = (bytes: Uint8Array) => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * 1099511628211n) & 0xffffffffffffffffn;
  };
  const sep = Uint8Array.of(0xff);
  for (const name of Object.keys(labels).sort()) {
    mix(Buffer.from(name));
    mix(sep);
    mix(Buffer.from(labels[name]));
    mix(sep);
  }
  return h.toString(16).padStart(16, '0');
}

/** As Go's encoding/json writes it (HTML-safe escapes), with the newline its Encoder adds. */
function json(status: number, v: unknown): AmReply {
  const body = JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return { status, body: `${body}\n`, headers: { 'content-type': 'application/json' } };
}

/** go-swagger's own errors: {code, message}, no newline. */
function swagger(status: number, code: number, message: string): AmReply {
  return { status, body: JSON.stringify({ code, message }), headers: { 'content-type': 'application/json' } };
}

const goQuote = (s: string) => JSON.stringify(s);
