// The checklist (watch's c view) and the playbook picker as ink-table grids:
// one line per check or playbook, exactly width - 1 columns, words for the verdicts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type React from 'react';
import stringWidth from 'string-width';
import { parseConfig } from '../../src/config/load.js';
import type { SloState, Snapshot } from '../../src/engine/state.js';
import { ChecksView } from '../../src/ui/ChecksView.js';
import { PlaybookPicker } from '../../src/ui/PlaybookView.js';
import { renderWithProviders } from '../helpers/render.js';

const parsed = parseConfig(
  `version: 1
service: shop
sources:
  prometheus: { url: "http://127.0.0.1:9" }
slos:
  - { id: SLO-001, name: Checkout latency p95, source: prometheus, query: q1, unit: s, objective: "< 500ms" }
  - { id: SLO-002, name: Search latency p95, source: prometheus, query: q2, unit: s, objective: "< 300ms" }
schedule:
  - name: First hour
    from: 0h
    to: 1h
    every: 15m
    checks:
      - { title: Checkout latency within its objective, slo: SLO-001 }
      - { title: Search latency within its objective, slo: SLO-002 }
      - { title: Look at the orders dashboard for a dip in orders per minute, manual: true }
playbooks:
  - { id: checkout-down, title: Checkout returns errors for every customer in every region, severity: P1, steps: [ { title: look, manual: true } ] }
  - { id: slow-search, title: Search is slow, steps: [ { title: look, manual: true } ] }
`,
  {},
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.config;

const state = (id: string, status: SloState['status'], value: number): SloState => ({
  id,
  name: id === 'SLO-001' ? 'Checkout latency p95' : 'Search latency p95',
  kind: 'threshold',
  status,
  value,
  unit: 's',
  objective: id === 'SLO-001' ? '< 500ms' : '< 300ms',
  reason: status === 'ok' ? '' : '0.45 > 300ms',
  ageMs: null,
  series: [],
});
const snap: Snapshot = { at: 0, service: 'shop', slos: [state('SLO-001', 'ok', 0.42), state('SLO-002', 'critical', 0.45)], alerts: [], sources: [] };

function frameAt(columns: number, node: React.ReactElement): string[] {
  const app = renderWithProviders(node, { columns });
  const lines = app.lastFrame()!.split('\n');
  app.unmount();
  return lines;
}

test('the checklist: result, check and detail on one line each, at 60 and 120 columns', () => {
  for (const width of [60, 120]) {
    const lines = frameAt(width, <ChecksView config={config} snapshot={snap} sinceDeployMs={10 * 60_000} width={width} />);
    assert.equal(lines[0], 'Hour 1: First hour (every 15m)');
    const table = lines.slice(1, -1);
    // Top, heading, rule, three checks, bottom.
    assert.equal(table.length, 7, lines.join('\n'));
    for (const line of table) assert.equal(stringWidth(line), width - 1, `${width}: ${line}`);
    assert.match(table[1], /^│ Result +│ Check +│ Detail +│$/);
    assert.match(table[3], /^│ ✓ pass +│ Checkout latency/);
    assert.match(table[4], /^│ ✗ fail +│ Search latency/);
    assert.match(table[5], /^│ ☐ manual +│ Look at the orders/);
  }
  // 120: the result 9 wide, 100 left (120 - 1 - 19); the longest title (59) gets half of it, 50:
  // its first 49 characters ("…orders " ends in a space) and the ellipsis. The detail has the other 50.
  const wide = frameAt(120, <ChecksView config={config} snapshot={snap} sinceDeployMs={10 * 60_000} width={120} />);
  assert.equal(wide[6], `│ ☐ manual  │ Look at the orders dashboard for a dip in orders … │ ${' '.repeat(50)} │`);
  assert.match(wide[5], /│ SLO-002 Search latency p95 = 450ms \(objective < 3… │$/);
});

test('the playbook picker: id with the selection mark, severity, title cut to the width', () => {
  for (const width of [60, 100]) {
    const lines = frameAt(width, <PlaybookPicker config={config} selected={1} width={width} />);
    const table = lines.slice(1);
    assert.equal(table.length, 6, lines.join('\n'));
    for (const line of table) assert.equal(stringWidth(line), width - 1, `${width}: ${line}`);
    // "checkout-down" and the mark's two columns: 15.
    assert.match(table[1], /^│ ID {14}│ Sev │ Playbook +│$/);
    assert.match(table[3], /^│ {3}checkout-down │ P1 {2}│ Checkout returns errors/);
    assert.match(table[4], /^│ › slow-search {3}│ {5}│ Search is slow +│$/);
  }
  // 60: 59 - (1 + 18 + 6 + 3) leaves 31 for the title.
  assert.match(frameAt(60, <PlaybookPicker config={config} selected={0} width={60} />)[4], /│ Checkout returns errors for ev… │$/);
});
