// Performance figures for the README. Run with `npm run bench` (about 10 minutes).
// Nothing here is a pass/fail test: the machines are shared and noisy.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.js';
import { DEMO_TOKEN } from '../src/demo/server.js';
import { buildPlan } from '../src/poller/plan.js';
import { Poller } from '../src/poller/poller.js';
import { PanelFetcher } from '../src/poller/panels.js';
import { createSources, closeSources } from '../src/sources/index.js';
import type { HttpClient } from '../src/sources/http.js';
import { newSession } from '../test/helpers/tmux.js';
import { configWith } from './configs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/oncall.js');
const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startSim(): Promise<{ urls: Record<string, string>; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'demo', '--speed', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  while (!out.includes('Ctrl-C')) await sleep(20);
  const urls = Object.fromEntries(out.trim().split('\n').slice(0, 4).map((l) => l.split(/\s+/) as [string, string]));
  return { urls, child };
}

function env(urls: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PROMETHEUS_URL: urls.prometheus, LOKI_ADDR: urls.loki, SENTRY_URL: urls.sentry, SENTRY_AUTH_TOKEN: DEMO_TOKEN, DOCUSEAL_HOST: urls.docuseal };
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
      const form: Record<string, string> = q.kind === 'instant' ? { query: q.query, time: String(now / 1000) } : { query: q.query, start: String((now - q.spanMs) / 1000), end: String(now / 1000), step: String(q.stepMs / 1000) };
      reqs.push({ origin, method: 'POST', path: `/api/v1/${q.kind === 'instant' ? 'query' : 'query_range'}`, body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    } else if (src.type === 'loki') {
      reqs.push({ origin, method: 'GET', path: `/loki/api/v1/query?${new URLSearchParams({ query: q.query, time: `${now}000000` })}`, headers: {} });
    } else {
      const p = new URLSearchParams({ yAxis: 'count()', interval: '60s', start: new Date(now - q.windowMs).toISOString(), end: new Date(now).toISOString(), query: q.query });
      reqs.push({ origin, method: 'GET', path: `/api/0/organizations/${src.options.org}/events-stats/?${p}`, headers: { authorization: `Bearer ${DEMO_TOKEN}` } });
    }
  }
  return reqs;
}

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

/**
 * CPU of the watch process, all its threads, minute by minute: the first
 * minute carries V8's warm-up (its compiler threads), the later ones are what
 * a screen left open for hours costs.
 */
