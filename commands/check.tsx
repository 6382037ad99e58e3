import type { Command } from 'commander';
import { coveredHours, phaseForHour } from '../src/engine/schedule.js';
import { checkLines, checkExitCode, summarizeChecks } from '../src/engine/checks.js';
import { checkDoc, roundFor, type CheckContext } from '../src/engine/check-doc.js';
import { Poller } from '../src/poller/poller.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { readProgress, slotFile } from '../src/store/checklist.js';
import { stateDir } from '../src/store/state-dir.js';
import { diskFailure, importUi, loadForCommand, resolveDeploy, usage, type Loaded } from './common.js';

interface CheckOptions {
  config?: string;
  demo?: boolean;
  hour?: string;
  json?: boolean;
  since?: string;
  stateDir?: string;
}

const HOUR = 3_600_000;

export function register(program: Command): void {
  program
    .command('check')
    .description('the post-deploy checks due in an hour of the schedule, as a checklist; --json for pipelines')
    .option('-c, --config <path>', 'config file')
    .option('--hour <n>', 'hour after the deploy, 1-based (hour 1 is the first hour); default: from the recorded deploy')
    .option('--json', 'run the automatic checks, print one JSON document, exit 0 pass / 1 fail / 3 unknown')
    .option('--since <time>', 'deploy time (ISO time or "90m ago"); default: the last `oncall deploy`')
    .option('--state-dir <dir>', 'where progress is kept (default $XDG_STATE_HOME/oncall)')
    .option('--demo', 'against the embedded simulator')
    .action(async (opts: CheckOptions) => {
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      const ctx = await context(loaded, opts);
      if (!ctx) {
        await loaded.demo?.sim.close();
        return;
      }
      const file = slotFile(stateDir(opts.stateDir), { service: loaded.config.service, deployId: ctx.deploy?.id ?? 'unrecorded', phase: ctx.phase.name, index: ctx.slotIndex });
      const sources = createSources(loaded.config);
      const poller = new Poller(loaded.config, sources, { now: loaded.now });
      try {
        if (opts.json || !process.stdout.isTTY || !process.stdin.isTTY) {
          const read = readProgress(file);
          if (!read.ok) {
            diskFailure(read.error);
            return;
          }
          const { progress } = read;
          const snap = await poller.cycle();
          const lines = checkLines(ctx.phase, snap, loaded.config);
          const summary = summarizeChecks(lines, progress.done);
          process.stdout.write(`${JSON.stringify(checkDoc(ctx, lines, summary, progress.done, progress.notes), null, 2)}\n`);
          process.exitCode = checkExitCode(summary);
        } else {
          const { runCheckUi } = await importUi(() => import('../src/ui/run-check.js'));
          await runCheckUi(loaded.config, poller, ctx, file);
        }
      } finally {
        await closeSources(sources);
        await loaded.demo?.sim.close();
      }
    });
}

/** Which hour, phase and round: from --hour, else from the deploy. */
async function context(loaded: Loaded, opts: CheckOptions): Promise<CheckContext | null> {
  const { schedule } = loaded.config;
  const range = coveredHours(schedule);
  if (!range) return usage('this config has no schedule: add schedule: phases to use oncall check');
  const deploy = await resolveDeploy(loaded, opts.since, opts.stateDir);
  if (deploy === undefined) return null;
  const sinceDeploy = deploy ? loaded.now() - deploy.at : null;
  let hour: number;
  if (opts.hour !== undefined) {
    hour = Number(opts.hour);
    if (!/^\d+$/.test(opts.hour.trim()) || !phaseForHour(schedule, hour)) {
      return usage(`--hour ${opts.hour} is outside the schedule, which covers hours ${range.first}-${range.last} (hour 1 is the first hour after the deploy)`);
    }
  } else if (sinceDeploy !== null) {
    hour = Math.floor(Math.max(0, sinceDeploy) / HOUR) + 1;
    if (!phaseForHour(schedule, hour)) return usage(`the deploy was ${hour - 1}h ago: hour ${hour} is outside the schedule, which covers hours ${range.first}-${range.last}`);
  } else {
    return usage('no deploy recorded: pass --hour N or --since TIME, or record one with `oncall deploy`');
  }
  return roundFor(loaded.config.service, schedule, deploy, sinceDeploy, hour);
}
