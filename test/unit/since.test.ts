// --since and --at: a time Date cannot hold, or one far from now, is refused
// with the reason (the commands make it a usage error naming the option).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSince } from '../../src/config/since.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const BEFORE = 'is before 2000-01-01, the earliest time oncall takes';
const AHEAD = 'is more than a day after now';

test('parseSince: relative and ISO times inside [2000-01-01, now + 1 day]; the rest refused with the reason', () => {
  const cases: Array<[string, ReturnType<typeof parseSince>]> = [
    ['90m ago', { ok: true, at: Date.parse('2026-11-29T10:30:00Z') }],
    ['2h', { ok: true, at: Date.parse('2026-11-29T10:00:00Z') }],
    ['2026-11-29T11:00:00Z', { ok: true, at: Date.parse('2026-11-29T11:00:00Z') }],
    ['2026-11-30T12:00:00Z', { ok: true, at: NOW + 86_400_000 }],
    ['2026-11-30T12:00:01Z', { ok: false, reason: AHEAD }],
    ['2126-01-01', { ok: false, reason: AHEAD }],
    ['2000-01-01T00:00:00Z', { ok: true, at: 946_684_800_000 }],
    ['1999-12-31T23:59:59Z', { ok: false, reason: BEFORE }],
    ['99999999999d ago', { ok: false, reason: BEFORE }],
    ['9999999999h ago', { ok: false, reason: BEFORE }],
    ['999999999999999999999999999999y ago', { ok: false, reason: BEFORE }],
    ['1e400d', { ok: false, reason: 'is not a time (expected an ISO time or like "30m ago")' }],
    ['yesterday-ish', { ok: false, reason: 'is not a time (expected an ISO time or like "30m ago")' }],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseSince(text, NOW), want, text);
});
