// A stale panel's age is its own value's; the status column never cuts it;
// an alert's detail lists the series it fires for.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateRatioSlo } from '../../src/engine/evaluate.js';
import type { AlertState, Outcome, SloState } from '../../src/engine/state.js';
import { REAL_TIME } from '../../src/ui/clock.js';
import { AlertDetail } from '../../src/ui/DetailView.js';
import { SloTable } from '../../src/ui/SloTable.js';
import { promAlert, pts, ratioSlo } from '../helpers/build.js';
import { renderWithProviders } from '../helpers/render.js';

const NOW = 1_000_000;
const STEP = 15_000;

const ratio = ratioSlo();

test('a stale ratio SLO shows the age of its own last value, not of its 5-minute period read', () => {
  // The main range was last good a cycle ago (15 s); the period, re-read every 5 minutes, 4m45s ago.
  const fail = (at: number, v: number): Outcome => ({
    ok: false,
    reason: 'prometheus: timeout after 5s',
    last: { series: [{ labels: {}, points: pts(at / 1000, 15, [v]) }], at },
  });
  const s = evaluateRatioSlo(ratio, { main: fail(NOW - 15_000, 0.001), windows: new Map(), period: fail(NOW - 285_000, 0.002) }, NOW, STEP);
  assert.equal(s.status, 'stale');
  assert.equal(s.ageMs, 15_000);
  assert.equal(s.reason, 'prometheus: timeout after 5s; showing data from 15s ago (was ok)');
});

const stale = (id: string, ageMs: number): SloState => ({
  id,
  name: 'n',
  kind: 'threshold',
  status: 'stale',
  value: 1,
  unit: 's',
  objective: '< 2s',
  reason: '',
  ageMs,
  series: [],
});

test('the status column widens to the longest STALE age instead of cutting it', () => {
  const frame = renderWithProviders(<SloTable slos={[stale('A', 130_000), stale('B', 45 * 60_000 + 59_000)]} selected={0} focused={false} width={80} />, {
    columns: 80,
  }).lastFrame()!;
  assert.match(frame, /│ STALE 2m10s +│/);
  assert.match(frame, /│ STALE 45m59s │/);
  for (const line of frame.split('\n')) assert.ok([...line].length <= 80, line);
});

test('an alert detail lists its series: state, value, labels and since when', () => {
  const alert = promAlert({ forMs: 300_000, severity: 'critical', annotations: { summary: 'Instance down' } });
  const state: AlertState = {
    id: 'InstanceDown',
    name: 'InstanceDown',
    status: 'firing',
    value: 0,
    unit: 'count',
    condition: null,
    severity: 'critical',
    reason: '0 on {instance="b:9100", job="node"}, held 12m',
    activeSinceMs: NOW - 720_000,
    ageMs: null,
    series: [
      { labels: { instance: 'b:9100', job: 'node' }, state: 'firing', value: 0, activeSinceMs: NOW - 720_000 },
      { labels: { instance: 'c:9100', job: 'node' }, state: 'pending', value: 0, activeSinceMs: NOW - 60_000 },
    ],
  };
  const frame = renderWithProviders(<AlertDetail alert={alert} state={state} now={NOW} width={100} />, {
    clock: { ...REAL_TIME, timeZone: 'UTC' },
  }).lastFrame()!;
  assert.match(frame, /condition {2}any series returned for 5m/);
  assert.match(frame, /summary {4}Instance down/);
  assert.match(
    frame,
    // NOW - 12m is 280 s after the epoch, NOW - 1m 940 s: the times (UTC, that same day) the series became active.
    /series \(2\)\n {2}FIRING {3}0 {9}\{instance="b:9100", job="node"\} since 12m \(at 00:04:40\)\n {2}PENDING {2}0 {9}\{instance="c:9100", job="node"\} since 1m \(at 00:15:40\)/,
  );
});
