// Progress through one due slot of the check schedule (hour 2 of deploy X),
// as an append-only event log: ticks, unticks and notes, replayed on open.
import { join } from 'node:path';
import * as z from 'zod';
import { appendRecord, readJsonl, type StoreError, type Written } from './jsonl.js';
import { time } from './shapes.js';
import { slug } from './state-dir.js';

// What a line must hold to count; anything else in the file is skipped and counted.
const checkEvent = z.discriminatedUnion('kind', [
  z.object({ t: time, kind: z.literal('tick'), key: z.string(), done: z.boolean() }),
  z.object({ t: time, kind: z.literal('note'), key: z.string(), text: z.string() }),
]);

export type CheckEvent = z.infer<typeof checkEvent>;

export interface Progress {
  done: Record<string, boolean>;
  notes: Record<string, string>;
}

/** The round as its file says, and how many of its lines could not be read. */
export type LoadedProgress = { ok: true; progress: Progress; skipped: number } | { ok: false; error: StoreError };

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

export function readProgress(path: string): LoadedProgress {
  const r = readJsonl(path, checkEvent);
  return r.ok ? { ok: true, progress: replay(r.records), skipped: r.skipped } : r;
}

/** The round as its file says; nothing ticked when the file cannot be read (readProgress says why). */
export function loadProgress(path: string): Progress {
  const r = readProgress(path);
  return r.ok ? r.progress : replay([]);
}

export function saveEvent(path: string, e: CheckEvent): Written {
  return appendRecord(path, e);
}
