// The one clock of a screen, and the one time zone its times of day are
// shown in. Under --demo the clock is the simulator's story clock, which runs
// --speed times faster than real time; otherwise it is real time. Every time
// a screen shows (the header's next refresh, ages, log lines) is read from
// it, so no part of a screen is on another clock or in another zone. The
// --json outputs are ISO-8601 in UTC, whatever the zone here.
import { createContext, useContext } from 'react';
import type { ScreenClock } from '../runtime/deps.js';

export interface Clock extends ScreenClock {
  /** The IANA zone times of day are shown in; unset, the machine's own (local) zone. */
  timeZone?: string;
}

export const REAL_TIME: Clock = { now: Date.now, rate: 1 };

/** Provided once per screen, by its run-* entry point (and renderWithProviders in tests). */
export const ClockContext = createContext<Clock>(REAL_TIME);

export function useClock(): Clock {
  return useContext(ClockContext);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "09:05:07": the time of day of `ms` in `timeZone` (the local zone when unset), 24-hour. */
export function timeOfDay(ms: number, timeZone?: string): string {
  let f = formats.get(timeZone ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
    formats.set(timeZone ?? '', f);
  }
  return f.format(ms);
}
