// Verdicts of a schedule phase's checks against a snapshot: automatic checks
// expand to one line per SLO or alert; manual ones wait for a person.

import { formatValue, type Unit } from '../config/quantity.js';
import type { Check, Config, Phase } from '../config/types.js';
import type { AlertState, SloState, Snapshot } from './state.js';

export type Verdict = 'pass' | 'fail' | 'unknown' | 'manual';

export interface CheckLine {
  /** Stable within a phase: the check's position and the SLO or alert it expanded to. */
  key: string;
  check: number;
  title: string;
  kind: 'auto' | 'manual';
  verdict: Verdict;
  /** "SLO-001 Task list query p95 = 420ms < 500ms". */
  detail: string;
  id?: string;
  value?: number | null;
  unit?: Unit;
}

function sloLine(check: number, title: string, s: SloState | undefined, id: string): CheckLine {
  if (!s) return { key: `${check}:${id}`, check, title, kind: 'auto', verdict: 'unknown', detail: `${id}: not in this snapshot`, id };
  const value = `${formatValue(s.value, s.unit)}${s.kind === 'ratio' && s.value !== null ? ' errors' : ''}`;
  const verdict: Verdict = s.status === 'ok' ? 'pass' : s.status === 'warning' || s.status === 'critical' ? 'fail' : 'unknown';
  return {
    key: `${check}:${id}`,
    check,
    title,
    kind: 'auto',
    verdict,
    detail: `${s.id} ${s.name} = ${value} (objective ${s.objective})${verdict === 'pass' ? '' : `: ${s.reason}`}`,
    id: s.id,
    value: s.value,
    unit: s.unit,
  };
}

function alertLine(check: number, title: string, a: AlertState | undefined, id: string): CheckLine {
  if (!a) return { key: `${check}:${id}`, check, title, kind: 'auto', verdict: 'unknown', detail: `${id}: not in this snapshot`, id };
  const verdict: Verdict = a.status === 'ok' ? 'pass' : a.status === 'unknown' ? 'unknown' : a.status === 'firing' ? 'fail' : 'pass';
  return { key: `${check}:${id}`, check, title, kind: 'auto', verdict, detail: `${a.id} ${a.status}: ${a.reason}`, id: a.id, value: a.value, unit: a.unit };
}

/** "critical" alerts: the most severe level the config defines (the first), or ones literally named so. */
export function isCritical(config: Config, severity: string | undefined): boolean {
  if (!severity) return false;
  const first = Object.keys(config.severities)[0];
  return severity === first || /^(critical|p1|page)$/i.test(severity);
}

export function checkLines(phase: Phase, snap: Snapshot, config: Config): CheckLine[] {
  const slo = (id: string) => snap.slos.find((s) => s.id === id);
  const alert = (id: string) => snap.alerts.find((a) => a.id === id);
  const out: CheckLine[] = [];
  phase.checks.forEach((c: Check, i) => {
    switch (c.kind) {
      case 'slo':
        out.push(sloLine(i, c.title, slo(c.id), c.id));
        break;
      case 'alert':
        out.push(alertLine(i, c.title, alert(c.id), c.id));
        break;
      case 'slos':
        for (const id of c.ids) out.push(sloLine(i, c.title, slo(id), id));
        break;
      case 'alerts': {
        const ids = Array.isArray(c.which) ? c.which : config.alerts.filter((a) => c.which === 'all' || isCritical(config, a.severity)).map((a) => a.id);
        for (const id of ids) out.push(alertLine(i, c.title, alert(id), id));
        break;
      }
      case 'manual':
        out.push({ key: `${i}:`, check: i, title: c.title, kind: 'manual', verdict: 'manual', detail: c.note ?? '' });
        break;
    }
  });
  return out;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  unknown: number;
  manualDone: number;
  manualRemaining: number;
}

export function summarizeChecks(lines: CheckLine[], done: Record<string, boolean>): CheckSummary {
  const count = (v: Verdict) => lines.filter((l) => l.verdict === v).length;
  const manual = lines.filter((l) => l.kind === 'manual');
  const manualDone = manual.filter((l) => done[l.key]).length;
  return { passed: count('pass'), failed: count('fail'), unknown: count('unknown'), manualDone, manualRemaining: manual.length - manualDone };
}

/** `check --json` exit status: 1 a check failed, 3 one is unknown (a source failed), else 0. */
export function checkExitCode(s: CheckSummary): 0 | 1 | 3 {
  return s.failed > 0 ? 1 : s.unknown > 0 ? 3 : 0;
}
