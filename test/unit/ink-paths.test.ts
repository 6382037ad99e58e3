import { test } from 'node:test';
import assert from 'node:assert/strict';
// The versions of Ink's hot paths the bundle swaps in (scripts/bundle.js) must
// give exactly what the originals give.
import * as original from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import { pathToFileURL } from 'node:url';
import { rememberedChars, styledCharsFromTokens, styledCharsToString, tokenize } from '../../src/ui/ink-tokenize.js';
import Output, { rememberedRowChars } from '../../src/ui/ink-output.js';
import measureText, { measuredChars } from '../../src/ui/ink-measure-text.js';
import wrapText, { wrappedChars } from '../../src/ui/ink-wrap-text.js';
import textWidth from '../../src/ui/text-width.js';
import { ROOT } from '../helpers/paths.js';

// Ink's own modules the bundle replaces: its package exports only its index.
const inks = async <T>(file: string): Promise<T> => (await import(pathToFileURL(`${ROOT}node_modules/ink/build/${file}`).href)).default as T;
const InkOutput = await inks<typeof Output>('output.js');
const inkMeasureText = await inks<typeof measureText>('measure-text.js');
const inkWrapText = await inks<typeof wrapText>('wrap-text.js');

test('text width: the columns a terminal gives, by hand', () => {
  assert.equal(textWidth('┌──┬─┐'), 6);
  assert.equal(textWidth('▁▃▅▇█'), 5);
  assert.equal(textWidth('practice-hub · production'), 25);
  assert.equal(textWidth('\u001b[32m● ok\u001b[39m'), 4, 'colour codes take no columns');
  assert.equal(textWidth('日本'), 4, 'wide characters still count two');
  assert.equal(textWidth('e\u0301'), 1, 'a combining accent joins its letter');
  assert.equal(textWidth('⚡'), 2, 'an emoji among the symbols is wide');
  assert.equal(textWidth(''), 0);
});

test('text width agrees with string-width on every character of the Basic Multilingual Plane', () => {
  const differ: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (textWidth(ch) !== stringWidth(ch)) differ.push(c.toString(16));
  }
  assert.deepEqual(differ, []);
});

test('text width agrees with string-width on mixed strings, clusters and colour codes included', () => {
  const pool = ['a', ' ', '│', '─', '▆', '·', '…', '—', '›', '●', '◽', '\u0301', '\u200d', '\ufe0f', '👍', '🏽', '日', 'ﾞ', '\u1100', '\u1161', '\u001b[31m', '\u001b[39m', '\u001b]8;;x\u0007', '\t'];
  // A fixed-seed generator, so a failure names the same string every run.
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let n = Math.floor(next() * 12); n > 0; n--) s += pool[Math.floor(next() * pool.length)];
    assert.equal(textWidth(s), stringWidth(s), JSON.stringify(s));
  }
});

test('remembered tokens and cells are what ansi-tokenize computes', () => {
  const lines = ['│ \u001b[32mOK        \u001b[39m │', '\u001b[1;31mFIRING\u001b[0m ▁▃▅▇█', 'e\u0301 日本 👍🏽', '\u001b]8;;https://x\u0007link\u001b]8;;\u0007', ''];
  for (const line of [...lines, ...lines]) {
    assert.deepEqual(tokenize(line), original.tokenize(line));
    assert.deepEqual(styledCharsFromTokens(tokenize(line)), original.styledCharsFromTokens(original.tokenize(line)));
    assert.equal(styledCharsToString(styledCharsFromTokens(tokenize(line))), original.styledCharsToString(original.styledCharsFromTokens(original.tokenize(line))));
  }
  // Rows are cells of many lines side by side: every pair of styles meets, twice.
  const cells = lines.flatMap((line) => styledCharsFromTokens(tokenize(line)));
  for (let i = 0; i < 2; i++) assert.equal(styledCharsToString([...cells, ...cells.slice(3)]), original.styledCharsToString([...cells, ...cells.slice(3)]));
  assert.equal(tokenize(lines[0]), tokenize(lines[0]), 'the second time is the remembered array');
  assert.deepEqual(tokenize('abcdef', 3), original.tokenize('abcdef', 3), 'a cut-off tokenize is not remembered');
});

