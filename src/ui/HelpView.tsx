import { Box, Text } from 'ink';
import { type Binding, KEYMAP, keyLabel, keysText } from './keys.js';
import { Dim, Tinted } from './theme.js';

const WIDTH = 22;

/** The keys of one screen, from the keymap; `legend`: the dashboard's words for statuses. */
export function HelpView({ keys = KEYMAP.watch, legend = false }: { keys?: readonly Binding[]; legend?: boolean }) {
  const close = KEYMAP.help.find((b) => b.act === 'close')!;
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {keys.map((b) => (
        <Text key={b.keys.join(' ')}>
          {'  '}
          <Tinted kind="accent">{keysText(b).padEnd(WIDTH)}</Tinted>
          {b.help}
        </Text>
      ))}
      <Text> </Text>
      {legend ? <Dim>Statuses are spelled out: OK, WARN, CRIT, NO DATA, STALE (with the age of the data shown) for SLOs;</Dim> : null}
      {legend ? <Dim>FIRING, PENDING, UNKNOWN for alerts. A STALE panel keeps its last good value until its source answers again.</Dim> : null}
      <Dim>{close.keys.map(keyLabel).join(' or ')} to go back.</Dim>
    </Box>
  );
}
