// When `oncall silence add` ends a silence: --duration, --until HH:MM (the next
// time the local clock shows it) and --until ISO, against a fixed now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endOf, matchersFrom } from '../../commands/silence-run.js';

// 17:00 local time on 31 January 2026.
const now = new Date(2026, 0, 31, 17, 0, 0, 0).getTime();

test('--duration: a Prometheus duration from now, an hour by default', () => {
  assert.equal(endOf(now, undefined, undefined), now + 3_600_000);
  assert.equal(endOf(now, '1h30m', undefined), now + 5_400_000);
  assert.equal(endOf(now, '15m', undefined), now + 900_000);
});

test('--until HH:MM: later today, or tomorrow once the time has passed', () => {
  assert.equal(endOf(now, undefined, '18:00'), new Date(2026, 0, 31, 18, 0).getTime());
  assert.equal(endOf(now, undefined, '9:30'), new Date(2026, 1, 1, 9, 30).getTime());
  assert.equal(endOf(now, undefined, '17:00'), new Date(2026, 1, 1, 17, 0).getTime());
});

test('--until ISO: that instant', () => {
  assert.equal(endOf(now, undefined, '2026-02-01T06:00:00Z'), Date.UTC(2026, 1, 1, 6));
});

test('matchers: amtool operators to the API fields; a bare first word is an alertname', () => {
  assert.deepEqual(matchersFrom(['Watchdog', 'a!=1', 'b=~"x.*"', 'c!~y']), [
    { name: 'alertname', value: 'Watchdog', isRegex: false, isEqual: true },
    { name: 'a', value: '1', isRegex: false, isEqual: false },
    { name: 'b', value: 'x.*', isRegex: true, isEqual: true },
    { name: 'c', value: 'y', isRegex: true, isEqual: false },
  ]);
});
