// A watch left open for 41 hours, compressed: 10,000 cycles of the demo story
// 15 story seconds apart, each polled and drawn by Ink at 160x60 as watch
// draws it, as fast as they run. New values, ages and log lines every cycle
// are new texts for Ink to measure and wrap. `npm run bench` bundles this file
// as bin/oncall.js is bundled, so the Ink measured is the one oncall runs, and
// runs it with --expose-gc. It prints, as JSON, for the start and for each
// 1,000 cycles the RSS and the live JS heap after a full collection.
// A regular full collection leaves the pages it freed mapped, for V8 to reuse:
// RSS after it lands anywhere in a band tens of MB wide. The `last-resort`
// collection (what V8 runs before it gives up on memory) also hands those
// pages back, so RSS after it is what the process holds: `rss`. The old
// figure, the lowest RSS of ten regular collections every 1,000 cycles, is
// kept beside it as `rssRegular`.
import { render } from 'ink';
import { nullTerminal, Screen, story } from './screen.js';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 10_000);
type Gc = (options?: { type?: 'major'; execution?: 'sync'; flavor?: 'regular' | 'last-resort' }) => void;
const gc: Gc = (globalThis as { gc?: Gc }).gc ?? (() => {});
const s = await story(6);
let drawn: () => void = () => {};
const first = await s.cycle(0);
// maxFps: each cycle's frame is drawn at once rather than held to 30 a second.
const app = render(<Screen {...first} />, { stdout: nullTerminal(), patchConsole: false, exitOnCtrlC: false, maxFps: 1000, onRender: () => drawn() });
const rss: number[] = [];
const rssRegular: number[] = [];
const heap: number[] = [];
/** What V8 holds for its heap, live or not. */
const heapTotal: number[] = [];
let floor = Infinity;
const sample = (keep: boolean) => {
  gc();
  floor = Math.min(floor, process.memoryUsage().rss);
  if (!keep) return;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  const m = process.memoryUsage();
  rss.push(m.rss);
  rssRegular.push(floor);
  heap.push(m.heapUsed);
  heapTotal.push(m.heapTotal);
  floor = Infinity;
};
sample(true);
const t0 = performance.now();
for (let i = 1; i <= CYCLES; i++) {
  const frame = await s.cycle(i * 15_000);
  const done = new Promise<void>((resolve) => (drawn = resolve));
  app.rerender(<Screen {...frame} />);
  await done;
  if (i % 100 === 0) sample(i % 1000 === 0);
}
const seconds = (performance.now() - t0) / 1000;
const http = s.http();
app.unmount();
await s.close();
console.log(JSON.stringify({ cycles: CYCLES, seconds, rss, rssRegular, heap, heapTotal, http }));
