// Values no backend should send are still shown as something a person reads:
// never "Infinityd", "NaNh" or 309 digits.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge, formatDuration } from '../../src/config/duration.js';
import { formatValue } from '../../src/config/quantity.js';

test('a latency or an age past a century is >100y; NaN is a dash', () => {
  assert.equal(formatValue(1e308, 's'), '>100y');
  assert.equal(formatValue(1e308, 'ms'), '>100y');
  assert.equal(formatValue(-1e308, 's'), '<-100y');
  assert.equal(formatDuration(Infinity), '>100y');
  assert.equal(formatDuration(359279999997 * 3_600_000), '>100y');
  assert.equal(formatAge(1e308), '>100y');
  assert.equal(formatAge(Number.NaN), '—');
  // Below a century, as before: 99 years of 365 days.
  assert.equal(formatDuration(99 * 365 * 86_400_000), '36135d');
  assert.equal(formatValue(1_814_400, 's'), '21d');
});

test('huge numbers in scientific notation, three digits; past a double as what it is', () => {
  assert.equal(formatValue(1e308, 'count'), '1e+308');
  assert.equal(formatValue(1e20, 'per_second'), '1e+20/s');
  assert.equal(formatValue(1234567890123456, 'count'), '1.23e+15');
  assert.equal(formatValue(1e308, 'bytes'), '8.67e+289 EiB');
  assert.equal(formatValue(1e308, 'ratio'), '>1e+308%');
  assert.equal(formatValue(123456789012345, 'count'), '123456789012345');
  assert.equal(formatValue(Infinity, 's'), '+Inf');
});
