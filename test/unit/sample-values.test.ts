// Sample values are read as Prometheus and Loki write them (Go's
// strconv.FormatFloat, and +Inf, -Inf, NaN), nothing else: Number() would
// take "0x10" for 16, "0b11" for 3, " 1 " for 1 and "Infinity" for +Inf.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../src/sources/prometheus/decode.js';
import { parseSampleValue } from '../../src/sources/sample.js';
import { describeFailure } from '../../src/sources/types.js';

test('what FormatFloat writes, and the three specials, read as numbers', () => {
  const read: Array<[string, number]> = [
    ['0', 0],
    ['-0.25', -0.25],
    ['20', 20],
    ['12345678123456.555', 12345678123456.555],
    ['1.2345678e-67', 1.2345678e-67],
    ['1e+06', 1e6],
    ['1e-7', 1e-7],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
  ];
  for (const [s, v] of read) assert.equal(parseSampleValue(s), v, s);
  assert.ok(Number.isNaN(parseSampleValue('NaN')));
});

test('anything else is no sample value', () => {
  for (const s of [
    '0x10',
    '0b11',
    '0o17',
    '010',
    ' 1',
    '1 ',
    '',
    'Infinity',
    '-Infinity',
    'Inf',
    'inf',
    'nan',
    '+1',
    '.5',
    '5.',
    '1e5',
    '1E+05',
    '1e400',
    '-1e400',
    '1_000',
    '١',
  ])
    assert.equal(parseSampleValue(s), null, JSON.stringify(s));
});

test("a hex sample refuses the answer, in the schema's words, instead of reading 16", () => {
  const r = parseQuery({ status: 200, headers: {}, body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0x10"]}]}}' });
  assert.ok(!r.ok);
  assert.equal(describeFailure(r.failure), 'bad payload: data.result[0].value[1]: "0x10" is not a sample value');
});
