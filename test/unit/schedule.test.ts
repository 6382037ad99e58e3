import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coveredHours, nextSlot, phaseForHour, slotAt } from '../../src/engine/schedule.js';
import { phase } from '../helpers/build.js';

// Seed 000: every 15 min in the first hour, hourly in hours 2-6, every 4 h to 24, daily on days 2-7.
const seed000 = [phase('First hour', 0, 1, 0.25), phase('Hours 2-6', 1, 6, 1), phase('Hours 6-24', 6, 24, 4), phase('Days 2-7', 24, 168, 24)];
// Seed 004: continuous for hours 1-4, hourly to 24, three times a day on days 2-7.
const seed004 = [phase('Hour 1-4', 0, 4, 0), phase('Hour 5-24', 4, 24, 1), phase('Days 2-7', 24, 168, 8)];

const name = (schedule: typeof seed000, hour: number) => phaseForHour(schedule, hour)?.name ?? null;

test('seed 000: the phase holding each boundary hour (1-based)', () => {
  assert.equal(name(seed000, 1), 'First hour');
  assert.equal(name(seed000, 2), 'Hours 2-6');
  assert.equal(name(seed000, 6), 'Hours 2-6');
  assert.equal(name(seed000, 7), 'Hours 6-24');
  assert.equal(name(seed000, 24), 'Hours 6-24');
  assert.equal(name(seed000, 25), 'Days 2-7');
  assert.equal(name(seed000, 168), 'Days 2-7');
  assert.equal(name(seed000, 169), null);
  assert.equal(name(seed000, 0), null);
  assert.equal(name(seed000, 1.5), null);
  assert.deepEqual(coveredHours(seed000), { first: 1, last: 168 });
});

test('seed 004: continuous, hourly, then three times a day', () => {
  assert.equal(name(seed004, 1), 'Hour 1-4');
  assert.equal(name(seed004, 4), 'Hour 1-4');
  assert.equal(name(seed004, 5), 'Hour 5-24');
  assert.equal(name(seed004, 24), 'Hour 5-24');
  assert.equal(name(seed004, 25), 'Days 2-7');
  assert.equal(name(seed004, 169), null);
});

test('due slots and the next one', () => {
  const M = 60_000;
  // 37 minutes after the deploy: the 30-minute round is current, 45 is next.
  assert.deepEqual([slotAt(seed000, 37 * M)?.dueMs, slotAt(seed000, 37 * M)?.index], [30 * M, 2]);
  assert.equal(nextSlot(seed000, 37 * M)?.dueMs, 45 * M);
  // Continuous phases have one round an hour.
  assert.deepEqual([slotAt(seed004, 150 * M)?.phase.name, slotAt(seed004, 150 * M)?.index], ['Hour 1-4', 2]);
  // 59 minutes: the next round is the first of hours 2-6, at 1h.
  assert.deepEqual([nextSlot(seed000, 59 * M)?.phase.name, nextSlot(seed000, 59 * M)?.dueMs], ['Hours 2-6', 60 * M]);
  // 5h30m: the next is at 6h, where the 4-hourly phase begins.
  assert.equal(nextSlot(seed000, 330 * M)?.dueMs, 360 * M);
  assert.equal(nextSlot(seed000, 168 * 60 * M), null);
});
