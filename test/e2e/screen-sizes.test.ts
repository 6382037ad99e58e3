// The screens at 60x16, 80x24, 120x40 and 200x60 in a real terminal: no line
// wider than the terminal, nothing wrapped, one line per table row, and no
// old frame left behind after the screen changes or the terminal shrinks.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import stringWidth from 'string-width';
import { CLI } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const sessions: TmuxSession[] = [];
after(() => sessions.forEach((s) => s.kill()));

const SIZES = [
  [60, 16],
  [80, 24],
  [120, 40],
  [200, 60],
] as const;

/**
 * The demo's SLO table, worked out by hand from SLO_PRIORITY in
 * src/ui/columns.ts: ids of 7 characters (id column 8), statuses of at most
 * 10, ratio SLOs present; the table may take width - 1. Fixed columns take
 * their width + 3, the frame 1, name and trend 3 each and at least 12 and 8:
 * all eight need 80 + 20 = 100 (width >= 101); without the trend 77 + 12
 * (>= 90); without burn 63 + 12 (>= 76); without budget 54 + 12 (>= 67);
 * without the objective 41 + 12 (>= 54).
 */
const HEADINGS: Record<number, string[]> = {
  60: ['ID', 'SLO', 'Value', 'Status'],
  80: ['ID', 'SLO', 'Value', 'Objective', 'Status', 'Budget'],
  120: ['ID', 'SLO', 'Value', 'Objective', 'Status', 'Trend', 'Burn 1h/6h', 'Budget'],
  200: ['ID', 'SLO', 'Value', 'Objective', 'Status', 'Trend', 'Burn 1h/6h', 'Budget'],
};
const IDS = ['SLO-001', 'SLO-002', 'SLO-003', 'SLO-004', 'SLO-005', 'SLO-006'];
const heading = (titles: string[]) => new RegExp(`^│ ${titles.map((t) => t.replace(/[/]/g, '\\/')).join(' +│ ')} +│$`);

function session(prefix: string): TmuxSession {
  const s = new TmuxSession(`oncall-size-${prefix}-${process.pid}-${sessions.length}`);
  sessions.push(s);
  return s;
}

/** -J joins the lines the terminal wrapped: a screen that wrapped nothing reads the same line for line with or without it. */
function joinedScreen(s: TmuxSession): string {
  return execFileSync('tmux', ['capture-pane', '-p', '-J', '-t', s.name], { encoding: 'utf8' });
}

/** No line wider than the terminal (in display columns), none wrapped, as many lines as the terminal has. */
function assertFits(s: TmuxSession, width: number, height: number, what: string): string[] {
  const lines = s.screen().replace(/\n$/, '').split('\n');
  const joined = joinedScreen(s).replace(/\n$/, '').split('\n');
  assert.equal(lines.length, height, `${what}: ${height} lines`);
  assert.equal(joined.length, lines.length, `${what}: the terminal wrapped a line:\n${joined.join('\n')}`);
  for (const line of joined) assert.ok(stringWidth(line.trimEnd()) <= width, `${what}: ${stringWidth(line.trimEnd())} columns > ${width}: ${line}`);
  return lines;
}

/** One heading, one frame, every SLO on one row of it, every table line as wide as the table. */
function assertTable(lines: string[], width: number, what: string): void {
  const titles = HEADINGS[width];
  assert.equal(lines.filter((l) => heading(titles).test(l)).length, 1, `${what}: one heading of ${titles.join(', ')}:\n${lines.join('\n')}`);
  assert.equal(lines.filter((l) => l.startsWith('│ ID ')).length, 1, `${what}: no second heading`);
  const top = lines.findIndex((l) => l.startsWith('┌'));
  const bottom = lines.findIndex((l) => l.startsWith('└'));
  assert.equal(bottom - top, IDS.length + 3, `${what}: top, heading, rule, 6 rows, bottom`);
  for (const line of lines.slice(top, bottom + 1)) assert.equal(stringWidth(line.trimEnd()), width - 1, `${what}: table line ${line}`);
  for (const id of IDS) {
    const rows = lines.filter((l) => l.includes(id));
    assert.equal(rows.length, 1, `${what}: ${id} on one line`);
    assert.equal([...rows[0].trimEnd()].filter((c) => c === '│').length, titles.length + 1, `${what}: ${id}'s row has all its cells: ${rows[0]}`);
  }
}

/** Each line as a kind: table frame, table row, other text or empty; values change, the layout must not. */
const layout = (lines: string[]) => lines.map((l) => (/^[┌├└]/.test(l) ? 'frame' : l.startsWith('│') ? 'row' : l.trim() ? 'text' : 'empty')).join(' ');

