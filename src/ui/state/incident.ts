// The incident screen as a pure reducer. Keys come through the keymap; every
// record, probe, command, copy and resolve is queued in `outbox`, done by a
// hook (useIncident) and reported back. The incident shown is the one the
// timeline on disk holds: it changes on `recorded` and `reloaded`, never on a key.
import type { Step } from '../../config/types.js';
import type { Link } from '../../engine/links.js';
import type { OpenOutcome } from '../../runtime/deps.js';
import type { StoreError } from '../../store/errors.js';
import type { Incident, TimelineEvent } from '../../store/timeline.js';
import { actionOf, bindingOf, type IncidentAct, isTyped, KEYMAP, type KeyName, keyFor, type PickAct } from '../keys.js';
import { type Failure, notSaved } from './failure.js';
import { copiedText, type LinkMenu, type LinkStep, menuKey, NO_LINK, openedText, startLinks } from './links.js';
import { filterKey, keep, shown, step } from './list.js';

/** An event as the screen asks for it; the hook stamps the time as it writes it. */
export type NewEvent = TimelineEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;

/** What the hook is asked to do; it reports back with actions. */
export type IncidentWork =
  | { kind: 'record'; event: NewEvent }
  /** Probe the playbook's steps; `opening`: then record the SLO snapshot of the opening. */
  | { kind: 'probe'; opening: boolean }
  | { kind: 'run'; step: number; command: string }
  /** `label`: the link's, when a link is copied rather than a command. */
  | { kind: 'copy'; text: string; label?: string }
  | { kind: 'open'; link: Link }
  /** Reload the timeline, probe and record the closing snapshot if open, write the postmortem, record `resolved`. */
  | { kind: 'resolve' };
export type IncidentEffect = IncidentWork & { id: number };

export type Mode =
  | { kind: 'steps' }
  | { kind: 'text'; purpose: 'note' | 'cause' | 'resolution'; value: string }
  | { kind: 'pick'; purpose: 'severity' | 'cause' | 'resolution'; index: number }
  | { kind: 'confirm'; action: 'run' | 'resolve' }
  | { kind: 'escalation' }
  | { kind: 'links'; menu: LinkMenu }
  | { kind: 'done'; file: string; already: boolean; warning?: string };

/** What the screen works through, fixed while it is open. */
export interface IncidentCtx {
  steps: readonly Step[];
  severities: readonly string[];
  causes: readonly string[];
  resolutions: readonly string[];
  /** False with --no-exec: commands are copied, never run. */
  exec: boolean;
  /** Each step's links (its alert's runbook, its query in Grafana), by step index. */
  links?: ReadonlyArray<readonly Link[]>;
}

export interface IncidentState {
  ctx: IncidentCtx;
  incident: Incident;
  /** The last failure, until the next event is saved: the screen keeps what is on disk meanwhile. */
  failure: Failure | null;
  /** Index into the playbook's steps, whatever the filter. */
  selected: number;
  mode: Mode;
  help: boolean;
  filter: string;
  filtering: boolean;
  message: string;
  /** Probes under way. */
  probing: number;
  quit: boolean;
  outbox: IncidentEffect[];
  nextId: number;
}

export type IncidentAction =
  | { type: 'key'; key: KeyName }
  | { type: 'taken'; through: number }
  | { type: 'recorded'; incident: Incident }
  | { type: 'refused'; what: TimelineEvent['kind']; error: StoreError }
  | { type: 'reloaded'; incident: Incident }
  | { type: 'unreadable'; error: StoreError }
  | { type: 'probing' }
  | { type: 'probed' }
  | { type: 'ran'; exit: number | null; output: string }
  | { type: 'opened'; outcome: OpenOutcome; label: string }
  /** The closing snapshot was not saved: nothing else was done. */
  | { type: 'not-resolved' }
  /** `postmortem`: written, though `resolved` was not recorded. */
  | { type: 'resolve-refused'; error: StoreError; postmortem?: string }
  | { type: 'resolved'; file: string; already: boolean; warning?: string };

