import { redact } from '../text/redact.js';

const BARS = '▁▂▃▄▅▆▇█';

/** The last `width` values as bars scaled between their own min and max; gaps (NaN) as spaces. */
export function sparkline(values: number[], width: number): string {
  const vs = values.slice(-width);
  const finite = vs.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return ' '.repeat(Math.min(width, vs.length));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return vs
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (max === min) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / (max - min)) * BARS.length))];
    })
    .join('');
}

/**
 * Shortens to `n` characters with an ellipsis, so columns keep their width.
 * Secrets are scrubbed first: a token cut at the screen edge is no longer
 * recognisable by the scrubber on stdout.
 */
export function clip(text: string, n: number): string {
  if (n <= 0) return '';
  const s = redact(text);
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

/** A `height`-row bar chart of the last `width` values, top row first, for detail views. */
export function chart(values: number[], width: number, height: number): string[] {
  const vs = values.slice(-width);
  const finite = vs.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  // The smallest value keeps a sliver of a bar, so "low" and "missing" look different.
  const levels = vs.map((v) => (Number.isFinite(v) ? 1 + ((v - min) / span) * (height * 8 - 1) : -1));
  const rows: string[] = [];
  for (let r = height - 1; r >= 0; r--) {
    rows.push(
      levels
        .map((l) => {
          if (l < 0) return ' ';
          const fill = l - r * 8;
          return fill >= 8 ? '█' : fill <= 0 ? ' ' : BARS[Math.max(0, Math.round(fill) - 1)];
        })
        .join(''),
    );
  }
  return rows;
}
