// Prometheus-style durations: "15s", "5m", "2h", "7d", "1w", "1h30m", "250ms".
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/y;

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (s === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = PART.lastIndex;
  }
  // Enough digits overflow to Infinity, which no timer or query window can use.
  return Number.isFinite(total) ? total : null;
}

/** Past this a span is only "more than a century": no config allows one, only a backend's garbage. */
const CENTURY = 100 * UNIT_MS.y;

/** Spans no one reads in hours (1e308 ms, Infinity) and NaN, or null for an ordinary one. */
function beyond(ms: number): string | null {
  if (Number.isNaN(ms)) return '—';
  if (ms >= CENTURY) return '>100y';
  if (ms <= -CENTURY) return '<-100y';
  return null;
}

/** The shortest exact Prometheus spelling: 90000 -> "1m30s", 300000 -> "5m". */
export function formatDuration(ms: number): string {
  const odd = beyond(ms);
  if (odd) return odd;
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const order: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of order) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Human age for a "stale" marker: 4s, 2m10s, 1h5m. */
export function formatAge(ms: number): string {
  const odd = beyond(ms);
  if (odd) return odd;
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
}
