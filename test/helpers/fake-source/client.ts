// The tally client: answers from its options, and remembers what it was asked.
import type { SourceDef } from '../../../src/config/types.js';
import type { Health, MetricSource, Result, Series } from '../../../src/sources/types.js';
import type { TallyOptions } from './kind.js';

export class TallySource implements MetricSource {
  readonly type = 'tally';
  readonly name: string;
  readonly asked: string[] = [];
  /** Per second. */
  private readonly counts: Record<string, number>;

  constructor(def: SourceDef<TallyOptions>) {
    this.name = def.name;
    const per = def.options.per === 'minute' ? 60 : 1;
    this.counts = Object.fromEntries(Object.entries(def.options.counts).map(([k, v]) => [k, v / per]));
  }

  /** "name over 300s": its count per second times the seconds; "a / b": the one over the other. */
  private value(query: string): number | null {
    const side = (text: string) => {
      const m = /^(\w+) over (\d+)s$/.exec(text.trim());
      return m && m[1] in this.counts ? this.counts[m[1]] * Number(m[2]) : null;
    };
    const [a, b] = query.split(' / ');
    const top = side(a);
    const bottom = b === undefined ? 1 : side(b);
    return top === null || bottom === null ? null : top / bottom;
  }

  async instant(query: string, atMs: number): Promise<Result<Series[]>> {
    this.asked.push(query);
    const v = this.value(query);
    return { ok: true, value: v === null ? [] : [{ labels: {}, points: [{ t: atMs, v }] }] };
  }

  async range(query: string, startMs: number, endMs: number, stepMs: number): Promise<Result<Series[]>> {
    this.asked.push(query);
    const v = this.value(query);
    const points = [];
    for (let t = startMs; t <= endMs; t += stepMs) points.push({ t, v: v ?? 0 });
    return { ok: true, value: v === null ? [] : [{ labels: {}, points }] };
  }

  async health(): Promise<Result<Health>> {
    return { ok: true, value: { ready: true, auth: 'none', detail: 'counts from the config' } };
  }

  async close(): Promise<void> {}
}
