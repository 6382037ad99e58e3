// A source's deadline in one cycle: its timeout plus a margin, on the real
// clock (the poller's injected one may run a simulated story faster).
// Requests not started by then are not sent; those in flight are aborted
// through `signal`, and `passed` answers for any source that ignores it.
import { setMaxListeners } from 'node:events';
import type { Failure } from '../sources/types.js';

export interface Deadline {
  signal: AbortSignal;
  /** Settles, as a timeout, when the deadline passes. */
  passed: Promise<{ ok: false; failure: Failure }>;
  /** The cycle is over before it: stop the timer. */
  clear: () => void;
}

export function deadline(ms: number): Deadline {
  const ac = new AbortController();
  // Every request in flight listens to it; a pool of up to 64 is no leak.
  setMaxListeners(0, ac.signal);
  const reason = `cycle deadline (${Math.round(ms / 100) / 10}s) passed`;
  const timer = setTimeout(() => ac.abort(reason), ms);
  const passed = new Promise<{ ok: false; failure: Failure }>((resolve) => {
    ac.signal.addEventListener('abort', () => resolve({ ok: false, failure: { kind: 'timeout', message: reason } }), { once: true });
  });
  return { signal: ac.signal, passed, clear: () => clearTimeout(timer) };
}
