// Performance figures for docs/performance.md. Run with `npm run bench` (about
// 15 minutes). Nothing here is a pass/fail test: the machines are shared and noisy.
// BENCH_VS=<root of another checkout, built with `npm run build && node
// scripts/bundle.js --bench`>[:<another>…] measures those builds too, in the same
// run, beside this one: interleaved for the timings, at the same time for CPU and memory.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.js';
import { DEMO_TOKEN } from '../src/demo/server.js';
import { buildPlan } from '../src/poller/plan.js';
import { newSession } from '../test/helpers/tmux.js';
import { configWith } from './configs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/oncall.js');
/** The builds measured: this one, and those named by BENCH_VS (colon-separated). */
const builds: Array<{ name: string; root: string }> = [
  { name: 'this build', root: ROOT },
  ...(process.env.BENCH_VS ?? '')
    .split(':')
    .filter(Boolean)
    .map((root) => ({ name: root, root: join(root, '/') })),
];
const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startSim(): Promise<{ urls: Record<string, string>; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'demo', '--speed', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!out.includes('Ctrl-C')) await sleep(20);
  const urls = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .slice(0, 4)
      .map((l) => l.split(/\s+/) as [string, string]),
  );
  return { urls, child };
}

function env(urls: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PROMETHEUS_URL: urls.prometheus,
    LOKI_ADDR: urls.loki,
    SENTRY_URL: urls.sentry,
    SENTRY_AUTH_TOKEN: DEMO_TOKEN,
    DOCUSEAL_HOST: urls.docuseal,
  };
}

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

async function firstFrame(urls: Record<string, string>, file: string): Promise<number> {
  const session = `oncall-bench-${process.pid}`;
  const e = env(urls);
  const vars = ['PROMETHEUS_URL', 'LOKI_ADDR', 'SENTRY_URL', 'SENTRY_AUTH_TOKEN', 'DOCUSEAL_HOST'].map((k) => `${k}=${e[k]}`);
  const t0 = performance.now();
  newSession(['-s', session, '-x', '120', '-y', '40', 'env', ...vars, process.execPath, CLI, 'watch', '--config', file]);
  try {
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session);
      if (/SLO-006 .*│ (OK|WARN|CRIT)/.test(screen) && screen.includes('Logs')) return performance.now() - t0;
      if (performance.now() - t0 > 20_000) throw new Error(`no first frame:\n${screen}`);
      await sleep(5);
    }
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