test('remembered lines are bounded in characters, and the least recently drawn go first', () => {
  const keep = tokenize('a line drawn on every frame');
  const early = tokenize('log line     0');
  // 5,000 lines of 14 characters: 70,000 in all, more than the 20,000 kept.
  for (let i = 1; i <= 5000; i++) {
    tokenize(`log line ${String(i).padStart(5)}`);
    if (i % 500 === 0) tokenize('a line drawn on every frame');
  }
  assert.ok(rememberedChars() <= 20_000 && rememberedChars() > 19_900, String(rememberedChars()));
  assert.equal(tokenize('a line drawn on every frame'), keep, 'still remembered: it was drawn recently');
  assert.notEqual(tokenize('log line     0'), early, 'forgotten: 5,000 other lines came after it');
  assert.equal(tokenize('log line  5000'), tokenize('log line  5000'));
});

/** A fixed-seed generator, so a failure names the same case every run. */
function seeded(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

type Op = ['write', number, number, string, number] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

/** Draws `ops` on both outputs; transformer 1 colours by line index, 2 upper-cases. Returns both results and the transformer calls each made. */
function drawBoth(width: number, height: number, ops: Op[]) {
  const run = (O: typeof Output) => {
    const calls: string[] = [];
    const transformers = [
      [],
      [(line: string, i: number) => (calls.push(`c${i}:${line}`), i % 2 ? `\u001b[32m${line}\u001b[39m` : line)],
      [(line: string, i: number) => (calls.push(`u${i}:${line}`), line.toUpperCase())],
    ];
    const out = new O({ width, height });
    for (const op of ops) {
      if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: transformers[op[4]] });
      else if (op[0] === 'clip') out.clip(op[1]);
      else out.unclip();
    }
    return { result: out.get(), calls };
  };
  return { ours: run(Output), inks: run(InkOutput) };
}

test("the output's rows are Ink's, frame after frame, through clips, transformers, wide and joined characters", () => {
  const pool = ['a', 'bc', ' ', '│', '─', '▆', '日', '👍🏽', 'e\u0301', '\u001b[31m', '\u001b[39m', '\u001b[1m', '\u001b[22m', '\u001b[7m', '\u001b[0m', '\u001b]8;;https://x\u0007', '\u001b]8;;\u0007', '\n'];
  const next = seeded(7);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const text = () => {
    let s = '';
    for (let n = int(1, 14); n > 0; n--) s += pool[int(0, pool.length - 1)];
    return s;
  };
  // Frames drawn from a small set of texts, so rows repeat between frames as they do on the watch screen.
  const texts = Array.from({ length: 40 }, text);
  let rowsCompared = 0;
  for (let frame = 0; frame < 400; frame++) {
    const width = int(0, 3) === 0 ? int(0, 12) : 24;
    const height = int(0, 9);
    const ops: Op[] = [];
    let open = 0;
    for (let n = int(0, 12); n > 0; n--) {
      const r = next();
      if (r < 0.15) {
        const clip = [{ x1: int(-2, 10), x2: int(4, 26) }, { y1: int(-1, 4), y2: int(2, 10) }, { x1: int(0, 8), x2: int(6, 20), y1: int(0, 3), y2: int(1, 8) }][int(0, 2)];
        ops.push(['clip', clip]);
        open++;
      } else if (r < 0.22 && open > 0) {
        ops.push(['unclip']);
        open--;
      } else {
        ops.push(['write', int(-3, 26), int(-2, 10), texts[int(0, texts.length - 1)], int(0, 2)]);
      }
    }
    const { ours, inks } = drawBoth(width, height, ops);
    assert.deepEqual(ours.result, inks.result, JSON.stringify({ frame, width, height, ops }));
    assert.deepEqual(ours.calls, inks.calls, 'transformers called alike');
    rowsCompared += ours.result.height;
  }
  assert.ok(rowsCompared > 1000, String(rowsCompared));
});

