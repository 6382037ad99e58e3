import type { Config } from '../config/types.js';
import { LokiSource } from './loki.js';
import { PrometheusSource } from './prometheus.js';
import { SentrySource } from './sentry.js';
import type { MetricSource } from './types.js';

export type AnySource = PrometheusSource | LokiSource | SentrySource;

export function createSources(config: Config): Map<string, AnySource> {
  const out = new Map<string, AnySource>();
  for (const def of Object.values(config.sources)) {
    const s = def.type === 'prometheus' ? new PrometheusSource(def) : def.type === 'loki' ? new LokiSource(def) : new SentrySource(def);
    out.set(def.name, s);
  }
  return out;
}

export async function closeSources(sources: Map<string, MetricSource>): Promise<void> {
  await Promise.all([...sources.values()].map((s) => s.close()));
}
