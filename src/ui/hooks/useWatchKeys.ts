import { useInput } from 'ink';
import { useReducer, useRef } from 'react';
import { initialState, reduce, type Counts, type Key, type WatchState } from '../watch-state.js';

/** Turns Ink's key events into reducer keys; `counts` is asked for at key time, from the latest snapshot. */
/** `yieldsTo(state)`: another component (the embedded checklist) owns the keys in that state. */
export function useWatchKeys(counts: () => Counts, yieldsTo: (s: WatchState) => boolean = () => false): [WatchState, (k: Key) => void] {
  const ref = useRef(counts);
  ref.current = counts;
  const [state, dispatch] = useReducer((s: WatchState, k: Key) => reduce(s, k, ref.current()), initialState);
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return dispatch({ kind: 'ctrl-c' });
    if (key.tab) return dispatch({ kind: 'tab', shift: key.shift });
    if (key.upArrow) return dispatch({ kind: 'arrow', dir: 'up' });
    if (key.downArrow) return dispatch({ kind: 'arrow', dir: 'down' });
    if (key.leftArrow) return dispatch({ kind: 'arrow', dir: 'left' });
    if (key.rightArrow) return dispatch({ kind: 'arrow', dir: 'right' });
    if (key.return) return dispatch({ kind: 'enter' });
    if (key.escape) return dispatch({ kind: 'escape' });
    if (key.backspace || key.delete) return dispatch({ kind: 'backspace' });
    if (input && !key.ctrl && !key.meta) for (const char of input) dispatch({ kind: 'char', char });
  }, { isActive: !yieldsTo(state) });
  return [state, dispatch];
}
