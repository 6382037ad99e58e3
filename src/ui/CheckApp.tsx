import { Box, Text } from 'ink';
import type React from 'react';
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { type CheckLine, summarizeChecks } from '../engine/checks.js';
import type { Snapshot } from '../engine/state.js';
import type { CheckDeps } from '../runtime/deps.js';
import { Footer, Prompt } from './Footer.js';
import { HelpView } from './HelpView.js';
import { useChecklist } from './hooks/useChecklist.js';
import { KEYMAP } from './keys.js';
import { clip } from './sparkline.js';
import { checkHelpScreen, checkScreen, shownLines } from './state/check.js';
import { Dim, Tinted } from './theme.js';

export interface CheckAppProps extends CheckDeps {
  width?: number;
  onQuit?: () => void;
  /** Ctrl-C inside watch: quit the program, not only the checklist. */
  onExit?: () => void;
  /** Inside watch: judge its snapshot, and leaving goes back to the dashboard instead of exiting. */
  embedded?: { snapshot: Snapshot; refresh: () => void };
}

const MARK = { pass: '✓', fail: '✗', unknown: '?' };
const KIND = { pass: 'ok', fail: 'critical', unknown: 'unknown' } as const;

/** The playbook to open for a failing check: its alert's, else one with a step on its SLO. */
export function playbookFor(config: Config, line: CheckLine): string | null {
  if (!line.id) return null;
  const alert = config.alerts.find((a) => a.id === line.id);
  if (alert?.playbook) return alert.playbook;
  const p = config.playbooks.find((b) => b.steps.some((s) => (s.kind === 'slo' || s.kind === 'alert') && s.id === line.id));
  return p?.id ?? null;
}

function Row({ line, selected, done, note, width }: { line: CheckLine; selected: boolean; done: boolean; note?: string; width: number }) {
  const cursor = <Tinted kind="accent">{selected ? '› ' : '  '}</Tinted>;
  if (line.kind === 'manual') {
    return (
      <Text wrap="truncate-end">
        {cursor}
        <Tinted kind={done ? 'ok' : 'muted'}>{done ? '☑' : '☐'}</Tinted> {line.title}
        {note ? <Dim> — {note}</Dim> : null}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {cursor}
      <Tinted kind={KIND[line.verdict as keyof typeof KIND]}>{MARK[line.verdict as keyof typeof MARK]}</Tinted>{' '}
      {clip(`${line.title}: ${line.detail}`, width - 6)}
      {note ? <Dim> — {note}</Dim> : null}
    </Text>
  );
}

export function CheckApp({ config, poller, ctx, progressFile, journal, width = process.stdout.columns || 80, onQuit, onExit, embedded }: CheckAppProps) {
  const s = useChecklist({ config, poller, phase: ctx.phase, progressFile, journal, embedded, onQuit, onExit });
  const { lines, running, progress, selected } = s;
  const shown = shownLines(s);
  const current = shown.includes(selected) ? lines?.[selected] : undefined;
  const screen = checkScreen(s);
  const summary = lines ? summarizeChecks(lines, progress.done) : null;
  const every = ctx.phase.everyMs ? `every ${formatDuration(ctx.phase.everyMs)}` : 'continuous';
  const nextText = ctx.next
    ? `next: ${ctx.next.phase.name} ${ctx.elapsedMs !== null ? `in ${formatAge(Math.max(0, ctx.next.dueMs - ctx.elapsedMs))}` : `at +${formatDuration(ctx.next.dueMs)}`}`
    : 'no further checks scheduled';
  const book = current ? playbookFor(config, current) : null;
  let body: React.ReactNode;
  if (s.help) body = <HelpView keys={KEYMAP[checkHelpScreen(s)]} />;
  else if (s.why && current) {
    body = (
      <Box flexDirection="column">
        <Text bold>{current.title}</Text>
        <Text wrap="wrap">{current.detail}</Text>
        <Text>{book ? `Playbook: ${book} — run: oncall incident ${book}` : 'No playbook is linked to this check.'}</Text>
      </Box>
    );
  } else {
    body = shown.map((i) => {
      const l = lines![i];
      return <Row key={l.key} line={l} selected={i === selected} done={Boolean(progress.done[l.key])} note={progress.notes[l.key]} width={width} />;
    });
  }
  return (
    <Box flexDirection="column">
      <Text bold>
        {config.service} · hour {ctx.hour}: {ctx.phase.name}{' '}
        <Dim>
          ({every}, round {ctx.slotIndex + 1}
          {ctx.deploy ? `, deploy ${ctx.deploy.release ?? ctx.deploy.id}` : ''})
        </Dim>
        {s.filter && !s.filtering ? <Dim> /{s.filter}</Dim> : null}
      </Text>
      {!lines ? <Text>running the automatic checks…</Text> : null}
      {body}
      {s.noting !== null ? <Prompt label="note: " value={s.noting} keys={KEYMAP.text} /> : null}
      {s.filtering ? <Prompt label="/" value={s.filter} keys={KEYMAP.filter} /> : null}
      {summary ? (
        <Text>
          {summary.passed} passed · {summary.failed} failed · {summary.unknown} unknown · {summary.manualRemaining} manual remaining
          {running ? ' · running…' : ''} · {nextText}
        </Text>
      ) : null}
      {s.failure ? <Tinted kind="critical">{s.failure.text}</Tinted> : null}
      {s.skipped > 0 ? (
        <Dim>
          {s.skipped} unreadable line{s.skipped === 1 ? '' : 's'} of the progress file left out
        </Dim>
      ) : null}
      {screen === 'text' || screen === 'filter' ? null : (
        <Footer wrap keys={KEYMAP[screen]} note={screen === 'check' ? '(ticks and notes are saved as you go)' : undefined} />
      )}
    </Box>
  );
}
