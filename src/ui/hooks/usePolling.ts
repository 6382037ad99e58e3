import { useCallback, useEffect, useRef, useState } from 'react';
import type { Snapshot } from '../../engine/state.js';
import type { PanelFetcher, Panels } from '../../poller/panels.js';
import type { Poller } from '../../poller/poller.js';
import type { ScreenClock } from '../../runtime/deps.js';

const SLOW_MS = 500;

export interface Polling {
  snapshot: Snapshot | null;
  panels: Panels | null;
  /** When the next cycle is due on the screen's clock, for the header; null while paused or running. */
  nextAt: number | null;
}

/**
 * Owns the refresh loop: one cycle at a time, the next `intervalMs` after the
 * last one ended. A change of `refreshes` (the r key) runs a cycle at once and
 * lets backing-off sources be asked again. Each cycle sets state once: every
 * redraw of a full screen costs Ink tens of milliseconds.
 */
export function usePolling(opts: {
  poller: Poller;
  panels?: PanelFetcher;
  intervalMs: number;
  paused: boolean;
  refreshes: number;
  sinceMs: number | null;
  clock: ScreenClock;
}): Polling {
  const { poller, panels, intervalMs, paused, refreshes, sinceMs, clock } = opts;
  const [state, setState] = useState<Polling>({ snapshot: null, panels: null, nextAt: null });
  const busy = useRef(false);
  const again = useRef(false);
  const since = useRef(sinceMs);
  since.current = sinceMs;

  const run = useCallback(
    async (next: () => number | null): Promise<void> => {
      // A refresh asked for mid-cycle runs right after it, with the clock of that moment.
      if (busy.current) {
        again.current = true;
        return;
      }
      busy.current = true;
      try {
        do {
          again.current = false;
          // Partial snapshots are shown only when a source is slow: a normal cycle draws once.
          let partial: (() => Snapshot) | null = null;
          const slow = setTimeout(() => {
            if (partial) {
              const snapshot = partial();
              setState((s) => ({ ...s, snapshot, nextAt: null }));
            }
          }, SLOW_MS);
          const [snapshot, p] = await Promise.all([
            poller.cycle((judge) => {
              partial = judge;
            }),
            panels ? panels.fetch(since.current) : Promise.resolve(null),
          ]);
          clearTimeout(slow);
          const nextAt = again.current ? null : next();
          // A source this cycle found down marks its panel at once, though the panel itself was not re-read.
          const shown = p && panels ? panels.withSources(snapshot.sources) : p;
          setState((s) => ({ snapshot, panels: shown ?? s.panels, nextAt }));
        } while (again.current);
      } finally {
        busy.current = false;
      }
    },
    [poller, panels],
  );

  useEffect(() => {
    if (refreshes > 0) poller.resetBackoff();
    if (paused) {
      setState((s) => (s.nextAt === null ? s : { ...s, nextAt: null }));
      return;
    }
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const loop = async () => {
      // The wait is real time; the screen shows when it ends on its own clock, which under --demo runs faster.
      await run(() => (Number.isFinite(intervalMs) ? clock.now() + intervalMs * clock.rate : null));
      if (stopped || !Number.isFinite(intervalMs)) return;
      timer = setTimeout(loop, intervalMs);
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [paused, intervalMs, refreshes, run, poller, clock]);

  return state;
}
