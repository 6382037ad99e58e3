// The one place a command gets what it works with. Use it as
//   const opened = await openRuntime(opts);
//   if (!opened.ok) -> print opened.error (commands/common.ts does)
//   try { ... opened.value ... } finally { await opened.value.close(); }
import { resolve } from 'node:path';
import { stateDir } from '../store/state-dir.js';
import type { Outcome } from './errors.js';
import { type LoadOptions, load } from './load.js';
import { Runtime } from './runtime.js';
import { Stores } from './stores.js';

export type { CheckDeps, IncidentDeps, WatchDeps } from './deps.js';
export { errorReport, type Outcome, type RuntimeError } from './errors.js';
export { type DeployRef, Runtime, type SourceHealth } from './runtime.js';

export interface RuntimeOptions extends LoadOptions {
  /** --state-dir: where deploys and check progress are kept. */
  stateDir?: string;
  /** --dir: where incident timelines and postmortems are (default: incidents.dir of the config). */
  incidentsDir?: string;
}

/** The config (or the demo) loaded and the runtime over it; a config that does not load is an error value, and leaves nothing open. */
export async function openRuntime(opts: RuntimeOptions): Promise<Outcome<Runtime>> {
  const loaded = await load(opts);
  if (!loaded.ok) return loaded;
  const { config } = loaded.value;
  const stores = new Stores(config, stateDir(opts.stateDir), resolve(opts.incidentsDir ?? config.incidentsDir));
  return { ok: true, value: new Runtime(loaded.value, stores) };
}
