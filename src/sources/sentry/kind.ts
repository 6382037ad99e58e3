// Sentry: counts of events for SLOs and alerts, issues for the errors panel.
import * as z from 'zod';
import type { SourceDef } from '../../config/types.js';
import { defineKind } from '../kind.js';
import { sentryDialect } from './dialect.js';

const options = z.strictObject({
  // Every API path holds the organization.
  org: z.string({ error: 'is required for a sentry source (the organization slug)' }).describe('Sentry organization slug'),
  project: z.string().optional().describe('Sentry project slug or id'),
  environment: z.string().optional().describe('Sentry environment filter'),
});
export type SentryOptions = z.infer<typeof options>;

export const sentry = defineKind({
  type: 'sentry',
  title: 'Sentry',
  options,
  lang: null,
  can: { metrics: true, ratio: false, labelledSeries: false, windowsInOneQuery: false, rangeEndIsInstant: false, logs: false, errors: true },
  dialect: sentryDialect,
  // Sentry widens a long range's buckets up to a day, so the first may start that long before what was asked.
  rangeSlackMs: 86_400_000,
  client: () => import('./client.js').then((m) => (def: SourceDef<SentryOptions>) => new m.SentrySource(def)),
});
