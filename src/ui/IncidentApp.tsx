import { Box, Text } from 'ink';
import type React from 'react';
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config, Playbook } from '../config/types.js';
import { commandVars } from '../engine/command.js';
import { stepLinks } from '../poller/links.js';
import type { IncidentDeps } from '../runtime/deps.js';
import type { Incident, StepState } from '../store/timeline.js';
import { useClock } from './clock.js';
import { Footer, Prompt } from './Footer.js';
import { HelpView } from './HelpView.js';
import { useIncident } from './hooks/useIncident.js';
import { useTicker } from './hooks/useTicker.js';
import { confirmHint, KEYMAP } from './keys.js';
import { LinkMenuView } from './LinkMenu.js';
import { clip } from './sparkline.js';
import { incidentScreen, modeScreen, pickOptions, shownSteps, stepLabel } from './state/incident.js';
import { Dim, Tinted } from './theme.js';

export interface IncidentAppProps {
  config: Config;
  playbook: Playbook;
  incident: Incident;
  deps: IncidentDeps;
  env: NodeJS.ProcessEnv;
  exec: boolean;
  width?: number;
  tickMs?: number;
  onQuit?: () => void;
}

const STATE_MARK: Record<StepState, string> = { done: '✓', skipped: '↷', failed: '✗' };
const STATE_KIND: Record<StepState, string> = { done: 'ok', skipped: 'muted', failed: 'critical' };

/** The command as written; values stay in the environment, and an unset variable is named before it fails. */
function RunPrompt({ command, env }: { command: string; env: NodeJS.ProcessEnv }) {
  const { missing } = commandVars(command, env);
  return (
    <Text>
      Run `{command}`?{missing.length ? <Tinted kind="warning"> Not set: {missing.map((n) => `$${n}`).join(', ')}.</Tinted> : null} {confirmHint('runs it')}
    </Text>
  );
}

