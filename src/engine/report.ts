import type { Point } from '../sources/types.js';

export interface Summary {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  last: number | null;
}

/** Plain statistics of a series over a report period; NaN points (no traffic) are left out. */
export function summarize(points: Point[]): Summary {
  const vs = points.map((p) => p.v).filter((v) => !Number.isNaN(v));
  if (vs.length === 0) return { count: 0, min: null, max: null, mean: null, last: null };
  return {
    count: vs.length,
    min: Math.min(...vs),
    max: Math.max(...vs),
    mean: vs.reduce((a, b) => a + b, 0) / vs.length,
    last: vs[vs.length - 1],
  };
}

/** Share of points meeting `ok`, as uptime is reported: 0.999 for 99.9%. */
export function compliance(points: Point[], ok: (v: number) => boolean): number | null {
  const vs = points.map((p) => p.v).filter((v) => !Number.isNaN(v));
  if (vs.length === 0) return null;
  return vs.filter(ok).length / vs.length;
}
