import { render } from 'ink';
import type { CheckDeps } from '../runtime/deps.js';
import { CheckApp } from './CheckApp.js';
import { ClockContext } from './clock.js';

/** The checklist screen; resolves when the user leaves it. */
export async function runCheckUi({ clock, ...deps }: CheckDeps): Promise<void> {
  const app = render(
    <ClockContext.Provider value={clock}>
      <CheckApp {...deps} />
    </ClockContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