export function IncidentApp(p: IncidentAppProps) {
  const { now } = useClock();
  const severities = Object.keys(p.config.severities);
  // The graphs from an hour before the incident opened to now (when the screen opened).
  const range = { fromMs: p.incident.openedAt - 3_600_000, toMs: now() };
  const s = useIncident({
    incident: p.incident,
    ctx: {
      steps: p.playbook.steps,
      severities,
      causes: p.playbook.causes,
      resolutions: p.playbook.resolutions,
      exec: p.exec,
      links: p.playbook.steps.map((step) => stepLinks(p.config, step, range)),
    },
    deps: p.deps,
    env: p.env,
    now,
    onQuit: p.onQuit,
  });
  const tick = useTicker(p.tickMs ?? 5000, now);
  const { incident, mode: m } = s;
  const width = p.width ?? (process.stdout.columns || 80);
  // A severity read back from the timeline counts only as one of the config's own keys.
  const sev = incident.severity && Object.hasOwn(p.config.severities, incident.severity) ? p.config.severities[incident.severity] : undefined;
  const open = tick - incident.openedAt;
  const left = sev ? sev.respondMs - open : null;
  const screen = incidentScreen(s);
  let body: React.ReactNode;
  if (s.help) body = <HelpView keys={KEYMAP[modeScreen(s)]} />;
  else if (m.kind === 'done') {
    body = (
      <Box flexDirection="column">
        <Text>
          {m.already ? 'Already resolved; postmortem written again from the timeline' : 'Resolved. Postmortem draft'}: {m.file}
        </Text>
        {m.warning ? (
          <Tinted kind="warning">
            It may miss the last events of another terminal ({m.warning}): oncall incident {p.playbook.id} --postmortem writes it again
          </Tinted>
        ) : null}
      </Box>
    );
  } else if (m.kind === 'links') {
    body = <LinkMenuView menu={m.menu} title={p.playbook.steps[s.selected]?.title ?? 'the step'} width={width} />;
  } else if (m.kind === 'escalation') {
    body = (
      <Box flexDirection="column">
        <Text bold>Escalation</Text>
        {p.config.escalation.map((who, i) => (
          <Text key={i}>
            {'  '}
            {i + 1}. {who}
          </Text>
        ))}
        <Text>
          {left === null
            ? 'No response target for this severity.'
            : left >= 0
              ? `${formatAge(left)} until the ${formatDuration(sev!.respondMs)} response target is missed.`
              : `The ${formatDuration(sev!.respondMs)} response target was missed ${formatAge(-left)} ago.`}
        </Text>
      </Box>
    );
  } else if (m.kind === 'pick') {
    const options = m.purpose === 'severity' ? severities.map((k) => `${k} ${p.config.severities[k].title}`) : pickOptions(s.ctx, m.purpose);
    body = (
      <Box flexDirection="column">
        <Text bold>{m.purpose === 'severity' ? 'Severity' : m.purpose === 'cause' ? 'Root cause found' : 'Resolution applied'}</Text>
        {options.map((o, i) => (
          <Text key={i}>
            <Tinted kind="accent">{i === m.index ? '› ' : '  '}</Tinted>
            {o}
          </Text>
        ))}
      </Box>
    );
  } else {
    body = shownSteps(s).map((i) => {
      const step = p.playbook.steps[i];
      const state = incident.steps[i];
      const pr = incident.probes[i];
      return (
        <Box key={i} flexDirection="column">
          <Text wrap="truncate-end">
            <Tinted kind="accent">{i === s.selected ? '› ' : '  '}</Tinted>
            {state ? <Tinted kind={STATE_KIND[state]}>{STATE_MARK[state]}</Tinted> : '·'} {i + 1}. {step.title}{' '}
            <Dim>{clip(stepLabel(step), Math.max(10, width - step.title.length - 12))}</Dim>
          </Text>
          {pr ? (
            <Text wrap="truncate-end">
              {'      '}
              <Tinted kind={pr.ok ? 'ok' : 'critical'}>{clip(pr.summary, width - 8)}</Tinted>
            </Text>
          ) : null}
        </Box>
      );
    });
  }
  const selected = p.playbook.steps[s.selected];
  return (
    <Box flexDirection="column">
      <Text bold>
        {p.playbook.title} <Dim>({p.playbook.id})</Dim>
        {s.filter && !s.filtering ? <Dim> /{s.filter}</Dim> : null}
      </Text>
      <Text>
        {incident.severity ? <Tinted kind="critical">{incident.severity}</Tinted> : 'no severity'}
        {sev ? ` ${sev.title}, respond within ${formatDuration(sev.respondMs)}` : ''} · open {formatAge(open)}
        {left !== null ? (
          left >= 0 ? (
            ` · ${formatAge(left)} left to respond`
          ) : (
            <Tinted kind="critical"> · response target missed by {formatAge(-left)}</Tinted>
          )
        ) : (
          ''
        )}
        {s.probing ? ' · probing…' : ''}
      </Text>
      {p.playbook.symptoms.length ? <Dim>Symptoms: {p.playbook.symptoms.join('; ')}</Dim> : null}
      <Text> </Text>
      {body}
      <Text> </Text>
      {incident.cause ? <Text>Cause: {incident.cause}</Text> : null}
      {incident.resolution ? <Text>Resolution: {incident.resolution}</Text> : null}
      {m.kind === 'text' ? <Prompt label={`${m.purpose}: `} value={m.value} keys={KEYMAP.text} /> : null}
      {s.filtering ? <Prompt label="/" value={s.filter} keys={KEYMAP.filter} /> : null}
      {m.kind === 'confirm' && m.action === 'run' && selected?.kind === 'run' ? <RunPrompt command={selected.command} env={p.env} /> : null}
      {m.kind === 'confirm' && m.action === 'resolve' ? <Text>Resolve this incident and write the postmortem? {confirmHint('resolves')}</Text> : null}
      {/* Wrapped, not cut: it may be a URL to open by hand. */}
      {s.message ? <Text wrap="wrap">{s.message}</Text> : null}
      {s.failure ? <Tinted kind="critical">{s.failure.text}</Tinted> : null}
      {incident.skipped > 0 ? (
        <Dim>
          {incident.skipped} unreadable line{incident.skipped === 1 ? '' : 's'} of the timeline left out
        </Dim>
      ) : null}
      {screen === 'text' || screen === 'filter' || screen === 'confirm' ? null : <Footer keys={KEYMAP[screen]} width={width} />}
    </Box>
  );
}
