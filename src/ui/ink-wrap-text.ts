import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import { RecentMap } from './recent-map.js';

// Ink's wrapText (ink/build/wrap-text.js), which the bundle swaps for this one
// (scripts/bundle.js): the same wrapping and truncation, remembered for recent
// frames only. Ink keeps every text it ever wrapped, keyed by the text and the
// width run together, so "ab" at 12 columns and "ab1" at 2 share a key.
type WrapType = 'wrap' | 'end' | 'middle' | 'truncate-end' | 'truncate' | 'truncate-middle' | 'truncate-start';

const wrapped = new RecentMap<string, string>(200_000, (key, text) => key.length + text.length);

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType): string {
  const key = `${maxWidth}\u0000${wrapType}\u0000${text}`;
  let out = wrapped.get(key);
  if (out === undefined) {
    out = text;
    if (wrapType === 'wrap') out = wrapAnsi(text, maxWidth, { trim: false, hard: true });
    if (wrapType.startsWith('truncate')) {
      out = cliTruncate(text, maxWidth, { position: wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end' });
    }
    wrapped.set(key, out);
  }
  return out;
}

/** Characters of texts and their wrappings kept, for the test of the bound. */
export const wrappedChars = (): number => wrapped.weight;
