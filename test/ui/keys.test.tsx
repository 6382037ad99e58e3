// The keymap is the one place keys are defined: every key in it is handled by
// its screen's reducer and listed in that screen's help, the footers are drawn
// from it, `?` opens help and Esc goes back everywhere, and no other file in
// src/ui reads a key.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Key as InkKey } from 'ink';
import type { CheckLine } from '../../src/engine/checks.js';
import type { Incident } from '../../src/store/timeline.js';
import { Footer } from '../../src/ui/Footer.js';
import { HelpView } from '../../src/ui/HelpView.js';
import { actionOf, footerText, KEYMAP, type KeyName, keysOf, keysText, PROMPTS, type Screen } from '../../src/ui/keys.js';
import { type CheckState, checkScreen, initialCheck, reduceCheck } from '../../src/ui/state/check.js';
import { type IncidentState, incidentScreen, initialIncident, reduceIncident } from '../../src/ui/state/incident.js';
import { type Counts, initialState, reduce, screenOf, type WatchState } from '../../src/ui/state/watch.js';
import { ROOT } from '../helpers/paths.js';
import { renderWithProviders } from '../helpers/render.js';

const SCREENS = Object.keys(KEYMAP) as Screen[];

// One reducer per screen family, each with states standing on the screens it answers for.
interface Family<S> {
  name: string;
  screenOf: (s: S) => Screen;
  press: (s: S, key: KeyName) => S;
  states: S[];
}

const TWO_LINKS = [
  { label: 'runbook', url: 'https://runbooks.example.com/a' },
  { label: 'Prometheus', url: 'http://127.0.0.1:9090/graph?g0.expr=up' },
];
const counts: Counts = { rows: { slos: 3, alerts: 2, sentry: 0, logs: 0 }, playbooks: ['a first', 'b second'], alertPlaybooks: [1, null] };
const w = (s: WatchState, ...keys: KeyName[]) => keys.reduce((x, key) => reduce(x, { type: 'key', key, counts }), s);
const watchFamily: Family<WatchState> = {
  name: 'watch',
  screenOf,
  press: (s, key) => w(s, key),
  states: [
    initialState,
    w(initialState, 'down'),
    w(initialState, '/', 'x', 'enter'),
    w(initialState, 'enter'),
    w(initialState, 'c'),
    w(initialState, 'i'),
    w(initialState, 'i', 'up'),
    w(initialState, 'i', 'enter'),
    w(initialState, '?'),
    w(initialState, '/', 'a', 'b'),
    w(initialState, 'i', '/', 'a'),
    // An item with two links: the menu, at its first and its last.
    { ...initialState, menu: { links: TWO_LINKS, index: 0, purpose: 'open' } },
    { ...initialState, menu: { links: TWO_LINKS, index: 1, purpose: 'copy' } },
  ],
};

const LINES: CheckLine[] = [
  { key: '0:', check: 0, title: 'Review', kind: 'manual', verdict: 'manual', detail: '' },
  { key: '1:X', check: 1, title: 'Latency', kind: 'auto', verdict: 'fail', detail: 'X = 2s', id: 'X' },
];
const c = (s: CheckState, ...keys: KeyName[]) => keys.reduce((x, key) => reduceCheck(x, { type: 'key', key }), s);
const checkStates = (embedded: boolean) => {
  const opened = initialCheck({ embedded, opened: { ok: true, progress: { done: {}, notes: {} }, skipped: 0 }, lines: null });
  const ready = [{ type: 'taken', through: 1 } as const, { type: 'checked', lines: LINES } as const].reduce(reduceCheck, opened);
  return [ready, c(ready, 'down'), c(ready, '/', 'l', 'enter'), c(ready, 'down', 'enter'), c(ready, '?'), c(ready, 'n', 'a', 'b'), c(ready, '/', 'a')];
};
const checkFamily = (embedded: boolean): Family<CheckState> => ({
  name: embedded ? 'check inside watch' : 'check',
  screenOf: checkScreen,
  press: (s, key) => c(s, key),
  states: checkStates(embedded),
});

