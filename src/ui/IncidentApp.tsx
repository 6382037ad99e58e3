import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config, Playbook, Step } from '../config/types.js';
import { commandVars, maskOutput, secretEnvValues } from '../engine/command.js';
import type { Snapshot } from '../engine/state.js';
import type { IncidentDeps } from '../runtime/deps.js';
import type { Incident, StepState } from '../store/timeline.js';
import { useIncident } from './hooks/useIncident.js';
import { useTicker } from './hooks/useTicker.js';
import { clip } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

export type { IncidentDeps };

export interface IncidentAppProps {
  config: Config;
  playbook: Playbook;
  incident: Incident;
  deps: IncidentDeps;
  env: NodeJS.ProcessEnv;
  now?: () => number;
  exec: boolean;
  width?: number;
  tickMs?: number;
  onQuit?: () => void;
}

type Mode =
  | { kind: 'steps' }
  | { kind: 'text'; purpose: 'note' | 'cause' | 'resolution'; value: string }
  | { kind: 'pick'; purpose: 'severity' | 'cause' | 'resolution'; index: number }
  | { kind: 'confirm'; purpose: 'run' | 'resolve' }
  | { kind: 'escalation' }
  | { kind: 'done'; file: string; already: boolean; warning?: string };

const STATE_MARK: Record<StepState, string> = { done: '✓', skipped: '↷', failed: '✗' };
const STATE_KIND: Record<StepState, string> = { done: 'ok', skipped: 'no_data', failed: 'critical' };

function stepLabel(s: Step): string {
  switch (s.kind) {
    case 'run':
      return `$ ${s.command}`;
    case 'http':
      return `probe ${s.method} ${s.url}`;
    case 'query':
      return `probe ${s.source}: ${s.query}`;
    case 'alert':
      return `alert ${s.id}`;
    case 'slo':
      return `SLO ${s.id}`;
    case 'manual':
      return s.note ?? 'by hand';
  }
}

/** The command as written; values stay in the environment, and an unset variable is named before it fails. */
function RunPrompt({ command, env }: { command: string; env: NodeJS.ProcessEnv }) {
  const { missing } = commandVars(command, env);
  return (
    <Text>
      Run `{command}`?{missing.length ? <Tinted kind="warn"> Not set: {missing.map((n) => `$${n}`).join(', ')}.</Tinted> : null} y runs it, any other key cancels
    </Text>
  );
}

