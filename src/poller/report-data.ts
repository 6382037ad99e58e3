// What a report needs from the world: each SLO measured over the whole period,
// the incidents opened in it and the action items of their postmortems.
import { formatAge } from '../config/duration.js';
import type { Config } from '../config/types.js';
import type { IncidentLine, PeriodValue } from '../engine/slo-report.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import { describeFailure, type MetricSource } from '../sources/types.js';
import { eachIncident } from '../store/incident-files.js';
import { readRegularFile } from '../store/read-file.js';
import { fromOutside } from '../text/sanitize.js';
import { errorsSource } from './panels.js';
import { sloQuery } from './plan.js';

export async function periodValues(
  config: Config,
  sources: Map<string, MetricSource>,
  periodMs: number,
  at: number,
  registry: SourceRegistry = sourceRegistry,
): Promise<PeriodValue[]> {
  return Promise.all(
    config.slos.map(async (slo): Promise<PeriodValue> => {
      const src = sources.get(slo.source);
      if (!src) return { id: slo.id, value: null, error: `${slo.source}: not configured` };
      const query = sloQuery(config, slo, periodMs, registry);
      const r = await src.instant(query, at, periodMs);
      if (!r.ok) return { id: slo.id, value: null, error: `${slo.source}: ${describeFailure(r.failure, config.sources[slo.source]?.timeoutMs)}` };
      const points = r.value.map((s) => s.points[s.points.length - 1]?.v).filter((v): v is number => v !== undefined && !Number.isNaN(v));
      if (points.length === 0) return { id: slo.id, value: null };
      // Several series: the worst against the objective, as on the dashboard.
      const higherIsWorse = slo.kind === 'ratio' || slo.objective.op === '<' || slo.objective.op === '<=';
      return { id: slo.id, value: higherIsWorse ? Math.max(...points) : Math.min(...points) };
    }),
  );
}

/**
 * The incidents opened in [from, to] and the open action items of their
 * postmortems. A timeline or postmortem that cannot be read (a link, a device,
 * too large) is left out and named in `notes`; the rest of the report stands.
 */
export function incidentsIn(config: Config, dir: string, from: number, to: number): { incidents: IncidentLine[]; actionItems: string[]; notes: string[] } {
  const incidents: IncidentLine[] = [];
  const actionItems: string[] = [];
  const notes: string[] = [];
  const problems = eachIncident(dir, undefined, (inc) => {
    if (inc.openedAt < from || inc.openedAt > to) return;
    const playbook = config.playbooks.find((p) => p.id === inc.playbook);
    // A timeline or postmortem is a file anyone may have edited or committed: its text passes the gate.
    const id = fromOutside(String(inc.playbook));
    incidents.push({
      date: new Date(inc.openedAt).toISOString().slice(0, 10),
      title: playbook?.title ?? id,
      severity: inc.severity == null ? null : fromOutside(String(inc.severity)),
      duration: inc.resolvedAt !== null ? formatAge(inc.resolvedAt - inc.openedAt) : null,
      state: inc.resolvedAt !== null ? 'resolved' : 'open',
    });
    const md = readRegularFile(inc.file.replace(/\.jsonl$/, '.md'));
    // An incident still open has no postmortem yet.
    if (!md.ok) {
      if (md.error.code !== 'ENOENT') notes.push(`${md.error.message}; its action items are left out`);
      return;
    }
    const section = md.text.split(/^## Action items\s*$/m)[1] ?? '';
    for (const m of section.matchAll(/^- \[ \] (.+)$/gm)) actionItems.push(`${fromOutside(m[1])} (${id})`);
  });
  for (const p of problems) notes.push(`${p.message}; left out of the report`);
  return { incidents, actionItems, notes };
}

const LEVELS = ['fatal', 'error', 'warning'] as const;

/** Error events by level over the period (Sentry's): the daily report's "error count by severity". */
export async function errorCounts(
  config: Config,
  sources: Map<string, MetricSource>,
  periodMs: number,
  at: number,
  registry: SourceRegistry = sourceRegistry,
): Promise<Record<string, number | null> | null> {
  const name = errorsSource(config, registry);
  const src = name ? sources.get(name) : undefined;
  const count = name ? registry.get(config.sources[name].type)?.dialect.errors : undefined;
  if (!src || !count) return null;
  const out: Record<string, number | null> = {};
  await Promise.all(
    LEVELS.map(async (level) => {
      const r = await src.instant(count.level(level), at, periodMs);
      out[level] = r.ok ? r.value.reduce((n, s) => n + (s.points[s.points.length - 1]?.v ?? 0), 0) : null;
    }),
  );
  return Object.fromEntries(LEVELS.map((l) => [l, out[l]]));
}
