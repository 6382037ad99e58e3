// What the runtime hands each screen: the screens draw and take keys, the
// runtime (and the hooks it is given to) does the reading, writing and
// running. Types only, so a screen can name them without loading anything.
import type { Config } from '../config/types.js';
import type { CheckContext } from '../engine/check-doc.js';
import type { LinkActions, OpenOutcome } from '../incident/open-link.js';
import type { IncidentDeps, TimelineJournal } from '../incident/walk.js';
import type { PanelFetcher } from '../poller/panels.js';
import type { Poller } from '../poller/poller.js';
import type { readProgress, saveEvent } from '../store/checklist.js';

export type { IncidentDeps, LinkActions, OpenOutcome, TimelineJournal };

/**
 * A checklist round's file, as the screen's hooks reach it: read on opening,
 * each tick and note appended as it is made. Handed in, so that the ui opens
 * no store of its own.
 */
export interface ProgressJournal {
  read: typeof readProgress;
  save: typeof saveEvent;
}

/**
 * The clock a screen judges and shows time by: the demo's story time under
 * --demo, real time otherwise.
 */
export interface ScreenClock {
  now: () => number;
  /** How many of its milliseconds pass in a real one (the demo's speed; 1 for real time): timers wait in real time. */
  rate: number;
}

/** One check round: what it judges with, and the file its ticks and notes go to. */
export interface CheckDeps {
  config: Config;
  clock: ScreenClock;
  poller: Poller;
  ctx: CheckContext;
  progressFile: string;
  journal: ProgressJournal;
  /** `o` and `y` on a link; without them, links are only shown. */
  links?: LinkActions;
}

/** The live dashboard: its snapshot and panel stream, its clocks, and the check rounds `c` opens. */
export interface WatchDeps {
  config: Config;
  poller: Poller;
  panels?: PanelFetcher;
  /** Real milliseconds between cycles (the refresh, divided by the demo's speed). */
  intervalMs: number;
  /** The clock data is judged and shown by: real time, or the demo's story time. */
  clock: ScreenClock;
  deployAt: number | null;
  demoLabel?: string;
  /** The checklist round due `elapsedMs` after the deploy, with its progress file; `c` opens it. */
  checklist?: (elapsedMs: number) => { ctx: CheckContext; file: string } | null;
  journal: ProgressJournal;
  /** `o` and `y` on a link; without them, links are only shown. */
  links?: LinkActions;
}
