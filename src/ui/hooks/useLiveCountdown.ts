import { useEffect, useState } from 'react';

/**
 * Redraws the screen each time the header's countdown changes its number: an
 * ordinary Ink frame, asked for by a state update of the component that draws
 * the header, which reads the time again. `column` is null when no countdown
 * is visible (paused, another view, or cut off by a narrow terminal): then
 * nothing ticks and the screen changes only with the cycles.
 */
export function useLiveCountdown(opts: { column: number | null; nextAt: number | null; intervalMs?: number }): void {
  const [, setTick] = useState(0);
  const { column, nextAt } = opts;
  const visible = column !== null;
  useEffect(() => {
    if (!visible || nextAt === null) return;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      const left = nextAt - Date.now();
      // At 0 the cycle is due; its own frame follows.
      if (left <= 0) return;
      // Just past the next whole second before `nextAt`, so each frame shows a new number.
      timer = setTimeout(
        () => {
          setTick((t) => t + 1);
          schedule();
        },
        (left % 1000 || 1000) + PAST_MS,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [visible, nextAt]);
}

/** Node may fire a timer a millisecond early; a frame drawn then would show the old number. */
const PAST_MS = 5;
