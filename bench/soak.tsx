// A watch left open for 41 hours, compressed: 10,000 cycles of the demo story
// 15 story seconds apart, each polled and drawn by Ink at 160x60 as watch
// draws it, as fast as they run. New values, ages and log lines every cycle
// are new texts for Ink to measure and wrap. `npm run bench` bundles this file
// as bin/oncall.js is bundled, so the Ink measured is the one oncall runs, and
// runs it with --expose-gc. It prints, as JSON, for the start and for each
// 1,000 cycles the RSS and the live JS heap after a full collection. RSS also
// counts pages V8 and malloc keep after a collection, tens of MB up and down
// from one sample to the next; the lowest of ten samples (one every 100
// cycles) is the figure for each 1,000, so that a growth shows through them.
import { render } from 'ink';
import { nullTerminal, Screen, story } from './screen.js';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const s = await story(6);
let drawn: () => void = () => {};
const first = await s.cycle(0);
// maxFps: each cycle's frame is drawn at once rather than held to 30 a second.
const app = render(<Screen {...first} />, { stdout: nullTerminal(), patchConsole: false, exitOnCtrlC: false, maxFps: 1000, onRender: () => drawn() });
const rss: number[] = [];
const heap: number[] = [];
/** What V8 holds for its heap, live or not: the part of RSS that a full collection does not give back at once. */
const heapTotal: number[] = [];
let floor = Infinity;
const sample = (keep: boolean) => {
  gc();
  const m = process.memoryUsage();
  floor = Math.min(floor, m.rss);
  if (!keep) return;
  rss.push(floor);
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
console.log(JSON.stringify({ cycles: CYCLES, seconds, rss, heap, heapTotal, http }));
