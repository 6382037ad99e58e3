// An incident's timeline: every event appended (with fsync) the moment it
// happens, to <incidents.dir>/<date>-<playbook>.jsonl. Re-opening replays it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendRecord, readRecords } from './jsonl.js';

export type StepState = 'done' | 'skipped' | 'failed';

export type TimelineEvent =
  | { t: number; kind: 'opened'; playbook: string; severity: string | null }
  | { t: number; kind: 'probe'; step: number; ok: boolean; summary: string }
  | { t: number; kind: 'step'; step: number; state: StepState }
  | { t: number; kind: 'note'; step: number | null; text: string }
  | { t: number; kind: 'run'; step: number; command: string; exit: number | null; output: string }
  | { t: number; kind: 'severity'; from: string | null; to: string }
  | { t: number; kind: 'cause'; text: string }
  | { t: number; kind: 'resolution'; text: string }
  | { t: number; kind: 'resolved'; slos?: Record<string, string> }
  | { t: number; kind: 'snapshot'; at: 'open' | 'resolve'; slos: Record<string, string> };

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
  resolvedAt: number | null;
  events: TimelineEvent[];
}

export function replayIncident(file: string, events: TimelineEvent[]): Incident | null {
  const opened = events.find((e) => e.kind === 'opened');
  if (!opened || opened.kind !== 'opened') return null;
  const inc: Incident = { file, playbook: opened.playbook, openedAt: opened.t, severity: opened.severity, steps: {}, notes: [], probes: {}, cause: null, resolution: null, resolvedAt: null, events };
  for (const e of events) {
    if (e.kind === 'step') inc.steps[e.step] = e.state;
    if (e.kind === 'note') inc.notes.push({ t: e.t, step: e.step, text: e.text });
    if (e.kind === 'probe') inc.probes[e.step] = { ok: e.ok, summary: e.summary, t: e.t };
    if (e.kind === 'severity') inc.severity = e.to;
    if (e.kind === 'cause') inc.cause = e.text;
    if (e.kind === 'resolution') inc.resolution = e.text;
    if (e.kind === 'resolved') inc.resolvedAt = e.t;
  }
  return inc;
}

export function loadIncident(file: string): Incident | null {
  return replayIncident(file, readRecords<TimelineEvent>(file));
}

export function appendEvent(file: string, e: TimelineEvent): void {
  appendRecord(file, e);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Timelines of a playbook, oldest first. */
export function incidentFiles(dir: string, playbook?: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = /^(\d{4}-\d{2}-\d{2})-(.+?)(?:-(\d+))?\.jsonl$/;
  return names
    .filter((n) => {
      const m = re.exec(n);
      return m && (!playbook || m[2] === playbook);
    })
    .sort()
    .map((n) => join(dir, n));
}

/** The open (unresolved) incident of a playbook, if any. */
export function openIncident(dir: string, playbook: string): Incident | null {
  for (const f of incidentFiles(dir, playbook).reverse()) {
    const inc = loadIncident(f);
    if (inc && inc.resolvedAt === null && inc.playbook === playbook) return inc;
  }
  return null;
}

/** A fresh timeline path: <date>-<playbook>.jsonl, or -2, -3 when that day already has one. */
export function newIncidentFile(dir: string, playbook: string, now: number): string {
  const taken = new Set(incidentFiles(dir, playbook));
  for (let n = 1; ; n++) {
    const f = join(dir, `${day(now)}-${playbook}${n === 1 ? '' : `-${n}`}.jsonl`);
    if (!taken.has(f)) return f;
  }
}
