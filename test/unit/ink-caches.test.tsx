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
