// The worker's common case by hand: a vector or matrix answer (Prometheus and
// Loki write them alike) read from JSON.parse's output straight into packed
// typed arrays. Through zod a 15 MB matrix of 525,000 samples took 0.6 s and
// 260 MB on top of JSON.parse (~500 bytes a sample); this takes ~30 ms and
// the arrays. It accepts only what the adapters' schemas accept and gives
// what they give: on anything else (another result type, an error, a sample
// or label set out of the ordinary) it answers null and
// the adapter's own translation decides, with its own words. That one is
// refused past the worker's heap (decode.ts), so every answer that is valid
// as the backends write them, native histograms too, is read here.

import { fromOutside } from '../text/sanitize.js';
import type { MetricFormat, Packed } from './packed.js';
import { NATIVE_HISTOGRAM, parseSampleValue, tooManySeries } from './sample-value.js';
import type { Failure } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A backend's label set through the gate, as `labels` in sample.ts gives it; null if not plainly one. */
function labelsOf(m: unknown): Record<string, string> | null {
  if (!isObj(m)) return null;
  const out: Record<string, string> = {};
  for (const k in m) {
    const v = m[k];
    // zod drops a "__proto__" key; rather than copy that, leave the rare case to it.
    if (typeof v !== 'string' || k === '__proto__') return null;
    out[fromOutside(k)] = fromOutside(v);
  }
  return out;
}

/** Texts through the gate; undefined when absent, null when not a list of strings. */
function texts(x: unknown): string[] | undefined | null {
  if (x === undefined) return undefined;
  if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) return null;
  return x.map((s: string) => fromOutside(s));
}

/** A native histogram sample as `histogramSample` in sample.ts takes it: [time, {count, sum, …}]. */
function isHistogram(h: unknown): boolean {
  return (
    Array.isArray(h) &&
    h.length === 2 &&
    typeof h[0] === 'number' &&
    Number.isFinite(h[0]) &&
    isObj(h[1]) &&
    typeof h[1].count === 'string' &&
    typeof h[1].sum === 'string'
  );
}

/** Writes sample `s` at `samples[k]`, `[k + 1]`; false if it is not a [time, "value"] pair zod would take. */
function put(s: unknown, samples: Float64Array, k: number): boolean {
  if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'number' || !Number.isFinite(s[0]) || typeof s[1] !== 'string') return false;
  const v = parseSampleValue(s[1]);
  if (v === null) return false;
  samples[k] = Math.round(s[0] * 1000);
  samples[k + 1] = v;
  return true;
}

/** An element the hand path would not take, as the adapter's schema reads it: its series, or the schema's complaint. */
export type SlowElement = (
  i: number,
  element: unknown,
  matrix: boolean,
) => { labels: Record<string, string>; points: Array<[number, number]>; histogram: boolean } | { failure: Failure };

/** Element `r` of a result written from `samples[2n]` on: its labels, the next free n, whether it has histograms; null if not plain. */
function fastElement(r: unknown, matrix: boolean, samples: Float64Array, n: number): { labels: Record<string, string>; n: number; histogram: boolean } | null {
  if (!isObj(r)) return null;
  const h = r[matrix ? 'histograms' : 'histogram'];
  if (h !== undefined && !(matrix ? Array.isArray(h) && h.every(isHistogram) : isHistogram(h))) return null;
  const labels = labelsOf(r.metric);
  if (!labels) return null;
  const points = matrix ? r.values : r.value;
  if (points !== undefined) {
    if (!matrix) {
      if (!put(points, samples, 2 * n++)) return null;
    } else {
      if (!Array.isArray(points)) return null;
      for (const s of points) if (!put(s, samples, 2 * n++)) return null;
    }
  }
  return { labels, n, histogram: h !== undefined };
}

/**
 * `json` packed as the adapter of `format` would read it, or its refusal, or
 * null: ask the adapter. With `slow`, an element out of the ordinary is put to
 * the schema alone (the elements before it passed, so its complaint is the
 * one the whole answer would get) rather than the whole answer.
 */
export function packFast(json: unknown, format: MetricFormat, slow?: SlowElement): Packed | { ok: false; failure: Failure } | null {
  if (!isObj(json) || json.status !== 'success' || !isObj(json.data)) return null;
  const { resultType, result } = json.data;
  const matrix = resultType === 'matrix';
  if ((!matrix && resultType !== 'vector') || !Array.isArray(result)) return null;
  const big = tooManySeries(json);
  if (big) return { ok: false, failure: big };
  const warnings = texts(json.warnings);
  // Loki's schema has no `infos`: it ignores them, as here.
  const infos = format === 'prometheus' ? texts(json.infos) : undefined;
  if (warnings === null || infos === null) return null;

  // As many samples as there are pairs (the schema maps them one to one); checked as they are written.
  let total = 0;
  for (const r of result) {
    const points = isObj(r) ? (matrix ? r.values : r.value) : undefined;
    if (points !== undefined) total += matrix ? (Array.isArray(points) ? points.length : 0) : 1;
  }
  const offsets = new Uint32Array(result.length + 1);
  const samples = new Float64Array(2 * total);
  const labels: Array<Record<string, string>> = [];
  let n = 0;
  let histograms = false;
  for (let i = 0; i < result.length; i++) {
    offsets[i] = n;
    const fast = fastElement(result[i], matrix, samples, n);
    if (fast) {
      labels.push(fast.labels);
      histograms ||= fast.histogram;
      n = fast.n;
      continue;
    }
    const read = slow?.(i, result[i], matrix);
    if (!read) return null;
    if ('failure' in read) return { ok: false, failure: read.failure };
    labels.push(read.labels);
    histograms ||= read.histogram;
    for (const [t, v] of read.points) {
      samples[2 * n] = t;
      samples[2 * n++ + 1] = v;
    }
  }
  offsets[result.length] = n;
  if (format === 'loki') return { ok: true, labels, offsets, samples, warnings };
  // Prometheus's adapter says so of native histograms, and leaves out an empty list.
  const all = [...(warnings ?? []), ...(infos ?? []), ...(histograms ? [NATIVE_HISTOGRAM] : [])];
  return { ok: true, labels, offsets, samples, warnings: all.length ? all : undefined };
}
