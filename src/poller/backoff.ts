/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return exp / 2 + (exp / 2) * random();
}
