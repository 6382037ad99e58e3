import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { examplesDir } from '../src/examples-dir.js';
import { usage } from './common.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('write a starter oncall.yaml from one of the example plans')
    .option('--from <example>', 'practice-hub, hastecrm, cf-kanban, saas-platform or unified-workflow', 'practice-hub')
    .option('-c, --config <path>', 'where to write it', 'oncall.yaml')
    .action((opts: { from: string; config: string }) => {
      const examples = examplesDir();
      const known = readdirSync(examples)
        .filter((f) => f.endsWith('.yaml') && !['demo.yaml', 'design-example.yaml'].includes(f))
        .map((f) => f.slice(0, -5))
        .sort();
      if (!known.includes(opts.from)) {
        usage(`--from ${JSON.stringify(opts.from)} is not an example; known: ${known.join(', ')}`);
        return;
      }
      const target = resolve(opts.config);
      if (existsSync(target)) {
        usage(`${target} already exists; not overwriting it (pass --config to write elsewhere)`);
        return;
      }
      writeFileSync(target, readFileSync(join(examples, `${opts.from}.yaml`), 'utf8'), { flag: 'wx' });
      process.stdout.write(`wrote ${target} from the ${opts.from} example; check it with: oncall validate --config ${opts.config}\n`);
    });
}
