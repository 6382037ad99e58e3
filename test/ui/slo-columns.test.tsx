// Which SLO columns each terminal width shows, in the order of SLO_PRIORITY
// (src/ui/columns.ts), and the table drawn by ink-table at exactly that width.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type React from 'react';
import stringWidth from 'string-width';
import type { SloState } from '../../src/engine/state.js';
import { registerSecrets } from '../../src/text/redact.js';
import { planColumns, SLO_PRIORITY, type SloColumn } from '../../src/ui/columns.js';
import { SloTable, sloColumns } from '../../src/ui/SloTable.js';
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

// As the demo: ids of 7 characters, a ratio SLO (burn and budget exist), statuses up to "STALE 45s".
const SLOS = [
  slo({}),
  slo({
    id: 'SLO-002',
    name: 'DocuSeal API availability',
    kind: 'ratio',
    unit: 'ratio',
    value: 0.002,
    objective: '99%',
    burnRates: { '1h': 0.2, '6h': 0.3 },
    budgetRemaining: 0.8,
  }),
  slo({ id: 'SLO-003', name: 'Proposal PDF generation p95', status: 'stale', ageMs: 45_000, value: 2.6, objective: '< 5s' }),
];

/** The frame in a terminal `columns` wide. */
function frameAt(columns: number, node: React.ReactElement): string {
  const app = renderWithProviders(node, { columns });
  const frame = app.lastFrame()!;
  app.unmount();
  return frame;
}

const keys = (width: number, slos = SLOS) => sloColumns(slos, width).map((c) => c.key);

test('columns drop in priority order: trend, burn, budget, then objective', () => {
  // The table may take width - 1 columns. The frame takes 1, each fixed column its
  // width + 3 (id 8 for "›SLO-001", value 10, objective 10, status 10, burn 11,
  // budget 6), name and trend 3 each and at least 12 and 8.
  // 60: id, status, value take 1 + 11 + 13 + 13 = 38, the name 3: 18 left >= 12;
  //     the objective (13 more) would leave 5.
  assert.deepEqual(keys(60), ['id', 'name', 'value', 'status']);
  // 70: with the objective 54 taken, 15 left for the name; the budget (9 more) would leave 6.
  assert.deepEqual(keys(70), ['id', 'name', 'value', 'objective', 'status']);
  // 80: with the budget 63 taken, 16 left; the burn rates (14 more) would leave 2.
  assert.deepEqual(keys(80), ['id', 'name', 'value', 'objective', 'status', 'budget']);
  // 120: all 80 taken (the trend's 3 too), 39 left: name 60% = 23, trend 16 (>= 8).
  assert.deepEqual(keys(120), ['id', 'name', 'value', 'objective', 'status', 'trend', 'burn', 'budget']);
  assert.deepEqual(
    sloColumns(SLOS, 120).map((c) => [c.key, c.width]),
    [
      ['id', 8],
      ['name', 23],
      ['value', 10],
      ['objective', 10],
      ['status', 10],
      ['trend', 16],
      ['burn', 11],
      ['budget', 6],
    ],
  );
  // The edges: all eight from 101, the trend goes at 100, burn at 89, budget at 75, objective at 66.
  assert.equal(keys(101).length, 8);
  assert.deepEqual(
    [keys(100).length, keys(90).length, keys(89).length, keys(76).length, keys(75).length, keys(67).length, keys(66).length],
    [7, 7, 6, 6, 5, 5, 4],
  );
});

test('without ratio SLOs there is no burn or budget: at 80 the trend fits', () => {
  const plain = [slo({}), slo({ id: 'SLO-002' })];
  // id, value, objective, status: 1 + 11 + 13 + 13 + 13 = 51, name and trend 6: 22 left of 79.
  // The name takes max(12, 60% = 13), the trend 9.
  assert.deepEqual(
    sloColumns(plain, 80).map((c) => [c.key, c.width]),
    [
      ['id', 8],
      ['name', 13],
      ['value', 10],
      ['objective', 10],
      ['status', 10],
      ['trend', 9],
    ],
  );
  assert.deepEqual(keys(77, plain), ['id', 'name', 'value', 'objective', 'status']);
});

