// What commands share: the runtime opened and closed around their work, and
// errors (values from the runtime, or the command's own) printed with their
// exit status.

import type { ConfigError } from '../src/config/path.js';
import { errorReport, openRuntime, type Runtime, type RuntimeError, type RuntimeOptions } from '../src/runtime/index.js';

/** `use` with the runtime, which is closed however `use` ends; a config that does not load is printed instead (exit 2). */
export async function withRuntime(opts: RuntimeOptions, use: (rt: Runtime) => Promise<void> | void): Promise<void> {
  const opened = await openRuntime(opts);
  if (!opened.ok) return void fail(opened.error);
  try {
    await use(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** The error on stderr and its exit status: 2 for usage and config, 3 for the disk. */
export function fail(error: RuntimeError): null {
  const { text, exitCode } = errorReport(error);
  process.stderr.write(text);
  process.exitCode = exitCode;
  return null;
}

export const usage = (message: string): null => fail({ kind: 'usage', message });

export const configErrors = (path: string, errors: ConfigError[]): null => fail({ kind: 'config', path, errors });

/** Whether a person is at the terminal: else (a pipe, CI) a command prints one document instead of a screen. */
export const interactive = (): boolean => Boolean(process.stdout.isTTY && process.stdin.isTTY);

const CI_VARS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Loads an Ink screen for a person at a terminal. Ink decides once, when it
 * loads, whether it runs under CI, and there it draws nothing until it exits.
 * An engineer whose shell exports CI still needs the screen, so Ink loads
 * without those variables; they are put back for the commands a probe runs.
 */
export async function importUi<T>(load: () => Promise<T>): Promise<T> {
  const saved = CI_VARS.map((name) => [name, process.env[name]] as const);
  for (const name of CI_VARS) delete process.env[name];
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
