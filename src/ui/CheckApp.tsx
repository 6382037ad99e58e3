import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { summarizeChecks, type CheckLine } from '../engine/checks.js';
import type { Snapshot } from '../engine/state.js';
import type { CheckDeps } from '../runtime/deps.js';
import { useCheckRun } from './hooks/useCheckRun.js';
import { useProgress } from './hooks/useProgress.js';
import { clip } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

export interface CheckAppProps extends CheckDeps {
  width?: number;
  onQuit?: () => void;
  /** Inside watch: judge its snapshot, and leaving goes back to the dashboard instead of exiting. */
  embedded?: { snapshot: Snapshot; refresh: () => void };
}

const MARK = { pass: '✓', fail: '✗', unknown: '?' };
const KIND = { pass: 'ok', fail: 'critical', unknown: 'unknown' };

/** The playbook to open for a failing check: its alert's, else one with a step on its SLO. */
export function playbookFor(config: Config, line: CheckLine): string | null {
  if (!line.id) return null;
  const alert = config.alerts.find((a) => a.id === line.id);
  if (alert?.playbook) return alert.playbook;
  const p = config.playbooks.find((b) => b.steps.some((s) => (s.kind === 'slo' || s.kind === 'alert') && s.id === line.id));
  return p?.id ?? null;
}

function Row({ line, selected, done, note, width }: { line: CheckLine; selected: boolean; done: boolean; note?: string; width: number }) {
  const cursor = selected ? '› ' : '  ';
  if (line.kind === 'manual') {
    return (
      <Text wrap="truncate-end">
        {cursor}
        <Tinted kind={done ? 'ok' : 'no_data'}>{done ? '☑' : '☐'}</Tinted> {line.title}
        {note ? <Dim> — {note}</Dim> : null}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {cursor}
      <Tinted kind={KIND[line.verdict as keyof typeof KIND]}>{MARK[line.verdict as keyof typeof MARK]}</Tinted> {clip(`${line.title}: ${line.detail}`, width - 6)}
      {note ? <Dim> — {note}</Dim> : null}
    </Text>
  );
}

export function CheckApp({ config, poller, ctx, progressFile, width = process.stdout.columns || 80, onQuit, embedded }: CheckAppProps) {
  const { exit } = useApp();
  const { lines, running, rerun } = useCheckRun(poller, ctx.phase, config, embedded);
  const { progress, skipped, failure, toggle, note } = useProgress(progressFile);
  // Keys can arrive faster than renders (a pasted note, a held j): the handler
  // reads and writes this ref synchronously and then asks for a redraw.
  const ui = useRef({ selected: 0, noting: null as string | null, detail: false, quit: false });
  const [, redraw] = useState(0);
  const linesRef = useRef(lines);
  linesRef.current = lines;
  const { selected, noting, detail, quit } = ui.current;
  const current = lines?.[selected];

  useEffect(() => {
    if (!quit) return;
    onQuit?.();
    if (!embedded) exit();
  }, [quit]);

  useInput((input, key) => {
    // Several keys typed (or pasted) faster than a read arrive as one string: take them one by one.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) handle(ch === '\r' || ch === '\n' ? '' : ch, { ...key, return: ch === '\r' || ch === '\n', escape: false });
      redraw((x) => x + 1);
      return;
    }
    handle(input, key);
    redraw((x) => x + 1);
  });

  function handle(input: string, key: Key): void {
    const u = ui.current;
    const all = linesRef.current ?? [];
    const line = all[u.selected];
    if (key.ctrl && input === 'c') u.quit = true;
    else if (u.noting !== null) {
      if (key.return) {
        if (line) note(line.key, u.noting.trim());
        u.noting = null;
      } else if (key.escape) u.noting = null;
      else if (key.backspace || key.delete) u.noting = u.noting.slice(0, -1);
      else if (input && !key.ctrl && !key.meta) u.noting += input;
    } else if (u.detail) {
      if (key.escape || key.return || input === 'q') u.detail = false;
    } else if (key.upArrow || input === 'k') u.selected = Math.max(0, u.selected - 1);
    else if (key.downArrow || input === 'j') u.selected = Math.min(Math.max(0, all.length - 1), u.selected + 1);
    else if (input === ' ' && line?.kind === 'manual') toggle(line.key);
    else if (input === 'n' && line) u.noting = progress.notes[line.key] ?? '';
    else if (input === 'r' && !running) rerun();
    else if (key.return && line && line.kind === 'auto' && line.verdict !== 'pass') u.detail = true;
    else if (input === 'q' || key.escape) u.quit = true;
  }

  const summary = lines ? summarizeChecks(lines, progress.done) : null;
  const every = ctx.phase.everyMs ? `every ${formatDuration(ctx.phase.everyMs)}` : 'continuous';
  const nextText = ctx.next ? `next: ${ctx.next.phase.name} ${ctx.elapsedMs !== null ? `in ${formatAge(Math.max(0, ctx.next.dueMs - ctx.elapsedMs))}` : `at +${formatDuration(ctx.next.dueMs)}`}` : 'no further checks scheduled';
  const book = current ? playbookFor(config, current) : null;
  return (
    <Box flexDirection="column">
      <Text bold>
        {config.service} · hour {ctx.hour}: {ctx.phase.name} <Dim>({every}, round {ctx.slotIndex + 1}{ctx.deploy ? `, deploy ${ctx.deploy.release ?? ctx.deploy.id}` : ''})</Dim>
      </Text>
      {!lines ? <Text>running the automatic checks…</Text> : null}
      {detail && current ? (
        <Box flexDirection="column">
          <Text bold>{current.title}</Text>
          <Text wrap="wrap">{current.detail}</Text>
          <Text>{book ? `Playbook: ${book} — run: oncall incident ${book}` : 'No playbook is linked to this check.'}</Text>
          <Dim>Esc to go back</Dim>
        </Box>
      ) : (
        lines?.map((l, i) => <Row key={l.key} line={l} selected={i === selected} done={Boolean(progress.done[l.key])} note={progress.notes[l.key]} width={width} />)
      )}
      {noting !== null ? (
        <Text>
          note: {noting}▏ <Dim>(Enter saves, Esc cancels)</Dim>
        </Text>
      ) : null}
      {summary ? (
        <Text>
          {summary.passed} passed · {summary.failed} failed · {summary.unknown} unknown · {summary.manualRemaining} manual remaining{running ? ' · running…' : ''} · {nextText}
        </Text>
      ) : null}
      {failure ? <Tinted kind="critical">{failure.text}</Tinted> : null}
      {skipped > 0 ? <Dim>{skipped} unreadable line{skipped === 1 ? '' : 's'} of the progress file left out</Dim> : null}
      <Dim>↑↓ move  Space tick  n note  Enter why  r re-run  {embedded ? 'Esc back' : 'q quit'} (progress is saved as you go)</Dim>
    </Box>
  );
}
