/**
 * A map that forgets its least recently used entries once their total weight
 * passes `limit`. The screens' caches use it so that a watch left open for a
 * shift keeps what recent frames drew, not everything it ever drew.
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();
  private held = 0;

  constructor(
    private readonly limit: number,
    private readonly weigh: (key: K, value: V) => number,
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Most recently used last, so the first key is the one to forget.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.held -= this.weigh(key, old);
    }
    this.map.set(key, value);
    this.held += this.weigh(key, value);
    for (const [k, v] of this.map) {
      if (this.held <= this.limit) break;
      this.map.delete(k);
      this.held -= this.weigh(k, v);
    }
  }

  /** The total weight held, for the tests of the bound. */
  get weight(): number {
    return this.held;
  }
}
