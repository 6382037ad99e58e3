import { join } from 'node:path';
import { appendRecord, readRecords } from './jsonl.js';
import { slug } from './state-dir.js';

export interface Deploy {
  /** Stable id: the deploy time in ISO form, used to file its check progress. */
  id: string;
  service: string;
  environment: string | null;
  at: number;
  release: string | null;
  recordedAt: number;
}

const file = (dir: string, service: string) => join(dir, 'deploys', `${slug(service)}.jsonl`);

export function recordDeploy(dir: string, d: Omit<Deploy, 'id' | 'recordedAt'>, now = Date.now()): Deploy {
  const deploy: Deploy = { ...d, id: new Date(d.at).toISOString(), recordedAt: now };
  appendRecord(file(dir, d.service), deploy);
  return deploy;
}

/** The most recent deploy (by deploy time) of `service` in `environment`, if one was recorded. */
export function latestDeploy(dir: string, service: string, environment: string | null): Deploy | null {
  const all = readRecords<Deploy>(file(dir, service)).filter((d) => typeof d.at === 'number' && (environment === null || d.environment === null || d.environment === environment));
  return all.reduce<Deploy | null>((best, d) => (best === null || d.at >= best.at ? d : best), null);
}
