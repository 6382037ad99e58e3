// The form a large answer travels in between the decoder's worker and this
// thread: labels, and every sample in one typed array (moved, not copied).
// Apart from decode.ts so that the worker loads only what it uses.
import type { Failure, Result, Series } from './types.js';

export type MetricFormat = 'prometheus' | 'loki';

// Heap bytes on Node 20, measured on unpack()'s output (3,500 series of 150
// points: 45 MB; 10,000 of one point: 4.7 MB): a point {t, v} with its two
// boxed doubles and its slot in the array; a series, its array and label
// object; a label's two strings beyond their characters.
const POINT_BYTES = 84;
const SERIES_BYTES = 160;
const LABEL_BYTES = 48;

/** About how many bytes `series` take on the heap. */
export function heldBytes(series: Series[]): number {
  let n = 0;
  for (const s of series) {
    n += SERIES_BYTES + POINT_BYTES * s.points.length;
    for (const k in s.labels) n += LABEL_BYTES + k.length + s.labels[k].length;
  }
  return n;
}

/** The same for an answer still packed, before its points are made. */
export function packedBytes(p: Packed): number {
  let n = SERIES_BYTES * p.labels.length + (POINT_BYTES * p.samples.length) / 2;
  for (const l of p.labels) for (const k in l) n += LABEL_BYTES + k.length + l[k].length;
  return n;
}

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
/** The worker's answer: the series, why it could not read them, or (`over`) their size when they would not be kept. */
export type Reply = { id: number } & (Packed | { ok: false; failure: Failure } | { ok: false; over: number });

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

export function withdrawn(signal: AbortSignal): Failure {
  return { kind: 'timeout', message: typeof signal.reason === 'string' ? signal.reason : 'cancelled by the caller' };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function unpack(p: Packed, signal?: AbortSignal): Promise<Result<Series[]>> {
  const series: Series[] = [];
  let sinceTurn = 0;
  for (let i = 0; i < p.labels.length; i++) {
    if (signal?.aborted) return { ok: false, failure: withdrawn(signal) };
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
