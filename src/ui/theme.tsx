// The one palette. Screens name what a thing means (ok, warning, critical,
// stale, unknown, muted, accent, info), never a colour; status and log-level
// words map onto those meanings here. With NO_COLOR there is no colour at
// all, and nothing is lost: every status is also spelled out in words.

import { Text } from 'ink';
import type React from 'react';
import { createContext, useContext } from 'react';
import { formatAge } from '../config/duration.js';

export type Role = 'ok' | 'warning' | 'critical' | 'stale' | 'unknown' | 'muted' | 'accent' | 'info';

const PALETTE: Record<Role, string> = {
  ok: 'green',
  warning: 'yellow',
  critical: 'red',
  stale: 'magenta',
  unknown: 'magenta',
  muted: 'gray',
  accent: 'cyan',
  info: 'cyan',
};

/** What each status, verdict and level word means. */
const MEANING: Record<string, Role> = {
  // SLO statuses
  no_data: 'muted',
  // alert states
  firing: 'critical',
  pending: 'warning',
  // log and Sentry levels
  error: 'critical',
  fatal: 'critical',
  warn: 'warning',
  debug: 'muted',
  // source health
  down: 'critical',
  slow: 'warning',
};

/** The meaning of a role, status or level word; undefined for words with none. */
export function roleOf(kind: string): Role | undefined {
  return Object.hasOwn(PALETTE, kind) ? (kind as Role) : Object.hasOwn(MEANING, kind) ? MEANING[kind] : undefined;
}

/** NO_COLOR (https://no-color.org): set and not empty, it turns colour off. */
export const colorWanted = (env: NodeJS.ProcessEnv): boolean => !env.NO_COLOR;

export const ColorContext = createContext<boolean>(colorWanted(process.env));

export function useColor(): boolean {
  return useContext(ColorContext);
}

/** The terminal colour of a role, status or level word. */
export function colorOf(kind: string): string | undefined {
  const role = roleOf(kind);
  return role && PALETTE[role];
}

/** Text in the colour of its meaning (a role, status or level word), when colour is on. */
export function Tinted({ kind, children, bold }: { kind: string; children: React.ReactNode; bold?: boolean }) {
  const color = useColor();
  return (
    <Text color={color ? colorOf(kind) : undefined} bold={bold}>
      {children}
    </Text>
  );
}

/** Secondary text: hints, labels, ages. */
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
