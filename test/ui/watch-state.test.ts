import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, type Counts, type Key } from '../../src/ui/watch-state.js';

const counts: Counts = { rows: { slos: 6, alerts: 2, sentry: 0, logs: 0 }, playbooks: 3, alertPlaybooks: [2, 1] };
const run = (...keys: Key[]) => keys.reduce((s, k) => reduce(s, k, counts), initialState);
const ch = (char: string): Key => ({ kind: 'char', char });

test('q and Ctrl-C quit; no other single key is destructive', () => {
  assert.equal(run(ch('q')).quit, true);
  assert.equal(run({ kind: 'ctrl-c' }).quit, true);
  for (const c of 'abdefghlmnostuvwxyzR') assert.equal(run(ch(c)).quit, false, c);
});

test('Tab, Shift-Tab and arrows move focus around the panels', () => {
  assert.equal(run({ kind: 'tab', shift: false }).focus, 1);
  assert.equal(run({ kind: 'tab', shift: true }).focus, 3);
  assert.equal(run({ kind: 'arrow', dir: 'right' }, { kind: 'arrow', dir: 'right' }).focus, 2);
  assert.equal(run({ kind: 'arrow', dir: 'down' }, { kind: 'arrow', dir: 'down' }).rows.slos, 2);
  assert.equal(run(...Array(9).fill({ kind: 'arrow', dir: 'down' })).rows.slos, 5, 'stops at the last SLO');
  assert.equal(run({ kind: 'arrow', dir: 'up' }).rows.slos, 0);
});

test('Enter opens the detail of the focused SLO or alert, Esc goes back', () => {
  assert.equal(run({ kind: 'enter' }).view, 'detail');
  assert.equal(run({ kind: 'enter' }, { kind: 'escape' }).view, 'main');
  assert.equal(run({ kind: 'tab', shift: false }, { kind: 'tab', shift: false }, { kind: 'enter' }).view, 'main', 'Sentry panel has no detail');
});

test('?, c, i open their views; i preselects the focused alert\'s playbook', () => {
  assert.equal(run(ch('?')).view, 'help');
  assert.equal(run(ch('?'), ch('?')).view, 'main');
  assert.equal(run(ch('c')).view, 'checks');
  assert.equal(run(ch('i')).playbook, 2, 'top alert');
  const second = run({ kind: 'tab', shift: false }, { kind: 'arrow', dir: 'down' }, ch('i'));
  assert.equal(second.view, 'playbooks');
  assert.equal(second.playbook, 1, 'the focused (second) alert');
  assert.equal(run(ch('i'), { kind: 'enter' }).view, 'playbook');
  assert.equal(run(ch('i'), { kind: 'enter' }, { kind: 'escape' }).view, 'playbooks');
});

test('p pauses and resumes, r asks for a refresh', () => {
  assert.equal(run(ch('p')).paused, true);
  assert.equal(run(ch('p'), ch('p')).paused, false);
  assert.equal(run(ch('r'), ch('r')).refreshes, 2);
});

test('/ types a filter; Esc clears it, Enter keeps it', () => {
  const typed = run(ch('/'), ch('D'), ch('o'), ch('c'), { kind: 'backspace' });
  assert.equal(typed.filtering, true);
  assert.equal(typed.filter, 'Do');
  assert.equal(typed.quit, false);
  const kept = reduce(typed, { kind: 'enter' }, counts);
  assert.deepEqual([kept.filtering, kept.filter], [false, 'Do']);
  assert.equal(reduce(typed, { kind: 'char', char: 'q' }, counts).quit, false, 'q is a letter while filtering');
  assert.equal(reduce(typed, { kind: 'escape' }, counts).filter, '');
});
