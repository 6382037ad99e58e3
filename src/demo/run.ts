import { join } from 'node:path';
import type { LoadResult } from '../config/load.js';
import { examplesDir } from '../examples-dir.js';
import { loadConfigFile } from '../store/config-file.js';
import { DemoClock } from './clock.js';
import { type Simulator, startSimulator } from './server.js';

export interface DemoOptions {
  /** Story seconds per real second. */
  speed?: number;
  /** Story second to begin at (0 = the deploy). */
  startAt?: number;
  /** Simulated epoch of the deploy; defaults to now minus startAt. */
  deployAt?: number;
}

export interface Demo {
  sim: Simulator;
  clock: DemoClock;
  env: NodeJS.ProcessEnv;
  load(): LoadResult;
}

/** Starts the simulator and the environment examples/demo.yaml expects. */
export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const speed = opts.speed ?? 20;
  const startAt = opts.startAt ?? 8 * 60;
  const realNow = Date.now();
  const deployAt = opts.deployAt ?? realNow - startAt * 1000;
  const clock = new DemoClock(deployAt + startAt * 1000, speed, deployAt);
  const sim = await startSimulator(clock);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PROMETHEUS_URL: sim.urls.prometheus,
    LOKI_ADDR: sim.urls.loki,
    LOKI_ORG_ID: '',
    SENTRY_URL: sim.urls.sentry,
    SENTRY_AUTH_TOKEN: sim.token,
    ALERTMANAGER_URL: sim.urls.alertmanager,
    DOCUSEAL_HOST: sim.urls.docuseal,
  };
  return { sim, clock, env, load: () => loadConfigFile(join(examplesDir(), 'demo.yaml'), env, {}) };
}
