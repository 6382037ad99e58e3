// How long one poll cycle blocks the event loop (so the keys) when a backend
// answers with large but valid bodies: a real HTTP server on loopback serves
// ~15 MB Prometheus answers (under the transport's default size limit), each
// stamped inside the range the poller asked for, and `monitorEventLoopDelay`
// samples the loop around one Poller.cycle().
// Run: npm run build && node dist/bench/event-loop.js [runs]
// Figures only, never a test: the machines are shared and noisy.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config/load.js';
import { evaluatedAt, Poller } from '../src/poller/poller.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { parseQuery } from '../src/sources/prometheus/decode.js';

// Just under the default body_size_limit (16MB), so the answer is read, not refused.
const TARGET_BYTES = 15 * 1024 * 1024;
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const QUERY = 'histogram_quantile(0.95, rate(x_bucket[$window]))';

interface Shape {
  name: string;
  /** What reads the answers: each entry's query gets its own ~15 MB answer. */
  entries: string;
  resultType: 'matrix' | 'vector';
  /** Series per answer (a vector: as many as fit). */
  series: number;
}

const SHAPES: Shape[] = [
  {
    name: 'an SLO and an alert (for 5m), 9,000 series each, 41 points a series',
    entries: `slos:\n  - { id: P95, name: p95, source: prometheus, unit: s, objective: "< 500ms", query: "${QUERY}" }\nalerts:\n  - { id: SLOW, source: prometheus, unit: s, query: "${QUERY} > 0", condition: "> 150ms for 5m" }\n`,
    resultType: 'matrix',
    series: 9_000,
  },
  {
    name: 'an alert (for 1d), 100 series of 5,762 points',
    entries: `alerts:\n  - { id: SLOW, source: prometheus, unit: s, query: "${QUERY}", condition: "> 150ms for 1d" }\n`,
    resultType: 'matrix',
    series: 100,
  },
  {
    name: 'an SLO, a vector of 1 point a series, as many as fit',
    entries: `slos:\n  - { id: P95, name: p95, source: prometheus, unit: s, objective: "< 500ms", query: "${QUERY}" }\n`,
    resultType: 'vector',
    series: 0,
  },
];

// Kubernetes-like labels; `pad` lengthens a per-series container id to fill the answer.
const labelsOf = (i: number, pad = '') =>
  JSON.stringify({
    __name__: 'http_request_duration_seconds',
    job: 'api',
    namespace: 'prod',
    instance: `10.0.${i % 250}.${i % 200}:9100`,
    path: `/v1/items/${i}`,
    pod: `api-7d9f8b6c5-${i.toString(36)}`,
    ...(pad ? { container_id: `containerd://${i.toString(16).padStart(8, '0')}${pad}` } : {}),
  });
const sample = (tMs: number, i: number) => `[${(tMs / 1000).toFixed(3)},"${(0.1 + (i % 100) / 1000).toFixed(3)}"]`;

/** A valid answer of about TARGET_BYTES, samples every `stepMs` from `startMs` to `endMs`, in Prometheus' exact wire format. */
function body(shape: Shape, startMs: number, endMs: number, stepMs: number): { text: string; series: number; points: number } {
  const parts: string[] = [];
  if (shape.resultType === 'vector') {
    let size = 0;
    for (let i = 0; size < TARGET_BYTES; i++) {
      const one = `{"metric":${labelsOf(i)},"value":${sample(endMs, i)}}`;
      parts.push(one);
      size += one.length + 1;
    }
    return { text: `{"status":"success","data":{"resultType":"vector","result":[${parts.join(',')}]}}`, series: parts.length, points: parts.length };
  }
  const times: number[] = [];
  for (let t = startMs; t <= endMs; t += stepMs) times.push(t);
  const values = (i: number) => times.map((t, k) => sample(t, i + k)).join(',');
  // Long label sets (as Kubernetes gives) fill what the samples leave of the target.
  const room = TARGET_BYTES / shape.series - values(0).length - labelsOf(0).length - 30;
  const pad = 'x'.repeat(Math.max(0, Math.floor(room)));
  for (let i = 0; i < shape.series; i++) parts.push(`{"metric":${labelsOf(i, pad)},"values":[${values(i)}]}`);
  return {
    text: `{"status":"success","data":{"resultType":"matrix","result":[${parts.join(',')}]}}`,
    series: shape.series,
    points: shape.series * times.length,
  };
}

async function measure(shape: Shape, runs: number): Promise<void> {
  const bodies = new Map<string, string>();
  const server = createServer((req, res) => {
    let form = '';
    req.on('data', (c) => (form += c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies.get(new URLSearchParams(form).get('query') ?? '') ?? '{"status":"success","data":{"resultType":"vector","result":[]}}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A 10 s timeout, so the transfer is never what ends a cycle.
  const r = parseConfig(`version: 1\nservice: bench\nsources:\n  prometheus: { url: "${url}", timeout: 10s }\n${shape.entries}`, {});
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  // Each answer is built before the clock starts, for exactly the range the poller will ask.
  const plan = new Poller(r.config, new Map()).plan;
  let sizes = '';
  for (const q of plan.queries.values()) {
    const at = evaluatedAt(q, NOW, plan.stepMs);
    const b = body(shape, at - q.spanMs, at, q.stepMs);
    bodies.set(q.query, b.text);
    sizes += `${sizes ? '; ' : ''}${(b.text.length / 1024 / 1024).toFixed(1)} MB, ${b.series} series, ${b.points} points`;
  }
  console.log(`\n${shape.name}\n  answers: ${sizes}`);
  for (let i = 0; i < runs; i++) {
    const sources = createSources(r.config);
    const poller = new Poller(r.config, sources, { now: () => NOW });
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    const snap = await poller.cycle();
    const wall = performance.now() - t0;
    // The sampler records a block when it next runs: give it that turn before reading it.
    await new Promise((res) => setTimeout(res, 20));
    h.disable();
    await closeSources(sources);
    console.log(`  cycle ${wall.toFixed(0)} ms; event loop blocked max ${(h.max / 1e6).toFixed(0)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms`);
    if (i === 0) for (const x of [...snap.slos, ...snap.alerts]) console.log(`    ${x.id} ${x.status}: ${x.reason.slice(0, 100)}`);
  }
  // What the same answer costs decoded on the main thread, in one piece.
  const first = [...bodies.values()][0];
  const t1 = performance.now();
  JSON.parse(first);
  const t2 = performance.now();
  parseQuery({ status: 200, headers: {}, body: first });
  const t3 = performance.now();
  console.log(`  on the main thread alone: JSON.parse ${(t2 - t1).toFixed(0)} ms; parseQuery (JSON.parse, bound, zod, series) ${(t3 - t2).toFixed(0)} ms`);
  await new Promise<void>((res) => server.close(() => res()));
}

// Run by `npm run bench` after hostile.ts; alone with BENCH_ONLY=event-loop.
const runs = Number(process.argv[2] ?? 3);
const only = process.env.BENCH_ONLY;
if (!only || only === 'event-loop') for (const shape of SHAPES) await measure(shape, runs);
