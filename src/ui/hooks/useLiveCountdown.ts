import { useEffect } from 'react';
import { useStdout } from 'ink';
import { countdownText } from '../Header.js';

/**
 * Ticks the header's countdown every second without asking Ink for a frame.
 * Ink redraws the whole screen on any change, about 50 ms for 30 panels, so a
 * countdown drawn through React was most of watch's idle CPU. The digits are
 * written in place on the first row, cursor saved and restored around them;
 * Ink's next frame draws the same spot from the same clock. Only on a real
 * terminal: anything else gets Ink's frames alone.
 */
export function useLiveCountdown(opts: { column: number | null; nextAt: number | null; intervalMs: number }): void {
  const { stdout } = useStdout();
  const { column, nextAt, intervalMs } = opts;
  useEffect(() => {
    if (column === null || nextAt === null || !stdout.isTTY) return;
    const draw = () => stdout.write(`\u001b7\u001b[1;${column + 1}H${countdownText(nextAt - Date.now(), intervalMs)}\u001b8`);
    let every: NodeJS.Timeout | undefined;
    // On the second boundaries of the countdown, so each number shows for a whole second.
    const first = setTimeout(() => {
      draw();
      every = setInterval(draw, 1000);
    }, (nextAt - Date.now()) % 1000 || 1000);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [stdout, column, nextAt, intervalMs]);
}
