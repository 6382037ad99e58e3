import { Box, Text } from 'ink';
import { clip } from './sparkline.js';
import type { LinkMenu } from './state/links.js';
import { Dim, Tinted } from './theme.js';

/** An item's links to choose from: the label, then as much of the URL as fits. */
export function LinkMenuView({ menu, title, width }: { menu: LinkMenu; title: string; width: number }) {
  const labelWidth = Math.max(...menu.links.map((l) => l.label.length));
  return (
    <Box flexDirection="column">
      <Text bold>
        {menu.purpose === 'open' ? 'Open' : 'Copy'} a link of {title}
      </Text>
      {menu.links.map((l, i) => (
        <Text key={l.url} wrap="truncate-end">
          <Tinted kind="accent">{i === menu.index ? '› ' : '  '}</Tinted>
          {l.label.padEnd(labelWidth)} <Dim>{clip(l.url, Math.max(10, width - labelWidth - 4))}</Dim>
        </Text>
      ))}
    </Box>
  );
}
