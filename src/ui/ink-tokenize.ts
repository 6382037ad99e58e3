import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize as tokenizeLine, type AnsiCode, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';

import { RecentMap } from './recent-map.js';

export * from '@alcalzone/ansi-tokenize';

// Ink turns every line of every frame into styled cells, tokenizing it with a
// grapheme segmenter, and keeps what it computed for that frame only. Between
// two frames of the watch screen most lines are the same strings (borders,
// statuses, cells of a table row whose other cells changed), so the output the
// bundle gives Ink (ink-output.ts) uses these two remembering versions; it
// only reads the tokens and cells, never changes them. A cell and its token
// cost up to a few hundred bytes, so what is kept is bounded in characters:
// 20,000, two full screens of 160x60 and at most ~7 MB (measured with coloured
// log lines); the least recently drawn lines go first.
const tokensByLine = new RecentMap<string, Token[]>(20_000, (line) => line.length);
const charsByTokens = new WeakMap<Token[], StyledChar[]>();

export function tokenize(str: string, endChar?: number): Token[] {
  if (endChar !== undefined) return tokenizeLine(str, endChar);
  let tokens = tokensByLine.get(str);
  if (!tokens) {
    tokens = tokenizeLine(str);
    tokensByLine.set(str, tokens);
  }
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

/**
 * ansi-tokenize's own steps, but each cell is written as one literal: its
 * `{...token, styles}` gives nearly every cell a hidden class of its own in V8
 * (thousands of them on a watch screen), so every read of a cell is a slow,
 * megamorphic one and the collector has the classes to trace. Cells between
 * two colour codes share one styles array; nothing changes one in place.
 */
function fromTokens(tokens: Token[]): StyledChar[] {
  let codes: AnsiCode[] = [];
  const chars: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    else if (token.type === 'char') chars.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes });
  }
  return chars;
}

// The codes that take a row from one style to the next, by the two styles
// arrays: cells share them, and they are never changed in place, so the same
// pairs come back frame after frame. ansi-tokenize builds three Sets and
// spreads arrays of changing kinds for each (its optimised code keeps being
// thrown away for it). Held weakly: they go with the cells that hold them.
const transitions = new WeakMap<AnsiCode[], WeakMap<AnsiCode[], string>>();
const NO_STYLES: AnsiCode[] = [];

function transition(from: AnsiCode[], to: AnsiCode[]): string {
  let byTo = transitions.get(from);
  if (!byTo) {
    byTo = new WeakMap();
    transitions.set(from, byTo);
  }
  let codes = byTo.get(to);
  if (codes === undefined) {
    codes = ansiCodesToString(diffAnsiCodes(from, to));
    byTo.set(to, codes);
  }
  return codes;
}

function sameStyle(from: AnsiCode[], to: AnsiCode[]): boolean {
  if (from === to) return true;
  if (from.length !== to.length) return false;
  for (let i = 0; i < from.length; i++) if (from[i].code !== to[i].code || from[i].endCode !== to[i].endCode) return false;
  return true;
}

/** ansi-tokenize's styledCharsToString, with the codes between two styles remembered. */
export function styledCharsToString(chars: StyledChar[]): string {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const { styles, value } = chars[i];
    if (i === 0) out += ansiCodesToString(styles);
    else if (!sameStyle(chars[i - 1].styles, styles)) out += transition(chars[i - 1].styles, styles);
    out += value;
    if (i === chars.length - 1) out += transition(styles, NO_STYLES);
  }
  return out;
}

/** How many characters of lines are remembered, for the test of the bound. */
export const rememberedChars = (): number => tokensByLine.weight;
