// Verdicts of a schedule phase's checks against a snapshot: automatic checks
// expand to one line per SLO or alert; manual ones wait for a person.
import type { Check, Config, Phase } from '../config/types.js';
import { formatValue } from '../config/quantity.js';
import type { AlertState, SloState, Snapshot } from './state.js';

export type Verdict = 'pass' | 'fail' | 'unknown' | 'manual';

export interface CheckLine {
  check: number;
  title: string;
  kind: 'auto' | 'manual';
  verdict: Verdict;
  /** "SLO-001 Task list query p95 = 420ms < 500ms". */
  detail: string;
  id?: string;
}

function sloLine(check: number, title: string, s: SloState | undefined, id: string): CheckLine {
  if (!s) return { check, title, kind: 'auto', verdict: 'unknown', detail: `${id}: not in this snapshot`, id };
  const value = `${formatValue(s.value, s.unit)}${s.kind === 'ratio' && s.value !== null ? ' errors' : ''}`;
  const verdict: Verdict = s.status === 'ok' ? 'pass' : s.status === 'warning' || s.status === 'critical' ? 'fail' : 'unknown';
  return { check, title, kind: 'auto', verdict, detail: `${s.id} ${s.name} = ${value} (objective ${s.objective})${verdict === 'pass' ? '' : `: ${s.reason}`}`, id: s.id };
}

function alertLine(check: number, title: string, a: AlertState | undefined, id: string): CheckLine {
  if (!a) return { check, title, kind: 'auto', verdict: 'unknown', detail: `${id}: not in this snapshot`, id };
  const verdict: Verdict = a.status === 'ok' ? 'pass' : a.status === 'unknown' ? 'unknown' : a.status === 'firing' ? 'fail' : 'pass';
  return { check, title, kind: 'auto', verdict, detail: `${a.id} ${a.status}: ${a.reason}`, id: a.id };
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
        out.push({ check: i, title: c.title, kind: 'manual', verdict: 'manual', detail: c.note ?? '' });
        break;
    }
  });
  return out;
}