const WHAT: Record<TimelineEvent['kind'], string> = {
  opened: 'the opening',
  probe: 'a probe result',
  step: 'the step mark',
  note: 'the note',
  run: "the command's result",
  severity: 'the severity change',
  cause: 'the cause',
  resolution: 'the resolution',
  resolved: 'the resolution of the incident',
  snapshot: 'the SLO snapshot',
};

export function stepLabel(s: Step): string {
  switch (s.kind) {
    case 'run':
      return `$ ${s.command}`;
    case 'http':
      return `probe ${s.method} ${s.url}`;
    case 'query':
      return `probe ${s.source}: ${s.query}`;
    case 'alert':
      return `alert ${s.id}`;
    case 'slo':
      return `SLO ${s.id}`;
    case 'manual':
      return s.note ?? 'by hand';
  }
}

/** The incident as opened; the first probe is queued at once (with the opening snapshot on a new incident). */
export function initialIncident(incident: Incident, ctx: IncidentCtx): IncidentState {
  return {
    ctx,
    incident,
    failure: null,
    selected: 0,
    mode: { kind: 'steps' },
    help: false,
    filter: '',
    filtering: false,
    message: '',
    probing: 0,
    quit: false,
    outbox: [{ id: 1, kind: 'probe', opening: incident.events.length === 1 }],
    nextId: 2,
  };
}

/** The steps shown under the filter, as indexes into all of them. */
export const shownSteps = (s: IncidentState): number[] =>
  shown(
    s.ctx.steps.map((x) => `${x.title} ${stepLabel(x)}`),
    s.filter,
  );

/** The choices of a pick, "Other…" last for a cause or resolution. */
export function pickOptions(ctx: IncidentCtx, purpose: 'severity' | 'cause' | 'resolution'): string[] {
  if (purpose === 'severity') return [...ctx.severities];
  return [...(purpose === 'cause' ? ctx.causes : ctx.resolutions), 'Other…'];
}

export type IncidentScreen = 'text' | 'filter' | 'help' | 'confirm' | 'links' | 'incident' | 'incident.pick' | 'incident.escalation' | 'incident.done';

/** The keymap the state answers to. */
export function incidentScreen(s: IncidentState): IncidentScreen {
  if (s.mode.kind === 'text') return 'text';
  if (s.filtering) return 'filter';
  if (s.help) return 'help';
  return modeScreen(s);
}

/** The screen of the mode, under any help or prompt: the one the help describes. */
export function modeScreen(s: IncidentState): Exclude<IncidentScreen, 'text' | 'filter' | 'help'> {
  switch (s.mode.kind) {
    case 'confirm':
      return 'confirm';
    case 'links':
      return 'links';
    case 'pick':
      return 'incident.pick';
    case 'escalation':
      return 'incident.escalation';
    case 'done':
      return 'incident.done';
    default:
      return 'incident';
  }
}

const enqueue = (s: IncidentState, e: IncidentWork): IncidentState => ({ ...s, outbox: [...s.outbox, { ...e, id: s.nextId }], nextId: s.nextId + 1 });
const record = (s: IncidentState, event: NewEvent) => enqueue(s, { kind: 'record', event });
const steps = (s: IncidentState): IncidentState => ({ ...s, mode: { kind: 'steps' } });

export function reduceIncident(s: IncidentState, a: IncidentAction): IncidentState {
  switch (a.type) {
    case 'key':
      return onKey(s, a.key);
    case 'taken':
      return { ...s, outbox: s.outbox.filter((e) => e.id > a.through) };
    case 'recorded':
      return { ...s, incident: a.incident, failure: null };
    case 'refused':
      return { ...s, failure: notSaved(WHAT[a.what], a.error) };
    case 'reloaded':
      return { ...s, incident: a.incident };
    case 'unreadable':
      return { ...s, failure: { text: a.error.message, error: a.error } };
    case 'probing':
      return { ...s, probing: s.probing + 1 };
    case 'probed':
      return { ...s, probing: Math.max(0, s.probing - 1) };
    case 'opened':
      return { ...s, message: openedText(a.outcome, a.label) };
    case 'ran':
      return { ...s, message: `exit ${a.exit ?? 'killed'}: ${a.output.trim().split('\n').slice(-1)[0] ?? ''}` };
    case 'not-resolved':
      return { ...s, message: `NOT resolved: the incident stays open; ${keyFor(KEYMAP.incident, 'resolve')} to try again` };
    case 'resolve-refused':
      return {
        ...s,
        failure: {
          text: a.postmortem
            ? `Postmortem written to ${a.postmortem}, but "resolved" was NOT saved: ${a.error.message}`
            : `NOT resolved, no postmortem written: ${a.error.message}`,
          error: a.error,
        },
        message: `The incident stays open; ${keyFor(KEYMAP.incident, 'resolve')} to try again once the disk has room`,
      };
    case 'resolved':
      return { ...s, failure: null, mode: { kind: 'done', file: a.file, already: a.already, warning: a.warning } };
  }
}

