import { Text } from 'ink';
import { type Binding, footerText, hintText, KEYMAP } from './keys.js';
import { Dim } from './theme.js';

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
  /** Wrap onto more lines rather than cut at the edge: for screens not fitted to the terminal's height. */
  wrap?: boolean;
}

export function Footer({ keys = KEYMAP.watch, next = null, note, filtering = false, filter = '', wrap = false }: FooterProps) {
  if (filtering) return <Prompt label="/" value={filter} keys={KEYMAP.filter} />;
  return (
    <Text wrap={wrap ? 'wrap' : 'truncate-end'}>
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
