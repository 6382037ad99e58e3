import { useApp } from 'ink';
import { useEffect, useReducer } from 'react';
import type { Config, Phase } from '../../config/types.js';
import { checkLines } from '../../engine/checks.js';
import type { Snapshot } from '../../engine/state.js';
import type { Poller } from '../../poller/poller.js';
import type { ProgressJournal } from '../../runtime/deps.js';
import { useClock } from '../clock.js';
import { type CheckEffect, type CheckState, initialCheck, reduceCheck } from '../state/check.js';
import { useKeys } from './useKeys.js';
import { useOutbox } from './useOutbox.js';

export interface ChecklistOpts {
  config: Config;
  poller: Poller;
  phase: Phase;
  progressFile: string;
  journal: ProgressJournal;
  /** Inside watch: judge its snapshot, refresh through it, and leave back to it. */
  embedded?: { snapshot: Snapshot; refresh: () => void };
  onQuit?: () => void;
  /** Ctrl-C inside watch: the whole program, not just the checklist (onQuit when absent). */
  onExit?: () => void;
}

/**
 * The checklist's state and its effects: the progress file read on opening,
 * ticks and notes written (on disk before on screen), the checks run against
 * the poller, or inside watch judged from its snapshot.
 */
export function useChecklist(o: ChecklistOpts): CheckState {
  const { exit } = useApp();
  // The screen's clock: a tick under --demo is stamped in story time, as the incident's events are.
  const { now } = useClock();
  const [state, dispatch] = useReducer(reduceCheck, o, (init) =>
    initialCheck({
      embedded: Boolean(init.embedded),
      opened: init.journal.read(init.progressFile),
      lines: init.embedded ? checkLines(init.phase, init.embedded.snapshot, init.config) : null,
    }),
  );
  useKeys((key) => dispatch({ type: 'key', key }));

  useOutbox(
    state.outbox,
    (through) => dispatch({ type: 'taken', through }),
    (e: CheckEffect) => {
      if (e.kind === 'save') {
        const w = o.journal.save(o.progressFile, { t: now(), ...e.event });
        dispatch(w.ok ? { type: 'saved', event: e.event } : { type: 'refused', event: e.event, error: w.error });
        return;
      }
      if (o.embedded) return o.embedded.refresh();
      dispatch({ type: 'running' });
      o.poller.resetBackoff();
      void o.poller.cycle().then((snap) => dispatch({ type: 'checked', lines: checkLines(o.phase, snap, o.config) }));
    },
  );

  const shared = o.embedded?.snapshot;
  useEffect(() => {
    if (shared) dispatch({ type: 'checked', lines: checkLines(o.phase, shared, o.config) });
  }, [shared]);

  useEffect(() => {
    if (!state.quit) return;
    if (state.quit === 'exit') (o.onExit ?? o.onQuit)?.();
    else o.onQuit?.();
    if (!o.embedded) exit();
  }, [state.quit]);

  return state;
}
