// What every command does first: find and load the config (or start the demo),
// and turn a config error into a message and exit status 2.
import { describe } from '../src/config/path.js';
import { findConfig, loadConfigFile } from '../src/config/load.js';
import type { Config } from '../src/config/types.js';
import type { Demo } from '../src/demo/run.js';
import { registerSecrets } from '../src/sources/redact.js';

export interface ConfigOptions {
  config?: string;
  demo?: boolean;
  speed?: string;
}

export type Loaded = { config: Config; demo?: Demo; now: () => number; path: string };

export async function loadForCommand(opts: ConfigOptions): Promise<Loaded | null> {
  if (opts.demo) {
    const speed = opts.speed !== undefined ? Number(opts.speed) : undefined;
    if (speed !== undefined && !(speed > 0)) return usage(`--speed: ${JSON.stringify(opts.speed)} is not a positive number`);
    // Loaded only for --demo: every other run skips the simulator's modules.
    const { startDemo } = await import('../src/demo/run.js');
    const demo = await startDemo({ speed });
    registerSecrets([demo.sim.token]);
    const r = demo.load();
    registerSecrets(r.secrets);
    if (!r.ok) {
      await demo.sim.close();
      return configErrors(r.path, r.errors);
    }
    return { config: r.config, demo, now: () => demo.clock.now(), path: r.path };
  }
  const path = findConfig(opts.config, process.env);
  if (!path) return usage('no config: pass --config PATH, create ./oncall.yaml, set $ONCALL_CONFIG, or try --demo');
  const r = loadConfigFile(path, process.env);
  registerSecrets(r.secrets);
  if (!r.ok) return configErrors(r.path, r.errors);
  return { config: r.config, now: Date.now, path };
}

function configErrors(path: string, errors: { path: string; message: string }[]): null {
  process.stderr.write(`${path}: ${errors.length} error${errors.length === 1 ? '' : 's'}\n${describe(errors)}\n`);
  process.exitCode = 2;
  return null;
}

export function usage(message: string): null {
  process.stderr.write(`oncall: ${message}\n`);
  process.exitCode = 2;
  return null;
}
