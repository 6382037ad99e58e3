// The one keymap. For every screen, each key's action and the line the help
// shows for it. The reducers (src/ui/state/) look keys up here, the help
// screen and the footers are drawn from here, and no other file names a key:
// changing a key is one edit, and the help cannot drift from what keys do.
import type { Key as InkKey } from 'ink';

export type Named = 'enter' | 'escape' | 'tab' | 'shift-tab' | 'up' | 'down' | 'left' | 'right' | 'backspace' | 'ctrl-c';
/** A named key, or the one character typed ("q", "?", " "). */
export type KeyName = Named | (string & {});

export interface Binding<A extends string = string> {
  /** The keys, in the order the help lists them. */
  keys: readonly KeyName[];
  /** What they do: one action for all, or one per key when a help line holds a pair (↑ ↓). */
  act: A | Readonly<Record<string, A>>;
  help: string;
  /** The footer's word for it; without one it is in the help only. */
  footer?: string;
  /** Destructive: the screen asks (y runs it, any other key cancels) before it acts. */
  confirm?: true;
}

export type WatchAct =
  | 'help'
  | 'quit'
  | 'refresh'
  | 'next-panel'
  | 'prev-panel'
  | 'up'
  | 'down'
  | 'open'
  | 'back'
  | 'checks'
  | 'playbooks'
  | 'pause'
  | 'filter'
  | 'links'
  | 'copy-link';
export type CheckAct = 'help' | 'quit' | 'exit' | 'back' | 'up' | 'down' | 'tick' | 'note' | 'why' | 'rerun' | 'filter';
export type IncidentAct =
  | 'help'
  | 'quit'
  | 'back'
  | 'up'
  | 'down'
  | 'done'
  | 'skip'
  | 'fail'
  | 'note'
  | 'probe'
  | 'copy'
  | 'run'
  | 'severity'
  | 'cause'
  | 'resolution'
  | 'escalation'
  | 'resolve'
  | 'filter'
  | 'links';
/** Choosing a link of an item: open or copy it. */
export type LinkAct = 'help' | 'quit' | 'up' | 'down' | 'take' | 'open' | 'copy' | 'back';
/** Choosing from a short menu: a severity, a cause, a resolution. */
export type PickAct = 'help' | 'quit' | 'up' | 'down' | 'choose' | 'back';
/** Typing a filter, a note, a cause: every other key is a character typed. */
export type PromptAct = 'save' | 'cancel' | 'erase' | 'quit';
export type ConfirmAct = 'yes' | 'no' | 'quit';
export type HelpAct = 'close' | 'quit';

const move = (help: string, footer?: string) =>
  ({ keys: ['up', 'down', 'j', 'k'], act: { up: 'up', down: 'down', j: 'down', k: 'up' }, help, footer }) as const;

// Watch: the dashboard's keys, most of which also work from its other views.
const help = { keys: ['?'], act: 'help', help: 'this help (again to close)', footer: 'help' } as const;
const quit = { keys: ['q', 'ctrl-c'], act: 'quit', help: 'quit (the terminal is restored)', footer: 'quit' } as const;
const refresh = { keys: ['r'], act: 'refresh', help: 'refresh now, and retry sources that are backing off', footer: 'refresh' } as const;
const checks = { keys: ['c'], act: 'checks', help: 'the checks due in the current hour of the schedule', footer: 'checks' } as const;
const playbooks = { keys: ['i'], act: 'playbooks', help: "playbooks (the focused alert's is preselected)", footer: 'playbooks' } as const;
const pause = { keys: ['p'], act: 'pause', help: 'pause or resume polling', footer: 'pause' } as const;
const openLink = { keys: ['o'], act: 'links', help: "open the item's link: runbook, Grafana, Sentry (a menu when several)" } as const;
const copyLink = { keys: ['y'], act: 'copy-link', help: "copy the item's link (OSC 52, and the clipboard tool if any)" } as const;
const back = (to: string) => ({ keys: ['escape'], act: 'back', help: `back to ${to}`, footer: 'back' }) as const;