function timeRun(args: string[], e: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: e, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

/** The exact requests a cycle sends, for the baseline script. */
function requestList(text: string, e: NodeJS.ProcessEnv): unknown[] {
  const r = parseConfig(text, e);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const plan = buildPlan(r.config);
  const now = Date.now();
  const reqs: unknown[] = [];
  for (const q of plan.queries.values()) {
    const src = r.config.sources[q.source];
    const origin = new URL(src.url).origin;
    if (src.type === 'prometheus') {
      const form: Record<string, string> =
        q.kind === 'instant'
          ? { query: q.query, time: String(now / 1000) }
          : { query: q.query, start: String((now - q.spanMs) / 1000), end: String(now / 1000), step: String(q.stepMs / 1000) };
      reqs.push({
        origin,
        method: 'POST',
        path: `/api/v1/${q.kind === 'instant' ? 'query' : 'query_range'}`,
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    } else if (src.type === 'loki') {
      reqs.push({ origin, method: 'GET', path: `/loki/api/v1/query?${new URLSearchParams({ query: q.query, time: `${now}000000` })}`, headers: {} });
    } else {
      const p = new URLSearchParams({
        yAxis: 'count()',
        interval: '60s',
        start: new Date(now - q.windowMs).toISOString(),
        end: new Date(now).toISOString(),
        query: q.query,
      });
      reqs.push({
        origin,
        method: 'GET',
        path: `/api/0/organizations/${String(src.options.org)}/events-stats/?${p}`,
        headers: { authorization: `Bearer ${DEMO_TOKEN}` },
      });
    }
  }
  return reqs;
}

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

/**
 * CPU of each build's watch process, all its threads, minute by minute from
 * the moment it is started: the first minute carries the start and V8's
 * warm-up (its compiler threads), the later ones are what a screen left open
 * for hours costs. The builds run at once, each in its own tmux pane, against
 * the same simulator, so a busy spell on the machine falls on all alike.
 */
async function idleCpu(urls: Record<string, string>, file: string, minutes: number): Promise<Array<{ perMinute: number[]; rss: number }>> {
  const e = env(urls);
  const vars = ['PROMETHEUS_URL', 'LOKI_ADDR', 'SENTRY_URL', 'SENTRY_AUTH_TOKEN', 'DOCUSEAL_HOST'].map((k) => `${k}=${e[k]}`);
  const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  const sessions = builds.map((_, i) => `oncall-idle-${process.pid}-${i}`);
  try {
    const t0 = performance.now();
    const pids = sessions.map((session, i) => {
      newSession(['-s', session, '-x', '160', '-y', '60', 'env', ...vars, process.execPath, join(builds[i].root, 'bin/oncall.js'), 'watch', '--config', file]);
      // The pane's process is `env`, which becomes node: its counts start at zero.
      return Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
    });
    const out = pids.map(() => ({ perMinute: [] as number[], rss: 0 }));
    const last = pids.map(() => 0);
    for (let m = 1; m <= minutes; m++) {
      await sleep(t0 + m * 60_000 - performance.now());
      pids.forEach((pid, i) => {
        const t = cpuTicks(pid);
        out[i].perMinute.push(((t - last[i]) / hz / 60) * 100);
        last[i] = t;
      });
    }
    // The drawing screen's memory, which the soak (no terminal) does not see.
    pids.forEach((pid, i) => (out[i].rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024));
    return out;
  } finally {
    for (const session of sessions) spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

interface Soak {
  cycles: number;
  seconds: number;
  /** After a full collection, at the start and every 1,000 cycles. */
  rss: number[];
  /** The lowest RSS of ten regular full collections (builds before the last-resort sample have only this, as `rss`). */
  rssRegular?: number[];
  heap: number[];
  heapTotal?: number[];
  http: Array<{ name: string; requests: number; connections: number }>;
}

/** Each build's render soak (bench/soak.tsx, bundled), all at once. */
async function soaks(cycles: number): Promise<Soak[]> {
  const one = (root: string) =>
    new Promise<Soak>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', join(root, 'dist/bench/soak/soak.js')], {
        env: { ...process.env, BENCH_CYCLES: String(cycles) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.on('close', (code) =>
        code === 0 ? resolve(JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as Soak) : reject(new Error(`${root} soak exited ${code}`)),
      );
    });
  return Promise.all(builds.map((b) => one(b.root)));
}

/** Growth over the samples from `from` on: the least-squares line through them, end minus start, which one high or low sample moves less than it moves the difference of the two ends. */
function growth(samples: number[], from: number): number {
  const ys = samples.slice(from);
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const slope = ys.reduce((a, y, x) => a + (x - mx) * (y - my), 0) / ys.reduce((a, _, x) => a + (x - mx) ** 2, 0);
  return slope * (n - 1);
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

// BENCH_ONLY=frame|once|redraw|cpu|soak runs one part.
const only = process.env.BENCH_ONLY;
const part = (name: string) => !only || only === name;
const sim = await startSim();
try {
  const demoFile = join(dir, 'demo.yaml');
  writeFileSync(demoFile, configWith(6, '15s'));
  const e = env(sim.urls);

  const frames: number[] = [];
  for (let i = 0; i < 5 && part('frame'); i++) frames.push(await firstFrame(sim.urls, demoFile));
  if (part('frame'))
    console.log(
      `first frame with data (watch, demo config, 6 SLOs + 6 alerts, in tmux): median ${median(frames).toFixed(0)} ms of ${frames.map((f) => f.toFixed(0)).join(', ')}`,
    );

  const reqFile = join(dir, 'requests.json');
  writeFileSync(reqFile, JSON.stringify(requestList(configWith(6, '15s'), e)));
  const once: number[][] = builds.map(() => []);
  const base: number[] = [];
  const baseBundled: number[] = [];
  // Interleaved, so that a busy spell on the machine falls on all alike.
  for (let i = 0; i < 15 && part('once'); i++) {
    builds.forEach((b, j) => once[j].push(timeRun([join(b.root, 'bin/oncall.js'), 'watch', '--once', '--json', '--config', demoFile], e)));
    base.push(timeRun([join(ROOT, 'dist/bench/baseline.js'), reqFile], e));
    baseBundled.push(timeRun([join(ROOT, 'dist/bench/baseline.bundle.js'), reqFile], e));
  }
  if (part('once')) {
    const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms`;
    const ratio = (xs: number[], of: number[]) => `${(median(xs) / median(of)).toFixed(2)}x`;
    console.log(
      `--once --json, demo config; undici baseline with the same ${JSON.parse(readFileSync(reqFile, 'utf8')).length} requests: ${ms(base)} as a plain script, ${ms(baseBundled)} bundled like oncall`,
    );
    builds.forEach((b, j) =>
      console.log(
        `  ${b.name} (bundled, as bin/oncall.js runs it): ${ms(once[j])}; overhead ${ratio(once[j], base)} over the plain baseline, ${ratio(once[j], baseBundled)} over the bundled one`,
      ),
    );
  }

  if (part('redraw')) {
    // Interleaved, as above; each run is a fresh process drawing 160 frames of cycles and 60 in which only the header changes.
    const redraw = (root: string) => {
      const out = execFileSync(process.execPath, [join(root, 'dist/bench/frames/frames.js')], {
        env: { ...process.env, FORCE_COLOR: '2' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { cpuMs: number; tickCpuMs?: number };
    };
    const cycle: number[][] = builds.map(() => []);
    const tick: number[][] = builds.map(() => []);
    for (let i = 0; i < 3; i++) {
      builds.forEach((b, j) => {
        const r = redraw(b.root);
        cycle[j].push(r.cpuMs);
        if (r.tickCpuMs !== undefined) tick[j].push(r.tickCpuMs);
      });
    }
    const ms = (xs: number[]) => (xs.length ? `${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(1)).join(', ')})` : 'not measured by that build');
    console.log(`redraw at 160x60 (header, 30 SLOs, alerts, Sentry, logs), CPU per frame, median of a run's warm frames, 3 runs:`);
    builds.forEach((b, j) =>
      console.log(`  ${b.name}: a cycle's frame ${ms(cycle[j])}; a frame changing only the header (what a countdown would cost a second) ${ms(tick[j])}`),
    );
  }

  const file30 = join(dir, 'thirty.yaml');
  writeFileSync(file30, configWith(30, '15s'));
  if (part('cpu')) {
    const minutes = Number(process.env.BENCH_MINUTES ?? 5);
    const runs = await idleCpu(sim.urls, file30, minutes);
    console.log(`idle CPU watching 30 SLO panels + 6 alerts at a 15 s refresh (160x60), % of one core, minute by minute from the start:`);
    builds.forEach((b, j) => console.log(`  ${b.name}: ${runs[j].perMinute.map((m) => m.toFixed(2)).join(', ')}; RSS after: ${mb(runs[j].rss)}`));
  }

  if (part('soak')) {
    const runs = await soaks(Number(process.env.BENCH_CYCLES ?? 10_000));
    console.log(
      `render soak (bench/soak.tsx): cycles of the demo story 15 story-seconds apart, each polled and drawn at 160x60; per 1,000 cycles, RSS after a last-resort GC (which hands freed pages back) and, beside it, the lowest RSS of ten regular full GCs:`,
    );
    builds.forEach((b, j) => {
      const r = runs[j];
      console.log(
        `  ${b.name}: ${r.cycles} cycles in ${r.seconds.toFixed(0)} s; growth over the last 8,000 cycles: RSS ${mb(r.rss[r.rss.length - 1] - r.rss[2])} end to end, ${mb(growth(r.rss, 2))} fitted; live heap ${mb(r.heap[r.heap.length - 1] - r.heap[2])}`,
      );
      console.log(`    RSS ${r.rss.map(mb).join(', ')}`);
      if (r.rssRegular)
        console.log(
          `    RSS after regular GCs ${r.rssRegular.map(mb).join(', ')}; growth ${mb(r.rssRegular[r.rssRegular.length - 1] - r.rssRegular[2])} end to end, ${mb(growth(r.rssRegular, 2))} fitted`,
        );
      console.log(`    live heap ${r.heap.map(mb).join(', ')}`);
      if (r.heapTotal) console.log(`    V8 heap held ${r.heapTotal.map(mb).join(', ')}`);
      console.log(
        `    ${r.http.map((h) => `${h.name} ${(h.requests / (r.cycles + 1)).toFixed(2)} requests a cycle, ${h.connections} TCP connections`).join('; ')}`,
      );
    });
  }
} finally {
  sim.child.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
