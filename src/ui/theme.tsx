import React, { createContext, useContext } from 'react';
import { Text } from 'ink';
import { formatAge } from '../config/duration.js';

const COLORS: Record<string, string> = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
  no_data: 'gray',
  stale: 'magenta',
  pending: 'yellow',
  firing: 'red',
  unknown: 'magenta',
  error: 'red',
  warn: 'yellow',
  info: 'cyan',
  debug: 'gray',
};

/** NO_COLOR (https://no-color.org) turns colour off; words carry the meaning either way. */
export const ColorContext = createContext<boolean>(!('NO_COLOR' in process.env));

export function useColor(): boolean {
  return useContext(ColorContext);
}

export function colorOf(kind: string): string | undefined {
  return COLORS[kind];
}

/** Text coloured by a status or level name, when colour is on. */
export function Tinted({ kind, children, bold }: { kind: string; children: React.ReactNode; bold?: boolean }) {
  const color = useColor();
  return (
    <Text color={color ? colorOf(kind) : undefined} bold={bold}>
      {children}
    </Text>
  );
}

export function Dim({ children }: { children: React.ReactNode }) {
  const color = useColor();
  return <Text dimColor={color}>{children}</Text>;
}

/** " STALE 30s: loki: timeout after 5s" beside a panel title whose source failed. */
export function StaleMark({ error, at, now }: { error: string | null; at: number | null; now: number }) {
  if (!error) return null;
  return (
    <Tinted kind="stale">
      {' '}
      STALE{at !== null ? ` ${formatAge(now - at)}` : ''}: {error}
    </Tinted>
  );
}
