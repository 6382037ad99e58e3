import type { Command } from 'commander';
import { resolve } from 'node:path';
import { parseDuration } from '../src/config/duration.js';
import { buildReport, reportText } from '../src/engine/slo-report.js';
import { errorCounts, incidentsIn, periodValues } from '../src/poller/report-data.js';
import { Poller } from '../src/poller/poller.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { fromOutside } from '../src/text/sanitize.js';
import { loadForCommand, usage } from './common.js';

export function register(program: Command): void {
  program
    .command('report')
    .description('the SLO report over a period: a weekly summary (7d), or with 1d a daily report with uptime, errors and alerts; exit 1 if an SLO missed')
    .option('-c, --config <path>', 'config file')
    .option('--period <duration>', '7d, 1d, or any duration', '7d')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--dir <dir>', 'incident timelines to read (default: incidents.dir of the config)')
    .option('--demo', 'against the embedded simulator')
    .action(async (opts: { config?: string; period: string; format: string; dir?: string; demo?: boolean }) => {
      const periodMs = parseDuration(opts.period);
      if (periodMs === null || periodMs <= 0) return void usage(`--period: ${JSON.stringify(opts.period)} is not a duration (expected like 7d, 1d, 12h)`);
      if (!['text', 'markdown', 'json'].includes(opts.format)) return void usage(`--format: ${JSON.stringify(opts.format)} is not one of text, markdown, json`);
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      const sources = createSources(loaded.config);
      try {
        const to = loaded.now();
        const [values, snap, errorsByLevel] = await Promise.all([
          periodValues(loaded.config, sources, periodMs, to),
          new Poller(loaded.config, sources, { now: loaded.now }).cycle(),
          errorCounts(loaded.config, sources, periodMs, to),
        ]);
        const { incidents, actionItems, notes } = incidentsIn(loaded.config, resolve(opts.dir ?? loaded.config.incidentsDir), to - periodMs, to);
        for (const n of notes) process.stderr.write(`oncall: note: ${fromOutside(n)}\n`);
        const report = buildReport({ config: loaded.config, periodMs, to, values, incidents, actionItems, alerts: snap.alerts, errorsByLevel });
        process.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(report, periodMs, opts.format === 'markdown'));
        process.exitCode = report.missed > 0 ? 1 : report.unknown > 0 ? 3 : 0;
      } finally {
        await closeSources(sources);
        await loaded.demo?.sim.close();
      }
    });
}
