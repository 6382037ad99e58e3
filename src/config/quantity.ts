// A threshold's number keeps the unit it was written in, so that "500ms" can be
// compared with a query that returns seconds and one that returns milliseconds.
import { formatDuration, parseDuration } from './duration.js';

export type Unit = 's' | 'ms' | 'percent' | 'ratio' | 'count' | 'per_minute' | 'per_second' | 'bytes';
export const UNITS: Unit[] = ['s', 'ms', 'percent', 'ratio', 'count', 'per_minute', 'per_second', 'bytes'];

export type Quantity = { kind: 'time'; seconds: number } | { kind: 'percent'; ratio: number } | { kind: 'number'; value: number };

const NUMBER = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(.*)$/i;

export function parseQuantity(text: string): Quantity | null {
  const m = NUMBER.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const suffix = m[2].trim();
  if (suffix === '') return { kind: 'number', value: n };
  if (suffix === '%') return { kind: 'percent', ratio: n / 100 };
  if (suffix === '/min' || suffix === '/m') return { kind: 'number', value: n };
  const ms = parseDuration(m[1] + suffix);
  if (ms !== null) return { kind: 'time', seconds: ms / 1000 };
  return null;
}

/** The quantity in a query's own unit, or why it cannot be. */
export function inUnit(q: Quantity, unit: Unit): { ok: true; value: number } | { ok: false; reason: string } {
  switch (q.kind) {
    case 'time':
      if (unit === 's') return { ok: true, value: q.seconds };
      if (unit === 'ms') return { ok: true, value: q.seconds * 1000 };
      return { ok: false, reason: `is a duration but the unit is ${unit}` };
    case 'percent':
      if (unit === 'ratio') return { ok: true, value: q.ratio };
      if (unit === 'percent') return { ok: true, value: q.ratio * 100 };
      return { ok: false, reason: `is a percentage but the unit is ${unit}` };
    case 'number':
      return { ok: true, value: q.value };
  }
}

/** How a value in `unit` is shown to a person. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 's':
      // A certificate's 21 days read as 21d, not 1814400s; 1e308 seconds as >100y.
      if (Math.abs(value) >= 3600) return value <= -CENTURY_S ? '<-100y' : `${value < 0 ? '-' : ''}${formatDuration(Math.round(Math.abs(value)) * 1000)}`;
      return value < 1 ? `${round(value * 1000)}ms` : `${round(value)}s`;
    case 'ms':
      if (Math.abs(value) >= 1000 * CENTURY_S) return formatValue(value / 1000, 's');
      return value >= 1000 ? `${round(value / 1000)}s` : `${round(value)}ms`;
    case 'ratio':
      return `${percent(value * 100)}%`;
    case 'percent':
      return `${percent(value)}%`;
    case 'per_minute':
      return `${round(value)}/min`;
    case 'per_second':
      return `${round(value)}/s`;
    case 'bytes':
      return bytes(value);
    case 'count':
      return `${round(value)}`;
  }
}

const CENTURY_S = 100 * 365 * 86_400;

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in powers of 1024, as Grafana's `bytes` unit shows them. */
function bytes(n: number): string {
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < IEC.length - 1) {
    v /= 1024;
    i++;
  }
  return `${round(v)} ${IEC[i]}`;
}

/** 99.95% must not read as 100%: near the top, the nines are the whole point. */
function percent(n: number): string {
  return n >= 99 && n < 100 ? String(Number(n.toFixed(2))) : round(n);
}

function round(n: number): string {
  const abs = Math.abs(n);
  // 1e308 as 1e+308, not 309 digits' worth of its float; past a double (1e308 as a percentage) as what it is.
  if (!Number.isFinite(n)) return n > 0 ? '>1e+308' : '<-1e+308';
  if (abs >= 1e15) {
    const [mantissa, exponent] = n.toExponential(2).split('e');
    return `${Number(mantissa)}e${exponent}`;
  }
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(n.toFixed(digits)));
}