const watch = (width: number, height: number, env = '') => {
  const s = session(`watch${width}`);
  // Speed 1: the story stays in its healthy minutes, so the layout does not change while the test looks.
  s.start(width, height, `${env}${process.execPath} ${CLI} watch --demo --speed 1`);
  return s;
};
const withData = (s: TmuxSession) =>
  s.screenWhere((x) => IDS.every((id) => x.includes(id)) && x.includes('? help') && x.includes('Alerts ('), 'the dashboard with data', 30_000);

test('watch at 60x16, 80x24, 120x40, 200x60: the table fits, columns drop in their order, and help leaves nothing behind', async () => {
  for (const [width, height] of SIZES) {
    const what = `watch ${width}x${height}`;
    const s = watch(width, height);
    await withData(s);
    const before = assertFits(s, width, height, what);
    assertTable(before, width, what);
    await s.keys('?');
    // Its last line: at 60x16 the help is taller than the terminal and its top scrolls away.
    await s.screenWhere((x) => x.includes('to go back.'), `${what}: help`);
    assertFits(s, width, height, `${what}, help`);
    await s.keys('Escape');
    await s.screenWhere((x) => x.includes('│ ID ') && !x.includes('to go back.'), `${what}: back from help`);
    const back = assertFits(s, width, height, `${what}, after help`);
    assertTable(back, width, `${what}, after help`);
    assert.equal(layout(back), layout(before), `${what}: the same screen as before help:\n${back.join('\n')}`);
    s.kill();
  }
});

test('watch shrunk from 120x40 to 60x16: the 60-column screen of a fresh start, nothing of the wide one left', async () => {
  const fresh = watch(60, 16);
  await withData(fresh);
  const expected = assertFits(fresh, 60, 16, 'fresh 60x16');
  fresh.kill();

  const s = watch(120, 40);
  await withData(s);
  assertTable(assertFits(s, 120, 40, '120x40'), 120, '120x40');
  execFileSync('tmux', ['resize-window', '-t', s.name, '-x', '60', '-y', '16']);
  await s.screenWhere((x) => heading(HEADINGS[60]).test(x.split('\n').find((l) => l.startsWith('│ ID ')) ?? ''), 'the 60-column table', 15_000);
  const lines = assertFits(s, 60, 16, 'resized to 60x16');
  assertTable(lines, 60, 'resized to 60x16');
  assert.equal(layout(lines), layout(expected), `resized:\n${lines.join('\n')}\nfresh:\n${expected.join('\n')}`);
  // Only the 120-column screen has these: the trend and burn columns, the Sentry and logs panels.
  assert.doesNotMatch(lines.join('\n'), /Trend|Burn|Objective|Sentry|Logs/);
});

test('watch colours statuses through the theme, and NO_COLOR leaves only the words', async () => {
  const coloured = watch(80, 24);
  await withData(coloured);
  const row = coloured
    .screenWithEscapes()
    .split('\n')
    .find((l) => l.includes('SLO-001'))!;
  // Green (SGR 32) is the theme's "ok".
  assert.match(row, /\u001b\[32mOK/, row);
  coloured.kill();
  const plain = watch(80, 24, 'NO_COLOR=1 ');
  await withData(plain);
  const rows = plain
    .screenWithEscapes()
    .split('\n')
    .filter((l) => IDS.some((id) => l.includes(id)));
  for (const r of rows) {
    assert.doesNotMatch(r, /\u001b\[3\dm/, r);
    assert.match(r, /│ OK +│/);
  }
});

test('check at the four sizes: every checklist line on one line of the terminal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-size-check-'));
  for (const [width, height] of SIZES) {
    const what = `check ${width}x${height}`;
    const s = session(`check${width}`);
    s.start(width, height, process.execPath, CLI, 'check', '--hour', '2', '--demo', '--state-dir', dir);
    await s.screenWhere((x) => x.includes('passed'), `${what}: the checklist`, 30_000);
    const lines = assertFits(s, width, height, what);
    // Hours 2-6 in examples/demo.yaml: one manual check, the two P1 alerts, the six SLOs.
    assert.equal(lines.filter((l) => /^[› ] [☐☑✓✗?] /.test(l)).length, 1 + 2 + 6, `${what}:\n${lines.join('\n')}`);
    s.kill();
  }
});

test('incident at the four sizes: no line wider than the terminal, every step on one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-size-incident-'));
  for (const [width, height] of SIZES) {
    const what = `incident ${width}x${height}`;
    const s = session(`incident${width}`);
    s.start(width, height, process.execPath, CLI, 'incident', 'docuseal', '--demo', '--dir', join(dir, String(width)));
    await s.screenWhere((x) => x.includes('-> 200') && /\bq\s+leave/.test(x), `${what}: the probes`, 30_000);
    const lines = assertFits(s, width, height, what);
    // The docuseal playbook has five steps.
    for (let n = 1; n <= 5; n++)
      assert.equal(lines.filter((l) => new RegExp(`^[› ] [·✓↷✗] ${n}\\. `).test(l)).length, 1, `${what}: step ${n}:\n${lines.join('\n')}`);
    s.kill();
  }
});