const watch: Binding<WatchAct>[] = [
  help,
  quit,
  refresh,
  {
    keys: ['tab', 'shift-tab', 'left', 'right'],
    act: { tab: 'next-panel', 'shift-tab': 'prev-panel', left: 'prev-panel', right: 'next-panel' },
    help: 'move focus between panels',
    footer: 'focus',
  },
  move('move within the focused panel'),
  { keys: ['enter'], act: 'open', help: 'detail of the focused SLO or alert: query, chart, thresholds, last error', footer: 'detail' },
  { keys: ['escape'], act: 'back', help: 'back (on the dashboard: clears the filter)' },
  openLink,
  copyLink,
  checks,
  playbooks,
  pause,
  { keys: ['/'], act: 'filter', help: 'filter the log lines', footer: 'filter' },
];

const watchDetail: Binding<WatchAct>[] = [help, quit, back('the dashboard'), openLink, copyLink, refresh, checks, playbooks, pause];
const watchPlaybooks: Binding<WatchAct>[] = [
  help,
  quit,
  move('choose a playbook', 'choose'),
  { keys: ['enter'], act: 'open', help: 'open the playbook', footer: 'open' },
  back('the dashboard'),
  { keys: ['/'], act: 'filter', help: 'filter the playbooks by id or title', footer: 'filter' },
  refresh,
  checks,
  pause,
];
const watchPlaybook: Binding<WatchAct>[] = [help, quit, back('the playbooks'), refresh, checks, pause];
const watchChecks: Binding<WatchAct>[] = [help, quit, back('the dashboard'), refresh, playbooks, pause];

// The checklist: alone (`oncall check`) or inside watch (c), where leaving goes back to the dashboard.
const checkList: Binding<CheckAct>[] = [
  move('move between the checks', 'move'),
  { keys: [' '], act: 'tick', help: 'tick or untick the manual check', footer: 'tick' },
  { keys: ['n'], act: 'note', help: 'write a note on the check (Enter saves it)', footer: 'note' },
  { keys: ['enter'], act: 'why', help: 'why the check did not pass, and the playbook to open', footer: 'why' },
  { keys: ['r'], act: 'rerun', help: 're-run the automatic checks', footer: 're-run' },
  { keys: ['/'], act: 'filter', help: 'filter the checks by title or detail', footer: 'filter' },
  help,
];
const check: Binding<CheckAct>[] = [
  ...checkList,
  { keys: ['q', 'ctrl-c'], act: 'quit', help: 'quit (ticks and notes are saved as you go)', footer: 'quit' },
  { keys: ['escape'], act: 'back', help: 'clear the filter; without one, quit' },
];
const checkEmbedded: Binding<CheckAct>[] = [
  ...checkList,
  { keys: ['escape'], act: 'back', help: 'back to the dashboard (a filter is cleared first)', footer: 'back' },
  { keys: ['q'], act: 'quit', help: 'back to the dashboard' },
  { keys: ['ctrl-c'], act: 'exit', help: 'quit oncall' },
];
const checkWhy: Binding<CheckAct>[] = [
  { keys: ['escape', 'enter', 'q'], act: 'back', help: 'back to the checks', footer: 'back' },
  help,
  { keys: ['ctrl-c'], act: 'exit', help: 'quit' },
];

