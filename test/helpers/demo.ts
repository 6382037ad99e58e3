import assert from 'node:assert/strict';
import type { Config } from '../../src/config/types.js';
import { type Demo, startDemo } from '../../src/demo/run.js';
import { type AnySource, closeSources, createSources } from '../../src/sources/index.js';

/** A fixed deploy time, so story minutes map to exact clock times. */
export const DEPLOY = 1_800_000_000_000;
export const MIN = 60_000;

/** The simulator with its clock stopped at the deploy, and the demo config with short timeouts. */
export async function stoppedDemo(): Promise<{ demo: Demo; config: Config }> {
  const demo = await startDemo({ speed: 1, startAt: 0, deployAt: DEPLOY });
  const r = demo.load();
  assert.ok(r.ok);
  // Hangs should cost the suite a fraction of a second, not the default 5 s.
  for (const s of Object.values(r.config.sources)) s.timeoutMs = 400;
  return { demo, config: r.config };
}

/** The stopped demo plus its sources, for UI tests that share them across tests. */
export async function stoppedDemoWithSources(): Promise<{ demo: Demo; config: Config; sources: Map<string, AnySource>; close: () => Promise<void> }> {
  const { demo, config } = await stoppedDemo();
  const sources = createSources(config);
  return {
    demo,
    config,
    sources,
    close: async () => {
      await closeSources(sources);
      await demo.sim.close();
    },
  };
}
