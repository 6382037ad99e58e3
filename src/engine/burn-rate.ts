// Multiwindow, multi-burn-rate alerting as in the Google SRE workbook (ch. 5):
// a pair fires only when both its long and its short window burn too fast, so
// a spike that has already stopped does not page.
export interface BurnPair {
  long: number;
  short: number;
  factor: number;
  action: 'page' | 'ticket';
}

const H = 3_600_000;
const M = 60_000;

export const BURN_PAIRS: BurnPair[] = [
  { long: 1 * H, short: 5 * M, factor: 14.4, action: 'page' },
  { long: 6 * H, short: 30 * M, factor: 6, action: 'page' },
  { long: 24 * H, short: 2 * H, factor: 3, action: 'ticket' },
  { long: 72 * H, short: 6 * H, factor: 1, action: 'ticket' },
];

/** Every window any pair reads, longest last. */
export const BURN_WINDOWS: number[] = [...new Set(BURN_PAIRS.flatMap((p) => [p.short, p.long]))].sort((a, b) => a - b);

/** How many times faster than "exactly spends the budget over the period" errors arrive. */
export function burnRate(errorRatio: number | null, target: number): number | null {
  if (errorRatio === null || !Number.isFinite(errorRatio)) return null;
  return errorRatio / (1 - target);
}

export interface BurnVerdict {
  pair: BurnPair;
  longRate: number;
  shortRate: number;
}

/** The pairs that fire, page pairs first; rates are keyed by window length in ms. */
export function firingPairs(rates: Map<number, number | null>): BurnVerdict[] {
  const out: BurnVerdict[] = [];
  for (const pair of BURN_PAIRS) {
    const longRate = rates.get(pair.long);
    const shortRate = rates.get(pair.short);
    if (longRate == null || shortRate == null) continue;
    if (longRate > pair.factor && shortRate > pair.factor) out.push({ pair, longRate, shortRate });
  }
  return out;
}

/** Share of the period's error budget still unspent: 1 is untouched, 0 spent, below 0 overspent. */
export function budgetRemaining(periodErrorRatio: number | null, target: number): number | null {
  if (periodErrorRatio === null || !Number.isFinite(periodErrorRatio)) return null;
  return 1 - periodErrorRatio / (1 - target);
}
