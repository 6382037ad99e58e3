import { useCallback, useEffect, useState } from 'react';
import type { Config, Phase } from '../../config/types.js';
import { checkLines, type CheckLine } from '../../engine/checks.js';
import type { Snapshot } from '../../engine/state.js';
import type { Poller } from '../../poller/poller.js';

/**
 * Runs the automatic checks once on open and again on demand; inside watch,
 * judges the dashboard's own snapshot instead (`shared`) and asks it to refresh.
 */
export function useCheckRun(
  poller: Poller,
  phase: Phase,
  config: Config,
  shared?: { snapshot: Snapshot; refresh: () => void },
): { lines: CheckLine[] | null; running: boolean; rerun: () => void } {
  const [lines, setLines] = useState<CheckLine[] | null>(null);
  const [running, setRunning] = useState(!shared);
  const rerun = useCallback(() => {
    if (shared) return shared.refresh();
    setRunning(true);
    poller.resetBackoff();
    void poller.cycle().then((snap) => {
      setLines(checkLines(phase, snap, config));
      setRunning(false);
    });
  }, [poller, phase, config]);
  useEffect(() => {
    if (!shared) rerun();
  }, []);
  if (shared) return { lines: checkLines(phase, shared.snapshot, config), running: false, rerun };
  return { lines, running, rerun };
}
