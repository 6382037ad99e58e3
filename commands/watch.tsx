import type { Command } from 'commander';
import { exitCode } from '../src/engine/state.js';
import { snapshotDoc, snapshotText } from '../src/engine/snapshot-doc.js';
import { Poller } from '../src/poller/poller.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { importUi, loadForCommand, resolveDeploy, type Loaded } from './common.js';

interface WatchOptions {
  config?: string;
  demo?: boolean;
  once?: boolean;
  json?: boolean;
  speed?: string;
  since?: string;
  stateDir?: string;
}

export function register(program: Command): void {
  program
    .command('watch')
    .description('live SLO, alert, Sentry and log panels; --once prints one snapshot and exits')
    .option('-c, --config <path>', 'config file (default ./oncall.yaml, then $ONCALL_CONFIG)')
    .option('--once', 'run one refresh cycle, print it, exit 0 ok / 1 breach / 3 source failed')
    .option('--json', 'with --once: print one JSON document')
    .option('--demo', 'run against the embedded simulator with examples/demo.yaml')
    .option('--speed <n>', 'with --demo: story seconds per real second', '20')
    .option('--since <time>', 'deploy time (ISO time or "30m ago"; default: the last `oncall deploy`)')
    .option('--state-dir <dir>', 'where deploys are recorded (default $XDG_STATE_HOME/oncall)')
    .action(async (opts: WatchOptions) => {
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      const deploy = await resolveDeploy(loaded, opts.since, opts.stateDir);
      if (deploy === undefined) return;
      if (opts.once || opts.json || !process.stdout.isTTY || !process.stdin.isTTY) {
        await once(loaded, Boolean(opts.json));
        return;
      }
      const { runWatchUi } = await importUi(() => import('../src/ui/run-watch.js'));
      await runWatchUi(loaded, deploy, opts.stateDir);
    });
}

async function once(loaded: Loaded, json: boolean): Promise<void> {
  const sources = createSources(loaded.config);
  const poller = new Poller(loaded.config, sources, { now: loaded.now });
  try {
    const snap = await poller.cycle();
    process.stdout.write(json ? `${JSON.stringify(snapshotDoc(snap), null, 2)}\n` : `${snapshotText(snap)}\n`);
    process.exitCode = exitCode(snap);
  } finally {
    await closeSources(sources);
    await loaded.demo?.sim.close();
  }
}
