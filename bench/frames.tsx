// The cost of one cycle's frame: the watch screen (header, 30-row SLO table,
// alerts, Sentry, logs, footer) at 160x60, drawn by Ink once per snapshot of
// the demo story. `npm run bench` bundles this file as bin/oncall.js is
// bundled, so the Ink measured is the one oncall runs.
import { createHash } from 'node:crypto';
import { render } from 'ink';
import { type Frame, nullTerminal, Screen, story } from './screen.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forty cycles of the story from minute 5, through DocuSeal's spike: real answers from the simulator. */
const s = await story(30);
const snaps: Frame[] = [];
for (let i = 0; i < 40; i++) snaps.push(await s.cycle(5 * 60_000 + i * 15_000));
await s.close();

let bytes = 0;
const written = createHash('sha256');
const stdout = nullTerminal((chunk) => {
  bytes += chunk.length;
  written.update(chunk);
});
// Ink calls onRender once a frame is written, which may be after rerender() returns.
let drawn: () => void = () => {};
const app = render(<Screen {...snaps[0]} />, { stdout, patchConsole: false, exitOnCtrlC: false, onRender: () => drawn() });
/** CPU ms of each frame Ink draws for `next(i)`, the first `warm` left out: the JIT warms up, a screen left open runs warm. */
async function frames(count: number, warm: number, next: (i: number) => Frame): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 1; i <= count; i++) {
    // Past Ink's 30 fps throttle, so each rerender draws at once, as a cycle's does.
    await sleep(40);
    const frame = new Promise<void>((resolve) => (drawn = resolve));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    app.rerender(<Screen {...next(i)} />);
    await frame;
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (i > warm) {
      wall.push(t1 - t0);
      cpu.push((c1.user + c1.system) / 1000);
    }
  }
  return { wall, cpu };
}
// A cycle's frame: new answers everywhere.
const cycles = await frames(160, 40, (i) => snaps[i % snaps.length]);
// A frame in which only the header's text changes, as a countdown's would each second.
const last = snaps[snaps.length - 1];
const ticks = await frames(60, 0, (i) => ({ ...last, nextAt: last.nextAt + i * 1000 }));
app.unmount();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    frames: cycles.wall.length,
    wallMs: median(cycles.wall),
    cpuMs: median(cycles.cpu),
    tickCpuMs: median(ticks.cpu),
    bytesPerFrame: Math.round(bytes / 221),
    sha256: written.digest('hex'),
  }),
);
