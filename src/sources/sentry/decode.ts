// What Sentry's API answers, read with zod: events-stats buckets, issues
// (each on its own, so one impossible issue does not lose the list) and the
// `detail` its errors explain themselves in.
import * as z from 'zod';
import { bodySnippet, decodeJson, type HttpResponse, parseJson, rateLimitWait } from '../http.js';
import { safeText } from '../sample.js';
import type { Failure, Result } from '../types.js';

export const statsBody = z.object({
  data: z.array(z.tuple([z.number(), z.array(z.object({ count: z.number().int().min(0) }))])),
});
// How many events: a whole number, not negative, as a string (Sentry's way) or a number.
const eventCount = z.unknown().transform((c, ctx) => {
  const n = typeof c === 'number' ? c : typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : NaN;
  if (Number.isSafeInteger(n) && n >= 0) return n;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(c)} is not a count of events` });
  return z.NEVER;
});
// ISO 8601, as Sentry writes it: Date.parse alone reads "1" as the year 2001.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;
const time = safeText.transform((t, ctx) => {
  if (ISO_TIME.test(t) && !Number.isNaN(Date.parse(t))) return t;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(t)} is not a time` });
  return z.NEVER;
});
export const issue = z
  .object({
    id: safeText,
    shortId: safeText,
    title: safeText,
    count: eventCount,
    lastSeen: time,
    level: safeText.optional(),
    permalink: safeText.optional(),
  })
  .loose();
// Each issue on its own: one with an impossible count or time is left out, not the list.
export const issuesBody = z.array(z.unknown());
const detailBody = z.union([z.object({ detail: z.union([safeText, z.object({ message: safeText, code: z.string().optional() }).loose()]) }).loose(), safeText]);

export function decode<T>(res: HttpResponse, schema: z.ZodType<T>): Result<T> {
  return decodeJson(res, schema, failureOf);
}

/** Sentry explains itself in `detail` (a string, or {code, message}); older servers send a bare string. */
export function failureOf(res: HttpResponse): Failure {
  const json = parseJson(res.body);
  const d = json.ok ? detailBody.safeParse(json.value) : undefined;
  let message: string;
  if (d?.success) {
    const v = d.data;
    message = typeof v === 'string' ? v : typeof v.detail === 'string' ? v.detail : v.detail.message;
  } else {
    message = bodySnippet(res.body);
  }
  if (res.status === 401 || res.status === 403) return { kind: 'auth', status: res.status, message };
  if (res.status === 429) return { kind: 'rate limited', status: 429, message, ...rateLimitWait(res.headers) };
  if (res.status === 504) return { kind: 'timeout', status: 504, message };
  // A search Sentry cannot parse is that query's problem; the rest of Sentry answers.
  if (res.status === 400) return { kind: 'query', status: 400, message };
  return { kind: 'http', status: res.status, message };
}
