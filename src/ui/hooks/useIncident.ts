import { useApp } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { commandVars, maskOutput, secretEnvValues } from '../../engine/command.js';
import type { IncidentDeps } from '../../runtime/deps.js';
import type { Incident, TimelineEvent } from '../../store/timeline.js';
import {
  type IncidentAction,
  type IncidentCtx,
  type IncidentEffect,
  type IncidentState,
  initialIncident,
  type NewEvent,
  reduceIncident,
} from '../state/incident.js';
import { useKeys } from './useKeys.js';
import { useOutbox } from './useOutbox.js';

export interface IncidentOpts {
  incident: Incident;
  ctx: IncidentCtx;
  deps: IncidentDeps;
  env: NodeJS.ProcessEnv;
  now: () => number;
  onQuit?: () => void;
}

/**
 * The incident walk's state and its effects: every event appended to the
 * timeline (on disk before on screen), probes, commands, the clipboard, and
 * resolving from the file as it is on disk.
 */
export function useIncident(o: IncidentOpts): IncidentState {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reduceIncident, o, (init) => initialIncident(init.incident, init.ctx));
  useKeys((key) => dispatch({ type: 'key', key }));
  // The incident as this screen last wrote or read it: the base of the next record, between renders too.
  const latest = useRef(o.incident);
  const adopt = (type: 'recorded' | 'reloaded', next: Incident) => {
    latest.current = next;
    dispatch({ type, incident: next } as IncidentAction);
  };

  const record = (e: NewEvent): boolean => {
    const event = { ...e, t: o.now() } as TimelineEvent;
    const w = o.deps.timeline.append(latest.current.file, event);
    if (!w.ok) {
      dispatch({ type: 'refused', what: event.kind, error: w.error });
      return false;
    }
    adopt('recorded', o.deps.timeline.replay(latest.current.file, [...latest.current.events, event], latest.current.skipped)!);
    return true;
  };

  /** The incident as the file holds it now, other terminals' events included; null if unreadable. */
  const reload = (): Incident | null => {
    const file = latest.current.file;
    const r = o.deps.timeline.read(file);
    if (!r.ok) {
      dispatch({ type: 'unreadable', error: r.error });
      return null;
    }
    if (!r.incident) {
      dispatch({ type: 'unreadable', error: { path: file, code: 'ENOINCIDENT', message: `${file} holds no incident any more (its "opened" record is gone)` } });
      return null;
    }
    adopt('reloaded', r.incident);
    return r.incident;
  };

  const probe = async () => {
    dispatch({ type: 'probing' });
    try {
      const { snap, results } = await o.deps.probe();
      for (const r of results) record({ kind: 'probe', step: r.step, ok: r.ok, summary: r.summary });
      return snap;
    } finally {
      dispatch({ type: 'probed' });
    }
  };

  // The postmortem is built from the file, not from this screen's memory, so a
  // second terminal's notes are in it; once resolved (here or there), R only
  // writes the same postmortem again and records nothing more.
  const resolve = async () => {
    const onDisk = reload();
    if (onDisk === null) return;
    if (onDisk.resolvedAt === null) {
      const snap = await probe();
      if (!record({ kind: 'snapshot', at: 'resolve', slos: o.deps.sloSummary(snap) })) return dispatch({ type: 'not-resolved' });
    }
    const r = o.deps.resolve(latest.current.file, o.now());
    if (!r.ok) return dispatch({ type: 'resolve-refused', error: r.error, postmortem: r.postmortem });
    reload();
    dispatch({ type: 'resolved', file: r.postmortem, already: r.already, warning: r.warning });
  };

  const run = async (step: number, command: string) => {
    const vars = commandVars(command, o.env);
    const r = await o.deps.run(command);
    const output = maskOutput(r.output, [...vars.secrets, ...secretEnvValues(o.env)]);
    record({ kind: 'run', step, command, exit: r.exit, output });
    dispatch({ type: 'ran', exit: r.exit, output });
  };

  useOutbox(
    state.outbox,
    (through) => dispatch({ type: 'taken', through }),
    (e: IncidentEffect) => {
      switch (e.kind) {
        case 'record':
          record(e.event);
          return;
        case 'probe':
          void probe().then((snap) => {
            if (e.opening) record({ kind: 'snapshot', at: 'open', slos: o.deps.sloSummary(snap) });
          });
          return;
        case 'run':
          void run(e.step, e.command);
          return;
        case 'copy':
          o.deps.copy(e.text);
          return;
        case 'open': {
          const { link } = e;
          // Without an opener to hand (a test, a screen built without one), the link is shown.
          const opening = o.deps.open ? o.deps.open(link.url) : Promise.resolve({ kind: 'shown' as const, url: link.url, why: 'no opener' });
          void opening.then((outcome) => dispatch({ type: 'opened', outcome, label: link.label }));
          return;
        }
        case 'resolve':
          void resolve();
          return;
      }
    },
  );

  useEffect(() => {
    if (!state.quit) return;
    o.onQuit?.();
    exit();
  }, [state.quit]);

  return state;
}
