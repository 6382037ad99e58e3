import { test } from 'node:test';
import assert from 'node:assert/strict';
// The versions of Ink's hot paths the bundle swaps in (scripts/bundle.js) must
// give exactly what the originals give.
import * as original from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import { rememberedChars, styledCharsFromTokens, tokenize } from '../../src/ui/ink-tokenize.js';
import textWidth from '../../src/ui/text-width.js';

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
    assert.equal(original.styledCharsToString(styledCharsFromTokens(tokenize(line))), original.styledCharsToString(original.styledCharsFromTokens(original.tokenize(line))));
  }
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
