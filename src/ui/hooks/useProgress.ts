import { useCallback, useRef, useState } from 'react';
import { loadProgress, saveEvent, type Progress } from '../../store/checklist.js';

/** Ticks and notes of one check round: read from disk on open, on disk before the screen changes. */
export function useProgress(path: string): { progress: Progress; toggle: (key: string) => void; note: (key: string, text: string) => void } {
  const [progress, setProgress] = useState<Progress>(() => loadProgress(path));
  // Keys can arrive faster than renders; the ref is the truth between them.
  const latest = useRef(progress);
  const apply = (next: Progress) => {
    latest.current = next;
    setProgress(next);
  };
  const toggle = useCallback(
    (key: string) => {
      const done = !latest.current.done[key];
      saveEvent(path, { t: Date.now(), kind: 'tick', key, done });
      apply({ ...latest.current, done: { ...latest.current.done, [key]: done } });
    },
    [path],
  );
  const note = useCallback(
    (key: string, text: string) => {
      saveEvent(path, { t: Date.now(), kind: 'note', key, text });
      apply({ ...latest.current, notes: { ...latest.current.notes, [key]: text } });
    },
    [path],
  );
  return { progress, toggle, note };
}
