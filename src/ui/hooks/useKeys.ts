import { useInput } from 'ink';
import { type KeyName, keysOf } from '../keys.js';

/** Ink's key events as keymap key names, one call each, in the order typed. */
export function useKeys(onKey: (key: KeyName) => void, isActive = true): void {
  useInput(
    (input, key) => {
      for (const k of keysOf(input, key)) onKey(k);
    },
    { isActive },
  );
}
