import * as z from 'zod';
import type { Backend } from '../src/demo/server.js';
import { declare } from './command.js';
import { withRuntime } from './common.js';

const options = z.object({
  speed: z.string().transform(Number),
  fault: z.string().optional(),
});

export const demo = declare({
  name: 'demo',
  description: 'run the simulator alone and print its URLs (point your own tools at it)',
  options: [
    { flags: '--speed <n>', description: 'story seconds per real second', default: '20' },
    { flags: '--fault <backend=kind>', description: 'start with a fault: prometheus=5xx, loki=429, sentry=hang, ...' },
  ],
  schema: options,
  run: (o) =>
    withRuntime({ demo: { speed: o.speed } }, async (rt) => {
      const { sim } = rt.demo!;
      if (o.fault) {
        const [backend, kind] = o.fault.split('=');
        sim.fault(backend as Backend, kind === 'latency' ? { kind, ms: 2000 } : ({ kind } as never));
      }
      for (const [name, url] of Object.entries(sim.urls)) process.stdout.write(`${name.padEnd(12)} ${url}\n`);
      process.stdout.write('Ctrl-C to stop\n');
      // Ctrl-C is how this command ends: the simulator is closed on the way out, and the exit is 0.
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
    }),
});
