import * as z from 'zod';
import { describeFailure } from '../src/sources/types.js';
import { declare } from './command.js';
import { withRuntime } from './common.js';

const options = z.object({
  config: z.string().optional(),
  demo: z.boolean().optional(),
});

export const doctor = declare({
  name: 'doctor',
  description: 'check every configured source: reachable, ready, version, auth',
  options: [
    { flags: '-c, --config <path>', description: 'config file' },
    { flags: '--demo', description: 'check the embedded simulator' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ config: o.config, demo: o.demo }, async (rt) => {
      const failing: string[] = [];
      for (const { def, result: r, ms } of await rt.health()) {
        if (r.ok) {
          const v = r.value;
          process.stdout.write(
            `ok    ${def.name.padEnd(12)} ${def.type.padEnd(10)} ${def.url}  ${v.version ? `version ${v.version}, ` : ''}${v.detail}, auth ${v.auth}, ${ms}ms\n`,
          );
        } else {
          failing.push(def.name);
          process.stdout.write(`FAIL  ${def.name.padEnd(12)} ${def.type.padEnd(10)} ${def.url}  ${describeFailure(r.failure, def.timeoutMs)}\n`);
        }
      }
      if (failing.length) {
        process.stderr.write(`doctor: ${failing.join(', ')} failing\n`);
        process.exitCode = 3;
      }
    }),
});