const incident: Binding<IncidentAct>[] = [
  move('move between the steps', 'step'),
  { keys: [' '], act: 'done', help: 'mark the step done', footer: 'done' },
  { keys: ['-'], act: 'skip', help: 'mark the step skipped', footer: 'skip' },
  { keys: ['f'], act: 'fail', help: 'mark the step failed', footer: 'failed' },
  { keys: ['n'], act: 'note', help: 'write a note on the step (Enter saves it)', footer: 'note' },
  { keys: ['r'], act: 'probe', help: 'probe again: health checks, queries, alerts and SLOs', footer: 'probe' },
  { keys: ['y'], act: 'copy', help: "copy the step's command (variables unexpanded) or its link (OSC 52)", footer: 'copy' },
  { keys: ['o'], act: 'links', help: "open the step's link: runbook, Grafana (a menu when several)" },
  { keys: ['x'], act: 'run', help: "run the step's command (asks first; never with --no-exec)", footer: 'run', confirm: true },
  { keys: ['s'], act: 'severity', help: 'change the severity', footer: 'severity' },
  { keys: ['c'], act: 'cause', help: 'record the root cause', footer: 'cause' },
  { keys: ['a'], act: 'resolution', help: 'record the resolution applied', footer: 'resolution' },
  { keys: ['e'], act: 'escalation', help: 'who to escalate to, and the time left to respond', footer: 'escalation' },
  { keys: ['R'], act: 'resolve', help: 'resolve: write the postmortem and close the incident (asks first)', footer: 'resolve', confirm: true },
  { keys: ['/'], act: 'filter', help: 'filter the steps by title or command', footer: 'filter' },
  { keys: ['escape'], act: 'back', help: 'clear the filter' },
  help,
  { keys: ['q', 'ctrl-c'], act: 'quit', help: 'leave (the incident stays open: the same command resumes it)', footer: 'leave' },
];
const incidentPick: Binding<PickAct>[] = [
  move('choose', 'choose'),
  { keys: ['enter'], act: 'choose', help: 'record the choice', footer: 'record' },
  { keys: ['escape'], act: 'back', help: 'cancel: back to the steps', footer: 'cancel' },
  help,
  { keys: ['ctrl-c'], act: 'quit', help: 'leave' },
];
const incidentEscalation: Binding<IncidentAct>[] = [
  { keys: ['escape', 'enter', 'q'], act: 'back', help: 'back to the steps', footer: 'back' },
  help,
  { keys: ['ctrl-c'], act: 'quit', help: 'leave' },
];
const incidentDone: Binding<IncidentAct>[] = [{ keys: ['q', 'enter', 'escape', 'ctrl-c'], act: 'quit', help: 'leave', footer: 'leave' }, help];

// An item's links, when it has several: the watch screen's and the incident's.
const linkMenu: Binding<LinkAct>[] = [
  move('choose a link', 'choose'),
  { keys: ['enter'], act: 'take', help: 'open the chosen link (copy it, when y opened the menu)', footer: 'take' },
  { keys: ['o'], act: 'open', help: 'open the chosen link' },
  { keys: ['y'], act: 'copy', help: 'copy the chosen link' },
  { keys: ['escape'], act: 'back', help: 'close the menu', footer: 'back' },
  help,
  { keys: ['ctrl-c'], act: 'quit', help: 'quit' },
];

// Shared by every screen: the help itself, typing, and the question before a destructive action.
const helpKeys: Binding<HelpAct>[] = [
  { keys: ['escape', '?'], act: 'close', help: 'close the help', footer: 'back' },
  { keys: ['ctrl-c'], act: 'quit', help: 'quit' },
];
const typing = (save: string, cancel: string): Binding<PromptAct>[] => [
  { keys: ['enter'], act: 'save', help: save, footer: save },
  { keys: ['escape'], act: 'cancel', help: cancel, footer: cancel },
  { keys: ['backspace'], act: 'erase', help: 'deletes the last character' },
  { keys: ['ctrl-c'], act: 'quit', help: 'quit' },
];
const confirm: Binding<ConfirmAct>[] = [
  { keys: ['y'], act: 'yes', help: 'yes, do it' },
  { keys: ['n', 'escape'], act: 'no', help: 'no (any other key too)' },
  { keys: ['ctrl-c'], act: 'quit', help: 'quit' },
];

export const KEYMAP = {
  watch,
  'watch.detail': watchDetail,
  'watch.playbooks': watchPlaybooks,
  'watch.playbook': watchPlaybook,
  'watch.checks': watchChecks,
  check,
  'check.embedded': checkEmbedded,
  'check.why': checkWhy,
  incident,
  'incident.pick': incidentPick,
  'incident.escalation': incidentEscalation,
  'incident.done': incidentDone,
  links: linkMenu,
  help: helpKeys,
  filter: typing('keeps the filter', 'clears it'),
  text: typing('saves', 'cancels'),
  confirm,
};
export type Screen = keyof typeof KEYMAP;

