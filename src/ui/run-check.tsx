import { render } from 'ink';
import type { CheckDeps } from '../runtime/deps.js';
import { CheckApp } from './CheckApp.js';

/** The checklist screen; resolves when the user leaves it. */
export async function runCheckUi(deps: CheckDeps): Promise<void> {
  const app = render(<CheckApp {...deps} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
