// A body as it is read: bounded, waiting for a slot past LARGE_BYTES, and a
// large one kept as bytes with what the decoder needs to take it over.
import type { Dispatcher } from 'undici';
import type { HttpResponse } from './http.js';
import { LARGE_BYTES } from './slots.js';

/**
 * What a large answer carries besides its fields: its bytes (its `body` is
 * decoded from them only if read, so the decoder can move them to its worker
 * instead), the caller's signal, and its slot in `largeAnswers`. The decoder
 * claims it; an answer nobody claims gives its slot back on the next turn of
 * the event loop, after its reader has used it.
 */
export interface Held {
  bytes: Buffer;
  signal?: AbortSignal;
  release: () => void;
}
const held = new WeakMap<HttpResponse, Held>();

/** `res`'s bytes, signal and slot, now the caller's to release; undefined for a small answer. */
export function claim(res: HttpResponse): Held | undefined {
  const h = held.get(res);
  held.delete(res);
  return h;
}

export function largeResponse(status: number, headers: Record<string, string>, bytes: Buffer, h: Omit<Held, 'bytes'>): HttpResponse {
  let text: string | undefined;
  const res = { status, headers } as HttpResponse;
  Object.defineProperty(res, 'body', { enumerable: true, get: () => (text ??= new TextDecoder().decode(bytes)) });
  held.set(res, { bytes, ...h });
  setImmediate(() => claim(res)?.release());
  return res;
}

/** A timeout that can stop and go on with what was left of it. */
export function pausable(fire: () => void, ms: number): { pause: () => void; resume: () => void; clear: () => void } {
  let left = ms;
  let since = performance.now();
  let t: NodeJS.Timeout | undefined = setTimeout(fire, ms);
  return {
    pause() {
      clearTimeout(t);
      t = undefined;
      left -= performance.now() - since;
    },
    resume() {
      since = performance.now();
      t = setTimeout(fire, Math.max(0, left));
    },
    clear: () => clearTimeout(t),
  };
}

/**
 * The body's bytes, or 'too large' once it passes `limit`: then the rest is
 * not read and the connection is dropped, so an endless answer costs at most
 * `limit` bytes of memory. Past LARGE_BYTES it reads on only once `large()`
 * has a slot for it ('cancelled' if it gave up waiting).
 */
export async function readBounded(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  large: () => Promise<boolean> = async () => true,
): Promise<Buffer | 'too large' | 'cancelled'> {
  const chunks: Buffer[] = [];
  let n = 0;
  let slotted = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > limit) {
      dropBody(body);
      return 'too large';
    }
    chunks.push(chunk);
    if (n > LARGE_BYTES && !slotted) {
      slotted = true;
      if (!(await large())) {
        dropBody(body);
        return 'cancelled';
      }
    }
  }
  return Buffer.concat(chunks, n);
}

/**
 * Stops reading an answer and drops its connection. Undici reports a body
 * destroyed before its end as an 'error' event; with no listener that event
 * would be an uncaught exception.
 */
export function dropBody(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}
