// Large metric answers are read off the main thread. JSON.parse and the schema
// cost about 60 ms a megabyte here; a 16 MB answer held the event loop, and so
// the keys, for up to a second. Above OFF_THREAD_BYTES the adapter's own
// translation runs in a worker, which hands back the samples packed in typed
// arrays (moved, not copied); the Point objects are rebuilt here a slice at a
// time, letting keys in between. Small answers, nearly all, stay on this thread.
import { Worker } from 'node:worker_threads';
import type { HttpResponse } from './http.js';
import { knownSecrets } from '../text/redact.js';
import type { Failure, Result, Series } from './types.js';

export type MetricFormat = 'prometheus' | 'loki';

export const OFF_THREAD_BYTES = 1024 * 1024;
/** Points rebuilt between two turns of the event loop (a few ms of work). */
const SLICE = 50_000;

export interface Packed {
  ok: true;
  labels: Array<Record<string, string>>;
  /** Series i's samples are at [offsets[i], offsets[i + 1]) of `samples`, as t, v pairs. */
  offsets: Uint32Array;
  samples: Float64Array;
  warnings?: string[];
}
export type Reply = { id: number } & (Packed | { ok: false; failure: Failure });

export function pack(r: Result<Series[]>): Packed | { ok: false; failure: Failure } {
  if (!r.ok) return r;
  const offsets = new Uint32Array(r.value.length + 1);
  let n = 0;
  r.value.forEach((s, i) => {
    offsets[i] = n;
    n += s.points.length;
  });
  offsets[r.value.length] = n;
  const samples = new Float64Array(2 * n);
  let k = 0;
  for (const s of r.value) {
    for (const p of s.points) {
      samples[k++] = p.t;
      samples[k++] = p.v;
    }
  }
  return { ok: true, labels: r.value.map((s) => s.labels), offsets, samples, warnings: r.warnings };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function unpack(p: Packed): Promise<Result<Series[]>> {
  const series: Series[] = [];
  let sinceTurn = 0;
  for (let i = 0; i < p.labels.length; i++) {
    const points = [];
    for (let j = p.offsets[i]; j < p.offsets[i + 1]; j++) points.push({ t: p.samples[2 * j], v: p.samples[2 * j + 1] });
    series.push({ labels: p.labels[i], points });
    sinceTurn += points.length + 1;
    if (sinceTurn >= SLICE) {
      sinceTurn = 0;
      await turn();
    }
  }
  return { ok: true, value: series, warnings: p.warnings };
}

/** One worker for every source, started on the first large answer; it never keeps the process alive while idle. */
class Decoder {
  private worker: Worker | null = null;
  /** The worker could not start or died: decode here, slower for the keys but still right. */
  broken = false;
  private next = 0;
  private readonly jobs = new Map<number, (r: Reply | null) => void>();

  run(format: MetricFormat, res: HttpResponse): Promise<Reply | null> {
    const w = this.start();
    if (!w) return Promise.resolve(null);
    const id = this.next++;
    if (this.jobs.size === 0) w.ref();
    return new Promise((resolve) => {
      this.jobs.set(id, resolve);
      // The worker's gate scrubs with the secrets known here, not with its own empty set.
      w.postMessage({ id, format, res, secrets: knownSecrets() });
    });
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(new URL('./decode-worker.js', import.meta.url));
      w.unref();
      w.on('message', (reply: Reply) => this.settle(reply.id, reply));
      // Every job waiting gets null (decode it here); later ones too.
      const fail = () => {
        this.broken = true;
        this.worker = null;
        for (const id of [...this.jobs.keys()]) this.settle(id, null);
      };
      w.on('error', fail);
      w.on('exit', fail);
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private settle(id: number, reply: Reply | null): void {
    const resolve = this.jobs.get(id);
    this.jobs.delete(id);
    if (this.jobs.size === 0) this.worker?.unref();
    resolve?.(reply);
  }
}

const decoder = new Decoder();

/** Answers the worker decoded, for tests and benchmarks to see it was used. */
export const decodedOffThread = { count: 0 };

/**
 * `translate` (the adapter's own, pure) applied to `res`: here for a small
 * body or an error status, in the worker for a large answer.
 */
export async function decodeMetric(format: MetricFormat, res: HttpResponse, translate: (res: HttpResponse) => Result<Series[]>): Promise<Result<Series[]>> {
  if (res.body.length < OFF_THREAD_BYTES || res.status < 200 || res.status >= 300) return translate(res);
  const reply = await decoder.run(format, res);
  if (!reply) return translate(res);
  decodedOffThread.count++;
  return reply.ok ? unpack(reply) : { ok: false, failure: reply.failure };
}
