import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar } from './ink-tokenize.js';
import { RecentMap } from './recent-map.js';

// Ink's Output (ink/build/output.js), which the bundle swaps for this one
// (scripts/bundle.js). Ink turns every frame into a grid of cells, one fresh
// object per cell, and every row back into a string. Between two frames of the
// watch screen most rows are written with the same strings at the same places,
// so this version first gathers what each row is written with, and remembers
// the string each such row came to. Only rows written differently are turned
// into cells, by Ink's own steps. test/unit/ink-paths.test.ts compares the two.

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

// A row of 160 columns and its key take a few hundred characters; 200,000 is
// several full frames, under half a megabyte.
const rowsByKey = new RecentMap<string, string>(200_000, (key, row) => key.length + row.length);

// Not frozen: a frozen object and array have hidden classes of their own, and
// the code reading cells would see one kind more (and deoptimize on it).
const BLANK: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: [] };

/** Characters held by remembered rows, for the test of the bound. */
export const rememberedRowChars = (): number => rowsByKey.weight;

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];
  private readonly widths = new Map<string, number>();
  private readonly blockWidths = new Map<string, number>();

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // Per row, the (column, line) pairs written to it, in order: all a row's string depends on.
    const rows: Array<Array<[number, string]>> = [];
    for (let y = 0; y < this.height; y++) rows.push([]);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (clipHorizontally && (x + this.widestLine(text) < clip.x1! || x > clip.x2!)) continue;
        if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
        if (clipHorizontally) {
          const x1 = clip.x1!;
          const x2 = clip.x2!;
          lines = lines.map((line) => {
            const width = this.stringWidth(line);
            return sliceAnsi(line, x < x1 ? x1 - x : 0, x + width > x2 ? x2 - x : width);
          });
          if (x < x1) x = x1;
        }
        if (clipVertically) {
          const height = lines.length;
          lines = lines.slice(y < clip.y1! ? clip.y1! - y : 0, y + height > clip.y2! ? clip.y2! - y : height);
          if (y < clip.y1!) y = clip.y1!;
        }
      }
      // As Ink does: a line that falls off the grid is skipped and the next ones go to the same row, also off it.
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        const row = rows[y + offsetY];
        if (!row) continue;
        let line = lines[index];
        for (const transformer of transformers) line = transformer(line, index);
        row.push([x, line]);
        offsetY++;
      }
    }
    const out: string[] = [];
    for (const writes of rows) {
      if (writes.length === 0) {
        out.push('');
        continue;
      }
      let key = `${this.width}`;
      for (let i = 0; i < writes.length; i++) key += `|${writes[i][0]},${writes[i][1].length},${writes[i][1]}`;
      let row = rowsByKey.get(key);
      if (row === undefined) {
        row = this.drawRow(writes);
        rowsByKey.set(key, row);
      }
      out.push(row);
    }
    return { output: out.join('\n'), height: rows.length };
  }

  /** Ink's steps for one row: blank cells, each line's cells over them, then back to a string. */
  private drawRow(writes: Array<[number, string]>): string {
    // One blank cell for them all: cells are only read, never changed in place.
    // As many as Ink's loop makes, for any width yoga gives.
    const cells: StyledChar[] = new Array<StyledChar>(this.width > 0 ? Math.ceil(this.width) : 0).fill(BLANK);
    // Indexed loops: at four frames a minute this runs cold for minutes, where each for-of allocates an iterator.
    for (let w = 0; w < writes.length; w++) {
      let offsetX = writes[w][0];
      // Remembered across frames by ink-tokenize.ts.
      const chars = styledCharsFromTokens(tokenize(writes[w][1]));
      for (let c = 0; c < chars.length; c++) {
        const character = chars[c];
        cells[offsetX] = character;
        const characterWidth = Math.max(1, this.stringWidth(character.value));
        for (let i = 1; i < characterWidth; i++) cells[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        offsetX += characterWidth;
      }
    }
    return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
  }

  private stringWidth(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      width = stringWidth(text);
      this.widths.set(text, width);
    }
    return width;
  }

  private widestLine(text: string): number {
    let width = this.blockWidths.get(text);
    if (width === undefined) {
      width = 0;
      for (const line of text.split('\n')) width = Math.max(width, this.stringWidth(line));
      this.blockWidths.set(text, width);
    }
    return width;
  }
}
