import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertState, SloState } from '../../src/engine/state.js';
import { AlertsPanel } from '../../src/ui/AlertsPanel.js';
import { Header, type HeaderProps, nextAtText } from '../../src/ui/Header.js';
import { mainLayout } from '../../src/ui/MainView.js';
import { firstRow, SloTable } from '../../src/ui/SloTable.js';
import { chart, sparkline } from '../../src/ui/sparkline.js';
import { renderWithProviders } from '../helpers/render.js';

const slo = (over: Partial<SloState>): SloState => ({
  id: 'SLO-001',
  name: 'Task list query p95',
  kind: 'threshold',
  status: 'ok',
  value: 0.42,
  unit: 's',
  objective: '< 500ms',
  reason: '',
  ageMs: null,
  series: [1, 2, 3, 4].map((v, i) => ({ t: i, v })),
  ...over,
});

test('the SLO table spells every status, with the age of stale data', () => {
  const slos = [
    slo({}),
    slo({ id: 'SLO-002', status: 'warning', value: 0.6 }),
    slo({ id: 'SLO-003', status: 'critical', value: 1.2 }),
    slo({ id: 'SLO-004', status: 'no_data', value: null }),
    slo({ id: 'SLO-005', status: 'stale', value: 0.7, ageMs: 45_000 }),
  ];
  const { lastFrame } = renderWithProviders(<SloTable slos={slos} selected={1} focused width={100} />);
  const rows = lastFrame()!
    .split('\n')
    .filter((l) => l.includes('SLO-0'));
  assert.equal(rows.length, 5);
  assert.match(rows[0], /SLO-001 .*│ 420ms +│ < 500ms +│ OK /);
  assert.match(rows[1], /›SLO-002 .*│ 600ms +│ < 500ms +│ WARN /);
  assert.match(rows[2], /SLO-003 .*│ 1\.2s +│ < 500ms +│ CRIT /);
  assert.match(rows[3], /SLO-004 .*│ — +│ < 500ms +│ NO DATA /);
  assert.match(rows[4], /SLO-005 .*│ 700ms +│ < 500ms +│ STALE 45s /);
});

test('ratio SLOs show error ratio, burn rates and budget', () => {
  const s = slo({ id: 'SLO-005', kind: 'ratio', unit: 'ratio', value: 0.02, burnRates: { '1h': 2, '6h': 0.45 }, budgetRemaining: 0.5556 });
  const frame = renderWithProviders(<SloTable slos={[s]} selected={0} focused={false} width={100} />).lastFrame()!;
  // At 100 columns the trend is the one column left out (see test/ui/slo-columns.test.tsx).
  assert.match(frame, /2% err +│ < 500ms +│ OK +│ 2\.0x\/0\.5x +│ 56% +│$/m);
});

test('every frame fits the width it is given', () => {
  const slos = [slo({ name: 'A very long SLO name that would never fit in eighty columns at all' })];
  for (const width of [60, 80, 120]) {
    const frame = renderWithProviders(<SloTable slos={slos} selected={0} focused width={width} />, { columns: width }).lastFrame()!;
    for (const line of frame.split('\n')) assert.ok([...line].length <= width, `${[...line].length} > ${width}: ${line}`);
  }
});

test('long ids get the room to stay apart when there is some, and never push the table past its width', () => {
  const slos = [slo({ id: 'UPTIME-ENTERPRISE' }), slo({ id: 'UPTIME-PRO' }), slo({ id: 'UPTIME-FREE' })];
  const wide = renderWithProviders(<SloTable slos={slos} selected={0} focused={false} width={100} />).lastFrame()!;
  // 17 characters and the selection mark: an id column 18 wide.
  assert.match(wide, /^│ ID {17}│ SLO /m);
  for (const id of ['UPTIME-ENTERPRISE', 'UPTIME-PRO', 'UPTIME-FREE']) assert.match(wide, new RegExp(`^│  ${id} +│ Task list query p95`, 'm'));
  const narrow = renderWithProviders(<SloTable slos={slos} selected={0} focused={false} width={80} />, { columns: 80 }).lastFrame()!;
  // At 80 columns the id keeps its 18: the objective, not the id, gives way (the trend went first).
  assert.match(narrow, /^│ ID {17}│ SLO {13}│ Value +│ Objective +│ Status +│$/m);
  assert.match(narrow, /│ {2}UPTIME-ENTERPRISE │ Task list quer… │/);
  assert.match(narrow, /│ {2}UPTIME-PRO {8}│/);
  for (const line of narrow.split('\n')) assert.ok([...line].length <= 80, line);
});

test('a line break in a name stays on its row: the columns of later rows do not shift', () => {
  const slos = [slo({ name: 'Task list\nquery p95' }), slo({ id: 'SLO-002', value: 0.6, status: 'warning' })];
  const frame = renderWithProviders(<SloTable slos={slos} selected={0} focused width={100} />).lastFrame()!;
  const rows = frame.split('\n').filter((l) => l.startsWith('│ ') && !l.includes('│ ID'));
  assert.equal(rows.length, 2, frame);
  assert.match(rows[0], /›SLO-001 +│ Task list query p95 +│ 420ms +│ < 500ms +│ OK /);
  assert.match(rows[1], / SLO-002 +│ Task list query p95 +│ 600ms +│ < 500ms +│ WARN /);
});

