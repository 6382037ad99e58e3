import { render } from 'ink';
import type { WatchDeps } from '../runtime/deps.js';
import { ClockContext } from './clock.js';
import { WatchApp } from './WatchApp.js';

/** Full-screen watch; resolves when the user quits, with the terminal restored. */
export async function runWatchUi({ clock, ...deps }: WatchDeps): Promise<void> {
  // The alternate screen, as htop and k9s use: quitting gives the shell its screen back.
  process.stdout.write('\u001b[?1049h\u001b[H');
  const restore = () => process.stdout.write('\u001b[?1049l');
  process.once('exit', restore);
  const app = render(
    <ClockContext.Provider value={clock}>
      <WatchApp {...deps} />
    </ClockContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    restore();
    process.off('exit', restore);
  }
}
