import { Box, Text } from 'ink';
import type React from 'react';
import { formatAge, formatDuration } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { type CheckLine, summarizeChecks } from '../engine/checks.js';
import type { Snapshot } from '../engine/state.js';
import type { CheckDeps } from '../runtime/deps.js';
import { ChecklistTable } from './ChecklistTable.js';
import { Footer, footerRows, Prompt } from './Footer.js';
import { HelpView } from './HelpView.js';
import { useChecklist } from './hooks/useChecklist.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { hintText, KEYMAP } from './keys.js';
import { checkHelpScreen, checkScreen, shownLines } from './state/check.js';
import { Dim, Tinted } from './theme.js';
import { pack, wrapText } from './wrap.js';

export interface CheckAppProps extends Omit<CheckDeps, 'clock'> {
  /** The room it draws in: inside watch, the terminal under watch's header; standalone, the terminal's own. */
  width?: number;
  height?: number;
  onQuit?: () => void;
  /** Ctrl-C inside watch: quit the program, not only the checklist. */
  onExit?: () => void;
  /** Inside watch: judge its snapshot, and leaving goes back to the dashboard instead of exiting. */
  embedded?: { snapshot: Snapshot; refresh: () => void };
}

const SAVED = '(ticks and notes are saved as you go)';

/** The playbook to open for a failing check: its alert's, else one with a step on its SLO. */
export function playbookFor(config: Config, line: CheckLine): string | null {
  if (!line.id) return null;
  const alert = config.alerts.find((a) => a.id === line.id);
  if (alert?.playbook) return alert.playbook;
  const p = config.playbooks.find((b) => b.steps.some((s) => (s.kind === 'slo' || s.kind === 'alert') && s.id === line.id));
  return p?.id ?? null;
}

/** Rows of text, each on one line of the terminal: the screen counted them to fit the table under them. */
const Rows = ({ rows, look = (r) => r }: { rows: string[]; look?: (row: string) => React.ReactNode }) => (
  <>
    {rows.map((r, i) => (
      <Text key={i} wrap="truncate-end">
        {look(r)}
      </Text>
    ))}
  </>
);

export function CheckApp({ config, poller, ctx, progressFile, journal, width: givenWidth, height: givenHeight, onQuit, onExit, embedded }: CheckAppProps) {
  const terminal = useTerminalSize();
  const width = givenWidth ?? terminal.width;
  const height = givenHeight ?? terminal.height;
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

  // Everything but the table, row by row, so the table gets the lines left and never pushes the title off the top.
  const text = width - 1;
  const summaryRows = summary
    ? pack(
        [
          `${summary.passed} passed`,
          `${summary.failed} failed`,
          `${summary.unknown} unknown`,
          `${summary.manualRemaining} manual remaining`,
          ...(running ? ['running…'] : []),
          nextText,
        ].map((t) => ({ sep: ' · ', text: t })),
        text,
      )
    : [];
  const failureRows = s.failure ? wrapText(s.failure.text, text) : [];
  const skippedRows = s.skipped > 0 ? wrapText(`${s.skipped} unreadable line${s.skipped === 1 ? '' : 's'} of the progress file left out`, text) : [];
  const prompt =
    s.noting !== null ? { label: 'note: ', value: s.noting, keys: KEYMAP.text } : s.filtering ? { label: '/', value: s.filter, keys: KEYMAP.filter } : null;
  const promptRows = prompt ? wrapText(`${prompt.label}${prompt.value}▏ (${hintText(prompt.keys)})`, width).length : 0;
  const footer = screen === 'text' || screen === 'filter' ? [] : footerRows(KEYMAP[screen], screen === 'check' ? SAVED : undefined, width);
  const around = 1 + (lines ? 0 : 1) + promptRows + summaryRows.length + failureRows.length + skippedRows.length + footer.length;

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
  } else if (lines) {
    body = <ChecklistTable lines={lines} shown={shown} selected={selected} progress={progress} width={width} maxRows={height - around - 4} />;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {config.service} · hour {ctx.hour}: {ctx.phase.name}{' '}
        <Dim>
          ({every}, round {ctx.slotIndex + 1}
          {ctx.deploy ? `, deploy ${ctx.deploy.release ?? ctx.deploy.id}` : ''})
        </Dim>
        {s.filter && !s.filtering ? <Dim> /{s.filter}</Dim> : null}
      </Text>
      {!lines ? <Text>running the automatic checks…</Text> : null}
      {body}
      {prompt ? <Prompt {...prompt} /> : null}
      <Rows rows={summaryRows} />
      <Rows rows={failureRows} look={(r) => <Tinted kind="critical">{r}</Tinted>} />
      <Rows rows={skippedRows} look={(r) => <Dim>{r}</Dim>} />
      {footer.length ? <Footer keys={KEYMAP[screen]} note={screen === 'check' ? SAVED : undefined} width={width} /> : null}
    </Box>
  );
}
