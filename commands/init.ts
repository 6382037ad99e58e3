import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { examplesDir } from '../src/examples-dir.js';
import { declare } from './command.js';
import { usage } from './common.js';

const options = z.object({
  from: z.string(),
  config: z.string(),
});

export const init = declare({
  name: 'init',
  description: 'write a starter oncall.yaml from one of the example plans',
  options: [
    { flags: '--from <example>', description: 'practice-hub, hastecrm, cf-kanban, saas-platform or unified-workflow', default: 'practice-hub' },
    { flags: '-c, --config <path>', description: 'where to write it', default: 'oncall.yaml' },
  ],
  schema: options,
  run: (o) => {
    const examples = examplesDir();
    const known = readdirSync(examples)
      .filter((f) => f.endsWith('.yaml') && !['demo.yaml', 'design-example.yaml'].includes(f))
      .map((f) => f.slice(0, -5))
      .sort();
    if (!known.includes(o.from)) return void usage(`--from ${JSON.stringify(o.from)} is not an example; known: ${known.join(', ')}`);
    const target = resolve(o.config);
    if (existsSync(target)) return void usage(`${target} already exists; not overwriting it (pass --config to write elsewhere)`);
    writeFileSync(target, readFileSync(join(examples, `${o.from}.yaml`), 'utf8'), { flag: 'wx' });
    process.stdout.write(`wrote ${target} from the ${o.from} example; check it with: oncall validate --config ${o.config}\n`);
  },
});
