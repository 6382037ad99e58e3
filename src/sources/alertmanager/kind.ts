// Alertmanager (API v2): the alerts that page, with their silences and
// inhibitions, for the Alertmanager panel and `doctor`. It answers no
// numeric queries, so SLOs and alerts cannot name it.
import * as z from 'zod';
import type { SourceDef } from '../../config/types.js';
import { defineKind } from '../kind.js';
import { alertmanagerDialect, parseMatcher } from './dialect.js';

const matcher = z.string().superRefine((text, ctx) => {
  const m = parseMatcher(text);
  if (!m.ok) ctx.addIssue({ code: 'custom', message: m.reason });
});
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'is not a label name (letters, digits and _, not starting with a digit)');

const options = z.strictObject({
  filter: z
    .union([matcher.transform((m) => [m]), z.array(matcher)])
    .default([])
    .describe('matchers in amtool syntax (alertname=~"Foo.*"); all must match'),
  // The API's own defaults, not amtool's (which hides suppressed alerts): an alert silenced from
  // the console must stay on screen as SILENCED, not vanish as if it had resolved.
  active: z.boolean().default(true).describe('show active alerts'),
  silenced: z.boolean().default(true).describe('show silenced alerts'),
  inhibited: z.boolean().default(true).describe('show inhibited alerts'),
  group_by: z.array(labelName).min(1, 'needs at least one label').default(['alertname', 'severity']).describe('labels the panel groups alerts by'),
});
export type AlertmanagerOptions = z.infer<typeof options>;

export const alertmanager = defineKind({
  type: 'alertmanager',
  title: 'Alertmanager',
  options,
  lang: null,
  can: { metrics: false, ratio: false, labelledSeries: true, windowsInOneQuery: false, rangeEndIsInstant: false, logs: false, errors: false, alerts: true },
  dialect: alertmanagerDialect,
  client: () => import('./client.js').then((m) => (def: SourceDef<AlertmanagerOptions>) => new m.AlertmanagerSource(def)),
});
