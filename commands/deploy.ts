import * as z from 'zod';
import { parseSince } from '../src/config/since.js';
import { visibleControls } from '../src/text/sanitize.js';
import { declare } from './command.js';
import { fail, usage, withRuntime } from './common.js';

const options = z.object({
  config: z.string().optional(),
  at: z.string().optional(),
  release: z.string().optional(),
  stateDir: z.string().optional(),
  demo: z.boolean().optional(),
});

export const deploy = declare({
  name: 'deploy',
  description: 'record a deploy, so watch and check know how long ago it was',
  options: [
    { flags: '-c, --config <path>', description: 'config file' },
    { flags: '--at <time>', description: 'when it happened: ISO time or "20m ago" (default now)' },
    { flags: '--release <name>', description: 'the release or version deployed' },
    { flags: '--state-dir <dir>', description: 'where progress is kept (default $XDG_STATE_HOME/oncall)' },
    { flags: '--demo', description: 'use the demo config' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ config: o.config, demo: o.demo, stateDir: o.stateDir }, (rt) => {
      const now = Date.now();
      const parsed = o.at === undefined ? ({ ok: true, at: now } as const) : parseSince(o.at, now, '20m ago');
      if (!parsed.ok) return void usage(`--at: ${JSON.stringify(o.at)} ${parsed.reason}`);
      const r = rt.stores.recordDeploy(parsed.at, o.release === undefined ? null : visibleControls(o.release).slice(0, 200));
      if (!r.ok) return void fail(r.error);
      const d = r.value;
      process.stdout.write(`recorded deploy of ${d.service}${d.release ? ` ${d.release}` : ''} at ${d.id}\n`);
    }),
});
