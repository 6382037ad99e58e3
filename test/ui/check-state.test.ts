// The checklist's reducer, key by key, and what comes back from the disk and the poller.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckLine } from '../../src/engine/checks.js';
import type { KeyName } from '../../src/ui/keys.js';
import { type CheckAction, type CheckState, checkScreen, initialCheck, reduceCheck, shownLines } from '../../src/ui/state/check.js';

const LINES: CheckLine[] = [
  { key: '0:', check: 0, title: 'Review the dashboard', kind: 'manual', verdict: 'manual', detail: '' },
  { key: '1:SLO-001', check: 1, title: 'Task query performance', kind: 'auto', verdict: 'fail', detail: 'SLO-001 Task list query p95 = 1.2s', id: 'SLO-001' },
  { key: '2:SLO-006', check: 2, title: 'Authentication success', kind: 'auto', verdict: 'pass', detail: 'SLO-006 Authentication = 0.2% errors', id: 'SLO-006' },
  { key: '3:', check: 3, title: 'Announce the deploy', kind: 'manual', verdict: 'manual', detail: '' },
];
const ENOSPC = { path: '/s/round.jsonl', code: 'ENOSPC', message: 'cannot write /s/round.jsonl: no space left on device (ENOSPC)' };
const EMPTY = { ok: true as const, progress: { done: {}, notes: {} }, skipped: 0 };

const act = (s: CheckState, ...as: CheckAction[]) => as.reduce(reduceCheck, s);
const keys = (s: CheckState, ...ks: KeyName[]) => act(s, ...ks.map((key): CheckAction => ({ type: 'key', key })));
/** Standalone, the first run done and its effect taken: the four lines on screen. */
const ready = (embedded = false): CheckState =>
  act(initialCheck({ embedded, opened: EMPTY, lines: null }), { type: 'taken', through: 1 }, { type: 'checked', lines: LINES });

test('opening standalone queues the first run of the checks; inside watch the lines are there already', () => {
  const alone = initialCheck({ embedded: false, opened: EMPTY, lines: null });
  assert.deepEqual(alone.outbox, [{ id: 1, kind: 'run' }]);
  assert.equal(alone.running, true);
  const inside = initialCheck({ embedded: true, opened: EMPTY, lines: LINES });
  assert.deepEqual([inside.outbox, inside.running, inside.lines?.length], [[], false, 4]);
  const done = ready();
  assert.deepEqual([done.outbox, done.running, done.lines?.length], [[], false, 4]);
});

test('a progress file that could not be read says so, and the round starts empty', () => {
  const s = initialCheck({
    embedded: false,
    opened: { ok: false, error: { path: '/s/r', code: 'EACCES', message: 'cannot read /s/r: permission denied (EACCES)' } },
    lines: null,
  });
  assert.equal(s.failure?.text, 'cannot read /s/r: permission denied (EACCES): earlier ticks and notes are not shown');
  assert.deepEqual(s.progress, { done: {}, notes: {} });
  const resumed = initialCheck({
    embedded: false,
    opened: { ok: true, progress: { done: { '0:': true }, notes: { '0:': 'green' } }, skipped: 2 },
    lines: null,
  });
  assert.deepEqual([resumed.progress.done, resumed.skipped, resumed.failure], [{ '0:': true }, 2, null]);
});

test('↓ j ↑ k move between the checks and stop at either end', () => {
  assert.equal(keys(ready(), 'down', 'j').selected, 2);
  assert.equal(keys(ready(), 'down', 'down', 'down', 'down', 'down').selected, 3);
  assert.equal(keys(ready(), 'j', 'k', 'up').selected, 0);
});

test('Space queues a tick of a manual check; it is shown once saved; two quick Spaces tick and untick', () => {
  const s = keys(ready(), ' ');
  assert.deepEqual(s.outbox, [{ id: 2, kind: 'save', event: { kind: 'tick', key: '0:', done: true } }]);
  assert.deepEqual(s.progress.done, {}, 'not on screen before it is on disk');
  const saved = act(s, { type: 'taken', through: 2 }, { type: 'saved', event: { kind: 'tick', key: '0:', done: true } });
  assert.deepEqual([saved.progress.done, saved.outbox], [{ '0:': true }, []]);
  assert.deepEqual(keys(saved, ' ').outbox, [{ id: 3, kind: 'save', event: { kind: 'tick', key: '0:', done: false } }]);
  assert.deepEqual(
    keys(ready(), ' ', ' ').outbox.map((e) => (e.kind === 'save' ? e.event : null)),
    [
      { kind: 'tick', key: '0:', done: true },
      { kind: 'tick', key: '0:', done: false },
    ],
  );
  assert.deepEqual(keys(ready(), 'j', ' ').outbox, [], 'an automatic check has no tick');
});

test('a refused write is shown, and the screen keeps what is on disk', () => {
  const s = act(keys(ready(), ' '), { type: 'taken', through: 2 }, { type: 'refused', event: { kind: 'tick', key: '0:', done: true }, error: ENOSPC });
  assert.equal(s.failure?.text, 'NOT saved: the tick: cannot write /s/round.jsonl: no space left on device (ENOSPC)');
  assert.deepEqual(s.progress.done, {});
  const untick = act(s, { type: 'refused', event: { kind: 'tick', key: '0:', done: false }, error: ENOSPC });
  assert.match(untick.failure!.text, /^NOT saved: the untick: /);
  const note = act(s, { type: 'refused', event: { kind: 'note', key: '0:', text: 'x' }, error: ENOSPC });
  assert.match(note.failure!.text, /^NOT saved: the note: /);
  assert.equal(act(s, { type: 'saved', event: { kind: 'tick', key: '3:', done: true } }).failure, null, 'the next saved write clears it');
});

