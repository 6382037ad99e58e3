import type { Command } from 'commander';
import { parseSince } from '../src/config/since.js';
import { recordDeploy } from '../src/store/deploys.js';
import { stateDir } from '../src/store/state-dir.js';
import { visibleControls } from '../src/text/sanitize.js';
import { diskFailure, loadForCommand, usage } from './common.js';

export function register(program: Command): void {
  program
    .command('deploy')
    .description('record a deploy, so watch and check know how long ago it was')
    .option('-c, --config <path>', 'config file')
    .option('--at <time>', 'when it happened: ISO time or "20m ago" (default now)')
    .option('--release <name>', 'the release or version deployed')
    .option('--state-dir <dir>', 'where progress is kept (default $XDG_STATE_HOME/oncall)')
    .option('--demo', 'use the demo config')
    .action(async (opts: { config?: string; at?: string; release?: string; stateDir?: string; demo?: boolean }) => {
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      await loaded.demo?.sim.close();
      const now = Date.now();
      const parsed = opts.at === undefined ? ({ ok: true, at: now } as const) : parseSince(opts.at, now, '20m ago');
      if (!parsed.ok) {
        usage(`--at: ${JSON.stringify(opts.at)} ${parsed.reason}`);
        return;
      }
      const { at } = parsed;
      const r = recordDeploy(stateDir(opts.stateDir), { service: loaded.config.service, environment: loaded.config.environment ?? null, at, release: opts.release === undefined ? null : visibleControls(opts.release).slice(0, 200) });
      if (!r.ok) {
        diskFailure(r.error);
        return;
      }
      const d = r.deploy;
      process.stdout.write(`recorded deploy of ${d.service}${d.release ? ` ${d.release}` : ''} at ${d.id}\n`);
    });
}
