// The config a run works from: a file (--config, ./oncall.yaml, $ONCALL_CONFIG),
// or the demo's, with the simulator started to answer it.

import type { Config } from '../config/types.js';
import type { Demo, DemoOptions } from '../demo/run.js';
import { findConfig, loadConfigFile } from '../store/config-file.js';
import { registerSecrets } from '../text/redact.js';
import { type Outcome, usageError } from './errors.js';

export interface LoadOptions {
  /** --config. */
  config?: string;
  /** Run against the embedded simulator and examples/demo.yaml. */
  demo?: boolean | DemoOptions;
}

export interface Loaded {
  config: Config;
  /** The file the config came from, named in its errors. */
  path: string;
  /** The clock data is judged by: real time, or the demo's story time. */
  now: () => number;
  /** The environment playbook commands see: the demo's, which points at the simulator, or this process's. */
  env: NodeJS.ProcessEnv;
  demo: Demo | null;
}

export async function load(opts: LoadOptions): Promise<Outcome<Loaded>> {
  if (opts.demo) {
    // Loaded only for --demo: every other run skips the simulator's modules.
    const { startDemo } = await import('../demo/run.js');
    const demo = await startDemo(opts.demo === true ? {} : opts.demo);
    registerSecrets([demo.sim.token]);
    const r = demo.load();
    registerSecrets(r.secrets);
    if (!r.ok) {
      await demo.sim.close();
      return { ok: false, error: { kind: 'config', path: r.path, errors: r.errors } };
    }
    return { ok: true, value: { config: r.config, path: r.path, now: () => demo.clock.now(), env: demo.env, demo } };
  }
  const path = findConfig(opts.config, process.env);
  if (!path) return usageError('no config: pass --config PATH, create ./oncall.yaml, set $ONCALL_CONFIG, or try --demo');
  const r = loadConfigFile(path, process.env);
  registerSecrets(r.secrets);
  if (!r.ok) return { ok: false, error: { kind: 'config', path: r.path, errors: r.errors } };
  return { ok: true, value: { config: r.config, path, now: Date.now, env: process.env, demo: null } };
}
