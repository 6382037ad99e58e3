// An HTTP answer captured with `curl -si` (status line, headers, CRLF, body)
// as a fixture server's reply: the status and body byte for byte, the
// headers that say what the body is. Date, length and Vary are the
// server's of that moment, not the answer's.
import type { Reply } from './fixture-server.js';
import { fixture } from './paths.js';

const PER_MOMENT = new Set(['date', 'content-length', 'vary']);

export function capture(path: string): Reply {
  const text = fixture(path);
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`${path}: no blank line after the headers`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
  if (!status) throw new Error(`${path}: ${JSON.stringify(statusLine)} is not a status line`);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    const name = l.slice(0, i).toLowerCase();
    if (!PER_MOMENT.has(name)) headers[name] = l.slice(i + 1).trim();
  }
  // No content-type captured (an empty 200): none is sent, not the server's JSON default.
  return { status: Number(status[1]), headers: { 'content-type': headers['content-type'] ?? '', ...headers }, body: text.slice(split + 4) };
}
