// A vector or matrix answer read straight from its UTF-8 bytes into packed
// typed arrays, with neither the text nor JSON.parse's tree: for a 15 MB
// matrix those were ~70 MB of the decoder's heap, which every cycle paid once
// per large answer. It reads the shape Prometheus and Loki write and nothing
// else; on anything out of it (an escape in a sample, keys out of their usual
// order, a repeated key, a histogram, any doubt) it answers null, and the
// worker parses the text as before. Where it answers, it gives exactly what
// fast-metric.ts gives for JSON.parse of the same text (scan-metric.test.ts).

import { fromOutside } from '../text/sanitize.js';
import type { MetricFormat, Packed } from './packed.js';
import { MAX_SERIES, parseSampleValue } from './sample-value.js';

/** Thrown inside to stop at the first doubt; never leaves this module. */
class Doubt extends Error {}
const doubt = (): never => {
  throw new Doubt();
};

const utf8 = new TextDecoder();
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// By multiplication, each step exact (5^22 < 2^53), rather than trusting pow().
const POW10 = [1];
for (let k = 1; k <= 22; k++) POW10.push(POW10[k - 1] * 10);

class Scanner {
  i = 0;
  constructor(readonly b: Uint8Array) {
    // TextDecoder drops a leading byte order mark before JSON.parse sees the text.
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.i = 3;
  }

  ws(): void {
    let c = this.b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = this.b[++this.i];
  }

  /** The next non-blank byte, not consumed. */
  peek(): number {
    this.ws();
    return this.b[this.i];
  }

  eat(c: number): void {
    if (this.peek() !== c) doubt();
    this.i++;
  }

  /** Consumes `c` if it is next. */
  maybe(c: number): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  string(): string {
    this.eat(0x22);
    const start = this.i;
    let escaped = false;
    let ascii = true;
    for (;;) {
      const c = this.b[this.i++];
      if (c === undefined || c < 0x20) doubt();
      if (c === 0x22) break;
      if (c >= 0x80) ascii = false;
      if (c === 0x5c) {
        escaped = true;
        this.i++;
      }
    }
    const raw = this.b.subarray(start, this.i - 1);
    // Short ASCII (sample values, most labels) is its own UTF-8: no decoder call for each.
    if (!escaped && ascii && raw.length <= 64) return String.fromCharCode.apply(null, raw as unknown as number[]);
    // An escape is JSON.parse's to read, so that it reads as it would in the whole text.
    if (!escaped) return utf8.decode(raw);
    try {
      return JSON.parse(`"${utf8.decode(raw)}"`) as string;
    } catch {
      return doubt();
    }
  }

  /**
   * A JSON number. The usual "1712345678.123" is read from its digits: an
   * integer below 2^53 divided by a power of ten up to 10^22, both exact, is
   * the correctly rounded value, as Number() gives. Anything else goes to
   * Number() through the grammar.
   */
  number(): number {
    const start = this.i;
    const b = this.b;
    let i = start;
    const negative = b[i] === 0x2d;
    if (negative) i++;
    let m = 0;
    let digits = 0;
    let scale = 0;
    let c = b[i];
    while (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      c = b[++i];
    }
    const leadingZero = b[negative ? start + 1 : start] === 0x30 && digits > 1;
    if (c === 0x2e) {
      c = b[++i];
      while (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        scale++;
        c = b[++i];
      }
    }
    const plain = digits > 0 && !leadingZero && b[i - 1] !== 0x2e && c !== 0x65 && c !== 0x45 && c !== 0x2b && c !== 0x2d;
    if (plain && digits + scale <= 15 && scale <= 22) {
      this.i = i;
      const v = m / POW10[scale];
      return negative ? -v : v;
    }
    while (c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39)) c = b[++i];
    this.i = i;
    const text = utf8.decode(b.subarray(start, i));
    if (!NUMBER.test(text)) doubt();
    return Number(text);
  }

  /** Skips one JSON value of any kind, checking it is one. */
  skip(): void {
    const c = this.peek();
    if (c === 0x22) this.string();
    else if (c === 0x7b) this.object(() => this.skip());
    else if (c === 0x5b) this.array(() => this.skip());
    else if (c === 0x74) this.word('true');
    else if (c === 0x66) this.word('false');
    else if (c === 0x6e) this.word('null');
    else this.number();
  }

  word(w: string): void {
    this.ws();
    for (let k = 0; k < w.length; k++) if (this.b[this.i++] !== w.charCodeAt(k)) doubt();
  }

  /** `member(key)` for each member, the key read; a repeated key is a doubt (JSON.parse keeps the last). */
  object(member: (key: string) => void): void {
    this.eat(0x7b);
    if (this.maybe(0x7d)) return;
    const seen = new Set<string>();
    do {
      const key = this.string();
      if (seen.has(key)) doubt();
      seen.add(key);
      this.eat(0x3a);
      member(key);
    } while (this.maybe(0x2c));
    this.eat(0x7d);
  }

  array(item: () => void): void {
    this.eat(0x5b);
    if (this.maybe(0x5d)) return;
    do item();
    while (this.maybe(0x2c));
    this.eat(0x5d);
  }
}

