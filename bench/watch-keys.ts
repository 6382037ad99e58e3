// The live watch in a real terminal (tmux) against the big-valid hostile
// backend (valid answers just under 16 MB to every metric query), and a
// healthy one for reference: how long `?` and Esc take to draw while the
// first cycle runs (the time includes tmux's own, a few ms), how long `q` takes to end
// the process, and the peak RSS (VmHWM) of the whole run.
// Run: npm run build && BENCH_ONLY=watch-keys node dist/bench/watch-keys.js [config]
// Figures only, never a test: the machines are shared and noisy.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesDir } from '../src/examples-dir.js';
import { hostileServer } from '../test/helpers/hostile-server.js';
import { newSession } from '../test/helpers/tmux.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.ONCALL_BENCH_CLI ?? join(ROOT, 'bin/oncall.js');
/** `?` and Esc in turn, every 250 ms from the first frame: through the whole first cycle (6 s) and its judging. */
const PRESSES = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const screen = (name: string) => execFileSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' });
const kb = (pid: number, key: string) => {
  try {
    return Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** Milliseconds until `ok(screen)`, polled every 5 ms, or null after `limitMs`. */
async function until(name: string, ok: (s: string) => boolean, limitMs = 30_000): Promise<number | null> {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    if (ok(screen(name))) return performance.now() - t0;
    await sleep(5);
  }
  return null;
}

async function measure(file: string, mode: 'big-valid' | 'healthy'): Promise<string> {
  const h = mode === 'healthy' ? await hostileServer('hang', { after: Number.MAX_SAFE_INTEGER }) : await hostileServer('big-valid');
  const name = `oncall-keys-${process.pid}`;
  const env = [`PROMETHEUS_URL=${h.url}`, `LOKI_ADDR=${h.url}`, `SENTRY_URL=${h.url}`, 'SENTRY_AUTH_TOKEN=sntrys_bench_token', 'CI=true'];
  // exec: the pane's process is the watch itself, so its /proc figures are the CLI's.
  newSession([
    '-s',
    name,
    '-x',
    '120',
    '-y',
    '40',
    ...env.flatMap((e) => ['-e', e]),
    `exec ${process.execPath} ${CLI} watch --config ${join(examplesDir(), file)}`,
  ]);
  const pid = Number(execFileSync('tmux', ['list-panes', '-t', name, '-F', '#{pane_pid}'], { encoding: 'utf8' }).trim());
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, kb(pid, 'VmHWM'))), 20);
  try {
    await until(name, (s) => s.includes('q quit'));
    // Well inside the first cycle, while the answers are read and decoded: `?` and Esc in turn, each timed to its frame.
    const times: number[] = [];
    for (let k = 0; k < PRESSES; k++) {
      await sleep(250);
      const open = k % 2 === 0;
      spawnSync('tmux', ['send-keys', '-t', name, open ? '?' : 'Escape']);
      const t = await until(name, (s) => s.includes('Keys') === open);
      if (t !== null) times.push(t);
    }
    if (screen(name).includes('Keys')) spawnSync('tmux', ['send-keys', '-t', name, 'Escape']);
    // Another cycle or two, for the memory a watch holds once running.
    await sleep(Number(process.env.WATCH_KEYS_RUN_MS ?? 20_000));
    const held = kb(pid, 'VmRSS');
    const t0 = performance.now();
    spawnSync('tmux', ['send-keys', '-t', name, 'q']);
    while (kb(pid, 'VmRSS') > 0 && performance.now() - t0 < 30_000) await sleep(5);
    const quit = performance.now() - t0;
    const ms = (x: number | null) => (x === null ? 'never' : `${Math.round(x)} ms`);
    const sorted = [...times].sort((a, b) => a - b);
    const keys = sorted.length < PRESSES ? `${PRESSES - sorted.length} never drawn` : `${ms(sorted[PRESSES / 2])} / ${ms(sorted[PRESSES - 1])}`;
    return `| ${file}${mode === 'big-valid' ? '' : ` (${mode})`} | ${keys} | ${ms(quit)} | ${Math.round(held / 1024)} | ${Math.round(peak / 1024)} |`;
  } finally {
    clearInterval(sampler);
    spawnSync('tmux', ['kill-session', '-t', name]);
    await h.close();
  }
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'watch-keys') {
  console.log(`live watch against big-valid: ${CLI}`);
  console.log('| config | `?`/Esc drawn, median / max of 24 through the first cycle | `q` to exit | RSS after 20 s MB | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|');
  const file = process.argv[2] ?? 'unified-workflow.yaml';
  for (const mode of ['healthy', 'big-valid'] as const) console.log(await measure(file, mode));
}
