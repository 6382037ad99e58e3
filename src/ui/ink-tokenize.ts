import { styledCharsFromTokens as fromTokens, tokenize as tokenizeLine, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

// Ink turns every line of every frame into styled cells, tokenizing it with a
// grapheme segmenter, and keeps what it computed for that frame only. Between
// two frames of the watch screen most lines are the same strings (borders,
// statuses, log lines moved down a row), so the bundle hands Ink's output
// these two remembering versions instead (scripts/bundle.js). Ink only reads
// the tokens and cells, and within a frame already shares them between equal
// lines. A cell and its token cost a few hundred bytes, so what is kept is
// bounded in characters: 20,000, two full screens of 160x60 and at most ~7 MB
// (measured with coloured log lines); the least recently drawn lines go first.
const CHARS = 20_000;
const tokensByLine = new Map<string, Token[]>();
const charsByTokens = new WeakMap<Token[], StyledChar[]>();
let kept = 0;

export function tokenize(str: string, endChar?: number): Token[] {
  if (endChar !== undefined) return tokenizeLine(str, endChar);
  let tokens = tokensByLine.get(str);
  if (tokens) {
    // Most recently drawn last, so the first key is the one to forget.
    tokensByLine.delete(str);
  } else {
    tokens = tokenizeLine(str);
    kept += str.length;
    for (const old of tokensByLine.keys()) {
      if (kept <= CHARS) break;
      tokensByLine.delete(old);
      kept -= old.length;
    }
  }
  tokensByLine.set(str, tokens);
  return tokens;
}

export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let chars = charsByTokens.get(tokens);
  if (!chars) {
    chars = fromTokens(tokens);
    charsByTokens.set(tokens, chars);
  }
  return chars;
}

/** How many characters of lines are remembered, for the test of the bound. */
export const rememberedChars = (): number => kept;
