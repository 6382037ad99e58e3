// The stable shape of `oncall check --json`.
import { formatDuration } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Phase } from '../config/types.js';
import type { CheckLine, CheckSummary } from './checks.js';
import { nextSlot, type Slot, slotAt } from './schedule.js';

export interface CheckContext {
  service: string;
  hour: number;
  phase: Phase;
  slotIndex: number;
  deploy: { id: string; at: number; release: string | null } | null;
  next: Slot | null;
  /** Offset of now from the deploy, for "next due in". */
  elapsedMs: number | null;
}

const HOUR = 3_600_000;

/**
 * The check round for `hour` (1-based), or for the hour `sinceDeployMs` falls
 * in. `--hour N` stands for the start of hour N unless we are in that very hour.
 */
export function roundFor(service: string, schedule: Phase[], deploy: CheckContext['deploy'], sinceDeployMs: number | null, hour?: number): CheckContext | null {
  const current = sinceDeployMs === null ? null : Math.floor(Math.max(0, sinceDeployMs) / HOUR) + 1;
  const h = hour ?? current;
  if (h === null) return null;
  const elapsed = h === current ? Math.max(0, sinceDeployMs!) : (h - 1) * HOUR;
  const slot = slotAt(schedule, elapsed);
  if (!slot) return null;
  return { service, hour: h, phase: slot.phase, slotIndex: slot.index, deploy, next: nextSlot(schedule, elapsed), elapsedMs: sinceDeployMs };
}

export function checkDoc(ctx: CheckContext, lines: CheckLine[], summary: CheckSummary, done: Record<string, boolean>, notes: Record<string, string>) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    service: ctx.service,
    hour: ctx.hour,
    deploy: ctx.deploy ? { id: ctx.deploy.id, at: iso(ctx.deploy.at), release: ctx.deploy.release } : null,
    phase: {
      name: ctx.phase.name,
      from: formatDuration(ctx.phase.fromMs),
      to: formatDuration(ctx.phase.toMs),
      every: ctx.phase.everyMs ? formatDuration(ctx.phase.everyMs) : 'continuous',
      round: ctx.slotIndex + 1,
    },
    checks: lines.map((l) => ({
      title: l.title,
      kind: l.kind,
      verdict: l.kind === 'manual' ? (done[l.key] ? 'done' : 'pending') : l.verdict,
      id: l.id ?? null,
      value: l.value === undefined || l.value === null || !Number.isFinite(l.value) ? null : l.value,
      unit: l.unit ?? null,
      display: l.unit && l.value !== undefined ? formatValue(l.value, l.unit) : null,
      detail: l.detail,
      note: notes[l.key] ?? null,
    })),
    summary: { passed: summary.passed, failed: summary.failed, unknown: summary.unknown, manual_remaining: summary.manualRemaining },
    next: ctx.next
      ? {
          phase: ctx.next.phase.name,
          due_at: ctx.deploy ? iso(ctx.deploy.at + ctx.next.dueMs) : null,
          due_after_deploy: formatDuration(ctx.next.dueMs),
        }
      : null,
  };
}
