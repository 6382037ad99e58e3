import { styledCharsFromTokens as fromTokens, tokenize as tokenizeLine, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

// Ink turns every line of every frame into styled cells, tokenizing it with a
// grapheme segmenter, and keeps what it computed for that frame only. Between
// two frames of the watch screen most lines are the same strings (borders,
// statuses, log lines moved down a row), so the bundle hands Ink's output
// these two remembering versions instead (scripts/bundle.js). Ink only reads
// the tokens and cells, and within a frame already shares them between equal
// lines. The oldest lines are forgotten past LINES, so a screen whose text
// changes for days holds no more than this.
const LINES = 4096;
const tokensByLine = new Map<string, Token[]>();
const charsByTokens = new WeakMap<Token[], StyledChar[]>();

export function tokenize(str: string, endChar?: number): Token[] {
  if (endChar !== undefined) return tokenizeLine(str, endChar);
  let tokens = tokensByLine.get(str);
  if (tokens) {
    // Most recently used last, so the first key is the one to forget.
    tokensByLine.delete(str);
  } else {
    tokens = tokenizeLine(str);
    if (tokensByLine.size >= LINES) tokensByLine.delete(tokensByLine.keys().next().value!);
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

/** How many lines are remembered, for the test of the bound. */
export const rememberedLines = (): number => tokensByLine.size;