test('the output by hand: a box and a coloured word, then the same row with one word changed', () => {
  const frame = (word: string) => {
    const out = new Output({ width: 12, height: 3 });
    out.write(0, 0, '┌──────────┐\n│          │\n└──────────┘', { transformers: [] });
    out.write(2, 1, `\u001b[31m${word}\u001b[39m`, { transformers: [] });
    return out.get();
  };
  assert.deepEqual(frame('CRIT'), { output: '┌──────────┐\n│ \u001b[31mCRIT\u001b[39m     │\n└──────────┘', height: 3 });
  assert.deepEqual(frame('OK'), { output: '┌──────────┐\n│ \u001b[31mOK\u001b[39m       │\n└──────────┘', height: 3 });
  // Sizes yoga should not give, as Ink's own loops take them.
  for (const [width, height] of [[2.5, 1.5], [Number.NaN, 2], [0, 0], [3, 0]]) {
    const { ours, inks } = drawBoth(width, height, [['write', 0, 0, 'abcd', 0]]);
    assert.deepEqual(ours.result, inks.result, `${width}x${height}`);
  }
});

test('remembered rows are bounded in characters', () => {
  for (let i = 0; i < 3000; i++) {
    const out = new Output({ width: 160, height: 1 });
    out.write(0, 0, `row ${i} `.padEnd(150, '·'), { transformers: [] });
    out.get();
  }
  // 3,000 rows of ~300 characters (key and row): 900,000, more than the 200,000 kept.
  assert.ok(rememberedRowChars() <= 200_000 && rememberedRowChars() > 199_000, String(rememberedRowChars()));
});

test("text sizes and wrapping are Ink's, for every wrap type and width", () => {
  // No digits: Ink's wrap cache runs text and width together into one key, and would mix up "a1" at 2 with "a" at 12.
  const pool = ['a', 'bc', ' ', '  ', '│', '─', '日', '👍🏽', 'e\u0301', '\u001b[31m', '\u001b[39m', '\u001b]8;;https://x\u0007', '\u001b]8;;\u0007', '\n', '-'];
  const next = seeded(11);
  const types = ['wrap', 'end', 'middle', 'truncate-end', 'truncate', 'truncate-middle', 'truncate-start'] as const;
  for (let i = 0; i < 3000; i++) {
    let text = '';
    for (let n = Math.floor(next() * 16); n > 0; n--) text += pool[Math.floor(next() * pool.length)];
    assert.deepEqual(measureText(text), inkMeasureText(text), JSON.stringify(text));
    const width = Math.floor(next() * 14);
    const type = types[Math.floor(next() * types.length)];
    assert.equal(wrapText(text, width, type), inkWrapText(text, width, type), JSON.stringify({ text, width, type }));
  }
  assert.deepEqual(measureText('┌──┐\n│日│'), { width: 4, height: 2 });
  assert.equal(wrapText('practice-hub', 8, 'truncate'), 'practic…');
});

test('text sizes and wrappings are kept for recent texts only, bounded in characters', () => {
  for (let i = 0; i < 20_000; i++) {
    measureText(`log line ${i} `);
    wrapText(`log line ${i} `, 40, 'truncate');
  }
  // 20,000 texts of ~15 characters: ~300,000 measured, and ~700,000 in the wrap keys and results.
  assert.ok(measuredChars() <= 100_000 && measuredChars() > 99_900, String(measuredChars()));
  assert.ok(wrappedChars() <= 200_000 && wrappedChars() > 199_900, String(wrappedChars()));
});
