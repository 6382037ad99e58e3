import { useCallback, useRef, useState } from 'react';
import { appendEvent, replayIncident, type Incident, type TimelineEvent } from '../../store/timeline.js';

type NewEvent = TimelineEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;

/** The incident as its timeline says; every change is on disk before it is on screen. */
export function useIncident(initial: Incident, now: () => number = Date.now): { incident: Incident; record: (e: NewEvent) => Incident } {
  const [incident, setIncident] = useState(initial);
  const latest = useRef(initial);
  const record = useCallback(
    (e: NewEvent) => {
      const event = { ...e, t: now() } as TimelineEvent;
      appendEvent(latest.current.file, event);
      const next = replayIncident(latest.current.file, [...latest.current.events, event])!;
      latest.current = next;
      setIncident(next);
      return next;
    },
    [now],
  );
  return { incident, record };
}