const INCIDENT: Incident = {
  file: '/i/x.jsonl',
  playbook: 'x',
  openedAt: 0,
  severity: 'P2',
  steps: {},
  notes: [],
  probes: {},
  cause: null,
  resolution: null,
  resolvedAt: null,
  events: [{ t: 0, kind: 'opened', playbook: 'x', severity: 'P2' }],
  skipped: 0,
};
const i = (s: IncidentState, ...keys: KeyName[]) => keys.reduce((x, key) => reduceIncident(x, { type: 'key', key }), s);
const incidentStart = reduceIncident(
  initialIncident(INCIDENT, {
    steps: [
      { kind: 'manual', title: 'Look' },
      { kind: 'run', title: 'Restart', command: 'restart app' },
    ],
    severities: ['P1', 'P2'],
    causes: ['Crash'],
    resolutions: ['Restart'],
    exec: true,
  }),
  { type: 'taken', through: 1 },
);
const incidentFamily: Family<IncidentState> = {
  name: 'incident',
  screenOf: incidentScreen,
  press: (s, key) => i(s, key),
  states: [
    incidentStart,
    i(incidentStart, 'down'),
    i(incidentStart, '/', 'r', 'enter'),
    i(incidentStart, 'c'),
    i(incidentStart, 'c', 'down'),
    i(incidentStart, 'e'),
    i(incidentStart, '?'),
    i(incidentStart, 'n', 'a', 'b'),
    i(incidentStart, '/', 'a'),
    i(incidentStart, 'down', 'x'),
    reduceIncident(incidentStart, { type: 'resolved', file: '/i/x.md', already: false }),
    { ...incidentStart, mode: { kind: 'links', menu: { links: TWO_LINKS, index: 0, purpose: 'open' } } },
    { ...incidentStart, mode: { kind: 'links', menu: { links: TWO_LINKS, index: 1, purpose: 'copy' } } },
  ],
};

const families = [watchFamily, checkFamily(false), checkFamily(true), incidentFamily] as Family<unknown>[];

test('every key of every screen is handled by a reducer that answers for that screen', () => {
  const covered = new Set<Screen>();
  for (const f of families) {
    const screens = new Set(f.states.map(f.screenOf));
    for (const screen of screens) {
      covered.add(screen);
      const on = f.states.filter((s) => f.screenOf(s) === screen);
      for (const b of KEYMAP[screen]) {
        for (const key of b.keys) {
          assert.ok(
            on.some((s) => !isDeepStrictEqual(f.press(s, key), s)),
            `${f.name}: ${keysText({ ...b, keys: [key] })} on ${screen} (${b.help}) changes nothing`,
          );
        }
      }
    }
  }
  assert.deepEqual([...covered].sort(), [...SCREENS].sort(), "every screen of the keymap is some reducer's");
});

test('a key is bound once per screen, and a binding that acts per key names an action for each', () => {
  for (const screen of SCREENS) {
    const all = KEYMAP[screen].flatMap((b) => b.keys);
    assert.equal(new Set(all).size, all.length, `${screen}: ${all.join(' ')}`);
    for (const b of KEYMAP[screen]) if (typeof b.act !== 'string') assert.deepEqual(Object.keys(b.act).sort(), [...b.keys].sort(), `${screen}: ${b.help}`);
  }
});

test('? opens the help on every screen but a prompt or a question, where it is typed or cancels; Esc is bound everywhere', () => {
  for (const screen of SCREENS) {
    assert.ok(actionOf(KEYMAP[screen], 'escape'), `${screen} has no Esc`);
    if (PROMPTS.includes(screen) || screen === 'confirm') assert.notEqual(actionOf(KEYMAP[screen], '?'), 'help', screen);
    else assert.ok(['help', 'close'].includes(actionOf(KEYMAP[screen], '?') as string), `${screen}: ? is ${actionOf(KEYMAP[screen], '?')}`);
  }
  // Each family's ? does open a help.
  for (const f of families) {
    for (const s of f.states.filter((x) => !['help', 'confirm', ...PROMPTS].includes(f.screenOf(x))))
      assert.equal(f.screenOf(f.press(s, '?')), 'help', `${f.name} on ${f.screenOf(s)}`);
  }
});

test('/ filters exactly the screens with a list to filter', () => {
  const withSlash = SCREENS.filter((s) => actionOf(KEYMAP[s], '/') === 'filter');
  assert.deepEqual(withSlash.sort(), ['check', 'check.embedded', 'incident', 'watch', 'watch.playbooks']);
});

