// Progress through one due slot of the check schedule (hour 2 of deploy X),
// as an append-only event log: ticks, unticks and notes, replayed on open.
import { join } from 'node:path';
import { appendRecord, readRecords } from './jsonl.js';
import { slug } from './state-dir.js';

export type CheckEvent =
  | { t: number; kind: 'tick'; key: string; done: boolean }
  | { t: number; kind: 'note'; key: string; text: string };

export interface Progress {
  done: Record<string, boolean>;
  notes: Record<string, string>;
}

export interface SlotRef {
  service: string;
  deployId: string;
  phase: string;
  index: number;
}

export function slotFile(dir: string, s: SlotRef): string {
  return join(dir, 'checks', slug(s.service), slug(s.deployId), `${slug(s.phase)}-${s.index + 1}.jsonl`);
}

export function replay(events: CheckEvent[]): Progress {
  const p: Progress = { done: {}, notes: {} };
  for (const e of events) {
    if (e.kind === 'tick' && typeof e.key === 'string') p.done[e.key] = Boolean(e.done);
    if (e.kind === 'note' && typeof e.key === 'string' && typeof e.text === 'string') p.notes[e.key] = e.text;
  }
  return p;
}

export function loadProgress(path: string): Progress {
  return replay(readRecords<CheckEvent>(path));
}

export function saveEvent(path: string, e: CheckEvent): void {
  appendRecord(path, e);
}
