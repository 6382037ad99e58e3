import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { ROOT } from '../helpers/paths.js';

// Ink's text caches as patches/ink+6.8.0.patch leaves them (vadimdemedes/ink#986,
// #998). Ink exports only its index, so the two modules are loaded by path: the
// same module instances `ink` itself uses, as the calls through render() below show.
const inks = async <T,>(file: string): Promise<T> => (await import(pathToFileURL(`${ROOT}node_modules/ink/build/${file}`).href)).default as T;
const measureText = await inks<(text: string) => { width: number; height: number }>('measure-text.js');
const wrapText = await inks<(text: string, maxWidth: number, wrapType: unknown) => string>('wrap-text.js');

const BOUND = 4096;
const fill = (prefix: string, n: number, each: (text: string) => unknown) => {
  for (let i = 0; i < n; i++) each(`${prefix} ${i}`);
};

test('measureText keeps the sizes of its 4096 most recently measured texts, no more', () => {
  // A size comes back as the very object stored when it is remembered, a new one once it was forgotten.
  const first = measureText('kept 0');
  assert.deepEqual(first, { width: 6, height: 1 });
  fill('bound a', BOUND - 1, measureText);
  assert.equal(measureText('kept 0'), first, '4096 texts fit: the first is still there');

  // Reading it made it the most recent: 4095 more texts push out the others, not it.
  fill('bound b', BOUND - 1, measureText);
  assert.equal(measureText('kept 0'), first, 'read last, forgotten last');
  fill('bound c', BOUND, measureText);
  const again = measureText('kept 0');
  assert.notEqual(again, first, 'after 4096 newer texts it is measured afresh');
  assert.deepEqual(again, { width: 6, height: 1 });
});

test('wrapText keeps its 4096 most recent wrappings, and a width never stands for part of the text', () => {
  // Ink looks at the wrap type's prefix only when it wraps afresh: a wrap type that counts those looks counts the misses.
  let misses = 0;
  const end = { toString: () => 'truncate-end', startsWith: (s: string) => (misses++, 'truncate-end'.startsWith(s)) };
  assert.equal(wrapText('kept line', 4, end), 'kep…');
  fill('bound a', BOUND - 1, (t) => wrapText(t, 4, end));
  assert.equal(misses, BOUND);
  assert.equal(wrapText('kept line', 4, end), 'kep…');
  assert.equal(misses, BOUND, 'the first wrapping was remembered');
  fill('bound b', BOUND, (t) => wrapText(t, 4, end));
  assert.equal(wrapText('kept line', 4, end), 'kep…');
  assert.equal(misses, 2 * BOUND + 1, 'after 4096 newer wrappings it was wrapped afresh');

  // Stock Ink keyed these two alike ("ab" + "12" and "ab1" + "2") and gave the second the first's answer.
  assert.equal(wrapText('ab', 12, 'wrap'), 'ab');
  assert.equal(wrapText('ab1', 2, 'wrap'), 'ab\n1');
});

test("Ink's own layout measures through the bounded cache", () => {
  const anchor = measureText('anchor');
  // One frame of 4096 distinct text nodes, in a column clipped to its first row: Ink measures each for the layout.
  const texts = Array.from({ length: BOUND }, (_, i) => `cell ${i}`);
  const app = render(
    <Box flexDirection="column" height={1} overflow="hidden">
      {texts.map((t) => (
        <Text key={t}>{t}</Text>
      ))}
    </Box>,
  );
  assert.match(app.lastFrame() ?? '', /^cell \d+$/);
  app.unmount();
  assert.notEqual(measureText('anchor'), anchor, 'the frame pushed the older text out');
});

test('a text is wrapped at its own width, whatever was wrapped before it', () => {
  // vadimdemedes/ink#998 through render(): stock Ink drew the second box with the first one's wrapping.
  const letters = 'abcdefghijklmnopqrst';
  const wide = render(
    <Box width={15}>
      <Text>{letters}</Text>
    </Box>,
  );
  assert.equal(wide.lastFrame(), 'abcdefghijklmno\npqrst');
  wide.unmount();
  const narrow = render(
    <Box width={5}>
      <Text>{`${letters}1`}</Text>
    </Box>,
  );
  assert.equal(narrow.lastFrame(), 'abcde\nfghij\nklmno\npqrst\n1');
  narrow.unmount();
});

test("Ink's output pass takes a text's width from the layout's cache, not from string-width each frame", () => {
  // The patch's third change, seen through render(): a width planted in the cache is the one the output
  // pass acts on. Stock Ink measured the text again, found it wider than its box and wrapped it.
  const text = 'twelve chars';
  const size = measureText(text);
  assert.equal(size.width, 12);
  size.width = 4;
  try {
    const app = render(
      <Box width={4}>
        <Text>{text}</Text>
      </Box>,
    );
    assert.equal(app.lastFrame(), text, 'not wrapped: the pass believed the cached width');
    app.unmount();
  } finally {
    size.width = 12;
  }
  const honest = render(
    <Box width={4}>
      <Text>{text}</Text>
    </Box>,
  );
  assert.equal(honest.lastFrame(), 'twel\nve c\nhars', 'with the true width it wraps');
  honest.unmount();
});

test("a line's cells are kept from frame to frame, up to two frames' worth of characters, the least recently used going first", async () => {
  // Ink builds a frame in a new Output; its `caches` are where the output pass gets a line's cells.
  const Output = await inks<new (o: { width: number; height: number }) => { caches: { getStyledChars(line: string): unknown[] } }>('output.js');
  // A 128x256 screen: the cache holds 2 x 128 x 256 = 65,536 characters of lines.
  const cells = (line: string) => new Output({ width: 128, height: 256 }).caches.getStyledChars(line);
  const KEPT = '\u001b[32mkept line\u001b[39m';
  const kept = cells(KEPT);
  assert.equal(kept.length, 9, 'a cell per character, the colour codes not counted');
  assert.equal(cells(KEPT), kept, 'the next frame gets the same cells: stock Ink tokenized the line again');

  const LIMIT = 2 * 128 * 256;
  const line = (prefix: string, i: number) => `${prefix}${String(i).padStart(1020, '.')}`; // 1,024 characters
  for (let i = 0; i < LIMIT / 1024 - 1; i++) cells(line('a   ', i));
  // 9 + 63 x 1,024 characters fit. Read again, the line is the most recent: one more line pushes out the oldest of the others.
  assert.equal(cells(KEPT), kept);
  cells(line('b   ', 0));
  assert.equal(cells(KEPT), kept, 'read last, forgotten last');
  for (let i = 1; i <= LIMIT / 1024; i++) cells(line('b   ', i));
  assert.notEqual(cells(KEPT), kept, 'after 65,536 newer characters its cells are made afresh');

  // A smaller screen holds less: at 16x16, 512 characters (never under 4,096).
  const small = (l: string) => new Output({ width: 16, height: 16 }).caches.getStyledChars(l);
  const again = small(KEPT);
  for (let i = 0; i < 4; i++) small(line('c   ', i));
  assert.notEqual(small(KEPT), again, 'the bound follows the screen last drawn: 4,096 characters pushed it out');
});