test('at every width from 60 to 200 the columns shown are the first ones of the priority list', () => {
  for (const ratio of [true, false]) {
    const order = SLO_PRIORITY.filter((k) => ratio || (k !== 'burn' && k !== 'budget'));
    let last = 0;
    for (let width = 60; width <= 200; width++) {
      const shown = new Set<SloColumn>(planColumns(width, { longestId: 7, longestStatus: 9, ratio }).map((c) => c.key));
      const n = shown.size;
      assert.deepEqual([...shown].sort(), order.slice(0, n).sort(), `${width} columns`);
      assert.ok(n >= last, `${width}: a wider terminal never shows fewer columns`);
      last = n;
    }
    assert.equal(last, order.length);
  }
});

test('the table drawn at 60, 70, 80 and 120 columns: those headings, every line width - 1 wide', () => {
  const headings: Record<number, string> = {
    60: '│ ID       │ SLO                │ Value      │ Status     │',
    70: '│ ID       │ SLO             │ Value      │ Objective  │ Status     │',
    80: '│ ID       │ SLO              │ Value      │ Objective  │ Status     │ Budget │',
    120: '│ ID       │ SLO                     │ Value      │ Objective  │ Status     │ Trend            │ Burn 1h/6h  │ Budget │',
  };
  for (const width of [60, 70, 80, 120]) {
    const lines = frameAt(width, <SloTable slos={SLOS} selected={1} focused width={width} />).split('\n');
    assert.equal(lines[1], headings[width]);
    assert.equal(lines.length, 4 + SLOS.length, 'one line per SLO');
    for (const line of lines) assert.equal(stringWidth(line), width - 1, `${width}: ${line}`);
    assert.match(lines[4], /^│ ›SLO-002 │ DocuSeal API/, 'the selection mark');
    assert.match(lines[5], /│ STALE 45s {2}│/);
  }
});

test('long names are cut with an ellipsis, never wrapped, wide characters and emoji counted as two columns', () => {
  const names = [
    'A very long SLO name that would never fit in sixty columns at all',
    '決済APIの可用性とレイテンシの目標値',
    'Checkout 🚀 latency 🚀 budget 🚀 burn',
  ];
  const slos = names.map((name, i) => slo({ id: `SLO-00${i + 1}`, name }));
  for (const width of [60, 80]) {
    const lines = frameAt(width, <SloTable slos={slos} selected={0} focused width={width} />).split('\n');
    assert.equal(lines.length, 4 + slos.length, `${width}: one line per SLO`);
    for (const line of lines) assert.equal(stringWidth(line), width - 1, `${width}: ${line}`);
    for (const row of lines.slice(3, 6)) assert.match(row, /…/, row);
  }
  const row = frameAt(60, <SloTable slos={slos} selected={0} focused width={60} />).split('\n')[3];
  assert.match(row, /^│ ›SLO-001 │ A very long SLO n… │ 420ms +│ OK +│$/);
});

test('a secret in a name is scrubbed before the column cuts it: no cut-off piece of it shows', () => {
  const token = 'glpat-abcdefghijklmnopqrstuvwxyz012345';
  registerSecrets([token]);
  // At 60 the name column is 18 wide: "leaked glpat-abcd…" if it were cut first.
  const frame = frameAt(60, <SloTable slos={[slo({ name: `leaked ${token}` })]} selected={0} focused={false} width={60} />);
  assert.doesNotMatch(frame, /glpat/);
  assert.match(frame, /│ leaked \S/);
});

test('NO_COLOR: the table spells statuses and writes no colour', () => {
  const slos = [slo({ status: 'critical' }), slo({ id: 'SLO-002', status: 'no_data', value: null })];
  const frame = renderWithProviders(<SloTable slos={slos} selected={0} focused width={80} />, { columns: 80, color: false }).lastFrame()!;
  assert.doesNotMatch(frame, /\u001b\[/);
  assert.match(frame, /│ CRIT +│/);
  assert.match(frame, /│ NO DATA +│/);
});
