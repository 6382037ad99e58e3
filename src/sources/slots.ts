// How many large answers are held at once, across every source. An answer
// reads past LARGE_BYTES only once it holds a slot; until then its connection
// is left unread (TCP holds the rest back at the server). The slot is given
// back once the answer is decoded, or dropped. Without it a cycle read all its
// answers at once and each waited, whole, for the decoder: 23 answers of
// 15 MB were 345 MB before the first was decoded.

/** Past this, an answer is large: it needs a slot, and is decoded off the main thread. */
export const LARGE_BYTES = 1024 * 1024;
/** One being decoded and one read ahead: the decoder takes one at a time. */
export const SLOTS = 2;

interface Waiter {
  owner: object;
  grant: (release: () => void) => void;
}

export class Slots {
  private readonly holders: object[] = [];
  private waiting: Waiter[] = [];

  constructor(private readonly size = SLOTS) {}

  /**
   * A slot for `owner` (a source's client, which holds at most one, so a
   * source trickling a large body holds up no more than one slot), or null if
   * `signal` aborts first. The release it resolves to may be called twice.
   */
  acquire(owner: object, signal?: AbortSignal): Promise<(() => void) | null> {
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const w: Waiter = {
        owner,
        grant: (release) => {
          signal?.removeEventListener('abort', drop);
          resolve(release);
        },
      };
      const drop = () => {
        this.waiting = this.waiting.filter((x) => x !== w);
        resolve(null);
      };
      signal?.addEventListener('abort', drop, { once: true });
      this.waiting.push(w);
      this.pump();
    });
  }

  /** Slots held now, for tests. */
  get held(): number {
    return this.holders.length;
  }

  private pump(): void {
    for (const w of [...this.waiting]) {
      if (this.holders.length >= this.size) return;
      if (this.holders.includes(w.owner)) continue;
      this.waiting = this.waiting.filter((x) => x !== w);
      this.holders.push(w.owner);
      let done = false;
      w.grant(() => {
        if (done) return;
        done = true;
        this.holders.splice(this.holders.indexOf(w.owner), 1);
        this.pump();
      });
    }
  }
}

/** The one set every source shares. */
export const largeAnswers = new Slots();
