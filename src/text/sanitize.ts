// The one gate for text from outside the program (backend answers, command
// output): secrets scrubbed first, while they are still whole; then every
// character that can move the cursor, recolour, hide, reorder or link text made
// visible; then the length bounded. Text past this gate is safe to print, clip,
// write to a file or put on a clipboard.
import { redact } from './redact.js';

/** What a line of backend text may grow to; more is cut with a note. */
export const MAX_TEXT = 4096;

// C0 and DEL, C1 (0x9b is a one-byte CSI), bidi embeddings, overrides and
// isolates, line and paragraph separators, interlinear annotations, and every
// character Unicode says a renderer may draw as nothing (zero-width ones,
// Hangul fillers, variation selectors, the tag block that "ASCII smuggling"
// hides text in): all can hide, reorder or disguise what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u2028-\u202e\ufff9-\ufffb]|\p{Default_Ignorable_Code_Point}/gu;
// The same, less the line break and tab that a multi-line query or a command in a config legitimately holds.
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u2028-\u202e\ufff9-\ufffb]|\p{Default_Ignorable_Code_Point}/gu;

function visible(ch: string): string {
  const c = ch.codePointAt(0)!;
  // C0 as its Unicode control picture (ESC as ␛, CR as ␍), DEL as ␡.
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  if (c <= 0x9f) return `\\x${c.toString(16)}`;
  return `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Control and invisible characters in `s` made visible; nothing else changes. */
export function visibleControls(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, visible) : s;
}

/**
 * Text from a file the user keeps (a config, an imported dashboard): controls
 * made visible, line breaks and tabs kept. It is theirs, so not scrubbed or cut.
 */
export function visibleControlsInText(s: string): string {
  UNSAFE_IN_TEXT.lastIndex = 0;
  return UNSAFE_IN_TEXT.test(s) ? s.replace(UNSAFE_IN_TEXT, visible) : s;
}

/** Backend or command text as it may enter the program: scrubbed, made visible, bounded. */
export function fromOutside(s: string, max = MAX_TEXT): string {
  return bound(visibleControls(redact(s)), max);
}

/**
 * Text that is meant to have lines (a command's output): the same gate, but
 * line breaks (LF or CRLF) are kept and tabs become spaces to the next
 * 8-column stop, so the output reads as it would in a shell.
 */
export function fromOutsideLines(s: string, max = MAX_TEXT): string {
  const lines = redact(s).split(/\r?\n/);
  // Tabs are expanded last, so that a control shown as several characters counts as what is shown.
  return bound(lines.map((l) => expandTabs(l.split('\t').map(visibleControls).join('\t'))).join('\n'), max);
}

// Each match ends on a tab and starts on a tab stop, so its own length gives the column.
const expandTabs = (line: string) =>
  line.includes('\t') ? line.replace(/[^\t]*\t/g, (seg) => seg.slice(0, -1).padEnd((Math.floor((seg.length - 1) / 8) + 1) * 8)) : line;

function bound(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

/**
 * Every string of a parsed tree (a config, a record read back from disk), keys
 * included, through visibleControlsInText: its text can come from elsewhere (an
 * imported dashboard, a teammate's commit, a hand-edited timeline) and is shown
 * on screens, in reports and in postmortems.
 */
export function visibleTextIn(tree: unknown): unknown {
  if (typeof tree === 'string') return visibleControlsInText(tree);
  if (Array.isArray(tree)) return tree.map(visibleTextIn);
  // fromEntries defines each key: `out[k] =` with k "__proto__" would set the prototype and lose the key.
  if (tree && typeof tree === 'object') return Object.fromEntries(Object.entries(tree).map(([k, v]) => [visibleControlsInText(k), visibleTextIn(v)]));
  return tree;
}
