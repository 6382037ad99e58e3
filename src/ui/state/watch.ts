// What the watch screen shows and where focus is: a pure reducer over the
// keymap's actions, so every key's effect is tested without a terminal.
import type { Link } from '../../engine/links.js';
import { actionOf, KEYMAP, type KeyName, type Screen, type WatchAct } from '../keys.js';
import { type LinkMenu, type LinkPurpose, type LinkStep, menuKey, NO_LINK, startLinks } from './links.js';
import { filterKey, keep, shown, step } from './list.js';

export type View = 'main' | 'detail' | 'checks' | 'playbooks' | 'playbook';
export const PANELS = ['slos', 'alerts', 'sentry', 'logs'] as const;
export type PanelName = (typeof PANELS)[number];
/** The lists a `/` filters: the log lines on the dashboard, the playbook picker. */
export type Filtered = 'logs' | 'playbooks';

export interface WatchState {
  view: View;
  /** The help of the view, drawn over it. */
  help: boolean;
  focus: number;
  /** Selected row per panel. */
  rows: Record<PanelName, number>;
  paused: boolean;
  filters: Record<Filtered, string>;
  /** The filter being typed, if one is. */
  filtering: Filtered | null;
  /** The playbook selected in the picker (an index into all of them) and the one opened. */
  playbook: number;
  quit: boolean;
  refreshes: number;
  /** The selected item's links, when it has several and `o` or `y` was pressed. */
  menu: LinkMenu | null;
  /** What the last `o` or `y` did, until the next key. */
  message: string;
  /** Links to open or copy, carried out by the screen's hook (useOutbox). */
  outbox: LinkEffect[];
  nextId: number;
}

export interface LinkEffect {
  id: number;
  purpose: LinkPurpose;
  link: Link;
}

export const initialState: WatchState = {
  view: 'main',
  help: false,
  focus: 0,
  rows: { slos: 0, alerts: 0, sentry: 0, logs: 0 },
  paused: false,
  filters: { logs: '', playbooks: '' },
  filtering: null,
  playbook: 0,
  quit: false,
  refreshes: 0,
  menu: null,
  message: '',
  outbox: [],
  nextId: 1,
};

/** What the keys act on, as the latest snapshot has it. */
export interface Counts {
  rows: Record<PanelName, number>;
  /** Each playbook's text for the picker's filter ("id title"). */
  playbooks: readonly string[];
  /** For each active alert in panel order, the index of its playbook (null when it has none). */
  alertPlaybooks: Array<number | null>;
  /** The links of a panel's row (the item the dashboard or its detail shows); none without it. */
  linksOf?: (panel: PanelName, row: number) => readonly Link[];
}

export type WatchAction =
  | { type: 'key'; key: KeyName; counts: Counts }
  /** An action asked for by other code than a key: the embedded checklist's refresh and leave. */
  | { type: 'do'; act: WatchAct; counts: Counts }
  /** The hook took the link effects through this id. */
  | { type: 'taken'; through: number }
  /** What opening or copying a link came to, as a line to show. */
  | { type: 'linked'; text: string };

const SCREEN: Record<View, 'watch' | `watch.${Exclude<View, 'main'>}`> = {
  main: 'watch',
  detail: 'watch.detail',
  checks: 'watch.checks',
  playbooks: 'watch.playbooks',
  playbook: 'watch.playbook',
};

/** The keymap the state answers to: the filter's prompt, the help, or the view's own. */
export function screenOf(s: WatchState): Screen {
  if (s.filtering) return 'filter';
  if (s.help) return 'help';
  return viewScreen(s);
}

/** The screen the help describes: the link menu, or the view under it. */
export const viewScreen = (s: WatchState): Screen => (s.menu ? 'links' : SCREEN[s.view]);

/** The playbooks the picker shows, as indexes into all of them. */
export const shownPlaybooks = (s: WatchState, texts: readonly string[]): number[] => shown(texts, s.filters.playbooks);

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max - 1)));

export function reduce(s: WatchState, a: WatchAction): WatchState {
  if (a.type === 'taken') return { ...s, outbox: s.outbox.filter((e) => e.id > a.through) };
  if (a.type === 'linked') return { ...s, message: a.text };
  if (a.type === 'do') return perform(s, a.act, a.counts);
  if (s.filtering) return typing(s, s.filtering, a.key, a.counts);
  if (s.help) {
    const act = actionOf(KEYMAP.help, a.key);
    if (act === 'quit') return { ...s, quit: true };
    return act === 'close' ? { ...s, help: false } : s;
  }
  // Any key clears the last line about a link.
  const cleared = s.message ? { ...s, message: '' } : s;
  if (s.menu) return linkStep(cleared, menuKey(s.menu, a.key));
  const act = actionOf(KEYMAP[SCREEN[s.view]], a.key);
  return act ? perform(cleared, act, a.counts) : cleared;
}

