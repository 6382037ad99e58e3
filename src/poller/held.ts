// What the poller keeps of its answers (the last good one of every query) is
// bounded in memory whatever the backends send. Each answer is held to its
// source's body_size_limit, but a config of 23 queries answered just under
// 16 MB each held 1.5 GB of points: the bound must be on all of them. An
// answer that would take the total past it is not kept, and only its panels
// say so; the answers already held stay, so the panels kept are the same
// from one cycle to the next.
import { formatSize } from '../config/size.js';
import type { Config } from '../config/types.js';
import { heldBytes } from '../sources/packed.js';
import type { Series } from '../sources/types.js';

/**
 * Per largest body_size_limit: 64MB at the default 16MB (about 760,000
 * samples), and more for whoever allows larger answers. Measured against
 * answers just under 16 MB to every query, 6x kept a live watch near 500 MB
 * and 4x near 430 MB. The price: the densest answer within the limit (a
 * million samples in 16 MB, ~5x its size once read) is kept only with a
 * larger body_size_limit, and its panels say so.
 */
export const HELD_PER_BODY_LIMIT = 4;

export function heldLimit(config: Config): number {
  return HELD_PER_BODY_LIMIT * Math.max(0, ...Object.values(config.sources).map((s) => s.bodyLimitBytes));
}

/** About `bytes`, for a person: KB below a megabyte, else MB. */
function about(bytes: number): string {
  return bytes < 1024 ** 2 ? `~${Math.ceil(bytes / 1024)}KB` : `~${Math.round(bytes / 1024 ** 2)}MB`;
}

export class HeldAnswers {
  private readonly sizes = new Map<string, number>();
  private total = 0;

  /** `why`: where the limit comes from, for the panels that say it. */
  constructor(
    readonly limit: number,
    private readonly why = `${HELD_PER_BODY_LIMIT}× the largest body_size_limit`,
  ) {}

  /** The most bytes an answer to `key` may take now. */
  room(key: string): number {
    return this.limit - this.total + (this.sizes.get(key) ?? 0);
  }

  /** What a panel says of an answer of `size` bytes that was not kept. */
  refusal(size: number): string {
    return `answer not kept (${about(size)}): the answers held would pass ${formatSize(this.limit)} (${this.why})`;
  }

  /** Keeps `series` as what `key` holds, or says why not (what `key` held stays). */
  admit(key: string, series: Series[]): string | null {
    const size = heldBytes(series);
    if (size > this.room(key)) return this.refusal(size);
    this.total += size - (this.sizes.get(key) ?? 0);
    this.sizes.set(key, size);
    return null;
  }

  /** Bytes held now, for tests and benchmarks. */
  get bytes(): number {
    return this.total;
  }
}
