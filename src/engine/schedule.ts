import type { Phase } from '../config/types.js';

const HOUR = 3_600_000;

/**
 * The phase holding hour N after a deploy. Hours are 1-based: hour 1 is the
 * first hour, [0h, 1h), so `--hour 2` is [1h, 2h) and falls in `from: 1h`.
 */
export function phaseForHour(schedule: Phase[], hour: number): Phase | null {
  if (!Number.isInteger(hour) || hour < 1) return null;
  const start = (hour - 1) * HOUR;
  return schedule.find((p) => p.fromMs <= start && start < p.toMs) ?? null;
}

/** The phase in force `elapsedMs` after the deploy. */
export function phaseAt(schedule: Phase[], elapsedMs: number): Phase | null {
  return schedule.find((p) => p.fromMs <= elapsedMs && elapsedMs < p.toMs) ?? null;
}

/** Hours the schedule covers, as 1-based numbers, for "--hour must be 1..168". */
export function coveredHours(schedule: Phase[]): { first: number; last: number } | null {
  if (schedule.length === 0) return null;
  const from = Math.min(...schedule.map((p) => p.fromMs));
  const to = Math.max(...schedule.map((p) => p.toMs));
  return { first: Math.floor(from / HOUR) + 1, last: Math.ceil(to / HOUR) };
}

export interface Slot {
  phase: Phase;
  /** Offset from the deploy when this check round is due. */
  dueMs: number;
  index: number;
}

export function nextSlot(schedule: Phase[], elapsedMs: number): Slot | null {
  for (const phase of [...schedule].sort((a, b) => a.fromMs - b.fromMs)) {
    if (phase.toMs <= elapsedMs) continue;
    const every = phase.everyMs || HOUR;
    const index = phase.fromMs > elapsedMs ? 0 : Math.floor((elapsedMs - phase.fromMs) / every) + 1;
    const dueMs = phase.fromMs + index * every;
    if (dueMs < phase.toMs) return { phase, dueMs, index };
  }
  return null;
}

/**
 * The check round a point in time belongs to: `--hour N` stands for the start
 * of hour N; a continuous phase has one round per hour.
 */
export function slotAt(schedule: Phase[], elapsedMs: number): Slot | null {
  const phase = phaseAt(schedule, elapsedMs);
  if (!phase) return null;
  const every = phase.everyMs || HOUR;
  const index = Math.floor((elapsedMs - phase.fromMs) / every);
  return { phase, dueMs: phase.fromMs + index * every, index };
}
