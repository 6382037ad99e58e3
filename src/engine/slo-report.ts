// The SLO reports the plans send by email: seed 000's weekly summary and seed
// 004's daily report, from values measured over the period. Pure: values in,
// text or a JSON document out.
import { formatDuration } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Config, Slo } from '../config/types.js';
import { mdText } from '../text/markdown.js';
import { satisfies } from './held.js';
import { impossibleValue } from './sanity.js';
import type { AlertState } from './state.js';

export interface PeriodValue {
  id: string;
  /** Threshold SLOs: the query over the period. Ratio SLOs: the error ratio. */
  value: number | null;
  error?: string;
}

export interface IncidentLine {
  date: string;
  title: string;
  severity: string | null;
  duration: string | null;
  state: 'open' | 'resolved';
}

export interface ReportInput {
  config: Config;
  periodMs: number;
  to: number;
  values: PeriodValue[];
  incidents: IncidentLine[];
  actionItems: string[];
  alerts: AlertState[];
  /** Sentry events by level over the period, when there is a Sentry source (null: it failed). */
  errorsByLevel?: Record<string, number | null> | null;
}

export interface SloLine {
  id: string;
  name: string;
  met: boolean | null;
  value: number | null;
  text: string;
}

function sloLine(slo: Slo, v: PeriodValue | undefined): SloLine {
  const value = v?.value ?? null;
  const lowerPasses = slo.objective.op === '<' || slo.objective.op === '<=';
  const bad = value === null ? null : impossibleValue(value, slo.kind === 'ratio' ? { unit: 'ratio', errorRatio: true } : { unit: slo.unit, lowerPasses });
  if (value === null || Number.isNaN(value) || bad) {
    return {
      id: slo.id,
      name: slo.name,
      met: null,
      value: null,
      text: `${slo.name}: no data (${bad ?? v?.error ?? 'no data over the period'}) (target ${slo.objective.text})`,
    };
  }
  if (slo.kind === 'ratio') {
    const success = 1 - value;
    return {
      id: slo.id,
      name: slo.name,
      met: value <= 1 - slo.target,
      value,
      text: `${slo.name}: ${formatValue(success, 'ratio')} success rate (target >${formatValue(slo.target, 'ratio')})`,
    };
  }
  return {
    id: slo.id,
    name: slo.name,
    met: satisfies(value, slo.objective, slo.unit),
    value,
    text: `${slo.name}: ${formatValue(value, slo.unit)} (target ${slo.objective.text.replace(/\s+/g, '')})`,
  };
}

export function buildReport(input: ReportInput) {
  const { config } = input;
  const slos = config.slos.map((s) =>
    sloLine(
      s,
      input.values.find((v) => v.id === s.id),
    ),
  );
  const from = input.to - input.periodMs;
  const availability = config.slos.find((s) => s.kind === 'ratio' && /avail|uptime/i.test(`${s.id} ${s.name}`)) ?? config.slos.find((s) => s.kind === 'ratio');
  const uptime = availability ? slos.find((l) => l.id === availability.id)?.value : undefined;
  const bySeverity: Record<string, number> = {};
  for (const sev of Object.keys(config.severities)) bySeverity[sev] = 0;
  for (const a of input.alerts) if (a.status === 'firing' && a.severity) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  return {
    service: config.service,
    period: formatDuration(input.periodMs),
    from: new Date(from).toISOString(),
    to: new Date(input.to).toISOString(),
    slos,
    uptime: uptime == null ? null : 1 - uptime,
    firing_by_severity: bySeverity,
    errors_by_level: input.errorsByLevel ?? null,
    incidents: input.incidents,
    action_items: input.actionItems,
    missed: slos.filter((s) => s.met === false).length,
    unknown: slos.filter((s) => s.met === null).length,
  };
}

export type Report = ReturnType<typeof buildReport>;

const mark = (met: boolean | null) => (met === null ? '❔' : met ? '✅' : '❌');

export function reportText(r: Report, periodMs: number, markdown = false): string {
  const daily = periodMs <= 86_400_000;
  const day = r.to.slice(0, 10);
  const h = (s: string) => (markdown ? `## ${s}` : `${s}:`);
  // Markdown is pasted and rendered: text from the config, the backends and the incident files is shown as itself.
  const t = markdown ? mdText : (s: string) => s;
  const lines: string[] = [];
  lines.push(
    markdown
      ? `# ${daily ? 'Daily' : 'Weekly'} SLO Report: ${t(r.service)} (${daily ? day : `week of ${r.from.slice(0, 10)}`})`
      : `Subject: ${daily ? `Daily Report (${day})` : `Weekly SLO Report (Week of ${r.from.slice(0, 10)})`}`,
  );
  lines.push('');
  if (daily) {
    lines.push(`${markdown ? '- ' : ''}System uptime: ${r.uptime == null ? 'no data' : formatValue(r.uptime, 'ratio')}`);
    if (r.errors_by_level)
      lines.push(
        `${markdown ? '- ' : ''}Error count by severity: ${Object.entries(r.errors_by_level)
          .map(([k, n]) => `${t(k)} ${n ?? 'unknown'}`)
          .join(', ')}`,
      );
    lines.push(
      `${markdown ? '- ' : ''}Alerts firing now by severity: ${
        Object.entries(r.firing_by_severity)
          .map(([k, n]) => `${t(k)} ${n}`)
          .join(', ') || 'none defined'
      }`,
    );
    lines.push('');
    lines.push(h('Performance against targets'));
  } else {
    lines.push(h('SLO Summary'));
  }
  if (markdown) lines.push('');
  for (const s of r.slos) lines.push(`${markdown ? '- ' : ''}${mark(s.met)} ${t(s.text)}`);
  lines.push('', h('Incidents'));
  if (markdown) lines.push('');
  lines.push(
    ...(r.incidents.length
      ? r.incidents.map(
          (i) => `- ${t(i.date)} ${t(i.title)}${i.severity ? ` (${t(i.severity)}` : ' ('}${i.duration ? `, ${t(i.duration)}` : ''}, ${t(i.state)})`,
        )
      : ['- None']),
  );
  lines.push('', h('Action Items'));
  if (markdown) lines.push('');
  lines.push(...(r.action_items.length ? r.action_items.map((a) => `- ${t(a)}`) : ['- None']));
  return `${lines.join('\n')}\n`;
}
