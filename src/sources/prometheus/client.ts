// Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics): /api/v1/query,
// /api/v1/query_range (POST, form-encoded, so long queries fit), /-/ready,
// /api/v1/status/buildinfo, /api/v1/alerts.
import type { SourceDef } from '../../config/types.js';
import { decodeMetric } from '../decode.js';
import { bodySnippet, HttpClient } from '../http.js';
import type { AskOptions, Health, MetricSource, Result, RuleStateSource, RuleStates, Series } from '../types.js';
import { alertingRules, alertsBody, buildinfoBody, decode, failureOf, parseQuery, ruleSeries, rulesBody } from './decode.js';

export interface PromAlert {
  name: string;
  state: 'inactive' | 'pending' | 'firing';
  labels: Record<string, string>;
  activeAt?: string;
  value: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export class PrometheusSource implements MetricSource, RuleStateSource {
  readonly type = 'prometheus' as const;
  readonly name: string;
  readonly http: HttpClient;

  constructor(def: SourceDef) {
    this.name = def.name;
    this.http = new HttpClient(def);
  }

  async instant(query: string, atMs: number, _windowMs?: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({ method: 'POST', path: '/api/v1/query', form: { query, time: seconds(atMs) }, signal: opts?.signal });
    return res.ok ? decodeMetric('prometheus', res.value, parseQuery) : res;
  }

  async range(query: string, startMs: number, endMs: number, stepMs: number, opts?: AskOptions): Promise<Result<Series[]>> {
    const res = await this.http.send({
      method: 'POST',
      path: '/api/v1/query_range',
      form: { query, start: seconds(startMs), end: seconds(endMs), step: seconds(stepMs) },
      signal: opts?.signal,
    });
    return res.ok ? decodeMetric('prometheus', res.value, parseQuery) : res;
  }

  async alerts(): Promise<Result<PromAlert[]>> {
    const res = await this.http.send({ path: '/api/v1/alerts' });
    if (!res.ok) return res;
    const body = decode(res.value, alertsBody);
    if (!body.ok) return body;
    return {
      ok: true,
      value: body.value.data.alerts.map((a) => ({
        name: a.labels.alertname ?? '',
        state: a.state,
        labels: a.labels,
        activeAt: a.activeAt,
        value: Number(a.value),
      })),
    };
  }

  /**
   * The server's own verdicts: its alerting rules (health, last error, how
   * they are written) and every series pending or firing. Two requests
   * together, however many `rule:` alerts read them.
   */
  async ruleStates(opts?: AskOptions): Promise<Result<RuleStates>> {
    const [rules, alerts] = await Promise.all([
      this.http.send({ path: '/api/v1/rules', query: { type: 'alert' }, signal: opts?.signal }),
      this.http.send({ path: '/api/v1/alerts', signal: opts?.signal }),
    ]);
    if (!rules.ok) return rules;
    if (!alerts.ok) return alerts;
    const r = decode(rules.value, rulesBody);
    if (!r.ok) return r;
    const a = decode(alerts.value, alertsBody);
    if (!a.ok) return a;
    return { ok: true, value: { rules: alertingRules(r.value), alerts: a.value.data.alerts.map(ruleSeries) } };
  }

  async health(): Promise<Result<Health>> {
    const ready = await this.http.send({ path: '/-/ready' });
    if (!ready.ok) return ready;
    if (ready.value.status !== 200) return { ok: false, failure: failureOf(ready.value) };
    const info = await this.http.send({ path: '/api/v1/status/buildinfo' });
    if (!info.ok) return info;
    const body = decode(info.value, buildinfoBody);
    if (!body.ok) {
      // Agents and some compatible servers have no buildinfo; being ready is what matters.
      if (info.value.status === 404) return { ok: true, value: { ready: true, auth: 'ok', detail: 'ready (no buildinfo)' } };
      return body;
    }
    return { ok: true, value: { ready: true, version: body.value.data.version, auth: 'ok', detail: bodySnippet(ready.value.body, 200) } };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
