// What the incident walk is handed: its side effects, named here below the
// runtime that builds them and the screen that uses them. Types only.
import type { Snapshot } from '../engine/state.js';
import type { ProbeResult } from '../poller/probes.js';
import type { appendEvent, readIncident, replayIncident } from '../store/timeline.js';
import type { OpenOutcome } from './open-link.js';
import type { Resolution } from './resolve.js';

/** An incident's timeline: each event appended as it happens, read back with other terminals' events. */
export interface TimelineJournal {
  append: typeof appendEvent;
  read: typeof readIncident;
  replay: typeof replayIncident;
}

/** The incident walk's side effects: probes, the shell, the clipboard, the postmortem. */
export interface IncidentDeps {
  /** A fresh snapshot and the probe results against it. */
  probe: () => Promise<{ snap: Snapshot; results: ProbeResult[] }>;
  run: (command: string) => Promise<{ exit: number | null; output: string }>;
  copy: (text: string) => void;
  /** Opens a link with the platform's opener (or says why it shows it instead); without one, links are shown. */
  open?: (url: string) => Promise<OpenOutcome>;
  /** Postmortem from the timeline on disk, then `resolved`; idempotent (see incident/resolve.ts). */
  resolve: (timeline: string, at: number) => Resolution;
  sloSummary: (snap: Snapshot) => Record<string, string>;
  timeline: TimelineJournal;
}
