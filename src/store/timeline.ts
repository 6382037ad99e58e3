// An incident's timeline: every event appended (with fsync) the moment it
// happens, to <incidents.dir>/<date>-<playbook>.jsonl. Re-opening replays it.
import * as z from 'zod';
import { appendRecord, readJsonl, type StoreError, type Written } from './jsonl.js';
import { time } from './shapes.js';

const stepState = z.enum(['done', 'skipped', 'failed']);
const step = z.number().int().min(0);
const slos = z.record(z.string(), z.string());

// What a line must hold to count; anything else in the file is skipped and counted.
const timelineEvent = z.discriminatedUnion('kind', [
  z.object({ t: time, kind: z.literal('opened'), playbook: z.string(), severity: z.string().nullable() }),
  z.object({ t: time, kind: z.literal('probe'), step, ok: z.boolean(), summary: z.string() }),
  z.object({ t: time, kind: z.literal('step'), step, state: stepState }),
  z.object({ t: time, kind: z.literal('note'), step: step.nullable(), text: z.string() }),
  z.object({ t: time, kind: z.literal('run'), step, command: z.string(), exit: z.number().nullable(), output: z.string() }),
  z.object({ t: time, kind: z.literal('severity'), from: z.string().nullable(), to: z.string() }),
  z.object({ t: time, kind: z.literal('cause'), text: z.string() }),
  z.object({ t: time, kind: z.literal('resolution'), text: z.string() }),
  z.object({ t: time, kind: z.literal('resolved'), slos: slos.optional() }),
  z.object({ t: time, kind: z.literal('snapshot'), at: z.enum(['open', 'resolve']), slos }),
]);

export type StepState = z.infer<typeof stepState>;
export type TimelineEvent = z.infer<typeof timelineEvent>;

export interface Incident {
  file: string;
  playbook: string;
  openedAt: number;
  severity: string | null;
  steps: Record<number, StepState>;
  notes: Array<{ t: number; step: number | null; text: string }>;
  probes: Record<number, { ok: boolean; summary: string; t: number }>;
  cause: string | null;
  resolution: string | null;
  /** When it was first resolved: a second `resolved` (two terminals) changes nothing. */
  resolvedAt: number | null;
  events: TimelineEvent[];
  /** Lines of the file that were not events (torn, null, another shape), left out. */
  skipped: number;
}

export function replayIncident(file: string, events: TimelineEvent[], skipped = 0): Incident | null {
  const opened = events.find((e) => e.kind === 'opened');
  if (opened?.kind !== 'opened') return null;
  const inc: Incident = {
    file,
    playbook: opened.playbook,
    openedAt: opened.t,
    severity: opened.severity,
    steps: {},
    notes: [],
    probes: {},
    cause: null,
    resolution: null,
    resolvedAt: null,
    events,
    skipped,
  };
  for (const e of events) {
    if (e.kind === 'step') inc.steps[e.step] = e.state;
    if (e.kind === 'note') inc.notes.push({ t: e.t, step: e.step, text: e.text });
    if (e.kind === 'probe') inc.probes[e.step] = { ok: e.ok, summary: e.summary, t: e.t };
    if (e.kind === 'severity') inc.severity = e.to;
    if (e.kind === 'cause') inc.cause = e.text;
    if (e.kind === 'resolution') inc.resolution = e.text;
    if (e.kind === 'resolved' && inc.resolvedAt === null) inc.resolvedAt = e.t;
  }
  return inc;
}

/** The incident as the file says now (null: no `opened` in it), or why it could not be read. */
export function readIncident(file: string): { ok: true; incident: Incident | null } | { ok: false; error: StoreError } {
  const r = readJsonl(file, timelineEvent);
  return r.ok ? { ok: true, incident: replayIncident(file, r.records, r.skipped) } : r;
}

/** readIncident, for callers content with "no incident" when the file cannot be read. */
export function loadIncident(file: string): Incident | null {
  const r = readIncident(file);
  return r.ok ? r.incident : null;
}

export function appendEvent(file: string, e: TimelineEvent): Written {
  return appendRecord(file, e);
}
