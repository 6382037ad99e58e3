import type { Command } from 'commander';
import type { Backend } from '../src/demo/server.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the simulator alone and print its URLs (point your own tools at it)')
    .option('--speed <n>', 'story seconds per real second', '20')
    .option('--fault <backend=kind>', 'start with a fault: prometheus=5xx, loki=429, sentry=hang, ...')
    .action(async (opts: { speed: string; fault?: string }) => {
      const { startDemo } = await import('../src/demo/run.js');
      const demo = await startDemo({ speed: Number(opts.speed) });
      if (opts.fault) {
        const [backend, kind] = opts.fault.split('=');
        demo.sim.fault(backend as Backend, kind === 'latency' ? { kind, ms: 2000 } : ({ kind } as never));
      }
      for (const [name, url] of Object.entries(demo.sim.urls)) process.stdout.write(`${name.padEnd(11)} ${url}\n`);
      process.stdout.write('Ctrl-C to stop\n');
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await demo.sim.close();
    });
}
