import { render } from 'ink';
import type { ScreenClock } from '../runtime/deps.js';
import { ClockContext } from './clock.js';
import { IncidentApp, type IncidentAppProps } from './IncidentApp.js';

/** The incident walk; resolves when the user leaves it. */
export async function runIncidentUi({ clock, ...props }: IncidentAppProps & { clock: ScreenClock }): Promise<void> {
  const app = render(
    <ClockContext.Provider value={clock}>
      <IncidentApp {...props} />
    </ClockContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
