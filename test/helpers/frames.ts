/** Waits until the rendered frame satisfies `ok`, or fails showing the last frame. */
export async function frameWhere(lastFrame: () => string | undefined, ok: (frame: string) => boolean, what: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let frame = '';
  while (Date.now() < deadline) {
    frame = lastFrame() ?? '';
    if (ok(frame)) return frame;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
}

export const ESC = '\u001b';
export const KEYS = { tab: '\t', enter: '\r', escape: ESC, down: `${ESC}[B`, up: `${ESC}[A`, shiftTab: `${ESC}[Z` };

/** Ink tells a lone Escape from the start of a sequence by a pause; give it one. */
export async function press(stdin: { write(s: string): void }, key: string): Promise<void> {
  stdin.write(key);
  await new Promise((r) => setTimeout(r, key === ESC ? 60 : 15));
}
