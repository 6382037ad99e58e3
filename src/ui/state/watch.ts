// What the watch screen shows and where focus is: a pure reducer over keys, so
// every key's effect is tested without a terminal.
export type View = 'main' | 'help' | 'detail' | 'checks' | 'playbooks' | 'playbook';
export const PANELS = ['slos', 'alerts', 'sentry', 'logs'] as const;
export type PanelName = (typeof PANELS)[number];

export interface WatchState {
  view: View;
  focus: number;
  /** Selected row per panel. */
  rows: Record<PanelName, number>;
  paused: boolean;
  filter: string;
  filtering: boolean;
  /** Playbook picker selection and the one opened. */
  playbook: number;
  quit: boolean;
  refreshes: number;
}

export const initialState: WatchState = {
  view: 'main',
  focus: 0,
  rows: { slos: 0, alerts: 0, sentry: 0, logs: 0 },
  paused: false,
  filter: '',
  filtering: false,
  playbook: 0,
  quit: false,
  refreshes: 0,
};

export type Key =
  | { kind: 'char'; char: string }
  | { kind: 'tab'; shift: boolean }
  | { kind: 'arrow'; dir: 'up' | 'down' | 'left' | 'right' }
  | { kind: 'enter' }
  | { kind: 'escape' }
  | { kind: 'backspace' }
  | { kind: 'ctrl-c' };

export interface Counts {
  rows: Record<PanelName, number>;
  playbooks: number;
  /** For each active alert in panel order, the index of its playbook (null when it has none). */
  alertPlaybooks: Array<number | null>;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max - 1)));

export function reduce(s: WatchState, key: Key, counts: Counts): WatchState {
  if (key.kind === 'ctrl-c') return { ...s, quit: true };
  if (s.filtering) {
    if (key.kind === 'enter' || key.kind === 'escape') return { ...s, filtering: false, filter: key.kind === 'escape' ? '' : s.filter };
    if (key.kind === 'backspace') return { ...s, filter: s.filter.slice(0, -1) };
    if (key.kind === 'char') return { ...s, filter: s.filter + key.char };
    return s;
  }
  if (key.kind === 'escape') {
    if (s.view === 'playbook') return { ...s, view: 'playbooks' };
    if (s.view !== 'main') return { ...s, view: 'main' };
    return s.filter ? { ...s, filter: '' } : s;
  }
  const panel = PANELS[s.focus];
  const move = (d: number) => {
    if (s.view === 'playbooks') return { ...s, playbook: clamp(s.playbook + d, counts.playbooks) };
    if (s.view !== 'main') return s;
    return { ...s, rows: { ...s.rows, [panel]: clamp(s.rows[panel] + d, counts.rows[panel]) } };
  };
  const focus = (d: number) => (s.view === 'main' ? { ...s, focus: (s.focus + d + PANELS.length) % PANELS.length } : s);
  switch (key.kind) {
    case 'tab':
      return focus(key.shift ? -1 : 1);
    case 'arrow':
      if (key.dir === 'left') return focus(-1);
      if (key.dir === 'right') return focus(1);
      return move(key.dir === 'up' ? -1 : 1);
    case 'enter':
      if (s.view === 'playbooks') return counts.playbooks ? { ...s, view: 'playbook' } : s;
      if (s.view === 'main' && (panel === 'slos' || panel === 'alerts') && counts.rows[panel] > 0) return { ...s, view: 'detail' };
      return s;
    case 'char':
      break;
    default:
      return s;
  }
  switch (key.char) {
    case 'q':
      return { ...s, quit: true };
    case '?':
      return { ...s, view: s.view === 'help' ? 'main' : 'help' };
    case 'r':
      return { ...s, refreshes: s.refreshes + 1 };
    case 'p':
      return { ...s, paused: !s.paused };
    case 'c':
      return { ...s, view: 'checks' };
    case 'i': {
      // The focused alert's playbook, else the top alert's, else where the picker was.
      const row = panel === 'alerts' ? s.rows.alerts : 0;
      return { ...s, view: 'playbooks', playbook: counts.alertPlaybooks[row] ?? s.playbook };
    }
    case '/':
      return s.view === 'main' ? { ...s, filtering: true, filter: '' } : s;
    case 'j':
      return move(1);
    case 'k':
      return move(-1);
    default:
      return s;
  }
}
