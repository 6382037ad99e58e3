import type { StoreError } from '../../store/errors.js';

/** A write the disk refused (or a read it failed), as the line the screen shows. */
export interface Failure {
  text: string;
  error: StoreError;
}

/** "NOT saved: the tick: cannot write …: no space left on device (ENOSPC)". */
export const notSaved = (what: string, error: StoreError): Failure => ({ text: `NOT saved: ${what}: ${error.message}`, error });
