import { Box, Text } from 'ink';
import { type Binding, footerText, footerWords, hintText, KEYMAP } from './keys.js';
import { Dim } from './theme.js';
import { pack } from './wrap.js';

export interface FooterProps {
  /** The screen's bindings: the footer names those with a footer word (the dashboard's by default). */
  keys?: readonly Binding[];
  /** A line of its own before the keys ("next check: … — press c"). */
  next?: string | null;
  /** After the keys: "(ticks and notes are saved as you go)". */
  note?: string;
  /** The dashboard's filter being typed: the footer is its prompt. */
  filtering?: boolean;
  filter?: string;
  /**
   * The terminal's width, to draw every binding on as many rows as they need
   * (footerRows) rather than one line cut at the edge: for screens whose
   * keys are not all on the dashboard's one line. `next` is not shown then.
   */
  width?: number;
}

/** The footer's rows in `width` columns, the last one free: broken between bindings, never inside one. */
export function footerRows(keys: readonly Binding[], note: string | undefined, width: number): string[] {
  return pack([...footerWords(keys).map((text) => ({ sep: '  ', text })), ...(note ? [{ sep: ' ', text: note }] : [])], width - 1);
}

export function Footer({ keys = KEYMAP.watch, next = null, note, filtering = false, filter = '', width }: FooterProps) {
  if (filtering) return <Prompt label="/" value={filter} keys={KEYMAP.filter} />;
  if (width !== undefined) {
    return (
      <Box flexDirection="column">
        {footerRows(keys, note, width).map((row, i) => (
          <Text key={i} wrap="truncate-end">
            <Dim>{row}</Dim>
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <Text wrap="truncate-end">
      {next ? `${next}  ·  ` : ''}
      <Dim>
        {footerText(keys)}
        {note ? ` ${note}` : ''}
      </Dim>
    </Text>
  );
}

/** Text being typed, with its keys: "note: all green▏ (Enter saves, Esc cancels)". */
export function Prompt({ label, value, keys }: { label: string; value: string; keys: readonly Binding[] }) {
  return (
    <Text>
      {label}
      {value}▏ <Dim>({hintText(keys)})</Dim>
    </Text>
  );
}
