import widestLine from 'widest-line';
import { RecentMap } from './recent-map.js';

// Ink's measureText (ink/build/measure-text.js), which the bundle swaps for
// this one (scripts/bundle.js): the same sizes, but Ink keeps the size of
// every text it ever laid out, and a watch draws new values, ages and log
// lines every cycle for hours (vadimdemedes/ink#986). Here the texts of recent
// frames are kept: 100,000 characters, a few full screens.
const sizes = new RecentMap<string, { width: number; height: number }>(100_000, (text) => text.length);

export default function measureText(text: string): { width: number; height: number } {
  if (text.length === 0) return { width: 0, height: 0 };
  let size = sizes.get(text);
  if (!size) {
    size = { width: widestLine(text), height: text.split('\n').length };
    sizes.set(text, size);
  }
  return size;
}

/** Characters of text whose sizes are kept, for the test of the bound. */
export const measuredChars = (): number => sizes.weight;