/** The samples, grown as they come. */
class Samples {
  a = new Float64Array(1 << 16);
  n = 0;

  put(t: number, v: number): void {
    if (2 * this.n + 2 > this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[2 * this.n] = t;
    this.a[2 * this.n++ + 1] = v;
  }
}

/** `answer` as fast-metric.ts would pack JSON.parse of its text, or null: read it the usual way. */
export function scanMetric(answer: Uint8Array, format: MetricFormat): Packed | null {
  const s = new Scanner(answer);
  const samples = new Samples();
  const labels: Array<Record<string, string>> = [];
  const offsets: number[] = [];
  let status: string | undefined;
  let matrix: boolean | undefined;
  let result = false;
  let warnings: string[] | undefined;
  let infos: string[] | undefined;

  const texts = (): string[] => {
    const out: string[] = [];
    s.array(() => out.push(fromOutside(s.string())));
    return out;
  };
  const sample = (): void => {
    s.eat(0x5b);
    if (s.peek() === 0x22) doubt();
    const t = s.number();
    s.eat(0x2c);
    const v = parseSampleValue(s.string());
    s.eat(0x5d);
    if (!Number.isFinite(t) || v === null) doubt();
    samples.put(Math.round(t * 1000), v!);
  };
  const series = (): void => {
    let metric: Record<string, string> | undefined;
    const from = samples.n;
    s.object((key) => {
      if (key === 'metric') {
        metric = {};
        s.object((k) => {
          if (k === '__proto__') doubt();
          metric![fromOutside(k)] = fromOutside(s.string());
        });
      } else if (key === (matrix ? 'values' : 'value')) {
        if (matrix) s.array(sample);
        else sample();
      } else if (key === 'histogram' || key === 'histograms') {
        doubt();
      } else {
        s.skip();
      }
    });
    if (!metric) doubt();
    offsets.push(from);
    labels.push(metric!);
  };

  try {
    s.object((key) => {
      if (key === 'status') status = s.string();
      else if (key === 'warnings') warnings = texts();
      else if (key === 'infos' && format === 'prometheus') infos = texts();
      else if (key !== 'data') s.skip();
      else
        s.object((k) => {
          if (k === 'resultType') {
            const type = s.string();
            if (type !== 'vector' && type !== 'matrix') doubt();
            matrix = type === 'matrix';
          } else if (k === 'result') {
            // The result read before its type would be read blind.
            if (matrix === undefined) doubt();
            result = true;
            s.array(() => {
              if (labels.length === MAX_SERIES) doubt();
              series();
            });
          } else {
            s.skip();
          }
        });
    });
    if (s.peek() !== undefined) doubt();
  } catch (e) {
    if (e instanceof Doubt || e instanceof RangeError) return null;
    throw e;
  }
  if (status !== 'success' || !result) return null;
  const off = new Uint32Array(offsets.length + 1);
  off.set(offsets);
  off[offsets.length] = samples.n;
  const packed: Packed = { ok: true, labels, offsets: off, samples: samples.a.slice(0, 2 * samples.n), warnings };
  if (format === 'loki') return packed;
  const all = [...(warnings ?? []), ...(infos ?? [])];
  return { ...packed, warnings: all.length ? all : undefined };
}
