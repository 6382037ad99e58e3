// Resolving an incident and writing its postmortem, always from the timeline as
// it is on disk at that moment: two terminals on one incident give one
// postmortem with every event of both, and resolving twice changes nothing.
//
// Order: the postmortem is written (atomically) before `resolved` is recorded,
// so a disk that fails leaves the incident open, never closed without its
// postmortem; and `incident <playbook> --postmortem` can always write it again.
import type { Config, Playbook } from '../config/types.js';
import { type ItemLinks, postmortem } from '../engine/postmortem.js';
import { alertLinks, stepLinks } from '../poller/links.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { StoreError } from '../store/errors.js';
import { readRegularFile } from '../store/read-file.js';
import { appendEvent, type Incident, readIncident, replayIncident } from '../store/timeline.js';
import { redact } from '../text/redact.js';

export type Resolution =
  /**
   * `already`: another terminal (or an earlier R) had resolved it; nothing was
   * added. `warning`: resolved, but events added meanwhile by another terminal
   * may be missing from the postmortem (`--postmortem` writes it again).
   */
  | { ok: true; incident: Incident; postmortem: string; already: boolean; warning?: string }
  /** `postmortem`: set when the draft was written but `resolved` could not be recorded. */
  | { ok: false; error: StoreError; postmortem?: string };

export const postmortemFile = (timeline: string) => timeline.replace(/\.jsonl$/, '.md');

/** Writes the postmortem of the incident as its file holds it now (a draft if it is open). */
export function writePostmortem(
  timeline: string,
  playbook: Playbook,
  config: Config,
): { ok: true; incident: Incident; file: string } | { ok: false; error: StoreError } {
  const r = readIncident(timeline);
  if (!r.ok) return r;
  if (!r.incident) return { ok: false, error: { path: timeline, code: 'ENOINCIDENT', message: `${timeline} holds no incident (no "opened" record)` } };
  return write(r.incident, r.incident.resolvedAt, playbook, config);
}

function write(
  inc: Incident,
  resolvedAt: number | null,
  playbook: Playbook,
  config: Config,
): { ok: true; incident: Incident; file: string } | { ok: false; error: StoreError } {
  const file = postmortemFile(inc.file);
  const text = redact(postmortem(inc, playbook, config, resolvedAt, incidentLinks(inc, resolvedAt, playbook, config)));
  // Resolving again with nothing new leaves the file as it is, byte for byte.
  if (same(file, text)) return { ok: true, incident: inc, file };
  const w = writeFileAtomic(file, text);
  return w.ok ? { ok: true, incident: inc, file } : w;
}

/**
 * The links of the playbook's steps and of the alerts that lead to it, over
 * the incident's time: from its opening to its resolution (a draft: to its
 * last event, so that writing it again gives the same file).
 */
function incidentLinks(inc: Incident, resolvedAt: number | null, playbook: Playbook, config: Config): ItemLinks[] {
  const range = { fromMs: inc.openedAt, toMs: resolvedAt ?? Math.max(inc.openedAt, ...inc.events.map((e) => e.t)) };
  const steps = playbook.steps.map((step) => ({ title: step.title, links: stepLinks(config, step, range) }));
  const checked = new Set(playbook.steps.flatMap((s) => (s.kind === 'alert' ? [s.id] : [])));
  const alerts = config.alerts
    .filter((a) => a.playbook === playbook.id && !checked.has(a.id))
    .map((a) => ({ title: `alert ${a.name}`, links: alertLinks(config, a, range) }));
  return [...steps, ...alerts];
}

// Whatever sits at the name and is not a plain file (a link to /dev/zero) is not read, only replaced.
function same(file: string, text: string): boolean {
  const old = readRegularFile(file);
  return old.ok && old.text === text;
}

export function resolveIncident(timeline: string, playbook: Playbook, config: Config, at: number): Resolution {
  const r = readIncident(timeline);
  if (!r.ok) return r;
  if (!r.incident) return { ok: false, error: { path: timeline, code: 'ENOINCIDENT', message: `${timeline} holds no incident (no "opened" record)` } };
  if (r.incident.resolvedAt !== null) {
    const w = write(r.incident, r.incident.resolvedAt, playbook, config);
    return w.ok ? { ok: true, incident: w.incident, postmortem: w.file, already: true } : w;
  }
  // The draft as it will read once `resolved` is recorded, written first.
  const resolved = { t: at, kind: 'resolved' } as const;
  const before = replayIncident(timeline, [...r.incident.events, resolved], r.incident.skipped)!;
  const w = write(before, at, playbook, config);
  if (!w.ok) return w;
  const a = appendEvent(timeline, resolved);
  if (!a.ok) return { ...a, postmortem: w.file };
  // Another terminal may have written between the read and the append (a note,
  // or its own `resolved`): write once more from the file, which now holds all.
  const after = readIncident(timeline);
  if (!after.ok || !after.incident) return { ok: true, incident: before, postmortem: w.file, already: false };
  if (after.incident.events.length === before.events.length && after.incident.skipped === before.skipped)
    return { ok: true, incident: after.incident, postmortem: w.file, already: false };
  const again = write(after.incident, after.incident.resolvedAt, playbook, config);
  if (again.ok) return { ok: true, incident: after.incident, postmortem: again.file, already: false };
  return { ok: true, incident: after.incident, postmortem: w.file, already: false, warning: again.error.message };
}