test('NO_COLOR: no escape codes at all, the words still there', () => {
  const slos = [slo({ status: 'critical' })];
  const alerts: AlertState[] = [
    {
      id: 'a',
      name: 'High error rate',
      status: 'firing',
      value: 99,
      unit: 'count',
      condition: '> 50 in 5m',
      severity: 'P1',
      playbook: 'high-error-rate',
      reason: '99 > 50 in 5m',
      activeSinceMs: 0,
      ageMs: null,
      series: [],
    },
  ];
  const plain = renderWithProviders(
    <>
      <SloTable slos={slos} selected={0} focused width={100} />
      <AlertsPanel alerts={alerts} now={240_000} selected={0} focused width={100} maxLines={3} />
    </>,
    { color: false },
  ).lastFrame()!;
  assert.doesNotMatch(plain, /\u001b\[/);
  assert.match(plain, /CRIT/);
  assert.match(plain, /P1 {2}FIRING {2}High error rate for 4m: 99 > 50 in 5m → high-error-rate \(i\)/);
});

test('sparklines and charts scale between the series own min and max', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([5, 5, 5], 3), '▁▁▁');
  assert.equal(sparkline([1, NaN, 3], 3), '▁ █');
  assert.equal(sparkline([1, 2, 3, 4], 2), '▁█', 'the newest values when too many');
  assert.deepEqual(chart([0, 1], 2, 2), [' █', '▁█']);
});

test('the header says at what time of day the next refresh comes', () => {
  // Built from local fields, so the expected text holds in any time zone.
  const nextAt = new Date(2026, 10, 23, 9, 5, 7).getTime();
  const p: HeaderProps = {
    service: 'practice-hub',
    environment: 'production',
    sinceDeployMs: 12 * 60_000,
    refreshMs: 15_000,
    nextAt,
    paused: false,
    sources: [],
    slowMs: 2000,
    demo: 'demo ×1',
  };
  const line = (q: HeaderProps) =>
    renderWithProviders(<Header {...q} />)
      .lastFrame()!
      .split('\n')[0];
  assert.equal(line(p), 'practice-hub · production · deployed 12m ago · refresh 15s, next 09:05:07 · demo ×1');
  assert.equal(nextAtText(new Date(2026, 10, 23, 23, 59, 59).getTime()), '23:59:59');
  assert.equal(line({ ...p, nextAt: null }), 'practice-hub · production · deployed 12m ago · refresh 15s · demo ×1', 'while a cycle runs');
  assert.equal(line({ ...p, paused: true }), 'practice-hub · production · deployed 12m ago · refresh PAUSED (p resumes) · demo ×1');
});

test('more SLOs than fit: the table scrolls with the selection and says which rows it shows', () => {
  const many = Array.from({ length: 30 }, (_, i) => slo({ id: `S-${String(i + 1).padStart(2, '0')}` }));
  const frame = renderWithProviders(<SloTable slos={many} selected={11} focused width={100} maxRows={5} />).lastFrame()!;
  const ids = [...frame.matchAll(/│ [ ›](S-\d\d)/g)].map((m) => m[1]);
  assert.deepEqual(ids, ['S-08', 'S-09', 'S-10', 'S-11', 'S-12']);
  assert.match(frame, /›S-12/);
  assert.match(frame, /rows 8–12 of 30 \(↑\/↓ scroll\)/);
  assert.equal(frame.split('\n').length, 5 + 4 + 1);
  assert.equal(firstRow(30, 0, 5), 0);
  assert.equal(firstRow(30, 29, 5), 25);
  assert.equal(firstRow(4, 3, 5), 0);
});

test('the main view is shared out to fill the terminal and never outgrow it', () => {
  // 80x24, 30 SLOs, 2 alert lines: room = 24 - 2 header - 3 alerts - 1 logs title - 1 footer = 17;
  // the table scrolls with 12 rows (12 + 4 borders + 1 "rows" line = 17), nothing left for Sentry or logs.
  assert.deepEqual(mainLayout(24, 30, 2, true), { tableRows: 12, sentryLines: 0, logLines: 0 });
  // 160x60, the bench's screen: room 53, the table takes 34, Sentry 5 (+ its line), logs the 13 left.
  assert.deepEqual(mainLayout(60, 30, 2, true), { tableRows: 30, sentryLines: 5, logLines: 13 });
  // The demo at 80x24: 6 SLOs, 2 alerts: room 17, table 10, Sentry 17 - 10 - 4 = 3, logs 17 - 10 - 4 = 3.
  assert.deepEqual(mainLayout(24, 6, 2, true), { tableRows: 6, sentryLines: 3, logLines: 3 });
});
