import { Box, Text } from 'ink';
import { formatAge } from '../config/duration.js';
import type { SourceState } from '../engine/state.js';
import { timeOfDay, useClock } from './clock.js';
import { KEYMAP, keyFor } from './keys.js';
import { Dim, Tinted } from './theme.js';

export interface HeaderProps {
  service: string;
  environment?: string;
  sinceDeployMs: number | null;
  refreshMs: number;
  /** When the next cycle is due on the screen's clock; null when none is scheduled (paused, or before the first). */
  nextAt: number | null;
  paused: boolean;
  sources: SourceState[];
  slowMs: number;
  demo?: string;
}

/**
 * The time of day of the next refresh, in the screen's time zone. A time, not
 * a countdown: a countdown needs a frame a second, and with Ink each frame
 * redraws the whole screen (~17 ms at 160x60), which would be most of an idle
 * watch's CPU.
 */
export function nextAtText(nextAt: number, timeZone?: string): string {
  return timeOfDay(nextAt, timeZone);
}

/** The first line after the service name. */
function lead(p: HeaderProps, timeZone: string | undefined): string {
  const deploy = p.sinceDeployMs === null ? 'deploy time unknown (--since)' : `deployed ${formatAge(p.sinceDeployMs)} ago`;
  // Short enough that the time still shows at 80 columns.
  const next = p.nextAt === null ? '' : `, next ${nextAtText(p.nextAt, timeZone)}`;
  const refresh = p.paused ? `PAUSED (${keyFor(KEYMAP.watch, 'pause')} resumes)` : `${formatAge(p.refreshMs)}${next}`;
  return `${p.environment ? ` · ${p.environment}` : ''} · ${deploy} · refresh ${refresh}`;
}

function SourceDot({ s, slowMs }: { s: SourceState; slowMs: number }) {
  const state = !s.ok ? 'down' : s.latencyMs !== null && s.latencyMs > slowMs ? 'slow' : 'ok';
  const kind = state === 'down' ? 'critical' : state === 'slow' ? 'warning' : 'ok';
  return (
    <Text>
      {s.name} <Tinted kind={kind}>● {state}</Tinted>
      {state === 'down' && s.error ? <Dim> ({s.error})</Dim> : null}
      {'  '}
    </Text>
  );
}

export function Header(p: HeaderProps) {
  const { timeZone } = useClock();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{p.service}</Text>
        {lead(p, timeZone)}
        {p.demo ? <Dim> · {p.demo}</Dim> : null}
      </Text>
      <Text wrap="truncate-end">
        {p.sources.map((s) => (
          <SourceDot key={s.name} s={s} slowMs={p.slowMs} />
        ))}
      </Text>
    </Box>
  );
}
