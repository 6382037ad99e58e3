import type { Config } from '../config/types.js';
import { stopDecoding } from './decode.js';
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

/** Closes every source, and withdraws what the decoder still holds: a process quitting mid-cycle is not kept waiting for either. */
export async function closeSources(sources: Map<string, MetricSource>): Promise<void> {
  stopDecoding();
  await Promise.all([...sources.values()].map((s) => s.close()));
}