test('destructive keys ask first: nothing is queued until y', () => {
  const destructive = SCREENS.flatMap((s) => KEYMAP[s].filter((b) => b.confirm).map((b) => `${s} ${b.keys.join(' ')}`));
  assert.deepEqual(destructive, ['incident x', 'incident R']);
  const onRun = i(incidentStart, 'down');
  for (const key of ['x', 'R']) {
    const asked = i(onRun, key);
    assert.deepEqual([asked.mode.kind, asked.outbox], ['confirm', []], key);
    assert.equal(i(asked, 'y').outbox.length, 1, key);
  }
});

test('the help lists every binding of the screen it is opened on, keys and words', () => {
  for (const screen of SCREENS) {
    const frame = renderWithProviders(<HelpView keys={KEYMAP[screen]} />).lastFrame()!;
    assert.match(frame, /^Keys\n/);
    for (const b of KEYMAP[screen]) assert.ok(frame.includes(`  ${keysText(b).padEnd(22)}${b.help}`), `${screen}: ${keysText(b)} ${b.help}\n${frame}`);
    assert.match(frame, /Esc or \? to go back\.$/);
  }
});

test('footers are drawn from the keymap', () => {
  assert.equal(footerText(KEYMAP.watch), '? help  q quit  r refresh  Tab focus  Enter detail  c checks  i playbooks  p pause  / filter');
  assert.equal(footerText(KEYMAP.check), '↑↓ move  Space tick  n note  Enter why  r re-run  / filter  ? help  q quit');
  assert.equal(footerText(KEYMAP['check.embedded']), '↑↓ move  Space tick  n note  Enter why  r re-run  / filter  ? help  Esc back');
  assert.equal(
    footerText(KEYMAP.incident),
    '↑↓ step  Space done  - skip  f failed  n note  r probe  y copy  x run  s severity  c cause  a resolution  e escalation  R resolve  / filter  ? help  q leave',
  );
  for (const screen of SCREENS) {
    const frame = renderWithProviders(<Footer keys={KEYMAP[screen]} />).lastFrame()!;
    // The test terminal is 100 columns wide: a longer footer is cut there, with an ellipsis.
    const text = footerText(KEYMAP[screen]);
    assert.equal(frame, text.length <= 100 ? text : `${text.slice(0, 99)}…`, screen);
  }
  const typing = renderWithProviders(<Footer filtering filter="err" />).lastFrame()!;
  assert.equal(typing, '/err▏ (Enter keeps the filter, Esc clears it)');
});

const ink = (over: Partial<InkKey>): InkKey => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...over,
});

test("Ink's key events become key names; pasted text is a key per character, a line break an Enter", () => {
  assert.deepEqual(keysOf('c', ink({ ctrl: true })), ['ctrl-c']);
  assert.deepEqual(keysOf('', ink({ tab: true })), ['tab']);
  assert.deepEqual(keysOf('', ink({ tab: true, shift: true })), ['shift-tab']);
  assert.deepEqual(keysOf('', ink({ upArrow: true })), ['up']);
  assert.deepEqual(keysOf('', ink({ escape: true, meta: true })), ['escape']);
  assert.deepEqual(keysOf('', ink({ backspace: true })), ['backspace']);
  assert.deepEqual(keysOf('', ink({ delete: true })), ['backspace']);
  assert.deepEqual(keysOf('\r', ink({ return: true })), ['enter']);
  assert.deepEqual(keysOf('R', ink({ shift: true })), ['R']);
  assert.deepEqual(keysOf(' ', ink({})), [' ']);
  assert.deepEqual(keysOf('ok\rj', ink({})), ['o', 'k', 'enter', 'j']);
  assert.deepEqual(keysOf('x', ink({ meta: true })), [], 'Alt-x is no key here');
});

/** Every file under a directory. */
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

test('no file in src/ui but keys.ts reads a key, and only useKeys listens to Ink', () => {
  const ui = join(ROOT, 'src/ui');
  for (const file of files(ui)) {
    const rel = file.slice(ui.length + 1);
    const text = readFileSync(file, 'utf8');
    if (rel !== 'keys.ts')
      assert.doesNotMatch(text, /\bkey\.(upArrow|downArrow|leftArrow|rightArrow|return|escape|tab|backspace|delete|ctrl|meta)\b|\binput ===/, rel);
    if (rel !== 'hooks/useKeys.ts') assert.doesNotMatch(text, /\buseInput\(/, rel);
  }
});
