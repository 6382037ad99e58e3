import * as z from 'zod';
import { parseDuration } from '../src/config/duration.js';
import { buildReport, reportText } from '../src/engine/slo-report.js';
import { fromOutside } from '../src/text/sanitize.js';
import { declare, oneOf } from './command.js';
import { withRuntime } from './common.js';

const options = z.object({
  config: z.string().optional(),
  period: z.string().transform((s, ctx) => {
    const ms = parseDuration(s);
    if (ms !== null && ms > 0) return ms;
    ctx.addIssue({ code: 'custom', message: `--period: ${JSON.stringify(s)} is not a duration (expected like 7d, 1d, 12h)` });
    return z.NEVER;
  }),
  format: oneOf('--format', ['text', 'markdown', 'json']),
  dir: z.string().optional(),
  demo: z.boolean().optional(),
});

export const report = declare({
  name: 'report',
  description: 'the SLO report over a period: a weekly summary (7d), or with 1d a daily report with uptime, errors and alerts; exit 1 if an SLO missed',
  options: [
    { flags: '-c, --config <path>', description: 'config file' },
    { flags: '--period <duration>', description: '7d, 1d, or any duration', default: '7d' },
    { flags: '--format <format>', description: 'text, markdown or json', default: 'text' },
    { flags: '--dir <dir>', description: 'incident timelines to read (default: incidents.dir of the config)' },
    { flags: '--demo', description: 'against the embedded simulator' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ config: o.config, demo: o.demo, incidentsDir: o.dir }, async (rt) => {
      const { input, notes } = await rt.reportInput(o.period);
      for (const n of notes) process.stderr.write(`oncall: note: ${fromOutside(n)}\n`);
      const report = buildReport(input);
      process.stdout.write(o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(report, o.period, o.format === 'markdown'));
      process.exitCode = report.missed > 0 ? 1 : report.unknown > 0 ? 3 : 0;
    }),
});
