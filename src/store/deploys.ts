import { join } from 'node:path';
import * as z from 'zod';
import { appendRecord, readJsonl, type StoreError } from './jsonl.js';
import { time } from './shapes.js';
import { slug } from './state-dir.js';

const deploySchema = z.object({
  /** Stable id: the deploy time in ISO form, used to file its check progress. */
  id: z.string(),
  service: z.string(),
  environment: z.string().nullable(),
  at: time,
  release: z.string().nullable(),
  recordedAt: time,
});

export type Deploy = z.infer<typeof deploySchema>;

const file = (dir: string, service: string) => join(dir, 'deploys', `${slug(service)}.jsonl`);

export function recordDeploy(
  dir: string,
  d: Omit<Deploy, 'id' | 'recordedAt'>,
  now = Date.now(),
): { ok: true; deploy: Deploy } | { ok: false; error: StoreError } {
  const deploy: Deploy = { ...d, id: new Date(d.at).toISOString(), recordedAt: now };
  const w = appendRecord(file(dir, d.service), deploy);
  return w.ok ? { ok: true, deploy } : w;
}

/** The most recent deploy (by deploy time) of `service` in `environment`, if one was recorded; lines of another shape are passed over. */
export function readLatestDeploy(
  dir: string,
  service: string,
  environment: string | null,
): { ok: true; deploy: Deploy | null } | { ok: false; error: StoreError } {
  const r = readJsonl(file(dir, service), deploySchema);
  if (!r.ok) return r;
  const all = r.records.filter((d) => environment === null || d.environment === null || d.environment === environment);
  return { ok: true, deploy: all.reduce<Deploy | null>((best, d) => (best === null || d.at >= best.at ? d : best), null) };
}

/** readLatestDeploy, for callers content with "none" when the file cannot be read. */
export function latestDeploy(dir: string, service: string, environment: string | null): Deploy | null {
  const r = readLatestDeploy(dir, service, environment);
  return r.ok ? r.deploy : null;
}
