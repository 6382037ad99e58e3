// The watch screen's reducer, key by key: each key as the keymap binds it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyName } from '../../src/ui/keys.js';
import { type Counts, initialState, reduce, screenOf, type WatchState } from '../../src/ui/state/watch.js';

const counts: Counts = {
  rows: { slos: 6, alerts: 2, sentry: 0, logs: 0 },
  playbooks: ['high-error-rate High error rate', 'docuseal DocuSeal API errors', 'slow-queries Slow task queries'],
  alertPlaybooks: [2, 1],
};
const from = (s: WatchState, ...keys: KeyName[]) => keys.reduce((x, key) => reduce(x, { type: 'key', key, counts }), s);
const run = (...keys: KeyName[]) => from(initialState, ...keys);

test('q and Ctrl-C quit; no other letter does', () => {
  assert.equal(run('q').quit, true);
  assert.equal(run('ctrl-c').quit, true);
  for (const c of 'abdefghlmnostuvwxyzR') assert.equal(run(c).quit, false, c);
});

test('Tab, Shift-Tab, ← and → move focus around the four panels, wrapping', () => {
  assert.equal(run('tab').focus, 1);
  assert.equal(run('shift-tab').focus, 3);
  assert.equal(run('right', 'right').focus, 2);
  assert.equal(run('left').focus, 3);
  assert.equal(run('tab', 'tab', 'tab', 'tab').focus, 0);
});

test('↑ ↓ and j k move within the focused panel and stop at its ends', () => {
  assert.equal(run('down', 'down').rows.slos, 2);
  assert.equal(run('j', 'j', 'j', 'k').rows.slos, 2);
  assert.equal(run(...Array<KeyName>(9).fill('down')).rows.slos, 5, 'six SLOs: the last is row 5');
  assert.equal(run('up').rows.slos, 0);
  assert.deepEqual(run('tab', 'down', 'down').rows, { slos: 0, alerts: 1, sentry: 0, logs: 0 }, 'two alerts: row 1 at most');
});

test('Enter opens the detail of the focused SLO or alert; Esc goes back', () => {
  assert.equal(run('enter').view, 'detail');
  assert.equal(run('enter', 'escape').view, 'main');
  assert.equal(run('tab', 'enter').view, 'detail', 'alerts');
  assert.equal(run('tab', 'tab', 'enter').view, 'main', 'Sentry has no detail');
  assert.equal(from(initialState, 'enter', 'down').rows.slos, 0, 'the detail has no list: ↓ does nothing');
});

test('? opens the help of the view it is pressed on, ? or Esc closes it, where it was', () => {
  assert.equal(run('?').help, true);
  assert.equal(screenOf(run('?')), 'help');
  assert.equal(run('?', '?').help, false);
  const fromDetail = run('enter', '?');
  assert.deepEqual([fromDetail.view, fromDetail.help], ['detail', true]);
  assert.deepEqual([from(fromDetail, 'escape').view, from(fromDetail, 'escape').help], ['detail', false]);
  assert.equal(from(fromDetail, 'c').view, 'detail', 'other keys wait until the help is closed');
  assert.equal(from(fromDetail, 'q').quit, false);
  assert.equal(from(fromDetail, 'ctrl-c').quit, true);
});

test('c opens the checks, from the dashboard and from a detail; Esc comes back', () => {
  assert.equal(run('c').view, 'checks');
  assert.equal(run('enter', 'c').view, 'checks');
  assert.equal(run('c', 'escape').view, 'main');
});

test("i opens the playbooks on the focused alert's, else the top alert's; Enter opens one, Esc steps back", () => {
  assert.deepEqual([run('i').view, run('i').playbook], ['playbooks', 2], 'the top alert: playbook 2');
  assert.equal(run('tab', 'down', 'i').playbook, 1, 'the second alert: playbook 1');
  assert.equal(run('i', 'up').playbook, 1);
  assert.equal(run('i', 'down', 'down').playbook, 2, 'stops at the last');
  assert.equal(run('i', 'enter').view, 'playbook');
  assert.equal(run('i', 'enter', 'escape').view, 'playbooks');
  assert.equal(run('i', 'escape').view, 'main');
});

test('/ in the playbooks filters them; ↑ ↓ move among those shown; Enter opens the one selected', () => {
  const typed = run('i', '/', 'd', 'o', 'c');
  assert.deepEqual([typed.filtering, typed.filters.playbooks, typed.playbook], ['playbooks', 'doc', 1], 'only docuseal is shown: selected');
  const kept = from(typed, 'enter');
  assert.deepEqual([kept.filtering, kept.filters.playbooks, kept.view], [null, 'doc', 'playbooks']);
  assert.equal(from(kept, 'down').playbook, 1, 'one shown: nowhere to go');
  assert.equal(from(kept, 'enter').view, 'playbook');
  const two = run('i', '/', 't', 'enter');
  assert.equal(two.playbook, 2, 'high-error-rate and slow-queries have a t: slow-queries, selected, stays so');
  assert.equal(from(two, 'up').playbook, 0, 'from 2 to 0: docuseal (1) is hidden');
  const errs = run('i', '/', 'e', 'r', 'r', 'enter');
  assert.equal(errs.playbook, 0, 'slow-queries is hidden: the first shown is selected');
  assert.equal(from(errs, 'down').playbook, 1);
  assert.equal(from(errs, 'down', 'down').playbook, 1, 'stops at the last shown');
  const none = run('i', '/', 'z', 'z', 'enter');
  assert.equal(from(none, 'enter').view, 'playbooks', 'nothing shown: nothing opens');
  assert.equal(from(kept, 'escape', 'i').filters.playbooks, '', 'the picker opens unfiltered');
});

test('p pauses and resumes; r asks for a refresh, from any view', () => {
  assert.equal(run('p').paused, true);
  assert.equal(run('p', 'p').paused, false);
  assert.equal(run('r', 'r').refreshes, 2);
  assert.equal(run('enter', 'r', 'p').refreshes, 1);
  assert.equal(run('enter', 'p').paused, true);
});

test('/ on the dashboard types a log filter; Enter keeps it, Esc clears it; every letter is text meanwhile', () => {
  const typed = run('/', 'D', 'o', 'c', 'backspace');
  assert.deepEqual([typed.filtering, typed.filters.logs], ['logs', 'Do']);
  assert.equal(screenOf(typed), 'filter');
  const kept = from(typed, 'enter');
  assert.deepEqual([kept.filtering, kept.filters.logs], [null, 'Do']);
  assert.equal(from(typed, 'q').quit, false, 'q is a letter while filtering');
  assert.equal(from(typed, 'q').filters.logs, 'Doq');
  assert.equal(from(typed, '?').help, false, '? too');
  assert.equal(from(typed, 'escape').filters.logs, '');
  assert.equal(from(kept, 'escape').filters.logs, '', 'Esc on the dashboard clears a kept filter');
  assert.equal(from(typed, 'ctrl-c').quit, true);
});

test('the embedded checklist asks for refresh, back and quit as actions', () => {
  const inChecks = run('c');
  assert.equal(reduce(inChecks, { type: 'do', act: 'back', counts }).view, 'main');
  assert.equal(reduce(inChecks, { type: 'do', act: 'refresh', counts }).refreshes, 1);
  assert.equal(reduce(inChecks, { type: 'do', act: 'quit', counts }).quit, true);
});