test('n types a note: every key is text, Backspace erases, Enter saves it trimmed, Esc drops it', () => {
  const typing = keys(ready(), 'n', ' ', 'o', 'k', '?', 'q', 'x', 'backspace', ' ');
  assert.equal(typing.noting, ' ok?q ');
  assert.equal(checkScreen(typing), 'text');
  assert.deepEqual([typing.help, typing.quit], [false, null]);
  assert.deepEqual(keys(typing, 'enter').outbox, [{ id: 2, kind: 'save', event: { kind: 'note', key: '0:', text: 'ok?q' } }]);
  assert.equal(keys(typing, 'enter').noting, null);
  assert.deepEqual([keys(typing, 'escape').noting, keys(typing, 'escape').outbox], [null, []]);
  const withNote = act(ready(), { type: 'saved', event: { kind: 'note', key: '0:', text: 'green' } });
  assert.equal(keys(withNote, 'n').noting, 'green', 'the note so far, to edit');
});

test('Enter shows why a check did not pass; not for a passed or manual one; Esc, Enter or q come back', () => {
  assert.equal(keys(ready(), 'j', 'enter').why, true);
  assert.equal(checkScreen(keys(ready(), 'j', 'enter')), 'check.why');
  assert.equal(keys(ready(), 'j', 'j', 'enter').why, false, 'passed');
  assert.equal(keys(ready(), 'enter').why, false, 'manual');
  for (const k of ['escape', 'enter', 'q']) assert.deepEqual([keys(ready(), 'j', 'enter', k).why, keys(ready(), 'j', 'enter', k).quit], [false, null], k);
});

test('r re-runs the checks unless a run is under way; the new lines keep the selection', () => {
  assert.deepEqual(keys(ready(), 'r').outbox, [{ id: 2, kind: 'run' }]);
  assert.deepEqual(keys(initialCheck({ embedded: false, opened: EMPTY, lines: null }), 'r').outbox, [{ id: 1, kind: 'run' }], 'the first run is still out');
  const again = act(keys(ready(), 'j', 'j', 'j'), { type: 'running' });
  assert.equal(again.running, true);
  const back = act(again, { type: 'checked', lines: LINES.slice(0, 2) });
  assert.deepEqual([back.running, back.selected], [false, 1], 'two lines now: the selection is kept within them');
});

test('/ filters the checks by title or detail; the selection moves to what is shown; Esc clears, then leaves', () => {
  const typed = keys(ready(), '/', 's', 'l', 'o');
  assert.deepEqual([typed.filtering, typed.filter], [true, 'slo']);
  assert.deepEqual(shownLines(typed), [1, 2], 'SLO-001 and SLO-006 are in the details');
  assert.equal(typed.selected, 1, 'the manual check at 0 is hidden');
  const kept = keys(typed, 'enter');
  assert.deepEqual([kept.filtering, kept.filter], [false, 'slo']);
  assert.equal(keys(kept, 'down', 'down').selected, 2);
  assert.equal(keys(kept, 'up').selected, 1);
  assert.equal(keys(typed, 'escape').filter, '', 'Esc while typing clears it');
  const cleared = keys(kept, 'escape');
  assert.deepEqual([cleared.filter, cleared.quit], ['', null]);
  assert.equal(keys(cleared, 'escape').quit, 'exit');
  const none = keys(ready(), '/', 'z', 'z', 'enter');
  assert.deepEqual(shownLines(none), []);
  assert.deepEqual(keys(none, ' ', 'n', 'enter').outbox, [], 'a hidden check is not acted on');
  assert.equal(keys(none, 'n').noting, null);
});

test('? opens the help, ? or Esc closes it; keys wait meanwhile', () => {
  const help = keys(ready(), '?');
  assert.deepEqual([help.help, checkScreen(help)], [true, 'help']);
  assert.equal(keys(help, '?').help, false);
  assert.equal(keys(help, 'escape').help, false);
  assert.equal(keys(help, 'escape').quit, null, 'Esc closes the help, not the checklist');
  assert.deepEqual(keys(help, ' ').outbox, []);
  assert.equal(keys(ready(), 'j', 'enter', '?').help, true, 'from the reason too');
});

test('q and Ctrl-C quit standalone; inside watch q and Esc go back and Ctrl-C quits everything', () => {
  assert.equal(keys(ready(), 'q').quit, 'exit');
  assert.equal(keys(ready(), 'ctrl-c').quit, 'exit');
  assert.equal(keys(ready(), 'escape').quit, 'exit');
  assert.equal(keys(ready(true), 'q').quit, 'leave');
  assert.equal(keys(ready(true), 'escape').quit, 'leave');
  assert.equal(keys(ready(true), 'ctrl-c').quit, 'exit');
  assert.equal(keys(ready(true), 'n', 'ctrl-c').quit, 'exit', 'even while typing');
});
