// Prometheus, and what speaks its HTTP API (Thanos, Mimir, VictoriaMetrics).
// It evaluates alerting rules itself, so `rule:` alerts can show its verdicts.
import * as z from 'zod';
import { grafanaOption } from '../../config/grafana.js';
import type { SourceDef } from '../../config/types.js';
import { defineKind } from '../kind.js';
import { prometheusDialect } from './dialect.js';

export const prometheus = defineKind({
  type: 'prometheus',
  title: 'Prometheus',
  options: z.strictObject({ grafana: grafanaOption }),
  lang: 'promql',
  can: { metrics: true, ratio: true, labelledSeries: true, windowsInOneQuery: true, rangeEndIsInstant: true, logs: false, errors: false, ruleState: true },
  dialect: prometheusDialect,
  client: () => import('./client.js').then((m) => (def: SourceDef) => new m.PrometheusSource(def)),
});
