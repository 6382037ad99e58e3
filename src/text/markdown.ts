// Text from outside, written into a Markdown file (a postmortem teams commit,
// a report they paste): shown as itself, never read as Markdown. A log line
// or probe answer holding `[status](https://evil)` would otherwise render as a
// link that hides where it points, `![](https://tracker/px)` as an image
// fetched by whoever opens the page, `<img …>` as raw HTML, `&#8238;` as a
// bidi override, and a `|` as a new table cell.

// What CommonMark and GFM read as syntax in the middle of a line. `!` and
// `>` need no escape once `[` and `<` have one: raw files stay readable
// ("-> 503", "!important").
const SYNTAX = /[\\`*[\]<|~&]/g;
// A value may start a line (the postmortem's cause and resolution): there
// leading blanks make a code block, and `#`, `>`, `-`, `+`, `=` or `1.` a
// heading, quote, list or rule.
const LINE_MARK = /^(?:[#+-](?=[\s#=-]|$)|[>=])/;
const LINE_NUMBER = /^(\d+)([.)])(?=\s|$)/;
// `_` only where it could open or close emphasis: snake_case ids stay readable.
const EMPHASIS_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** `s` as literal Markdown text on one line. */
export function mdText(s: string): string {
  const one = s
    .replace(/[\r\n]+/g, ' ')
    .replace(SYNTAX, '\\$&')
    .replace(EMPHASIS_UNDERSCORE, '\\_')
    .trimStart();
  return one.replace(LINE_MARK, '\\$&').replace(LINE_NUMBER, '$1\\$2');
}

/** `s` as a code span: fenced by more backticks than any run inside it (CommonMark 6.1). */
export function mdCode(s: string): string {
  const one = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside the fence when the text starts or ends with a backtick, which CommonMark strips again.
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

// What an autolink cannot hold (GFM 6.5: no control character, space, `<` or `>`).
const NOT_IN_AUTOLINK = /[\u0000-\u0020\u007f<>]/g;

/**
 * An http(s) URL as an autolink, `<https://...>`: nothing inside can end it
 * or be read as other syntax, so a URL cannot inject Markdown. What is not an
 * http(s) URL is shown as text, never linked.
 */
export function mdUrl(url: string): string {
  if (!/^https?:\/\/[^/\s]/i.test(url)) return mdText(url);
  const safe = url.replace(NOT_IN_AUTOLINK, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `<${safe}>`;
}
