// Alertmanager API v2: /api/v2/alerts (with the config's filter and states),
// /api/v2/silences (list, create), /api/v2/silence/{id} (expire) and
// /api/v2/status, over the source's pool. It answers no numeric query.
import type { SourceDef } from '../../config/types.js';
import { HttpClient } from '../http.js';
import type { AlertingStatus, AlertsSource, AskOptions, Health, MetricSource, NewSilence, Result, RoutedAlert, Series, Silence } from '../types.js';
import { alertsBody, createdBody, decode, failureOf, silencesBody, statusBody, toAlert, toSilence, toStatus } from './decode.js';
import { formatMatcher, parseMatcher } from './dialect.js';
import type { AlertmanagerOptions } from './kind.js';

// Alertmanager's silence ids; anything else must not reach a path.
const SILENCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AlertmanagerSource implements MetricSource, AlertsSource {
  readonly type = 'alertmanager' as const;
  readonly name: string;
  readonly http: HttpClient;
  private readonly filter: string[];

  constructor(private readonly def: SourceDef<AlertmanagerOptions>) {
    this.name = def.name;
    this.http = new HttpClient(def);
    // Checked when the config was read; written back in the one form the API and amtool print.
    this.filter = def.options.filter.flatMap((f) => {
      const m = parseMatcher(f);
      return m.ok ? [formatMatcher(m.value)] : [];
    });
  }

  instant(): Promise<Result<Series[]>> {
    return Promise.resolve(noQueries());
  }

  range(): Promise<Result<Series[]>> {
    return Promise.resolve(noQueries());
  }

  async routedAlerts(opts?: AskOptions): Promise<Result<RoutedAlert[]>> {
    const o = this.def.options;
    const res = await this.http.send({
      path: '/api/v2/alerts',
      query: { filter: this.filter, active: String(o.active), silenced: String(o.silenced), inhibited: String(o.inhibited), unprocessed: 'true' },
      signal: opts?.signal,
    });
    if (!res.ok) return res;
    const body = decode(res.value, alertsBody);
    return body.ok ? { ok: true, value: body.value.map(toAlert) } : body;
  }

  async silences(opts?: AskOptions): Promise<Result<Silence[]>> {
    const res = await this.http.send({ path: '/api/v2/silences', signal: opts?.signal });
    if (!res.ok) return res;
    const body = decode(res.value, silencesBody);
    return body.ok ? { ok: true, value: body.value.map(toSilence) } : body;
  }

  async createSilence(s: NewSilence): Promise<Result<string>> {
    // Refused here too, so that a silence nobody can explain is never sent.
    if (!s.comment.trim()) return refused('a silence needs a comment');
    if (!s.createdBy.trim()) return refused('a silence needs an author');
    if (s.matchers.length === 0) return refused('a silence needs at least one matcher');
    if (!(s.endsAt > s.startsAt)) return refused('a silence must end after it starts');
    const res = await this.http.send({
      method: 'POST',
      path: '/api/v2/silences',
      json: {
        matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual })),
        startsAt: new Date(s.startsAt).toISOString(),
        endsAt: new Date(s.endsAt).toISOString(),
        createdBy: s.createdBy,
        comment: s.comment,
      },
    });
    if (!res.ok) return res;
    const body = decode(res.value, createdBody);
    return body.ok ? { ok: true, value: body.value.silenceID } : body;
  }

  async expireSilence(id: string): Promise<Result<void>> {
    if (!SILENCE_ID.test(id)) return refused(`${JSON.stringify(id.slice(0, 60))} is not a silence id (a UUID)`);
    const res = await this.http.send({ method: 'DELETE', path: `/api/v2/silence/${id.toLowerCase()}` });
    if (!res.ok) return res;
    if (res.value.status < 200 || res.value.status >= 300) return { ok: false, failure: failureOf(res.value) };
    return { ok: true, value: undefined };
  }

  async status(opts?: AskOptions): Promise<Result<AlertingStatus>> {
    const res = await this.http.send({ path: '/api/v2/status', signal: opts?.signal });
    if (!res.ok) return res;
    const body = decode(res.value, statusBody);
    return body.ok ? { ok: true, value: toStatus(body.value) } : body;
  }

  async health(): Promise<Result<Health>> {
    const s = await this.status();
    if (!s.ok) return s;
    const v = s.value;
    const cluster = v.cluster === 'disabled' ? 'cluster disabled' : `cluster ${v.cluster}, ${v.peers} peer${v.peers === 1 ? '' : 's'}`;
    return {
      ok: true,
      value: {
        ready: v.cluster !== 'settling',
        version: v.version,
        auth: this.def.auth.kind === 'none' ? 'none' : 'ok',
        detail: `${cluster}, up since ${new Date(v.uptime).toISOString()}`,
      },
    };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function noQueries(): Result<Series[]> {
  return { ok: false, failure: { kind: 'query', message: 'Alertmanager answers no queries; name a prometheus or loki source' } };
}

function refused(message: string): Result<never> {
  return { ok: false, failure: { kind: 'query', message } };
}
