import * as z from 'zod';
import { type CheckContext, checkDoc, roundFor } from '../src/engine/check-doc.js';
import { checkExitCode, checkLines, summarizeChecks } from '../src/engine/checks.js';
import { coveredHours, phaseForHour } from '../src/engine/schedule.js';
import type { Runtime } from '../src/runtime/index.js';
import { declare } from './command.js';
import { fail, importUi, interactive, usage, withRuntime } from './common.js';

const options = z.object({
  config: z.string().optional(),
  hour: z.string().optional(),
  json: z.boolean().optional(),
  since: z.string().optional(),
  stateDir: z.string().optional(),
  demo: z.boolean().optional(),
});

const HOUR = 3_600_000;

export const check = declare({
  name: 'check',
  description: 'the post-deploy checks due in an hour of the schedule, as a checklist; --json for pipelines',
  options: [
    { flags: '-c, --config <path>', description: 'config file' },
    { flags: '--hour <n>', description: 'hour after the deploy, 1-based (hour 1 is the first hour); default: from the recorded deploy' },
    { flags: '--json', description: 'run the automatic checks, print one JSON document, exit 0 pass / 1 fail / 3 unknown' },
    { flags: '--since <time>', description: 'deploy time (ISO time or "90m ago"); default: the last `oncall deploy`' },
    { flags: '--state-dir <dir>', description: 'where progress is kept (default $XDG_STATE_HOME/oncall)' },
    { flags: '--demo', description: 'against the embedded simulator' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ config: o.config, demo: o.demo, stateDir: o.stateDir }, async (rt) => {
      const ctx = context(rt, o);
      if (!ctx) return;
      if (o.json || !interactive()) {
        const read = rt.stores.readProgress(rt.stores.progressFile(ctx));
        if (!read.ok) return void fail(read.error);
        const progress = read.value;
        const snap = await rt.snapshot();
        const lines = checkLines(ctx.phase, snap, rt.config);
        const summary = summarizeChecks(lines, progress.done);
        process.stdout.write(`${JSON.stringify(checkDoc(ctx, lines, summary, progress.done, progress.notes), null, 2)}\n`);
        process.exitCode = checkExitCode(summary);
        return;
      }
      const { runCheckUi } = await importUi(() => import('../src/ui/run-check.js'));
      await runCheckUi(rt.checkDeps(ctx));
    }),
});

/** Which hour, phase and round: from --hour, else from the deploy. */
function context(rt: Runtime, o: z.output<typeof options>): CheckContext | null {
  const { schedule } = rt.config;
  const range = coveredHours(schedule);
  if (!range) return usage('this config has no schedule: add schedule: phases to use oncall check');
  const found = rt.deploy(o.since);
  if (!found.ok) return fail(found.error);
  const deploy = found.value;
  const sinceDeploy = deploy ? rt.now() - deploy.at : null;
  let hour: number;
  if (o.hour !== undefined) {
    hour = Number(o.hour);
    if (!/^\d+$/.test(o.hour.trim()) || !phaseForHour(schedule, hour)) {
      return usage(`--hour ${o.hour} is outside the schedule, which covers hours ${range.first}-${range.last} (hour 1 is the first hour after the deploy)`);
    }
  } else if (sinceDeploy !== null) {
    hour = Math.floor(Math.max(0, sinceDeploy) / HOUR) + 1;
    if (!phaseForHour(schedule, hour))
      return usage(`the deploy was ${hour - 1}h ago: hour ${hour} is outside the schedule, which covers hours ${range.first}-${range.last}`);
  } else {
    return usage('no deploy recorded: pass --hour N or --since TIME, or record one with `oncall deploy`');
  }
  return roundFor(rt.config.service, schedule, deploy, sinceDeploy, hour);
}
