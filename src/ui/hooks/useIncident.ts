import { useCallback, useRef, useState } from 'react';
import { appendEvent, readIncident, replayIncident, type Incident, type TimelineEvent } from '../../store/timeline.js';
import { notSaved, type Failure } from './useProgress.js';

type NewEvent = TimelineEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;

const WHAT: Record<TimelineEvent['kind'], string> = {
  opened: 'the opening',
  probe: 'a probe result',
  step: 'the step mark',
  note: 'the note',
  run: "the command's result",
  severity: 'the severity change',
  cause: 'the cause',
  resolution: 'the resolution',
  resolved: 'the resolution of the incident',
  snapshot: 'the SLO snapshot',
};

export interface IncidentState {
  incident: Incident;
  /** The last failure, until the next event is saved: the screen keeps what is on disk meanwhile. */
  failure: Failure | null;
  /** The event on disk and on screen, or null (and `failure` says why) when the disk refused it. */
  record: (e: NewEvent) => Incident | null;
  /** The incident as the file holds it now, other terminals' events included; null if unreadable. */
  reload: () => Incident | null;
  /** Shows a failure (null: clears it) that did not come from record or reload. */
  fail: (f: Failure | null) => void;
}

/** The incident as its timeline says; every change is on disk before it is on screen. */
export function useIncident(initial: Incident, now: () => number = Date.now): IncidentState {
  const [incident, setIncident] = useState(initial);
  const [failure, setFailure] = useState<Failure | null>(null);
  const latest = useRef(initial);
  const adopt = (next: Incident) => {
    latest.current = next;
    setIncident(next);
  };
  const record = useCallback(
    (e: NewEvent) => {
      const event = { ...e, t: now() } as TimelineEvent;
      const w = appendEvent(latest.current.file, event);
      if (!w.ok) {
        setFailure(notSaved(WHAT[event.kind], w.error));
        return null;
      }
      setFailure(null);
      const next = replayIncident(latest.current.file, [...latest.current.events, event], latest.current.skipped)!;
      adopt(next);
      return next;
    },
    [now],
  );
  const reload = useCallback(() => {
    const r = readIncident(latest.current.file);
    if (!r.ok) {
      setFailure({ text: r.error.message, error: r.error });
      return null;
    }
    if (!r.incident) {
      const message = `${latest.current.file} holds no incident any more (its "opened" record is gone)`;
      setFailure({ text: message, error: { path: latest.current.file, code: 'ENOINCIDENT', message } });
      return null;
    }
    adopt(r.incident);
    return r.incident;
  }, []);
  return { incident, failure, record, reload, fail: setFailure };
}