export function IncidentApp(p: IncidentAppProps) {
  const now = p.now ?? Date.now;
  const { exit } = useApp();
  const { incident, failure, record, reload, fail } = useIncident(p.incident, now);
  const tick = useTicker(p.tickMs ?? 5000, now);
  const ui = useRef({ selected: 0, mode: { kind: 'steps' } as Mode, message: '', quit: false, lastOutput: '' });
  const [, redraw] = useState(0);
  const [probing, setProbing] = useState(false);
  const severities = Object.keys(p.config.severities);
  const inc = useRef(incident);
  inc.current = incident;

  const probe = async () => {
    setProbing(true);
    const { snap, results } = await p.deps.probe();
    for (const r of results) record({ kind: 'probe', step: r.step, ok: r.ok, summary: r.summary });
    setProbing(false);
    return snap;
  };

  useEffect(() => {
    void (async () => {
      const opening = inc.current.events.length === 1;
      const snap = await probe();
      if (opening) record({ kind: 'snapshot', at: 'open', slos: p.deps.sloSummary(snap) });
    })();
  }, []);

  useEffect(() => {
    if (!ui.current.quit) return;
    p.onQuit?.();
    exit();
  });

  const say = (m: string) => {
    ui.current.message = m;
  };

  const runSelected = async (step: number, s: Extract<Step, { kind: 'run' }>) => {
    const vars = commandVars(s.command, p.env);
    say(`running: ${s.command}`);
    redraw((x) => x + 1);
    const r = await p.deps.run(s.command);
    const output = maskOutput(r.output, [...vars.secrets, ...secretEnvValues(p.env)]);
    record({ kind: 'run', step, command: s.command, exit: r.exit, output });
    ui.current.lastOutput = output;
    say(`exit ${r.exit ?? 'killed'}: ${output.trim().split('\n').slice(-1)[0] ?? ''}`);
    redraw((x) => x + 1);
  };

  // The postmortem is built from the file, not from this screen's memory, so a
  // second terminal's notes are in it; once resolved (here or there), R only
  // writes the same postmortem again and records nothing more.
  const resolve = async () => {
    const onDisk = reload();
    if (onDisk === null) return redraw((x) => x + 1);
    if (onDisk.resolvedAt === null) {
      const snap = await probe();
      if (!record({ kind: 'snapshot', at: 'resolve', slos: p.deps.sloSummary(snap) })) {
        say('NOT resolved: the incident stays open; R to try again');
        return redraw((x) => x + 1);
      }
    }
    const r = p.deps.resolve(inc.current.file, now());
    if (!r.ok) {
      fail({ text: r.postmortem ? `Postmortem written to ${r.postmortem}, but "resolved" was NOT saved: ${r.error.message}` : `NOT resolved, no postmortem written: ${r.error.message}`, error: r.error });
      say('The incident stays open; R to try again once the disk has room');
      return redraw((x) => x + 1);
    }
    reload();
    fail(null);
    ui.current.mode = { kind: 'done', file: r.postmortem, already: r.already, warning: r.warning };
    redraw((x) => x + 1);
  };

  function handle(input: string, key: Key): void {
    const u = ui.current;
    const m = u.mode;
    const steps = p.playbook.steps;
    const step = steps[u.selected];
    if (key.ctrl && input === 'c') {
      u.quit = true;
      return;
    }
    switch (m.kind) {
      case 'done':
        if (input === 'q' || key.return || key.escape) u.quit = true;
        return;
      case 'text':
        if (key.return) {
          const v = m.value.trim();
          if (v && m.purpose === 'note') record({ kind: 'note', step: u.selected, text: v });
          if (v && m.purpose === 'cause') record({ kind: 'cause', text: v });
          if (v && m.purpose === 'resolution') record({ kind: 'resolution', text: v });
          u.mode = { kind: 'steps' };
        } else if (key.escape) u.mode = { kind: 'steps' };
        else if (key.backspace || key.delete) m.value = m.value.slice(0, -1);
        else if (input && !key.ctrl && !key.meta) m.value += input;
        return;
      case 'pick': {
        const options = m.purpose === 'severity' ? severities : m.purpose === 'cause' ? [...p.playbook.causes, 'Other…'] : [...p.playbook.resolutions, 'Other…'];
        if (key.upArrow || input === 'k') m.index = Math.max(0, m.index - 1);
        else if (key.downArrow || input === 'j') m.index = Math.min(options.length - 1, m.index + 1);
        else if (key.escape) u.mode = { kind: 'steps' };
        else if (key.return) {
          const choice = options[m.index];
          if (m.purpose === 'severity') {
            if (choice !== inc.current.severity) record({ kind: 'severity', from: inc.current.severity, to: choice });
            u.mode = { kind: 'steps' };
          } else if (m.index === options.length - 1) u.mode = { kind: 'text', purpose: m.purpose, value: '' };
          else {
            record({ kind: m.purpose, text: choice });
            u.mode = { kind: 'steps' };
          }
        }
        return;
      }
      case 'confirm':
        u.mode = { kind: 'steps' };
        if (input !== 'y') {
          say(m.purpose === 'run' ? 'not run' : 'not resolved');
          return;
        }
        if (m.purpose === 'run' && step?.kind === 'run') void runSelected(u.selected, step);
        if (m.purpose === 'resolve') void resolve();
        return;
      case 'escalation':
        u.mode = { kind: 'steps' };
        return;
      case 'steps':
        break;
    }
    say('');
    if (key.upArrow || input === 'k') u.selected = Math.max(0, u.selected - 1);
    else if (key.downArrow || input === 'j') u.selected = Math.min(steps.length - 1, u.selected + 1);
    else if (input === ' ') record({ kind: 'step', step: u.selected, state: 'done' });
    else if (input === '-') record({ kind: 'step', step: u.selected, state: 'skipped' });
    else if (input === 'f') record({ kind: 'step', step: u.selected, state: 'failed' });
    else if (input === 'n') u.mode = { kind: 'text', purpose: 'note', value: '' };
    else if (input === 'r') void probe();
    else if (input === 'y' && step?.kind === 'run') {
      p.deps.copy(step.command);
      say('copied to the clipboard (OSC 52), variables unexpanded');
    } else if (input === 'x' && step?.kind === 'run') {
      if (!p.exec) say('execution is off (--no-exec): copy it with y');
      else u.mode = { kind: 'confirm', purpose: 'run' };
    } else if (input === 's') u.mode = { kind: 'pick', purpose: 'severity', index: Math.max(0, severities.indexOf(inc.current.severity ?? '')) };
    else if (input === 'c') u.mode = { kind: 'pick', purpose: 'cause', index: 0 };
    else if (input === 'a') u.mode = { kind: 'pick', purpose: 'resolution', index: 0 };
    else if (input === 'e') u.mode = { kind: 'escalation' };
    else if (input === 'R') u.mode = { kind: 'confirm', purpose: 'resolve' };
    else if (input === 'q') u.quit = true;
  }

  useInput((input, key) => {
    // Keys typed faster than a read arrive together: one at a time, Enter included.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) handle(ch === '\r' || ch === '\n' ? '' : ch, { ...key, return: ch === '\r' || ch === '\n', escape: false });
    } else handle(input, key);
    redraw((x) => x + 1);
  });

  const u = ui.current;
  const width = p.width ?? (process.stdout.columns || 80);
  // A severity read back from the timeline counts only as one of the config's own keys.
  const sev = incident.severity && Object.hasOwn(p.config.severities, incident.severity) ? p.config.severities[incident.severity] : undefined;
  const open = tick - incident.openedAt;
  const left = sev ? sev.respondMs - open : null;
  const m = u.mode;
  return (
    <Box flexDirection="column">
      <Text bold>
        {p.playbook.title} <Dim>({p.playbook.id})</Dim>
      </Text>
      <Text>
        {incident.severity ? <Tinted kind="critical">{incident.severity}</Tinted> : 'no severity'}
        {sev ? ` ${sev.title}, respond within ${formatDuration(sev.respondMs)}` : ''} · open {formatAge(open)}
        {left !== null ? (left >= 0 ? ` · ${formatAge(left)} left to respond` : <Tinted kind="critical"> · response target missed by {formatAge(-left)}</Tinted>) : ''}
        {probing ? ' · probing…' : ''}
      </Text>
      {p.playbook.symptoms.length ? <Dim>Symptoms: {p.playbook.symptoms.join('; ')}</Dim> : null}
      <Text> </Text>
      {m.kind === 'done' ? (
        <Box flexDirection="column">
          <Text>{m.already ? 'Already resolved; postmortem written again from the timeline' : 'Resolved. Postmortem draft'}: {m.file}</Text>
          {m.warning ? <Tinted kind="warning">It may miss the last events of another terminal ({m.warning}): oncall incident {p.playbook.id} --postmortem writes it again</Tinted> : null}
          <Dim>q to leave</Dim>
        </Box>
      ) : m.kind === 'escalation' ? (
        <Box flexDirection="column">
          <Text bold>Escalation</Text>
          {p.config.escalation.map((who, i) => (
            <Text key={i}>
              {'  '}
              {i + 1}. {who}
            </Text>
          ))}
          <Text>{left === null ? 'No response target for this severity.' : left >= 0 ? `${formatAge(left)} until the ${formatDuration(sev!.respondMs)} response target is missed.` : `The ${formatDuration(sev!.respondMs)} response target was missed ${formatAge(-left)} ago.`}</Text>
          <Dim>any key to go back</Dim>
        </Box>
      ) : m.kind === 'pick' ? (
        <Box flexDirection="column">
          <Text bold>{m.purpose === 'severity' ? 'Severity' : m.purpose === 'cause' ? 'Root cause found' : 'Resolution applied'}</Text>
          {(m.purpose === 'severity' ? severities.map((k) => `${k} ${p.config.severities[k].title}`) : [...(m.purpose === 'cause' ? p.playbook.causes : p.playbook.resolutions), 'Other…']).map((o, i) => (
            <Text key={i}>
              {i === m.index ? '› ' : '  '}
              {o}
            </Text>
          ))}
          <Dim>↑↓ choose, Enter record, Esc cancel</Dim>
        </Box>
      ) : (
        p.playbook.steps.map((s, i) => {
          const state = incident.steps[i];
          const pr = incident.probes[i];
          return (
            <Box key={i} flexDirection="column">
              <Text wrap="truncate-end">
                {i === u.selected ? '› ' : '  '}
                {state ? <Tinted kind={STATE_KIND[state]}>{STATE_MARK[state]}</Tinted> : '·'} {i + 1}. {s.title} <Dim>{clip(stepLabel(s), Math.max(10, width - s.title.length - 12))}</Dim>
              </Text>
              {pr ? (
                <Text wrap="truncate-end">
                  {'      '}
                  <Tinted kind={pr.ok ? 'ok' : 'critical'}>{clip(pr.summary, width - 8)}</Tinted>
                </Text>
              ) : null}
            </Box>
          );
        })
      )}
      <Text> </Text>
      {incident.cause ? <Text>Cause: {incident.cause}</Text> : null}
      {incident.resolution ? <Text>Resolution: {incident.resolution}</Text> : null}
      {m.kind === 'text' ? (
        <Text>
          {m.purpose}: {m.value}▏ <Dim>(Enter saves, Esc cancels)</Dim>
        </Text>
      ) : null}
      {m.kind === 'confirm' && m.purpose === 'run' ? <RunPrompt command={(p.playbook.steps[u.selected] as Extract<Step, { kind: 'run' }>).command} env={p.env} /> : null}
      {m.kind === 'confirm' && m.purpose === 'resolve' ? <Text>Resolve this incident and write the postmortem? y resolves, any other key cancels</Text> : null}
      {u.message ? <Text>{clip(u.message, width)}</Text> : null}
      {failure ? <Tinted kind="critical">{failure.text}</Tinted> : null}
      {incident.skipped > 0 ? <Dim>{incident.skipped} unreadable line{incident.skipped === 1 ? '' : 's'} of the timeline left out</Dim> : null}
      <Dim>↑↓ step  Space done  - skip  f failed  n note  r probe  y copy  x run  s severity  c cause  a resolution  e escalation  R resolve  q leave</Dim>
    </Box>
  );
}
