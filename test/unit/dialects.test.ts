import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapSeries } from '../../src/engine/evaluate.js';
import type { Outcome } from '../../src/engine/state.js';
import { lokiDialect } from '../../src/sources/loki/dialect.js';
import { prometheusDialect, ratioQuery, windowParts, windowSeries, windowsQuery } from '../../src/sources/prometheus/dialect.js';
import { sentryDialect } from '../../src/sources/sentry/dialect.js';

const promql = prometheusDialect.withWindow;
const logql = lokiDialect.withWindow;

test('$window becomes a duration where the grammar puts one, and nowhere else', () => {
  assert.equal(promql('rate(x[$window])', 300_000), 'rate(x[5m])');
  assert.equal(promql('rate(x[${window}]) + rate(y[$window])', 3_600_000), 'rate(x[1h]) + rate(y[1h])');
  assert.equal(promql('max_over_time(x[$window:1m]) offset $window', 600_000), 'max_over_time(x[10m:1m]) offset 10m');
  // Inside a label value it is text, in both languages.
  assert.equal(promql('rate(x{path="/$window"}[$window])', 300_000), 'rate(x{path="/$window"}[5m])');
  assert.equal(logql('sum(count_over_time({app="x"} |= "$window" [$window]))', 120_000), 'sum(count_over_time({app="x"} |= "$window" [2m]))');
  // A Sentry search is not PromQL: left as written.
  assert.equal(sentryDialect.withWindow('event.type:error $window', 300_000), 'event.type:error $window');
  assert.equal(
    ratioQuery('sum(rate(e[$window]))', 'sum(rate(t[$window]))', 1_800_000),
    '((sum(rate(e[30m]))) / (sum(rate(t[30m])))) or (((sum(rate(t[30m]))) * 0) unless on() (sum(rate(e[30m]))))',
  );
});

test('the error ratio: the same vector operators in LogQL, and a ratio that is one already', () => {
  assert.equal(
    lokiDialect.ratio!('sum(count_over_time({app="x"} |= "error" [$window]))', 'sum(count_over_time({app="x"} [$window]))', 300_000),
    '((sum(count_over_time({app="x"} |= "error" [5m]))) / (sum(count_over_time({app="x"} [5m])))) or (((sum(count_over_time({app="x"} [5m]))) * 0) unless on() (sum(count_over_time({app="x"} |= "error" [5m]))))',
  );
  assert.equal(
    prometheusDialect.ratio!('slo:sli_error:ratio_rate$window', null, 300_000),
    'slo:sli_error:ratio_rate$window',
    'a placeholder inside a name is no duration',
  );
  assert.equal(prometheusDialect.ratio!('1 - avg_over_time(up[$window])', null, 21_600_000), '1 - avg_over_time(up[6h])');
  assert.equal(sentryDialect.ratio, undefined, 'a count of events is no ratio');
});

test('several burn windows in one PromQL query, each labelled with its window', () => {
  assert.equal(
    windowsQuery('sum(rate(e[$window]))', 'sum(rate(t[$window]))', [1_800_000, 3_600_000]),
    'label_replace(((sum(rate(e[30m]))) / (sum(rate(t[30m])))) or (((sum(rate(t[30m]))) * 0) unless on() (sum(rate(e[30m])))), "oncall_window", "30m", "", "")' +
      ' or label_replace(((sum(rate(e[1h]))) / (sum(rate(t[1h])))) or (((sum(rate(t[1h]))) * 0) unless on() (sum(rate(e[1h])))), "oncall_window", "1h", "", "")',
  );
  // The simulator takes it apart again, one query per label.
  assert.deepEqual(windowParts(windowsQuery('e[$window]', null, [300_000, 86_400_000])), [
    { labels: { oncall_window: '5m' }, query: 'e[5m]' },
    { labels: { oncall_window: '1d' }, query: 'e[1d]' },
  ]);
  assert.deepEqual(windowParts('up'), [{ labels: {}, query: 'up' }]);
  assert.equal(lokiDialect.windows, undefined, 'Loki reads each window with its own query');
});

test('windowSeries: one window of a combined burn-rate query, its label dropped', () => {
  const series = [
    { labels: { region: 'eu', oncall_window: '30m' }, points: [{ t: 1, v: 0.02 }] },
    { labels: { region: 'eu', oncall_window: '1h' }, points: [{ t: 1, v: 0.01 }] },
    { labels: { region: 'us', oncall_window: '1h' }, points: [{ t: 1, v: 0.03 }] },
  ];
  // As the poller reads it: the answer of the combined query, or the last good one of a failed one.
  const windowOf = (o: Outcome, windowMs: number) => mapSeries(o, (s) => windowSeries(s, windowMs));
  assert.deepEqual(windowOf({ ok: true, series, at: 1 }, 3_600_000), {
    ok: true,
    at: 1,
    series: [
      { labels: { region: 'eu' }, points: [{ t: 1, v: 0.01 }] },
      { labels: { region: 'us' }, points: [{ t: 1, v: 0.03 }] },
    ],
  });
  assert.deepEqual(windowOf({ ok: true, series, at: 1 }, 7_200_000), { ok: true, at: 1, series: [] }, 'a window with no data has no series');
  const failed = windowOf({ ok: false, reason: 'prometheus: 503', last: { series, at: 1 } }, 1_800_000);
  assert.deepEqual(failed, { ok: false, reason: 'prometheus: 503', last: { series: [{ labels: { region: 'eu' }, points: [{ t: 1, v: 0.02 }] }], at: 1 } });
});

test("the errors panel's and the report's counts, in Sentry's search syntax", () => {
  assert.equal(sentryDialect.errors!.all, 'event.type:error');
  assert.deepEqual(['fatal', 'error', 'warning'].map(sentryDialect.errors!.level), ['level:fatal', 'level:error', 'level:warning']);
});
