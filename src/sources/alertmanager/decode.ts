// What Alertmanager's API v2 answers (0.25, its OpenAPI `gettableAlert`,
// `gettableSilence`, `alertmanagerStatus`), read with zod. Its errors come
// in three shapes: a JSON string ("silence not found"), go-swagger's
// {code, message} for a request that failed validation, and an empty body.
import * as z from 'zod';
import { bodySnippet, decodeJson, type HttpResponse, parseJson, statusFailure } from '../http.js';
import { labels, safeText } from '../sample.js';
import type { AlertingStatus, Failure, Result, RoutedAlert, Silence } from '../types.js';

/** The most alerts or silences one answer may hold: a runaway rule must not fill memory or the screen. */
export const MAX_ITEMS = 5000;

// RFC 3339 as Go writes it; Date.parse alone reads "1" as the year 2001.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const time = z.string().transform((t, ctx) => {
  const ms = Date.parse(t);
  if (ISO_TIME.test(t) && !Number.isNaN(ms)) return ms;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(t.slice(0, 40))} is not a time` });
  return z.NEVER;
});
const ids = z.array(safeText).max(MAX_ITEMS);

const alert = z.object({
  fingerprint: safeText,
  labels,
  annotations: labels,
  receivers: z.array(z.object({ name: safeText }).loose()).max(MAX_ITEMS),
  startsAt: time,
  endsAt: time,
  updatedAt: time,
  generatorURL: safeText.optional(),
  status: z.object({ state: z.enum(['active', 'suppressed', 'unprocessed']), silencedBy: ids, inhibitedBy: ids }).loose(),
});
export const alertsBody = z.array(alert).max(MAX_ITEMS, `more than ${MAX_ITEMS} alerts`);

const silenceMatcher = z.object({ name: safeText, value: safeText, isRegex: z.boolean(), isEqual: z.boolean().default(true) }).loose();
const silence = z.object({
  id: safeText,
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }).loose(),
  matchers: z.array(silenceMatcher).max(MAX_ITEMS),
  startsAt: time,
  endsAt: time,
  updatedAt: time,
  createdBy: safeText,
  comment: safeText,
});
export const silencesBody = z.array(silence).max(MAX_ITEMS, `more than ${MAX_ITEMS} silences`);

export const createdBody = z.object({ silenceID: safeText }).loose();

export const statusBody = z
  .object({
    cluster: z.object({ status: safeText, peers: z.array(z.unknown()).nullish() }).loose(),
    uptime: time,
    versionInfo: z.object({ version: safeText }).loose(),
  })
  .loose();

const swaggerError = z.object({ code: z.number().optional(), message: safeText }).loose();

export function decode<T>(res: HttpResponse, schema: z.ZodType<T>): Result<T> {
  return decodeJson(res, schema, failureOf);
}

/** Alertmanager's own words: a JSON string, go-swagger's `message`, else the body as text. */
export function failureOf(res: HttpResponse): Failure {
  const json = parseJson(res.body);
  let message: string;
  if (json.ok && typeof json.value === 'string') message = bodySnippet(json.value);
  else {
    const e = json.ok ? swaggerError.safeParse(json.value) : undefined;
    message = e?.success ? e.data.message : bodySnippet(res.body);
  }
  // A matcher or silence it will not take is that request's problem, not the source's.
  if (res.status === 400 || res.status === 422) return { kind: 'query', status: res.status, message };
  return statusFailure(res, message);
}

export function toAlert(a: z.infer<typeof alert>): RoutedAlert {
  return {
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    state: a.status.state,
    silencedBy: a.status.silencedBy,
    inhibitedBy: a.status.inhibitedBy,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    updatedAt: a.updatedAt,
    receivers: a.receivers.map((r) => r.name),
    generatorURL: a.generatorURL || undefined,
  };
}

export function toSilence(s: z.infer<typeof silence>): Silence {
  return {
    id: s.id,
    state: s.status.state,
    matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual })),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    updatedAt: s.updatedAt,
    createdBy: s.createdBy,
    comment: s.comment,
  };
}

export function toStatus(s: z.infer<typeof statusBody>): AlertingStatus {
  return { version: s.versionInfo.version, cluster: s.cluster.status, peers: s.cluster.peers?.length ?? 0, uptime: s.uptime };
}