function onKey(s: IncidentState, key: KeyName): IncidentState {
  const screen = incidentScreen(s);
  const m = s.mode;
  if (m.kind === 'text') {
    switch (actionOf(KEYMAP.text, key)) {
      case 'quit':
        return { ...s, quit: true };
      case 'save': {
        const v = m.value.trim();
        if (!v) return steps(s);
        if (m.purpose === 'note') return record(steps(s), { kind: 'note', step: s.selected, text: v });
        return record(steps(s), { kind: m.purpose, text: v });
      }
      case 'cancel':
        return steps(s);
      case 'erase':
        return { ...s, mode: { ...m, value: m.value.slice(0, -1) } };
      default:
        return isTyped(key) ? { ...s, mode: { ...m, value: m.value + key } } : s;
    }
  }
  if (screen === 'filter') {
    const withFilter = (filter: string, filtering: boolean) => {
      const next = { ...s, filter, filtering };
      return { ...next, selected: keep(shownSteps(next), s.selected) };
    };
    const f = filterKey(s.filter, key);
    if (f.kind === 'quit') return { ...s, quit: true };
    if (f.kind === 'save') return { ...s, filtering: false };
    return f.kind === 'text' ? withFilter(f.text, f.typing) : s;
  }
  if (screen === 'help') {
    const act = actionOf(KEYMAP.help, key);
    if (act === 'quit') return { ...s, quit: true };
    return act === 'close' ? { ...s, help: false } : s;
  }
  if (m.kind === 'confirm') {
    const act = actionOf(KEYMAP.confirm, key);
    if (act === 'quit') return { ...s, quit: true };
    if (act !== 'yes') return { ...steps(s), message: m.action === 'run' ? 'not run' : 'not resolved' };
    return carryOut(steps(s), m.action);
  }
  if (m.kind === 'links') {
    const next = menuKey(m.menu, key);
    return next.kind === 'help' ? { ...s, help: true } : linkStep(steps(s), next);
  }
  if (m.kind === 'pick') {
    const act = actionOf(KEYMAP['incident.pick'], key);
    return act ? pick(s, m, act) : s;
  }
  if (m.kind === 'escalation' || m.kind === 'done') {
    const act = actionOf(KEYMAP[screen as 'incident.escalation' | 'incident.done'], key);
    if (act === 'help') return { ...s, help: true };
    if (act === 'quit') return { ...s, quit: true };
    return act === 'back' ? steps(s) : s;
  }
  // On the steps, any key clears the last message.
  const cleared = { ...s, message: '' };
  const b = bindingOf(KEYMAP.incident, key);
  const act = actionOf(KEYMAP.incident, key);
  return act ? perform(cleared, act, Boolean(b?.confirm)) : cleared;
}

function pick(s: IncidentState, m: Extract<Mode, { kind: 'pick' }>, act: PickAct): IncidentState {
  const options = pickOptions(s.ctx, m.purpose);
  switch (act) {
    case 'quit':
      return { ...s, quit: true };
    case 'help':
      return { ...s, help: true };
    case 'back':
      return steps(s);
    case 'up':
      return { ...s, mode: { ...m, index: Math.max(0, m.index - 1) } };
    case 'down':
      return { ...s, mode: { ...m, index: Math.min(options.length - 1, m.index + 1) } };
    case 'choose': {
      const choice = options[m.index];
      if (choice === undefined) return steps(s);
      if (m.purpose === 'severity')
        return choice === s.incident.severity ? steps(s) : record(steps(s), { kind: 'severity', from: s.incident.severity, to: choice });
      if (m.index === options.length - 1) return { ...s, mode: { kind: 'text', purpose: m.purpose, value: '' } };
      return record(steps(s), { kind: m.purpose, text: choice });
    }
  }
}

