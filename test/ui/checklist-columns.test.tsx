// The interactive checklist's rows (`oncall check`, `c` in watch) as a Grid:
// which columns each width shows, in the order of CHECK_PRIORITY
// (src/ui/columns.ts), the selection mark and the result words, the filter,
// and scrolling when fewer rows fit than there are checks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type React from 'react';
import stringWidth from 'string-width';
import type { CheckLine } from '../../src/engine/checks.js';
import { ChecklistTable } from '../../src/ui/ChecklistTable.js';
import { CHECK_PRIORITY, type CheckColumn, planChecklist } from '../../src/ui/columns.js';
import { renderWithProviders } from '../helpers/render.js';

const manual: CheckLine = { key: '0:', check: 0, title: 'Review the orders dashboard', kind: 'manual', verdict: 'manual', detail: '' };
const auto = (n: number, verdict: CheckLine['verdict'], detail: string): CheckLine => ({
  key: `1:S-${n}`,
  check: 1,
  title: 'SLO validation',
  kind: 'auto',
  verdict,
  detail,
  id: `S-${n}`,
});
const LINES = [manual, auto(1, 'pass', 'S-1 latency = 120ms'), auto(2, 'fail', 'S-2 errors = 4%'), auto(3, 'unknown', 'S-3: prometheus: timeout after 5s')];
const NOTED = { done: { '0:': true }, notes: { '0:': 'orders look normal' } };

// The widest result cell, "› ? unknown", is 11 wide; with its padding and both borders the result column takes 15 of width - 1.
const content = (longestNote: number) => ({ longestResult: 11, longestTitle: 47, longestNote });
const keys = (width: number, longestNote = 24) => planChecklist(width, content(longestNote)).map((c) => c.key);

test('columns drop from the end of the priority list: the note below 69 columns, the detail below 54', () => {
  // Each column past the result takes 3 more than its text; at least 16 for check and detail, 12 for the note.
  // All four: 15 + 9 + 44 = 68 <= width - 1 from 69; without the note 15 + 6 + 32 = 53, from 54.
  assert.deepEqual(keys(200), ['result', 'check', 'detail', 'note']);
  assert.deepEqual(keys(69), ['result', 'check', 'detail', 'note']);
  assert.deepEqual(keys(68), ['result', 'check', 'detail']);
  assert.deepEqual(keys(60), ['result', 'check', 'detail']);
  assert.deepEqual(keys(54), ['result', 'check', 'detail']);
  assert.deepEqual(keys(53), ['result', 'check']);
  assert.deepEqual(keys(200, 0), ['result', 'check', 'detail'], 'no note, no note column');
  let last = 0;
  for (let width = 40; width <= 200; width++) {
    const shown = keys(width);
    assert.deepEqual(shown, CHECK_PRIORITY.slice(0, shown.length), `${width} columns`);
    assert.ok(shown.length >= last, `${width}: a wider terminal never shows fewer columns`);
    last = shown.length;
    const plan = planChecklist(width, content(24));
    if (width >= 54)
      assert.equal(
        plan.reduce((n, c) => n + c.width + 3, 1),
        width - 1,
        `${width}: the table takes width - 1`,
      );
  }
});

test('how wide each column is at 60 and 80', () => {
  const widths = (width: number) => planChecklist(width, content(24)).map((c): [CheckColumn, number] => [c.key, c.width]);
  // 60: 59 - 15 - 6 = 38 for check and detail; the check up to half, 19.
  assert.deepEqual(widths(60), [
    ['result', 11],
    ['check', 19],
    ['detail', 19],
  ]);
  // 80: 79 - 15 - 9 = 55; the note a quarter (13, under its 24), the check half of the 42 left.
  assert.deepEqual(widths(80), [
    ['result', 11],
    ['check', 21],
    ['detail', 21],
    ['note', 13],
  ]);
});

function frameAt(columns: number, node: React.ReactElement): string[] {
  const app = renderWithProviders(node, { columns });
  const lines = app.lastFrame()!.split('\n');
  app.unmount();
  return lines;
}

test('each check on one row: the selection mark, the result in words, the note in its column or after the detail', () => {
  const table = (width: number) =>
    frameAt(width, <ChecklistTable lines={LINES} shown={[0, 1, 2, 3]} selected={2} progress={NOTED} width={width} maxRows={20} />);
  // 60: no room for a note column (src/ui/columns.ts); 59 - 15 - 6 = 38 for check and detail, 19 each.
  const narrow = table(60);
  // Top, heading, rule, four checks, bottom.
  assert.equal(narrow.length, 8, narrow.join('\n'));
  for (const line of narrow) assert.equal(stringWidth(line), 59, line);
  assert.equal(narrow[1], '│ Result      │ Check               │ Detail              │');
  assert.equal(narrow[3], '│   ☑ done    │ Review the orders … │ orders look normal  │');
  assert.equal(narrow[4], '│   ✓ pass    │ SLO validation      │ S-1 latency = 120ms │');
  assert.equal(narrow[5], '│ › ✗ fail    │ SLO validation      │ S-2 errors = 4%     │');
  assert.equal(narrow[6], '│   ? unknown │ SLO validation      │ S-3: prometheus: t… │');

  const wide = table(80);
  for (const line of wide) assert.equal(stringWidth(line), 79, line);
  assert.equal(wide[1], '│ Result      │ Check                 │ Detail                │ Note          │');
  // 80: 79 - 15 - 9 = 55; the note a quarter, 13; the check half of the 42 left, 21, and the detail the other 21.
  assert.equal(wide[3], `│   ☑ done    │ Review the orders da… │ ${' '.repeat(21)} │ orders look … │`);
  assert.equal(wide[5], '│ › ✗ fail    │ SLO validation        │ S-2 errors = 4%       │               │');
});

test('the filter shows some of the checks; the columns stay those of all of them', () => {
  const all = frameAt(80, <ChecklistTable lines={LINES} shown={[0, 1, 2, 3]} selected={2} progress={NOTED} width={80} maxRows={20} />);
  const some = frameAt(80, <ChecklistTable lines={LINES} shown={[2, 3]} selected={2} progress={NOTED} width={80} maxRows={20} />);
  assert.equal(some.length, 4 + 2);
  assert.equal(some[1], all[1], 'the note column stays, though no row shown has a note');
  assert.deepEqual(some.slice(3, 5), all.slice(5, 7));
});

test('more checks than fit: they scroll with the selection, and a line says which are shown', () => {
  const nine = Array.from({ length: 9 }, (_, i) => auto(i + 1, 'pass', `S-${i + 1} fine`));
  const shown = nine.map((_, i) => i);
  const at = (selected: number) =>
    frameAt(60, <ChecklistTable lines={nine} shown={shown} selected={selected} progress={{ done: {}, notes: {} }} width={60} maxRows={4} />);
  // Four lines under the frame: three rows and the line that says which.
  const top = at(0);
  assert.equal(top.length, 4 + 3 + 1);
  assert.deepEqual(
    top.slice(3, 6).map((l) => l.split('│')[1]),
    [' › ✓ pass    ', '   ✓ pass    ', '   ✓ pass    '],
  );
  assert.equal(top[7], '  rows 1–3 of 9 (↑/↓ scroll)');
  const bottom = at(8);
  assert.match(bottom[5], /^│ › ✓ pass +│ SLO validation +│ S-9 fine +│$/);
  assert.equal(bottom[7], '  rows 7–9 of 9 (↑/↓ scroll)');
});