/** Screens where one types: every key not bound there is a character of the text. */
export const PROMPTS: readonly Screen[] = ['filter', 'text'];

/** The binding of `key` on a screen, if it has one. */
export function bindingOf<A extends string>(bindings: readonly Binding<A>[], key: KeyName): Binding<A> | undefined {
  return bindings.find((b) => b.keys.includes(key));
}

/** What `key` does on a screen; undefined when it does nothing there. */
export function actionOf<A extends string>(bindings: readonly Binding<A>[], key: KeyName): A | undefined {
  const b = bindingOf(bindings, key);
  if (!b) return undefined;
  return typeof b.act === 'string' ? b.act : b.act[key];
}

/** A key typed as text in a prompt: one printable character. */
export function isTyped(key: KeyName): boolean {
  return [...key].length === 1 && !/[\u0000-\u001f\u007f]/.test(key);
}

const LABEL: Record<Named, string> = {
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  backspace: 'Backspace',
  'ctrl-c': 'Ctrl-C',
};

/** How a key is written on screen. */
export function keyLabel(key: KeyName): string {
  if (key === ' ') return 'Space';
  return (LABEL as Record<string, string>)[key] ?? key;
}

const family = (k: KeyName) => (k === 'up' || k === 'down' || k === 'left' || k === 'right' ? 'arrow' : isTyped(k) && k !== ' ' ? 'char' : 'named');

/** A binding's keys as the help lists them: "↑ ↓, j k", "q, Ctrl-C". */
export function keysText(b: Binding): string {
  const groups = new Map<string, string[]>();
  for (const k of b.keys) groups.set(family(k), [...(groups.get(family(k)) ?? []), keyLabel(k)]);
  return [...groups.values()].map((g) => g.join(' ')).join(', ');
}

/** The key the footer names for a binding: the first, or the first two when they are a pair of arrows ("↑↓"). */
function footerKeys(b: Binding): string {
  const pair = b.keys.slice(0, 2);
  return pair.length === 2 && pair.every((k) => family(k) === 'arrow') ? pair.map(keyLabel).join('') : keyLabel(b.keys[0]);
}

/** ["? help", "q quit", "r refresh"]: the bindings with a footer word, in keymap order. */
export function footerWords(bindings: readonly Binding[]): string[] {
  return bindings.filter((b) => b.footer).map((b) => `${footerKeys(b)} ${b.footer}`);
}

/** "? help  q quit  r refresh": the footer on one line. */
export function footerText(bindings: readonly Binding[]): string {
  return footerWords(bindings).join('  ');
}

/** "Enter saves, Esc cancels": the same, as the hint of a prompt or a question. */
export function hintText(bindings: readonly Binding[]): string {
  return footerWords(bindings).join(', ');
}

/** The key that does `act` on a screen, as written ("q"), for the sentences that name one. */
export function keyFor<A extends string>(bindings: readonly Binding<A>[], act: A): string {
  for (const b of bindings) {
    const k = b.keys.find((key) => (typeof b.act === 'string' ? b.act : b.act[key]) === act);
    if (k !== undefined) return keyLabel(k);
  }
  throw new Error(`no key for ${act}`);
}

/** The question before a destructive action: "y runs it, any other key cancels". */
export function confirmHint(verb: string): string {
  return `${keyFor(KEYMAP.confirm, 'yes')} ${verb}, any other key cancels`;
}

/**
 * Ink's key event as key names, in order. Keys typed faster than a read
 * (or pasted) arrive as one string: each character is a key of its own, a
 * line break an Enter.
 */
export function keysOf(input: string, key: InkKey): KeyName[] {
  if (key.ctrl && input === 'c') return ['ctrl-c'];
  if (key.tab) return [key.shift ? 'shift-tab' : 'tab'];
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.escape) return ['escape'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.return && [...input].length <= 1) return ['enter'];
  if (!input || key.ctrl || key.meta) return [];
  return [...input].map((ch) => (ch === '\r' || ch === '\n' ? 'enter' : ch));
}