/** `confirm`: the keymap marks the action destructive, so it is asked about first. */
/** The selected step, unless the filter hides it: a hidden step is not acted on. */
const selectedStep = (s: IncidentState): Step | undefined => (shownSteps(s).includes(s.selected) ? s.ctx.steps[s.selected] : undefined);

/** A destructive action, once asked about (or at once, if the keymap did not mark it so). */
function carryOut(s: IncidentState, action: 'run' | 'resolve'): IncidentState {
  if (action === 'resolve') return enqueue(s, { kind: 'resolve' });
  const step = selectedStep(s);
  if (step?.kind !== 'run') return s;
  return enqueue({ ...s, message: `running: ${step.command}` }, { kind: 'run', step: s.selected, command: step.command });
}

function perform(s: IncidentState, act: IncidentAct, confirm: boolean): IncidentState {
  const step = selectedStep(s);
  const mark = (state: 'done' | 'skipped' | 'failed') => (step ? record(s, { kind: 'step', step: s.selected, state }) : s);
  const ask = (action: 'run' | 'resolve'): IncidentState => (confirm ? { ...s, mode: { kind: 'confirm', action } } : carryOut(s, action));
  switch (act) {
    case 'quit':
      return { ...s, quit: true };
    case 'help':
      return { ...s, help: true };
    case 'back':
      return s.filter ? { ...s, filter: '' } : s;
    case 'filter':
      return { ...s, filtering: true, filter: '' };
    case 'up':
      return { ...s, selected: stepTo(s, -1) };
    case 'down':
      return { ...s, selected: stepTo(s, 1) };
    case 'done':
      return mark('done');
    case 'skip':
      return mark('skipped');
    case 'fail':
      return mark('failed');
    case 'note':
      return step ? { ...s, mode: { kind: 'text', purpose: 'note', value: '' } } : s;
    case 'probe':
      return enqueue(s, { kind: 'probe', opening: false });
    case 'copy':
      if (step?.kind === 'run')
        return enqueue({ ...s, message: 'copied to the clipboard (OSC 52), variables unexpanded' }, { kind: 'copy', text: step.command });
      return step ? linkStep(s, startLinks(s.ctx.links?.[s.selected] ?? [], 'copy')) : s;
    case 'links':
      return step ? linkStep(s, startLinks(s.ctx.links?.[s.selected] ?? [], 'open')) : s;
    case 'run':
      if (step?.kind !== 'run') return s;
      if (!s.ctx.exec) return { ...s, message: `execution is off (--no-exec): copy it with ${keyFor(KEYMAP.incident, 'copy')}` };
      return ask('run');
    case 'severity':
      return { ...s, mode: { kind: 'pick', purpose: 'severity', index: Math.max(0, s.ctx.severities.indexOf(s.incident.severity ?? '')) } };
    case 'cause':
      return { ...s, mode: { kind: 'pick', purpose: 'cause', index: 0 } };
    case 'resolution':
      return { ...s, mode: { kind: 'pick', purpose: 'resolution', index: 0 } };
    case 'escalation':
      return { ...s, mode: { kind: 'escalation' } };
    case 'resolve':
      return ask('resolve');
  }
}

/** What a key on the selected step's links comes to; `s` is on the steps. */
function linkStep(s: IncidentState, step: LinkStep): IncidentState {
  switch (step.kind) {
    case 'none':
      return { ...s, message: NO_LINK };
    case 'menu':
      return { ...s, mode: { kind: 'links', menu: step.menu } };
    case 'do':
      return step.purpose === 'open'
        ? enqueue(s, { kind: 'open', link: step.link })
        : enqueue({ ...s, message: copiedText(step.link.label, 'OSC 52') }, { kind: 'copy', text: step.link.url, label: step.link.label });
    case 'close':
      return s;
    case 'help':
      return { ...s, help: true };
    case 'quit':
      return { ...s, quit: true };
  }
}

const stepTo = (s: IncidentState, by: 1 | -1) => step(shownSteps(s), s.selected, by);
