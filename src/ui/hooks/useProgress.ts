import { useCallback, useRef, useState } from 'react';
import { readProgress, replay, saveEvent, type Progress } from '../../store/checklist.js';
import type { StoreError } from '../../store/errors.js';

/** A write the disk refused (or a read it failed), as the line the screen shows. */
export interface Failure {
  text: string;
  error: StoreError;
}

/** "NOT saved: the tick: cannot write …: no space left on device (ENOSPC)". */
export const notSaved = (what: string, error: StoreError): Failure => ({ text: `NOT saved: ${what}: ${error.message}`, error });

export interface ProgressState {
  progress: Progress;
  /** Lines of the progress file left out on opening: torn, null, another shape. */
  skipped: number;
  /** The last failure, until the next write is saved: the screen keeps what is on disk meanwhile. */
  failure: Failure | null;
  toggle: (key: string) => void;
  note: (key: string, text: string) => void;
}

/** Ticks and notes of one check round: read from disk on open, on disk before the screen changes. */
export function useProgress(path: string): ProgressState {
  const [opened] = useState(() => readProgress(path));
  const [progress, setProgress] = useState<Progress>(() => (opened.ok ? opened.progress : replay([])));
  const [failure, setFailure] = useState<Failure | null>(() => (opened.ok ? null : { text: `${opened.error.message}: earlier ticks and notes are not shown`, error: opened.error }));
  // Keys can arrive faster than renders; the ref is the truth between them.
  const latest = useRef(progress);
  const apply = (next: Progress) => {
    latest.current = next;
    setProgress(next);
    setFailure(null);
  };
  const toggle = useCallback(
    (key: string) => {
      const done = !latest.current.done[key];
      const w = saveEvent(path, { t: Date.now(), kind: 'tick', key, done });
      if (w.ok) apply({ ...latest.current, done: { ...latest.current.done, [key]: done } });
      else setFailure(notSaved(done ? 'the tick' : 'the untick', w.error));
    },
    [path],
  );
  const note = useCallback(
    (key: string, text: string) => {
      const w = saveEvent(path, { t: Date.now(), kind: 'note', key, text });
      if (w.ok) apply({ ...latest.current, notes: { ...latest.current.notes, [key]: text } });
      else setFailure(notSaved('the note', w.error));
    },
    [path],
  );
  return { progress, skipped: opened.ok ? opened.skipped : 0, failure, toggle, note };
}
