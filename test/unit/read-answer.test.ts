// The decoder's worker reads a large answer its own ways (from the bytes,
// from JSON.parse's tree by hand, an odd element through the schema alone),
// for memory and time; each way must give exactly what the adapter gives:
// the same series, or the same refusal in the same words. Fixtures, hand-made
// oddities and a few thousand random corruptions of a valid answer.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { packFast } from '../../src/sources/fast-metric.js';
import type { HttpResponse } from '../../src/sources/http.js';
import { parseMetric } from '../../src/sources/loki/decode.js';
import { type MetricFormat, pack } from '../../src/sources/packed.js';
import { parseQuery } from '../../src/sources/prometheus/decode.js';
import { readAnswer } from '../../src/sources/read-answer.js';
import { MAX_SERIES } from '../../src/sources/sample.js';
import { scanMetric } from '../../src/sources/scan-metric.js';
import { FIXTURES, fixture } from '../helpers/paths.js';

const translate = { prometheus: parseQuery, loki: parseMetric } as const;

/** What the adapter makes of `body`, as http.ts hands it over (decoded from UTF-8, a byte order mark dropped), packed as the worker sends it. */
const adapter = (format: MetricFormat, body: string) =>
  pack(translate[format]({ status: 200, headers: {}, body: new TextDecoder().decode(Buffer.from(body)) } satisfies HttpResponse));
const worker = (format: MetricFormat, body: string) => readAnswer(format, 200, {}, Buffer.from(body));

async function same(body: string, what: string): Promise<void> {
  for (const format of ['prometheus', 'loki'] as const) assert.deepEqual(await worker(format, body), adapter(format, body), `${format}: ${what}`);
}

const series = (i: number, extra = '') =>
  `{"metric":{"__name__":"up","pod":"p-${i}"${extra}},"values":[[1767225600,"1"],[1767225615.5,"0.25"],[1767225630,"NaN"]]}`;
const matrix = (items: string, tail = '') => `{"status":"success","data":{"resultType":"matrix","result":[${items}]}${tail}}`;
const vector = (items: string, tail = '') => `{"status":"success","data":{"resultType":"vector","result":[${items}]}${tail}}`;

test('every Prometheus and Loki fixture: the worker reads it as the adapter does', async () => {
  for (const dir of ['prometheus', 'loki']) {
    for (const file of readdirSync(`${FIXTURES}${dir}`).filter((f) => f.endsWith('.json'))) await same(fixture(`${dir}/${file}`), file);
  }
});

test('the usual answers are read from their bytes, without JSON.parse', () => {
  for (const body of [
    fixture('prometheus/query_range_matrix.json'),
    fixture('prometheus/query_vector_with_infos.json'),
    fixture('loki/query_range_matrix.json'),
    matrix(series(1)),
  ]) {
    const scanned = scanMetric(Buffer.from(body), 'prometheus');
    assert.ok(scanned, body.slice(0, 80));
    assert.deepEqual(scanned, packFast(JSON.parse(body), 'prometheus'));
  }
  const one = scanMetric(Buffer.from(matrix(`${series(1)},${series(2, ',"x":"a\\u0007b"')}`, ',"warnings":["w"],"infos":["i"]')), 'prometheus');
  assert.ok(one);
  // Hand-read: two series of three samples, times in ms, the escape made visible by the gate.
  assert.deepEqual([...one.offsets], [0, 3, 6]);
  assert.deepEqual([...one.samples.slice(0, 6)], [1767225600000, 1, 1767225615500, 0.25, 1767225630000, NaN]);
  assert.deepEqual(one.labels[1], { __name__: 'up', pod: 'p-2', x: 'a␇b' });
  assert.deepEqual(one.warnings, ['w', 'i']);
});

