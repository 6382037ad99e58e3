import { useEffect, useRef } from 'react';

/**
 * Carries out what a reducer queued, in order, each effect once: the hook
 * reports them taken (the reducer drops them) and performs them; what they
 * find comes back as actions. This is where a screen touches the disk, the
 * shell, the clipboard and the network; its reducer and its render never do.
 */
export function useOutbox<E extends { id: number }>(outbox: readonly E[], taken: (through: number) => void, perform: (e: E) => void): void {
  const seen = useRef(0);
  const latest = useRef(perform);
  latest.current = perform;
  useEffect(() => {
    const fresh = outbox.filter((e) => e.id > seen.current);
    if (fresh.length === 0) return;
    seen.current = fresh[fresh.length - 1].id;
    taken(seen.current);
    for (const e of fresh) latest.current(e);
  }, [outbox]);
}
