import type { Command } from 'commander';
import { createSources, closeSources } from '../src/sources/index.js';
import { describeFailure } from '../src/sources/types.js';
import { loadForCommand } from './common.js';

export function register(program: Command): void {
  program
    .command('doctor')
    .description('check every configured source: reachable, ready, version, auth')
    .option('-c, --config <path>', 'config file')
    .option('--demo', 'check the embedded simulator')
    .action(async (opts: { config?: string; demo?: boolean }) => {
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      const sources = createSources(loaded.config);
      const failing: string[] = [];
      const results = await Promise.all(
        [...sources.values()].map(async (s) => {
          const t0 = performance.now();
          const r = await s.health();
          return { s, r, ms: Math.round(performance.now() - t0) };
        }),
      );
      for (const { s, r, ms } of results) {
        const def = loaded.config.sources[s.name];
        if (r.ok) {
          const v = r.value;
          process.stdout.write(`ok    ${s.name.padEnd(12)} ${def.type.padEnd(10)} ${def.url}  ${v.version ? `version ${v.version}, ` : ''}${v.detail}, auth ${v.auth}, ${ms}ms\n`);
        } else {
          failing.push(s.name);
          process.stdout.write(`FAIL  ${s.name.padEnd(12)} ${def.type.padEnd(10)} ${def.url}  ${describeFailure(r.failure, def.timeoutMs)}\n`);
        }
      }
      await closeSources(sources);
      await loaded.demo?.sim.close();
      if (failing.length) {
        process.stderr.write(`doctor: ${failing.join(', ')} failing\n`);
        process.exitCode = 3;
      }
    });
}