function linkStep(s: WatchState, step: LinkStep): WatchState {
  switch (step.kind) {
    case 'none':
      return { ...s, menu: null, message: NO_LINK };
    case 'menu':
      return { ...s, menu: step.menu };
    case 'do':
      return { ...s, menu: null, outbox: [...s.outbox, { id: s.nextId, purpose: step.purpose, link: step.link }], nextId: s.nextId + 1 };
    case 'close':
      return { ...s, menu: null };
    case 'help':
      return { ...s, help: true };
    case 'quit':
      return { ...s, quit: true };
  }
}

/** The item `o` and `y` act on: the focused row on the dashboard, the item in its detail. */
function selectedLinks(s: WatchState, counts: Counts): readonly Link[] | null {
  const panel = PANELS[s.focus];
  if (s.view !== 'main' && s.view !== 'detail') return null;
  if (panel === 'logs' || counts.rows[panel] === 0) return null;
  return counts.linksOf?.(panel, s.rows[panel]) ?? [];
}

function withFilter(s: WatchState, which: Filtered, text: string, counts: Counts): WatchState {
  const next = { ...s, filters: { ...s.filters, [which]: text } };
  return which === 'playbooks' ? { ...next, playbook: keep(shown(counts.playbooks, text), s.playbook) } : next;
}

function typing(s: WatchState, which: Filtered, key: KeyName, counts: Counts): WatchState {
  const f = filterKey(s.filters[which], key);
  if (f.kind === 'quit') return { ...s, quit: true };
  if (f.kind === 'save') return { ...s, filtering: null };
  return f.kind === 'text' ? withFilter(f.typing ? s : { ...s, filtering: null }, which, f.text, counts) : s;
}

function perform(s: WatchState, act: WatchAct, counts: Counts): WatchState {
  const panel = PANELS[s.focus];
  const picker = shown(counts.playbooks, s.filters.playbooks);
  const move = (d: 1 | -1): WatchState => {
    if (s.view === 'playbooks') return { ...s, playbook: step(picker, s.playbook, d) };
    if (s.view !== 'main') return s;
    return { ...s, rows: { ...s.rows, [panel]: clamp(s.rows[panel] + d, counts.rows[panel]) } };
  };
  const focus = (d: number): WatchState => (s.view === 'main' ? { ...s, focus: (s.focus + d + PANELS.length) % PANELS.length } : s);
  switch (act) {
    case 'quit':
      return { ...s, quit: true };
    case 'help':
      return { ...s, help: !s.help };
    case 'refresh':
      return { ...s, refreshes: s.refreshes + 1 };
    case 'pause':
      return { ...s, paused: !s.paused };
    case 'checks':
      return { ...s, view: 'checks' };
    case 'playbooks': {
      // The focused alert's playbook, else the top alert's, else where the picker was; the picker opens unfiltered.
      const row = panel === 'alerts' ? s.rows.alerts : 0;
      return { ...s, view: 'playbooks', filters: { ...s.filters, playbooks: '' }, playbook: counts.alertPlaybooks[row] ?? s.playbook };
    }
    case 'back':
      if (s.view === 'playbook') return { ...s, view: 'playbooks' };
      if (s.view !== 'main') return { ...s, view: 'main' };
      return s.filters.logs ? { ...s, filters: { ...s.filters, logs: '' } } : s;
    case 'filter':
      if (s.view === 'main') return { ...s, filtering: 'logs', filters: { ...s.filters, logs: '' } };
      if (s.view === 'playbooks') return { ...s, filtering: 'playbooks', filters: { ...s.filters, playbooks: '' } };
      return s;
    case 'next-panel':
      return focus(1);
    case 'prev-panel':
      return focus(-1);
    case 'up':
      return move(-1);
    case 'down':
      return move(1);
    case 'links':
    case 'copy-link': {
      const links = selectedLinks(s, counts);
      return links === null ? s : linkStep(s, startLinks(links, act === 'links' ? 'open' : 'copy'));
    }
    case 'open':
      if (s.view === 'playbooks') return picker.includes(s.playbook) ? { ...s, view: 'playbook' } : s;
      if (s.view === 'main' && (panel === 'slos' || panel === 'alerts') && counts.rows[panel] > 0) return { ...s, view: 'detail' };
      return s;
  }
}
