import * as z from 'zod';
import { snapshotDoc, snapshotText } from '../src/engine/snapshot-doc.js';
import { exitCode } from '../src/engine/state.js';
import { snapshotLinks } from '../src/poller/links.js';
import { declare } from './command.js';
import { fail, importUi, interactive, withRuntime } from './common.js';

const options = z
  .object({
    config: z.string().optional(),
    once: z.boolean().optional(),
    json: z.boolean().optional(),
    demo: z.boolean().optional(),
    speed: z.string(),
    since: z.string().optional(),
    stateDir: z.string().optional(),
  })
  .superRefine((o, ctx) => {
    // Only the demo has a speed: without --demo the flag is passed over.
    if (o.demo && !(Number(o.speed) > 0)) ctx.addIssue({ code: 'custom', message: `--speed: ${JSON.stringify(o.speed)} is not a positive number` });
  });

export const watch = declare({
  name: 'watch',
  description: 'live SLO, alert, Sentry and log panels; --once prints one snapshot and exits',
  options: [
    { flags: '-c, --config <path>', description: 'config file (default ./oncall.yaml, then $ONCALL_CONFIG)' },
    { flags: '--once', description: 'run one refresh cycle, print it, exit 0 ok / 1 breach / 3 source failed' },
    { flags: '--json', description: 'with --once: print one JSON document' },
    { flags: '--demo', description: 'run against the embedded simulator with examples/demo.yaml' },
    { flags: '--speed <n>', description: 'with --demo: story seconds per real second', default: '20' },
    { flags: '--since <time>', description: 'deploy time (ISO time or "30m ago"; default: the last `oncall deploy`)' },
    { flags: '--state-dir <dir>', description: 'where deploys are recorded (default $XDG_STATE_HOME/oncall)' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ config: o.config, demo: o.demo && { speed: Number(o.speed) }, stateDir: o.stateDir }, async (rt) => {
      const deploy = rt.deploy(o.since);
      if (!deploy.ok) return void fail(deploy.error);
      if (o.once || o.json || !interactive()) {
        // Asked before the snapshot's cycle starts, so the panel's age is never negative (under --demo's fast clock too).
        const asked = rt.now();
        const [snap, routed] = await Promise.all([rt.snapshot(), rt.panels.fetchAlertmanager(asked)]);
        process.stdout.write(
          o.json ? `${JSON.stringify(snapshotDoc(snap, snapshotLinks(rt.config, snap), routed), null, 2)}\n` : `${snapshotText(snap, routed)}\n`,
        );
        // A down Alertmanager is a failed source like any other (3), unless an SLO already breached (1).
        const code = exitCode(snap);
        process.exitCode = code === 0 && routed?.error ? 3 : code;
        return;
      }
      const { runWatchUi } = await importUi(() => import('../src/ui/run-watch.js'));
      await runWatchUi(rt.watchDeps(deploy.value));
    }),
});
