import { useEffect, useState } from 'react';

/** Re-renders every `ms` with the time from `now`, for ages; 0 never ticks. */
export function useTicker(ms: number, now: () => number = Date.now): number {
  const [t, setT] = useState(now());
  useEffect(() => {
    if (!ms) return;
    const id = setInterval(() => setT(now()), ms);
    return () => clearInterval(id);
  }, [ms, now]);
  return ms ? t : now();
}
