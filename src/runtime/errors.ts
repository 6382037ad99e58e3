// What can stop a command before or while it uses the runtime, as values: the
// command prints them (one place, commands/common.ts) and sets the exit code.
import { type ConfigError, describe } from '../config/path.js';
import type { StoreError } from '../store/errors.js';

export type RuntimeError =
  /** A flag or the invocation is wrong: one line, exit 2. */
  | { kind: 'usage'; message: string }
  /** The config did not load: each error with its path, exit 2. */
  | { kind: 'config'; path: string; errors: ConfigError[] }
  /** A file the disk would not read or write: one line naming it and why, exit 3. */
  | { kind: 'disk'; error: StoreError };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: RuntimeError };

export const usageError = (message: string): { ok: false; error: RuntimeError } => ({ ok: false, error: { kind: 'usage', message } });

/** The text for stderr and the exit code of an error. */
export function errorReport(e: RuntimeError): { text: string; exitCode: number } {
  switch (e.kind) {
    case 'usage':
      return { text: `oncall: ${e.message}\n`, exitCode: 2 };
    case 'config':
      return { text: `${e.path}: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}\n${describe(e.errors)}\n`, exitCode: 2 };
    case 'disk':
      return { text: `oncall: ${e.error.message}\n`, exitCode: 3 };
  }
}
