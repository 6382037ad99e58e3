// The checklist screen as a pure reducer. Keys come through the keymap; what
// must touch the disk or the poller is queued in `outbox`, and a hook
// (useChecklist) does it and reports back. A tick is on screen only once it
// is on disk: the reducer changes `progress` on `saved`, never on the key.
import type { CheckLine } from '../../engine/checks.js';
import type { LoadedProgress, Progress } from '../../store/checklist.js';
import type { StoreError } from '../../store/errors.js';
import { actionOf, type CheckAct, isTyped, KEYMAP, type KeyName } from '../keys.js';
import { type Failure, notSaved } from './failure.js';
import { filterKey, keep, shown, step } from './list.js';

/** A change of the round's progress, as the progress file records it (the hook adds the time). */
export type ProgressEvent = { kind: 'tick'; key: string; done: boolean } | { kind: 'note'; key: string; text: string };

/** What the hook is asked to do: write a progress event, or run the automatic checks. */
export type CheckWork = { kind: 'save'; event: ProgressEvent } | { kind: 'run' };
export type CheckEffect = CheckWork & { id: number };

export interface CheckState {
  /** Inside watch: leaving goes back to the dashboard. */
  embedded: boolean;
  lines: CheckLine[] | null;
  running: boolean;
  progress: Progress;
  /** Lines of the progress file left out on opening: torn, null, another shape. */
  skipped: number;
  /** The last failure, until the next write is saved. */
  failure: Failure | null;
  /** Index into `lines`, whatever the filter. */
  selected: number;
  /** The note being typed, or null. */
  noting: string | null;
  /** Showing why the selected check did not pass. */
  why: boolean;
  help: boolean;
  filter: string;
  filtering: boolean;
  /** 'leave': back to where the checklist was opened from; 'exit': the whole program (Ctrl-C). */
  quit: null | 'leave' | 'exit';
  outbox: CheckEffect[];
  nextId: number;
}

export type CheckAction =
  | { type: 'key'; key: KeyName }
  /** The hook has taken the effects up to this id. */
  | { type: 'taken'; through: number }
  | { type: 'running' }
  | { type: 'checked'; lines: CheckLine[] }
  | { type: 'saved'; event: ProgressEvent }
  | { type: 'refused'; event: ProgressEvent; error: StoreError };

/** The round as the progress file was read; standalone, the first run of the checks is queued at once. */
export function initialCheck(opts: { embedded: boolean; opened: LoadedProgress; lines: CheckLine[] | null }): CheckState {
  const { embedded, opened, lines } = opts;
  return {
    embedded,
    lines,
    running: !embedded,
    progress: opened.ok ? opened.progress : { done: {}, notes: {} },
    skipped: opened.ok ? opened.skipped : 0,
    failure: opened.ok ? null : { text: `${opened.error.message}: earlier ticks and notes are not shown`, error: opened.error },
    selected: 0,
    noting: null,
    why: false,
    help: false,
    filter: '',
    filtering: false,
    quit: null,
    outbox: embedded ? [] : [{ id: 1, kind: 'run' }],
    nextId: 2,
  };
}

/** The text the filter is matched against: what the row shows. */
export const lineText = (l: CheckLine): string => (l.kind === 'manual' ? l.title : `${l.title}: ${l.detail}`);

/** The lines shown under the filter, as indexes into all of them. */
export const shownLines = (s: CheckState): number[] => shown((s.lines ?? []).map(lineText), s.filter);

/** The keymap the state answers to. */
export function checkScreen(s: CheckState): 'text' | 'filter' | 'help' | 'check.why' | 'check' | 'check.embedded' {
  if (s.noting !== null) return 'text';
  if (s.filtering) return 'filter';
  if (s.help) return 'help';
  if (s.why) return 'check.why';
  return s.embedded ? 'check.embedded' : 'check';
}

/** The screen the help describes: the one under it. */
export const checkHelpScreen = (s: CheckState) => (s.why ? 'check.why' : s.embedded ? 'check.embedded' : 'check');

const enqueue = (s: CheckState, e: CheckWork): CheckState => ({ ...s, outbox: [...s.outbox, { ...e, id: s.nextId }], nextId: s.nextId + 1 });

