import React from 'react';
import { Text } from 'ink';
import { Dim } from './theme.js';

export function Footer({ next, filtering, filter }: { next: string | null; filtering: boolean; filter: string }) {
  if (filtering) return <Text>/{filter}▏ <Dim>(Enter keeps the filter, Esc clears it)</Dim></Text>;
  return (
    <Text wrap="truncate-end">
      {next ? `${next}  ·  ` : ''}
      <Dim>? help  q quit  r refresh  Tab focus  Enter detail  c checks  i playbooks  p pause  / filter</Dim>
    </Text>
  );
}
