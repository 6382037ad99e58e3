// What every command does first: find and load the config (or start the demo),
// and turn a config error into a message and exit status 2.
import { describe } from '../src/config/path.js';
import { findConfig, loadConfigFile } from '../src/config/load.js';
import { parseSince } from '../src/config/since.js';
import type { DeployRef, Loaded } from '../src/loaded.js';
import { registerSecrets } from '../src/text/redact.js';
import { readLatestDeploy } from '../src/store/deploys.js';
import type { StoreError } from '../src/store/errors.js';
import { stateDir } from '../src/store/state-dir.js';

export type { DeployRef, Loaded };

export interface ConfigOptions {
  config?: string;
  demo?: boolean;
  speed?: string;
}

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

export function configErrors(path: string, errors: { path: string; message: string }[]): null {
  process.stderr.write(`${path}: ${errors.length} error${errors.length === 1 ? '' : 's'}\n${describe(errors)}\n`);
  process.exitCode = 2;
  return null;
}

export function usage(message: string): null {
  process.stderr.write(`oncall: ${message}\n`);
  process.exitCode = 2;
  return null;
}

/** A file the disk would not read or write: one line naming it and why, exit 3. */
export function diskFailure(error: StoreError): null {
  process.stderr.write(`oncall: ${error.message}\n`);
  process.exitCode = 3;
  return null;
}

/**
 * Which deploy "time since the deploy" counts from: `--since`, else the last
 * `oncall deploy` recorded for this service, else the demo's story. Undefined
 * (after a usage or disk error) when --since or the deploys file cannot be
 * read; null when there is none.
 */
export async function resolveDeploy(loaded: Loaded, since: string | undefined, dir: string | undefined): Promise<DeployRef | null | undefined> {
  if (since !== undefined) {
    const parsed = parseSince(since, loaded.now());
    if (!parsed.ok) {
      await loaded.demo?.sim.close();
      usage(`--since: ${JSON.stringify(since)} ${parsed.reason}`);
      return undefined;
    }
    return { id: new Date(parsed.at).toISOString(), at: parsed.at, release: null };
  }
  if (loaded.demo) return { id: 'demo', at: loaded.demo.clock.deployAt, release: 'demo' };
  const r = readLatestDeploy(stateDir(dir), loaded.config.service, loaded.config.environment ?? null);
  if (!r.ok) {
    diskFailure(r.error);
    return undefined;
  }
  const d = r.deploy;
  return d ? { id: d.id, at: d.at, release: d.release } : null;
}

const CI_VARS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Loads an Ink screen for a person at a terminal. Ink decides once, when it
 * loads, whether it runs under CI, and there it draws nothing until it exits.
 * An engineer whose shell exports CI still needs the screen, so Ink loads
 * without those variables; they are put back for the commands a probe runs.
 */
export async function importUi<T>(load: () => Promise<T>): Promise<T> {
  const saved = CI_VARS.map((name) => [name, process.env[name]] as const);
  for (const name of CI_VARS) delete process.env[name];
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
