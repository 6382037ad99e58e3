// Text broken into rows by the screen itself rather than by Ink, so that a
// screen fitted to the terminal's height knows how many lines each part takes
// before it draws, and a row never breaks inside a unit ("Space tick").

/** A piece of text, and what joins it to the piece before on the same row. */
export interface Unit {
  sep: string;
  text: string;
}

const cols = (s: string) => [...s].length;

/** Rows of at most `max` columns, filled in order and broken between units; a unit longer than a row is cut across rows of its own. */
export function pack(units: readonly Unit[], max: number): string[] {
  const width = Math.max(1, max);
  const rows: string[] = [];
  for (const u of units) {
    const last = rows.at(-1);
    if (last !== undefined && cols(last) + cols(u.sep) + cols(u.text) <= width) {
      rows[rows.length - 1] = last + u.sep + u.text;
      continue;
    }
    const chars = [...u.text];
    do rows.push(chars.splice(0, width).join(''));
    while (chars.length > 0);
  }
  return rows;
}

/** Prose in rows of at most `max` columns, broken at spaces. */
export const wrapText = (text: string, max: number): string[] =>
  pack(
    text.split(' ').map((t) => ({ sep: ' ', text: t })),
    max,
  );
