import { useCallback, useReducer, useRef } from 'react';
import type { WatchAct } from '../keys.js';
import { type Counts, initialState, reduce, type WatchAction, type WatchState } from '../state/watch.js';
import { useKeys } from './useKeys.js';

/**
 * The watch screen's state, driven by the keymap. `counts` is asked for at
 * key time, from the latest snapshot; `yieldsTo(state)`: another component
 * (the embedded checklist) owns the keys in that state. The second value runs
 * an action as its key would; the third reports what an effect came to.
 */
export function useWatchKeys(
  counts: () => Counts,
  yieldsTo: (s: WatchState) => boolean = () => false,
): [WatchState, (act: WatchAct) => void, (a: Extract<WatchAction, { type: 'taken' | 'linked' }>) => void] {
  const ref = useRef(counts);
  ref.current = counts;
  const [state, dispatch] = useReducer(reduce, initialState);
  useKeys((key) => dispatch({ type: 'key', key, counts: ref.current() }), !yieldsTo(state));
  const act = useCallback((a: WatchAct) => dispatch({ type: 'do', act: a, counts: ref.current() }), []);
  return [state, act, dispatch];
}
