// Grafana Loki: LogQL metric queries for SLOs and alerts, log lines for the logs panel.
import * as z from 'zod';
import { grafanaOption } from '../../config/grafana.js';
import type { SourceDef } from '../../config/types.js';
import { defineKind } from '../kind.js';
import { lokiDialect } from './dialect.js';

const options = z.strictObject({
  tenant: z.string().optional().describe('Loki X-Scope-OrgID'),
  grafana: grafanaOption,
});
export type LokiOptions = z.infer<typeof options>;

export const loki = defineKind({
  type: 'loki',
  title: 'Loki',
  options,
  lang: 'logql',
  can: { metrics: true, ratio: true, labelledSeries: true, windowsInOneQuery: false, rangeEndIsInstant: false, logs: true, errors: false },
  dialect: lokiDialect,
  client: () => import('./client.js').then((m) => (def: SourceDef<LokiOptions>) => new m.LokiSource(def)),
});