test('odd but valid, and invalid: the same series or the same complaint as the adapter', async () => {
  const cases: Array<[string, string]> = [
    ['a repeated key', matrix(series(1)).replace('"status":"success"', '"status":"error","status":"success"')],
    ['result before its type', '{"status":"success","data":{"result":[],"resultType":"vector"}}'],
    ['a __proto__ label', matrix(series(1, ',"__proto__":"x"'))],
    ['native histograms', fixture('prometheus/query_vector_native_histogram.json')],
    ['empty histograms', matrix(series(1).replace('"values"', '"histograms":[],"values"'))],
    ['a bad histogram', vector('{"metric":{},"histogram":[1,{"count":1,"sum":"2"}]}')],
    ['a hex sample', matrix(series(1).replace('"0.25"', '"0x10"'))],
    ['a sample with blanks', vector('{"metric":{},"value":[1," 1"]}')],
    ['Infinity spelled out', vector('{"metric":{},"value":[1,"Infinity"]}')],
    ['a value past a double', vector('{"metric":{},"value":[1,"1e400"]}')],
    ['a time past a double', vector('{"metric":{},"value":[1e400,"1"]}')],
    ['a time as a string', vector('{"metric":{},"value":["1","1"]}')],
    ['three in a sample', vector('{"metric":{},"value":[1,"1","2"]}')],
    ['a null value', vector('{"metric":{},"value":null}')],
    ['no metric', vector('{"value":[1,"1"]}')],
    ['a numeric label', vector('{"metric":{"a":1},"value":[1,"1"]}')],
    ['a series that is null', vector('null')],
    ['warnings that are not texts', vector('', ',"warnings":[1]')],
    ['empty warnings', vector('', ',"warnings":[]')],
    ['an escaped sample', vector('{"metric":{},"value":[1,"\\u0031"]}')],
    ['blanks everywhere', ' { "status" : "success" , "data" : { "resultType" : "vector" , "result" : [ { "metric" : { } , "value" : [ 1 , "2" ] } ] } } '],
    ['a byte order mark', `\ufeff${vector('{"metric":{},"value":[1,"1"]}')}`],
    ['leading zeros', vector('{"metric":{},"value":[01,"1"]}')],
    ['an exponent time', vector('{"metric":{},"value":[1.5e9,"1e-07"]}')],
    ['no data', '{"status":"success"}'],
    ['no result', '{"status":"success","data":{"resultType":"vector"}}'],
    ['a scalar', fixture('prometheus/query_scalar.json')],
    ['log lines', fixture('loki/query_range_streams.json')],
    ['an error body', fixture('prometheus/error_bad_data.json')],
    ['not JSON', '{"status":"success","data":{"resultType":"vec'],
    ['deep nesting', vector('', `,"stats":${'['.repeat(20_000)}${']'.repeat(20_000)}`)],
    ['a control character in a label', vector('{"metric":{"a":"b\u0001"},"value":[1,"1"]}')],
    ['invalid UTF-8 in a label', vector('{"metric":{"a":"b\u00ff"},"value":[1,"1"]}').replace('\u00ff', '\udcff')],
  ];
  for (const [what, body] of cases) await same(body, what);
  const wide = vector(Array.from({ length: MAX_SERIES + 1 }, () => '{"metric":{}}').join(','));
  await same(wide, 'too many series');
});

test('3,000 random corruptions of each of two valid answers: never a different reading', async () => {
  for (const base of [
    matrix([series(1, ',"x":"é\\n"'), series(2)].join(','), ',"warnings":["w"]'),
    vector('{"metric":{"a":"b"},"value":[1767225600.123,"-0.5"]},{"metric":{},"value":[1,"1e+06"]}', ',"infos":["i"]'),
  ])
    await corrupt(base);
});

async function corrupt(base: string): Promise<void> {
  // A fixed generator, so a failure reproduces.
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const alphabet = '{}[],:"\\ 0123456789.-+eE ntrufalsNIinfy\u0000\u00e9';
  for (let k = 0; k < 3000; k++) {
    let s = base;
    for (let m = 1 + rnd(3); m > 0; m--) {
      const at = rnd(s.length);
      const ch = alphabet[rnd(alphabet.length)];
      const op = rnd(3);
      s = op === 0 ? s.slice(0, at) + ch + s.slice(at) : op === 1 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at + 1);
    }
    await same(s, JSON.stringify(s));
  }
}
