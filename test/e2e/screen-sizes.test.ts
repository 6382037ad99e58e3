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

/**
 * The demo's checklist at hour 2 (examples/demo.yaml: one manual check, the
 * two P1 alerts, the six SLOs), worked out by hand from CHECK_PRIORITY in
 * src/ui/columns.ts: the result column is 11 wide ("› ? unknown"), so with
 * its frame it takes 15 of the width - 1 the table may use; each other column
 * takes 3 more and at least 16 (check, detail) or 12 (note). With a note all
 * four need 15 + 9 + 44 (width >= 69), so the note has its column at 80 and
 * up and follows the detail at 60.
 */
const CHECK_HEADINGS: Record<number, string[]> = {
  60: ['Result', 'Check', 'Detail'],
  80: ['Result', 'Check', 'Detail', 'Note'],
  120: ['Result', 'Check', 'Detail', 'Note'],
  200: ['Result', 'Check', 'Detail', 'Note'],
};
const CHECKS = 1 + 2 + 6;

/**
 * The checklist fits the terminal from its title down: at 60x16 the title
 * (1 line), the summary and the footer (2 lines each) leave 11 for the table,
 * its frame 4, so 6 checks show and a line says which; from 80x24 all 9 do.
 */
function assertChecklist(lines: string[], width: number, titles: string[], what: string): void {
  assert.match(lines[0], /^practice-hub · hour 2: Hours 2-6/, `${what}: the title stays on the first line`);
  assert.equal(lines.filter((l) => heading(titles).test(l)).length, 1, `${what}: one heading of ${titles.join(', ')}:\n${lines.join('\n')}`);
  const top = lines.findIndex((l) => l.startsWith('┌'));
  const bottom = lines.findIndex((l) => l.startsWith('└'));
  const shown = width === 60 ? 6 : CHECKS;
  assert.equal(bottom - top, shown + 3, `${what}: top, heading, rule, ${shown} rows, bottom:\n${lines.join('\n')}`);
  for (const line of lines.slice(top, bottom + 1)) assert.equal(stringWidth(line.trimEnd()), width - 1, `${what}: table line ${line}`);
  const rows = lines.slice(top + 3, bottom);
  for (const row of rows) {
    assert.match(row, /^│ [› ] (✓ pass|✗ fail|\? unknown|☐ manual|☑ done) +│/, `${what}: a result in words: ${row}`);
    assert.equal([...row.trimEnd()].filter((c) => c === '│').length, titles.length + 1, `${what}: every cell of ${row}`);
  }
  assert.equal(rows.filter((r) => r.startsWith('│ ›')).length, 1, `${what}: one row selected`);
  if (shown < CHECKS) assert.equal(lines[bottom + 1], `  rows 1–${shown} of ${CHECKS} (↑/↓ scroll)`);
}

const checklist = (width: number, height: number, dir: string) => {
  const s = session(`check${width}`);
  s.start(width, height, process.execPath, CLI, 'check', '--hour', '2', '--demo', '--state-dir', dir);
  return s;
};
const withVerdicts = (s: TmuxSession, what: string) => s.screenWhere((x) => x.includes('passed') && x.includes('q quit'), `${what}: the checklist`, 30_000);

test('check at the four sizes: a Grid of the checks that fits, a note column from 69 columns, help leaves nothing behind', async () => {
  for (const [width, height] of SIZES) {
    const what = `check ${width}x${height}`;
    const s = checklist(width, height, mkdtempSync(join(tmpdir(), 'oncall-size-check-')));
    await withVerdicts(s, what);
    const before = assertFits(s, width, height, what);
    assertChecklist(before, width, ['Result', 'Check', 'Detail'], what);
    await s.keys('?');
    await s.screenWhere((x) => x.includes('to go back.'), `${what}: help`);
    assertFits(s, width, height, `${what}, help`);
    await s.keys('Escape');
    await s.screenWhere((x) => x.includes('│ Result ') && !x.includes('to go back.'), `${what}: back from help`);
    const back = assertFits(s, width, height, `${what}, after help`);
    assertChecklist(back, width, ['Result', 'Check', 'Detail'], `${what}, after help`);
    assert.equal(layout(back), layout(before), `${what}: the same screen as before help:\n${back.join('\n')}`);

    // The first check is the manual one, selected: tick it and note it.
    await s.keys('Space');
    await s.keys('n');
    await s.keys('-l', 'green');
    await s.keys('Enter');
    const noted = await s.screenWhere((x) => x.includes('☑ done') && /green +│/.test(x), `${what}: the note`);
    const lines = assertFits(s, width, height, `${what}, noted`);
    assertChecklist(lines, width, CHECK_HEADINGS[width], `${what}, noted`);
    const row = lines.find((l) => l.includes('☑ done'))!;
    assert.match(row, width === 60 ? /│ {1,}green +│$/ : /│ +│ green +│$/, `${what}: ${noted}`);
    s.kill();
  }
});

test('check shrunk from 120x40 to 60x16: the 60-column screen of a fresh start, nothing of the wide one left', async () => {
  const fresh = checklist(60, 16, mkdtempSync(join(tmpdir(), 'oncall-size-check-')));
  await withVerdicts(fresh, 'fresh 60x16');
  const expected = assertFits(fresh, 60, 16, 'fresh 60x16');
  fresh.kill();

  const s = checklist(120, 40, mkdtempSync(join(tmpdir(), 'oncall-size-check-')));
  await withVerdicts(s, '120x40');
  assertChecklist(assertFits(s, 120, 40, '120x40'), 120, ['Result', 'Check', 'Detail'], '120x40');
  execFileSync('tmux', ['resize-window', '-t', s.name, '-x', '60', '-y', '16']);
  await s.screenWhere((x) => x.includes('rows 1–6 of 9'), 'the 60-column checklist', 15_000);
  const lines = assertFits(s, 60, 16, 'resized to 60x16');
  assertChecklist(lines, 60, ['Result', 'Check', 'Detail'], 'resized to 60x16');
  assert.equal(layout(lines), layout(expected), `resized:\n${lines.join('\n')}\nfresh:\n${expected.join('\n')}`);
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
