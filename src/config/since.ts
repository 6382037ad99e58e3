import { parseDuration } from './duration.js';

/** `--since`: an ISO time, or "30m ago" / "2h". Epoch ms, or null when unreadable. */
export function parseSince(text: string, now: number): number | null {
  const rel = /^\s*(\S+?)\s*(ago)?\s*$/.exec(text);
  if (rel) {
    const ms = parseDuration(rel[1]);
    if (ms !== null) return now - ms;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}
