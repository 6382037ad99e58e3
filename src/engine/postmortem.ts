// The postmortem draft written when an incident is resolved.
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config, Playbook } from '../config/types.js';
import type { Incident, TimelineEvent } from '../store/timeline.js';
import { mdText as md, mdCode, mdUrl } from '../text/markdown.js';
import type { Link } from './links.js';

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function describe(e: TimelineEvent, playbook: Playbook): string {
  const step = (i: number) => md(playbook.steps[i]?.title ?? `step ${i + 1}`);
  switch (e.kind) {
    case 'opened':
      return `Incident opened${e.severity ? ` at ${md(e.severity)}` : ''}`;
    case 'probe':
      return `${step(e.step)}: ${md(e.summary)}`;
    case 'step':
      return `${step(e.step)}: ${md(e.state)}`;
    case 'note':
      return `Note${e.step !== null ? ` on ${step(e.step)}` : ''}: ${md(e.text)}`;
    case 'run':
      return `Ran ${mdCode(e.command)} (${step(e.step)}): exit ${e.exit ?? 'killed'}`;
    case 'severity':
      return `Severity ${md(e.from ?? 'none')} -> ${md(e.to)}`;
    case 'cause':
      return `Cause recorded: ${md(e.text)}`;
    case 'resolution':
      return `Resolution applied: ${md(e.text)}`;
    case 'resolved':
      return 'Resolved';
    case 'snapshot':
      return `SLOs at ${md(e.at)}: ${Object.values(e.slos).map(md).join('; ')}`;
  }
}

/** What a postmortem links to: a step's (or an alert's) runbook, graph, issue. */
export interface ItemLinks {
  title: string;
  links: readonly Link[];
}

/**
 * The draft, from the timeline alone, so that any terminal (or `incident
 * --postmortem`) writes the same one. `resolvedAt` null: a draft of an
 * incident still open.
 */
export function postmortem(inc: Incident, playbook: Playbook, config: Config, resolvedAt: number | null, links: readonly ItemLinks[] = []): string {
  // A severity read back from a file is only looked up as the config's own key (not "constructor").
  const sev = inc.severity && Object.hasOwn(config.severities, inc.severity) ? config.severities[inc.severity] : undefined;
  const atOpen = inc.events.find((e) => e.kind === 'snapshot' && e.at === 'open');
  const atResolve = [...inc.events].reverse().find((e) => e.kind === 'snapshot' && e.at === 'resolve');
  const ids = [
    ...new Set([...Object.keys(atOpen?.kind === 'snapshot' ? atOpen.slos : {}), ...Object.keys(atResolve?.kind === 'snapshot' ? atResolve.slos : {})]),
  ];
  const cell = (e: TimelineEvent | undefined, id: string) => (e?.kind === 'snapshot' && e.slos[id] !== undefined ? md(e.slos[id]) : '—');
  // Two terminals may both record `resolved`; the incident ended at the first.
  const firstResolved = inc.events.find((e) => e.kind === 'resolved');
  const shown = inc.events.filter((e) => e.kind !== 'snapshot' && (e.kind !== 'resolved' || e === firstResolved));
  const lines = [
    `# Postmortem: ${md(playbook.title)} (${new Date(inc.openedAt).toISOString().slice(0, 10)})`,
    '',
    resolvedAt === null
      ? '_Draft written by oncall while the incident is still open; edit before sharing._'
      : '_Draft written by oncall when the incident was resolved; edit before sharing._',
    '',
    '## Summary',
    '',
    `- Service: ${md(config.service)}${config.environment ? ` (${md(config.environment)})` : ''}`,
    `- Playbook: ${md(playbook.id)}`,
    `- Severity: ${md(inc.severity ?? 'not set')}${sev ? ` (${md(sev.title)}; respond within ${formatDuration(sev.respondMs)})` : ''}`,
    `- Opened: ${new Date(inc.openedAt).toISOString()}`,
    resolvedAt === null ? '- Resolved: not yet' : `- Resolved: ${new Date(resolvedAt).toISOString()}`,
    resolvedAt === null ? '- Duration: not over' : `- Duration: ${formatAge(resolvedAt - inc.openedAt)}`,
    '',
    '## Impact',
    '',
  ];
  if (ids.length) {
    lines.push('| SLO | at open | at resolve |', '|---|---|---|');
    for (const id of ids) lines.push(`| ${md(id)} | ${cell(atOpen, id)} | ${cell(atResolve, id)} |`);
  } else {
    lines.push('No SLO values were recorded.');
  }
  lines.push('', '## Timeline', '', ...shown.map((e) => `- ${time(e.t)} ${describe(e, playbook)}`));
  if (inc.skipped > 0)
    lines.push('', `_${inc.skipped} line${inc.skipped === 1 ? '' : 's'} of the timeline could not be read and ${inc.skipped === 1 ? 'is' : 'are'} left out._`);
  const linked = links.filter((l) => l.links.length > 0);
  if (linked.length) {
    lines.push('', '## Links', '');
    for (const item of linked) lines.push(`- ${md(item.title)}: ${item.links.map((l) => `${md(l.label)} ${mdUrl(l.url)}`).join(', ')}`);
  }
  lines.push(
    '',
    '## Root cause',
    '',
    inc.cause !== null ? md(inc.cause) : '_Not recorded._',
    '',
    '## Resolution',
    '',
    inc.resolution !== null ? md(inc.resolution) : '_Not recorded._',
    '',
    '## Action items',
    '',
  );
  lines.push(...(playbook.prevention.length ? playbook.prevention.map((p) => `- [ ] ${md(p)}`) : ['- [ ] _None from the playbook; add your own._']));
  return `${lines.join('\n')}\n`;
}
