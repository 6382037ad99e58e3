// Wall time and peak RSS of the built CLI against each mode of the hostile
// test backend (test/helpers/hostile-server.ts): `watch --once --json` (the
// pool path, for all three sources) and `doctor` (Sentry through @sentry/api),
// on examples/demo.yaml with every URL pointed at the hostile server. Run by
// `npm run bench` after run.ts, alone with `BENCH_ONLY=hostile`; prints a
// markdown table for docs/performance-hostile.md. ONCALL_BENCH_CLI runs
// another build (an older checkout's bin/oncall.js) for a before/after.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesDir } from '../src/examples-dir.js';
import { visibleControls } from '../src/text/sanitize.js';
import { type HostileMode, type HostileOptions, hostileServer } from '../test/helpers/hostile-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.ONCALL_BENCH_CLI ?? join(ROOT, 'bin/oncall.js');
// A run past these is killed: an unbounded build would otherwise take the shared machine down with it.
const MAX_WALL_MS = 60_000;
const MAX_RSS_KB = 3 * 1024 * 1024;

const MODES: Array<[string, HostileMode, HostileOptions]> = [
  ['healthy (reference)', 'hang', { after: Number.MAX_SAFE_INTEGER }],
  ['endless', 'endless', {}],
  ['huge (64 MB answers)', 'huge', { mb: 64 }],
  ['big-valid (~15 MB answers)', 'big-valid', {}],
  ['slow-body', 'slow-body', {}],
  ['gzip-bomb (1 MB -> 1 GiB)', 'gzip-bomb', {}],
  ['echo-secrets', 'echo-secrets', {}],
  ['escapes', 'escapes', {}],
  ['odd-values', 'odd-values', {}],
  ['retry-after (999999)', 'retry-after', {}],
  ['hang', 'hang', {}],
];

interface Run {
  wallMs: number;
  peakKb: number;
  exit: string;
  stdout: string;
  stderr: string;
}

const kbOf = (status: string, key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);

/** One run of the CLI, its peak RSS sampled from /proc every 10 ms (VmHWM never goes down). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peakKb = 0;
    let killed = '';
    const sample = setInterval(() => {
      let status: string;
      try {
        status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      } catch {
        return;
      }
      peakKb = Math.max(peakKb, kbOf(status, 'VmHWM'));
      if (kbOf(status, 'VmRSS') > MAX_RSS_KB) killed ||= `killed at ${MAX_RSS_KB / 1024 / 1024} GB RSS`;
      if (performance.now() - t0 > MAX_WALL_MS) killed ||= `killed after ${MAX_WALL_MS / 1000} s`;
      if (killed) child.kill('SIGKILL');
    }, 10);
    child.on('close', (code, signal) => {
      clearInterval(sample);
      resolve({ wallMs: performance.now() - t0, peakKb, exit: killed || (signal ? String(signal) : String(code)), stdout, stderr });
    });
  });
}

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the panels said, one source each, or how the process ended without saying it. */
function said(command: 'watch' | 'doctor', r: Run): string {
  if (command === 'watch') {
    try {
      const doc = JSON.parse(r.stdout) as {
        sources: Array<{ name: string; ok: boolean; error: string | null }>;
        slos: Array<{ id: string; status: string; reason: string }>;
      };
      const sources = doc.sources.map((s) => `${s.name}: ${s.ok ? 'ok' : clip(s.error ?? '')}`).join('; ');
      // Sources that answered can still have answered nonsense: say how the SLOs read it.
      const slos = doc.sources.some((s) => s.ok) ? doc.slos.map((s) => `${s.status}`).join(' ') : '';
      const unknown = doc.slos.find((s) => s.status === 'unknown');
      return `${sources}${slos ? `; SLOs: ${slos}` : ''}${unknown ? ` (${unknown.id}: ${clip(unknown.reason, 60)})` : ''}`;
    } catch {
      /* not a document: say what ended it */
    }
  } else if (r.stdout.trim()) {
    return r.stdout
      .trim()
      .split('\n')
      .map((l) => clip(l.replace(/^(ok|FAIL)\s+(\S+)\s+\S+\s+\S+\s+/, '$1 $2: ')))
      .join('; ');
  }
  // A crash prints the source line first; the error's own line says what it was.
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  const line = lines.find((l) => /^\w*(Error|Exception)\b/.test(l)) ?? lines[0];
  return line ? `stderr: ${clip(line, 100)}` : '(nothing)';
}

const cell = (s: string) => visibleControls(s).replace(/\|/g, '\\|');

/** The attacker's runs: valid answers just under the 16 MB limit to every metric query, on the larger examples. */
const BIG: Array<[string, string[]]> = [
  ['unified-workflow.yaml', ['watch', '--once', '--json']],
  ['hastecrm.yaml', ['watch', '--once', '--json']],
  ['saas-platform.yaml', ['watch', '--once', '--json']],
  ['unified-workflow.yaml', ['report']],
  ['unified-workflow.yaml', ['check', '--json', '--hour', '1']],
  ['unified-workflow.yaml', ['incident', 'critical-alert', '--json']],
];

const only = process.env.BENCH_ONLY;
if (!only || only === 'hostile' || only === 'big-valid') {
  console.log(`big-valid backend (3,500 series x 150 points a range, 9,999 series an instant query): ${CLI}`);
  console.log('| config | command | wall s | peak RSS MB | exit | what it said |');
  console.log('|---|---|---:|---:|---|---|');
  for (const [file, args] of BIG) {
    const h = await hostileServer('big-valid');
    const env = { ...process.env, PROMETHEUS_URL: h.url, LOKI_ADDR: h.url, SENTRY_URL: h.url, SENTRY_AUTH_TOKEN: 'sntrys_bench_token' };
    const r = await run([...args, '--config', join(examplesDir(), file)], env);
    await h.close();
    const what = args[0] === 'watch' ? said('watch', r) : clip(r.stdout.trim().split('\n')[0] ?? '') || said('watch', r);
    console.log(`| ${file} | ${args.join(' ')} | ${(r.wallMs / 1000).toFixed(1)} | ${Math.round(r.peakKb / 1024)} | ${r.exit} | ${cell(what)} |`);
  }
}
if (!only || only === 'hostile') {
  const config = join(examplesDir(), 'demo.yaml');
  console.log(`hostile backends: ${CLI}, ${config}`);
  console.log('| mode | command | wall s | peak RSS MB | exit | what it said |');
  console.log('|---|---|---:|---:|---|---|');
  for (const [label, mode, opts] of MODES) {
    for (const command of ['watch', 'doctor'] as const) {
      const h = await hostileServer(mode, opts);
      const env = { ...process.env, PROMETHEUS_URL: h.url, LOKI_ADDR: h.url, SENTRY_URL: h.url, SENTRY_AUTH_TOKEN: 'sntrys_bench_token', DOCUSEAL_HOST: h.url };
      const args = command === 'watch' ? ['watch', '--once', '--json', '--config', config] : ['doctor', '--config', config];
      const r = await run(args, env);
      await h.close();
      console.log(
        `| ${label} | ${command === 'watch' ? 'watch --once --json' : 'doctor'} | ${(r.wallMs / 1000).toFixed(1)} | ${Math.round(r.peakKb / 1024)} | ${r.exit} | ${cell(said(command, r))} |`,
      );
    }
  }
}
