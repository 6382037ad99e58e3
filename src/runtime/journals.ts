// The files screens write as things happen, as the runtime hands them over.

import { readProgress, saveEvent } from '../store/checklist.js';
import { appendEvent, readIncident, replayIncident } from '../store/timeline.js';
import type { ProgressJournal, TimelineJournal } from './deps.js';

export const progressJournal: ProgressJournal = { read: readProgress, save: saveEvent };
export const timelineJournal: TimelineJournal = { append: appendEvent, read: readIncident, replay: replayIncident };