/** Done as the screen will show it once the queued writes land: two quick Spaces tick and untick. */
function doneAfterQueue(s: CheckState, key: string): boolean {
  let done = Boolean(s.progress.done[key]);
  for (const e of s.outbox) if (e.kind === 'save' && e.event.kind === 'tick' && e.event.key === key) done = e.event.done;
  return done;
}

export function reduceCheck(s: CheckState, a: CheckAction): CheckState {
  switch (a.type) {
    case 'key':
      return onKey(s, a.key);
    case 'taken':
      return { ...s, outbox: s.outbox.filter((e) => e.id > a.through) };
    case 'running':
      return { ...s, running: true };
    case 'checked': {
      const next = { ...s, lines: a.lines, running: false, selected: Math.min(s.selected, Math.max(0, a.lines.length - 1)) };
      return { ...next, selected: keep(shownLines(next), next.selected) };
    }
    case 'saved': {
      const e = a.event;
      const progress =
        e.kind === 'tick'
          ? { ...s.progress, done: { ...s.progress.done, [e.key]: e.done } }
          : { ...s.progress, notes: { ...s.progress.notes, [e.key]: e.text } };
      return { ...s, progress, failure: null };
    }
    case 'refused':
      return { ...s, failure: notSaved(a.event.kind === 'note' ? 'the note' : a.event.done ? 'the tick' : 'the untick', a.error) };
  }
}

function onKey(s: CheckState, key: KeyName): CheckState {
  const screen = checkScreen(s);
  // A row the filter hides is not acted on.
  const line = shownLines(s).includes(s.selected) ? s.lines?.[s.selected] : undefined;
  if (screen === 'text') {
    switch (actionOf(KEYMAP.text, key)) {
      case 'quit':
        return { ...s, quit: 'exit' };
      case 'save':
        return line
          ? enqueue({ ...s, noting: null }, { kind: 'save', event: { kind: 'note', key: line.key, text: s.noting!.trim() } })
          : { ...s, noting: null };
      case 'cancel':
        return { ...s, noting: null };
      case 'erase':
        return { ...s, noting: s.noting!.slice(0, -1) };
      default:
        return isTyped(key) ? { ...s, noting: s.noting + key } : s;
    }
  }
  if (screen === 'filter') {
    const withFilter = (filter: string, filtering: boolean) => {
      const next = { ...s, filter, filtering };
      return { ...next, selected: keep(shownLines(next), s.selected) };
    };
    const f = filterKey(s.filter, key);
    if (f.kind === 'quit') return { ...s, quit: 'exit' };
    if (f.kind === 'save') return { ...s, filtering: false };
    return f.kind === 'text' ? withFilter(f.text, f.typing) : s;
  }
  if (screen === 'help') {
    const act = actionOf(KEYMAP.help, key);
    if (act === 'quit') return { ...s, quit: 'exit' };
    return act === 'close' ? { ...s, help: false } : s;
  }
  const act = actionOf(KEYMAP[screen], key);
  return act ? perform(s, act, line) : s;
}

function perform(s: CheckState, act: CheckAct, line: CheckLine | undefined): CheckState {
  switch (act) {
    case 'exit':
      return { ...s, quit: 'exit' };
    case 'quit':
      return { ...s, quit: s.embedded ? 'leave' : 'exit' };
    case 'help':
      return { ...s, help: true };
    case 'back':
      if (s.why) return { ...s, why: false };
      if (s.filter) return { ...s, filter: '' };
      return { ...s, quit: s.embedded ? 'leave' : 'exit' };
    case 'up':
      return { ...s, selected: step(shownLines(s), s.selected, -1) };
    case 'down':
      return { ...s, selected: step(shownLines(s), s.selected, 1) };
    case 'tick':
      if (line?.kind !== 'manual') return s;
      return enqueue(s, { kind: 'save', event: { kind: 'tick', key: line.key, done: !doneAfterQueue(s, line.key) } });
    case 'note':
      return line ? { ...s, noting: s.progress.notes[line.key] ?? '' } : s;
    case 'why':
      return line && line.kind === 'auto' && line.verdict !== 'pass' ? { ...s, why: true } : s;
    case 'rerun':
      return s.running ? s : enqueue(s, { kind: 'run' });
    case 'filter':
      return { ...s, filtering: true, filter: '' };
  }
}
