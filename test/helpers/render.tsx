// A screen or component as the UI tests draw it: ink-testing-library inside
// the providers the app's screens read, on a terminal of a given size. The
// one place that setup lives (Gemini CLI's renderWithProviders). A screen
// reads two contexts from above it, the colour switch and the clock; Grid
// provides its own layout to its cells, and the keymap is a module.
import { render } from 'ink-testing-library';
import type React from 'react';
import { type Clock, ClockContext, REAL_TIME } from '../../src/ui/clock.js';
import { ColorContext } from '../../src/ui/theme.js';

export interface RenderOptions {
  /** Colour on or off, as NO_COLOR sets it; off by default, so frames hold the words alone. */
  color?: boolean;
  /** The terminal's width, as Ink and useTerminalSize read it: ink-testing-library's own 100 by default. */
  columns?: number;
  /** Its height, which ink-testing-library leaves out (and useTerminalSize then takes as 24). */
  rows?: number;
  /** The screen's clock, its rate and its time zone, as run-* provides them: real time in the local zone by default. */
  clock?: Clock;
}

export function renderWithProviders(
  node: React.ReactElement,
  { color = false, columns = 100, rows = 24, clock = REAL_TIME }: RenderOptions = {},
): ReturnType<typeof render> {
  const wrap = (n: React.ReactElement) => (
    <ClockContext.Provider value={clock}>
      <ColorContext.Provider value={color}>{n}</ColorContext.Provider>
    </ClockContext.Provider>
  );
  // ink-testing-library builds its terminal inside render(): it is sized after an empty first
  // frame, and Ink reads the size again at every render, so the screen's first frame has it.
  const app = render(<></>);
  Object.defineProperty(app.stdout, 'columns', { value: columns });
  Object.defineProperty(app.stdout, 'rows', { value: rows });
  app.rerender(wrap(node));
  return { ...app, rerender: (n: React.ReactElement) => app.rerender(wrap(n)) };
}
