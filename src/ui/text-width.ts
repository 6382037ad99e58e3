import stringWidth from 'string-width';

// string-width segments every string that is not plain ASCII into graphemes
// and tests each against emoji and Unicode property regexes: ~70 µs for a
// 160-column box rule. Ink measures every text node on every frame, and the
// watch screen is made of borders, sparklines and "·" separators, so that was
// a third of a frame. Every character below is one column wide on its own, by
// string-width's own rules, and none of them joins a neighbour into a cluster,
// so such a string is as wide as it is long. test/unit/ink-paths.test.ts
// checks each of them against string-width.
const NARROW = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u202F-\u205E\u2190-\u21FF\u2500-\u25FC]*$/;
const SGR = /\u001b\[[\d;]*m/g;

type Options = Parameters<typeof stringWidth>[1];

/** string-width, answered without segmentation when every character is a narrow one (colour codes aside). */
export default function textWidth(text: string, options?: Options): number {
  if (options || typeof text !== 'string') return stringWidth(text, options);
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  return NARROW.test(plain) ? plain.length : stringWidth(text);
}