async function idleCpu(urls: Record<string, string>, file: string, minutes: number): Promise<{ perMinute: number[]; rss: number }> {
  const session = `oncall-idle-${process.pid}`;
  const e = env(urls);
  const vars = ['PROMETHEUS_URL', 'LOKI_ADDR', 'SENTRY_URL', 'SENTRY_AUTH_TOKEN', 'DOCUSEAL_HOST'].map((k) => `${k}=${e[k]}`);
  newSession(['-s', session, '-x', '160', '-y', '60', 'env', ...vars, process.execPath, CLI, 'watch', '--config', file]);
  try {
    await sleep(5000);
    const pid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    const perMinute: number[] = [];
    let t0 = cpuTicks(pid);
    for (let m = 0; m < minutes; m++) {
      await sleep(60_000);
      const t1 = cpuTicks(pid);
      perMinute.push(((t1 - t0) / hz / 60) * 100);
      t0 = t1;
    }
    // The drawing screen's memory, which the soak (no screen) does not see.
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
    return { perMinute, rss };
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

/** What a client's pool has done: every built-in client keeps its HttpClient as `http`. */
function httpOf(s: object): { requests: number; connections: number } {
  const { http } = s as { http: HttpClient };
  return { requests: http.requests, connections: http.connections };
}

async function soak(urls: Record<string, string>, cycles: number) {
  const text = `version: 1
service: soak
refresh: 10ms
sources:
  prometheus: { url: "${urls.prometheus}" }
  loki: { url: "${urls.loki}" }
slos:
  - { id: P95, name: p95, source: prometheus, unit: s, objective: "< 500ms", warning: "> 500ms for 5m", query: "histogram_quantile(0.95, sum by (le) (rate(task_query_duration_seconds_bucket[$window])))" }
  - { id: PDF, name: pdf, source: prometheus, unit: s, objective: "< 5s", query: "histogram_quantile(0.95, sum by (le) (rate(pdf_generation_duration_seconds_bucket[$window])))" }
alerts:
  - { id: DOC, source: loki, query: 'sum(count_over_time({app="practice-hub"} |= "DocuSeal API call failed" [$window]))', condition: "> 10 in 5m" }
  - { id: S3, source: prometheus, query: "sum(increase(s3_upload_errors_total[$window]))", condition: "> 5 in 5m" }
logs: { source: loki, query: '{app="practice-hub"}', limit: 20 }
`;
  const r = parseConfig(text, {});
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sources = createSources(r.config);
  const poller = new Poller(r.config, sources);
  const panels = new PanelFetcher(r.config, sources);
  await poller.cycle();
  await panels.fetch(null);
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  const t0 = performance.now();
  const samples: number[] = [];
  for (let i = 0; i < cycles; i++) {
    await poller.cycle();
    if (i % 10 === 0) await panels.fetch(null);
    await sleep(10);
    if (i % 1000 === 999) {
      global.gc?.();
      samples.push(process.memoryUsage().rss);
    }
  }
  const elapsed = performance.now() - t0;
  global.gc?.();
  const rssEnd = process.memoryUsage().rss;
  const http = [...sources.values()].map((s) => ({ name: s.name, ...httpOf(s), pool: r.config.sources[s.name].concurrency }));
  await closeSources(sources);
  return { rssStart, rssEnd, samples, elapsed, http, queriesPerCycle: poller.plan.queries.size };
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
  if (part('frame')) console.log(`first frame with data (watch, demo config, 6 SLOs + 6 alerts, in tmux): median ${median(frames).toFixed(0)} ms of ${frames.map((f) => f.toFixed(0)).join(', ')}`);

  const reqFile = join(dir, 'requests.json');
  writeFileSync(reqFile, JSON.stringify(requestList(configWith(6, '15s'), e)));
  const once: number[] = [];
  const base: number[] = [];
  const baseBundled: number[] = [];
  // Interleaved, so that a busy spell on the machine falls on all three alike.
  for (let i = 0; i < 15 && part('once'); i++) {
    once.push(timeRun([CLI, 'watch', '--once', '--json', '--config', demoFile], e));
    base.push(timeRun([join(ROOT, 'dist/bench/baseline.js'), reqFile], e));
    baseBundled.push(timeRun([join(ROOT, 'dist/bench/baseline.bundle.js'), reqFile], e));
  }
  if (part('once')) {
    const ms = (xs: number[]) => `median ${median(xs).toFixed(0)} ms`;
    const ratio = (xs: number[]) => `${(median(once) / median(xs)).toFixed(2)}x`;
    console.log(`--once --json (bundled, as bin/oncall.js runs it): ${ms(once)}; undici baseline with the same ${JSON.parse(readFileSync(reqFile, 'utf8')).length} requests: ${ms(base)} as a plain script (overhead ${ratio(base)}), ${ms(baseBundled)} bundled like oncall (overhead ${ratio(baseBundled)})`);
  }

  if (part('redraw')) {
    // Interleaved, as above; each run is a fresh process drawing 160 frames.
    const redraw = (variant: string) => {
      const out = execFileSync(process.execPath, [join(ROOT, 'dist/bench', variant, 'frames.js')], { env: { ...process.env, FORCE_COLOR: '2' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { cpuMs: number; sha256: string };
    };
    const ours: number[] = [];
    const inks: number[] = [];
    const screens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      for (const [variant, into] of [['frames', ours], ['frames-ink', inks]] as const) {
        const r = redraw(variant);
        into.push(r.cpuMs);
        screens.add(r.sha256);
      }
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(1)).join(', ')})`;
    console.log(`one cycle's redraw (header, 30 SLOs, alerts, Sentry, logs at 160x60; CPU per frame, median of 120 warm frames, 3 runs): ${ms(ours)} as oncall bundles Ink, ${ms(inks)} with Ink as it comes (none of the swaps in scripts/bundle.js); identical bytes written: ${screens.size === 1 ? 'yes' : 'NO'}`);
  }

  const file30 = join(dir, 'thirty.yaml');
  writeFileSync(file30, configWith(30, '15s'));
  if (part('cpu')) {
    const { perMinute, rss } = await idleCpu(sim.urls, file30, 5);
    console.log(`idle CPU watching 30 SLO panels + 6 alerts at a 15 s refresh (160x60), % of one core, minute by minute from 5 s after start: ${perMinute.map((m) => m.toFixed(2)).join(', ')}; RSS after: ${mb(rss)}`);
  }

  if (part('soak')) {
    const s = await soak(sim.urls, Number(process.env.BENCH_CYCLES ?? 10_000));
    console.log(`soak: ${s.samples.length * 1000} cycles at a 10 ms interval in ${(s.elapsed / 1000).toFixed(0)} s; RSS after start ${mb(s.rssStart)}, after ${mb(s.rssEnd)}; every 1000 cycles: ${s.samples.map(mb).join(', ')}`);
    for (const h of s.http) console.log(`  ${h.name}: ${h.requests} requests (${(h.requests / (s.samples.length * 1000 + 1)).toFixed(2)} per cycle), ${h.connections} TCP connections opened (pool ${h.pool})`);
    console.log(`  queries per cycle in the plan: ${s.queriesPerCycle}`);
  }
} finally {
  sim.child.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
