import { useCallback, useEffect, useState } from 'react';
import type { Config, Phase } from '../../config/types.js';
import { checkLines, type CheckLine } from '../../engine/checks.js';
import type { Poller } from '../../poller/poller.js';

/** Runs the automatic checks once on open and again on demand. */
export function useCheckRun(poller: Poller, phase: Phase, config: Config): { lines: CheckLine[] | null; running: boolean; rerun: () => void } {
  const [lines, setLines] = useState<CheckLine[] | null>(null);
  const [running, setRunning] = useState(true);
  const rerun = useCallback(() => {
    setRunning(true);
    poller.resetBackoff();
    void poller.cycle().then((snap) => {
      setLines(checkLines(phase, snap, config));
      setRunning(false);
    });
  }, [poller, phase, config]);
  useEffect(rerun, [rerun]);
  return { lines, running, rerun };
}
