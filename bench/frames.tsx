// The cost of one cycle's frame: the watch screen (header, 30-row SLO table,
// alerts, Sentry, logs, footer) at 160x60, drawn by Ink once per snapshot of
// the demo story. `npm run bench` bundles this file as bin/oncall.js is
// bundled, so the Ink measured is the one oncall runs.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Box, render } from 'ink';
import { parseConfig } from '../src/config/load.js';
import type { Snapshot } from '../src/engine/state.js';
import { startDemo } from '../src/demo/run.js';
import { PanelFetcher, type Panels } from '../src/poller/panels.js';
import { Poller } from '../src/poller/poller.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { Footer } from '../src/ui/Footer.js';
import { Header } from '../src/ui/Header.js';
import { MainView } from '../src/ui/MainView.js';
import { initialState } from '../src/ui/state/watch.js';
import { configWith } from './configs.js';

const WIDTH = 160;
const HEIGHT = 60;
const DEPLOY = 1_800_000_000_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forty cycles of the story from minute 5, through DocuSeal's spike: real answers from the simulator. */
async function storySnapshots(): Promise<Array<{ snap: Snapshot; panels: Panels }>> {
  const demo = await startDemo({ speed: 1, startAt: 0, deployAt: DEPLOY });
  const r = parseConfig(configWith(30, '15s'), demo.env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sources = createSources(r.config);
  const now = () => demo.clock.now();
  const poller = new Poller(r.config, sources, { now });
  const fetcher = new PanelFetcher(r.config, sources, now);
  const out: Array<{ snap: Snapshot; panels: Panels }> = [];
  for (let i = 0; i < 40; i++) {
    demo.clock.set(DEPLOY + 5 * 60_000 + i * 15_000);
    const [snap, panels] = await Promise.all([poller.cycle(), fetcher.fetch(DEPLOY)]);
    out.push({ snap, panels });
  }
  await closeSources(sources);
  await demo.sim.close();
  return out;
}

function Screen({ snap, panels }: { snap: Snapshot; panels: Panels }) {
  return (
    <Box flexDirection="column" width={WIDTH}>
      <Header service={snap.service} environment={snap.environment} sinceDeployMs={snap.at - DEPLOY} refreshMs={15_000} intervalMs={15_000} nextInMs={15_000} paused={false} sources={snap.sources} slowMs={2000} />
      <MainView snap={snap} panels={panels} focus="slos" rows={initialState.rows} filter="" width={WIDTH} height={HEIGHT} />
      <Footer next="next check: Hours 2-6 in 12m — press c" filtering={false} filter="" />
    </Box>
  );
}

const snaps = await storySnapshots();
let bytes = 0;
// Both bundles must write the same bytes: the swapped paths change the cost, not the screen.
const written = createHash('sha256');
const stdout = Object.assign(
  new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      written.update(chunk);
      done();
    },
  }),
  { columns: WIDTH, rows: HEIGHT, isTTY: true },
) as unknown as NodeJS.WriteStream;
// Ink calls onRender once a frame is written, which may be after rerender() returns.
let drawn: () => void = () => {};
const app = render(<Screen {...snaps[0]} />, { stdout, patchConsole: false, exitOnCtrlC: false, onRender: () => drawn() });
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 1; i <= 160; i++) {
  // Past Ink's 30 fps throttle, so each rerender draws at once, as a cycle's does.
  await sleep(40);
  const frame = new Promise<void>((resolve) => (drawn = resolve));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  app.rerender(<Screen {...snaps[i % snaps.length]} />);
  await frame;
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  // The first 40 frames warm the JIT up; a screen left open runs warm.
  if (i > 40) {
    wall.push(t1 - t0);
    cpu.push((c1.user + c1.system) / 1000);
  }
}
app.unmount();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ frames: wall.length, wallMs: median(wall), cpuMs: median(cpu), bytesPerFrame: Math.round(bytes / 161), sha256: written.digest('hex') }));
