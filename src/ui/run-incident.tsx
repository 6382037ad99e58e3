import { render } from 'ink';
import { IncidentApp, type IncidentAppProps } from './IncidentApp.js';

/** The incident walk; resolves when the user leaves it. */
export async function runIncidentUi(props: IncidentAppProps): Promise<void> {
  const app = render(<IncidentApp {...props} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
