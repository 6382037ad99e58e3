// Every query field checked offline by its source's grammar, every error of a
// config in one run, and the smaller contract points of issue 12. Columns are
// counted by hand from the strings below (1-based, as an editor shows them).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { analyse } from '../../src/lang/query.js';
import { loadConfigFile } from '../../src/store/config-file.js';
import { ROOT } from '../helpers/paths.js';

const HEAD = `version: 1
service: t
sources:
  prometheus: { url: "http://127.0.0.1:9090" }
  loki: { url: "http://127.0.0.1:3100" }
  sentry: { url: "https://sentry.io", org: acme, token: tok-12345 }
`;

function errors(yaml: string): string[] {
  const r = parseConfig(HEAD + yaml, {});
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

test('a syntax error in each kind of query field names its path, the column and the token', () => {
  const got = errors(`slos:
  - { id: A, name: a, source: prometheus, unit: s, objective: "< 1s", query: "sum(rate(x[$window])))" }
  - id: B
    name: b
    source: prometheus
    objective: 99%
    ratio: { errors: "sum(rate(e[$window]))", total: "sum(rate(t[$window]) by (job)" }
  - { id: C, name: c, source: loki, unit: count, objective: "< 1", query: 'sum(count_over_time({app="x"} |= "err" [$window])' }
  - { id: D, name: d, source: prometheus, objective: 99%, ratio: { error_ratio: "rate(x[5m]) +* 2" } }
alerts:
  - { id: E, source: prometheus, query: "up == ", condition: "> 0" }
  - { id: F, source: loki, query: '{app="x"} |= "error"', condition: "> 10 in 5m" }
playbooks:
  - id: p
    title: P
    steps:
      - { title: probe, probe: { source: prometheus, query: "count(up{job=\\"api\\"} == 1", expect: ">= 2" } }
logs: { source: loki, query: 'sum(rate({app="x"}[1m]))' }
`);
  assert.deepEqual(got, [
    // sum(rate(x[$window]))) : the third ")" at column 22 closes nothing.
    'slos[0].query: PromQL syntax error at column 22: unexpected ")"',
    // sum(rate(t[$window]) by (job) : a grouping inside the aggregation's parentheses, at column 22.
    'slos[1].ratio.total: PromQL syntax error at column 22: unexpected "by"',
    'slos[2].query: LogQL syntax error at column 50: unexpected end of query',
    'slos[3].ratio.error_ratio: PromQL syntax error at column 14: unexpected "*"',
    'alerts[0].query: PromQL syntax error at column 7: unexpected end of query',
    'alerts[1].query: is a LogQL log query, which returns lines; count them with a metric query, like sum(count_over_time({app="x"} |= "error" [$window]))',
    'playbooks[0].steps[0].probe.query: PromQL syntax error at column 25: unexpected end of query',
    'logs.query: is a LogQL metric query; the log panel needs a log query, like {app="x"} |= "error"',
  ]);
});

test('$window: where a duration goes, or text inside a string; a dashboard variable is named', () => {
  assert.equal(analyse('promql', 'rate(x{path="/$window"}[$window])').error, null);
  assert.equal(
    analyse('promql', 'predict_linear(x[1h], $window)').error,
    '$window at column 23 is not where a duration goes; write it as a range, like rate(x[$window])',
  );
  assert.equal(
    analyse('promql', 'rate(x{job="$job"}[$__rate_interval])').error,
    'PromQL syntax error at column 20: unexpected "$__rate_interval"; oncall replaces only $window (dashboard variables need a value)',
  );
  // A query over several lines says the line too.
  assert.equal(analyse('promql', 'sum(\n  rate(x[5m])\n  ) by (job) by (x)').error, 'PromQL syntax error at line 3, column 14: unexpected "by"');
});

test('one run of validate reports every error: an unknown field does not hide the grammar and reference errors', () => {
  const got = errors(`slos:
  - { id: A, name: a, source: prometheus, unit: s, objective: "< 1s", critcal: "> 2s", query: "rate(x[5m]" }
  - { id: B, name: b, source: prometheus, unit: 5, objective: "< 1s", query: "x" }
  - { id: C, name: c, source: nowhere, unit: s, objective: "< 1s", query: "x" }
alerts:
  - { id: E, source: prometheus, query: "up == 0", condition: "> zero" }
schedule:
  - { name: h, from: 0h, to: 1h, every: 15m, checks: [ { slo: B }, { slo: Z } ] }
`);
  assert.deepEqual(got, [
    'slos[0].critcal: unknown field',
    'slos[1].unit: 5 is not one of "s", "ms", "percent", "ratio", "count", "per_minute", "per_second", "bytes"',
    'slos[0].query: PromQL syntax error at column 11: unexpected end of query',
    'slos[2].source: "nowhere" is not a configured source (known: prometheus, loki, sentry)',
    'alerts[0].condition: "> zero" is not a threshold: "zero" is not a number with a unit (expected like "> 500ms for 5m")',
    // B is compiled without its bad unit, so its reference is no second error; Z is.
    'schedule[0].checks[1].slo: "Z" is not a defined SLO (known: A, B, C)',
  ]);
});

test('alerts: no condition fires on any series (for, keep_firing_for, labels, annotations); Sentry needs one', () => {
  const r = parseConfig(
    `${HEAD}alerts:
  - id: InstanceDown
    source: prometheus
    query: up == 0
    for: 5m
    keep_firing_for: 2m
    labels: { team: infra, severity: page }
    annotations: { summary: "{{ $labels.instance }} is down", runbook_url: "https://runbooks/x" }
`,
    {},
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const a = r.config.alerts[0];
  assert.deepEqual([a.condition, a.forMs, a.keepFiringForMs, a.lang, a.runbook], [null, 300_000, 120_000, 'promql', 'https://runbooks/x']);
  assert.deepEqual(a.labels, { team: 'infra', severity: 'page' });
  assert.deepEqual(
    errors(
      `alerts:\n  - { id: S, source: sentry, query: "event.type:error" }\n  - { id: T, source: prometheus, query: "x", condition: "> 1 for 5m", for: 5m }\n`,
    ),
    [
      'alerts[0].condition: is required for a sentry alert: Sentry gives a count of events, not series (like "> 50 in 5m")',
      'alerts[1].for: the condition already holds a for ("> 1 for 5m"); give it once',
    ],
  );
});

test('ratio objectives as Sloth, Pyrra and OpenSLO write them: a bare number in percent', () => {
  for (const objective of ['99.9', '"99.9"', '"99.9%"']) {
    const r = parseConfig(`${HEAD}slos:\n  - { id: A, name: a, source: prometheus, objective: ${objective}, ratio: { errors: "e", total: "t" } }\n`, {});
    assert.ok(r.ok && r.config.slos[0].kind === 'ratio' && Math.abs(r.config.slos[0].target - 0.999) < 1e-12, objective);
  }
  assert.deepEqual(errors('slos:\n  - { id: A, name: a, source: prometheus, objective: 99, ratio: { errors: "e" } }\n'), [
    'slos[0].ratio: needs errors and total (or error_ratio)',
  ]);
});

test('a query probe says what must hold to pass (expect), or what makes it fail (condition), not both', () => {
  const steps = (probe: string) => `playbooks:\n  - { id: p, title: P, steps: [ { title: s, probe: ${probe} } ] }\n`;
  const r = parseConfig(HEAD + steps('{ source: prometheus, query: "count(up == 1)", expect: ">= 2" }'), {});
  assert.ok(r.ok);
  const s = r.config.playbooks[0].steps[0];
  assert.ok(s.kind === 'query' && s.passWhen === 'met' && s.threshold.text === '>= 2');
  assert.deepEqual(errors(steps('{ source: prometheus, query: "x", expect: ">= 2", condition: "> 5" }')), [
    'playbooks[0].steps[0].probe: has both expect and condition; give one',
  ]);
  assert.deepEqual(errors(steps('{ http: "http://x/health", expect: ">= 2" }')), [
    'playbooks[0].steps[0].probe.expect: ">= 2": an http probe expects a status (200) or {status, body}',
  ]);
});

test('incidents.dir is relative to the config file, not to where oncall runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-dir-'));
  writeFileSync(join(dir, 'oncall.yaml'), `${HEAD}incidents: { dir: postmortems }\n`);
  const r = loadConfigFile(join(dir, 'oncall.yaml'), {});
  assert.ok(r.ok);
  assert.equal(r.config.incidentsDir, join(dir, 'postmortems'));
  // The default too, and an absolute path stays as it is.
  writeFileSync(join(dir, 'b.yaml'), `${HEAD}incidents: { dir: /var/lib/pm }\n`);
  writeFileSync(join(dir, 'c.yaml'), HEAD);
  assert.equal((loadConfigFile(join(dir, 'b.yaml'), {}) as { config: { incidentsDir: string } }).config.incidentsDir, '/var/lib/pm');
  assert.equal((loadConfigFile(join(dir, 'c.yaml'), {}) as { config: { incidentsDir: string } }).config.incidentsDir, join(dir, 'docs/incidents'));
});

test('every example plan still validates, its queries checked by the grammars', () => {
  for (const name of ['practice-hub', 'hastecrm', 'cf-kanban', 'saas-platform', 'unified-workflow', 'demo']) {
    const r = parseConfig(
      readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8'),
      new Proxy({}, { get: (_, k) => (String(k).includes('BASELINE') ? undefined : 'http://x.example') }) as NodeJS.ProcessEnv,
    );
    assert.ok(r.ok, `${name}: ${r.ok ? '' : JSON.stringify(r.errors)}`);
  }
});

test('an entry whose required field is bad is left out whole; references to it are not errors too', () => {
  const got = errors(`slos:
  - { id: A, name: a, source: prometheus, unit: s, objective: "< 1s", query: "x" }
  - { id: B, name: b, source: prometheus, objective: [ 1 ], query: "x" }
  - { id: C, name: c, source: prometheus, unit: s, objective: "< 1s", query: "x", warning: "> 1q" }
schedule:
  - { name: h, from: 0h, to: 1h, every: 15m, checks: [ { slo: B }, { slo: C } ] }
`);
  // slos[2] keeps its index in the message, though slos[1] was left out before compiling.
  assert.deepEqual(got, [
    'slos[1].objective: [1] is not valid here',
    'slos[2].warning: "> 1q" is not a threshold: "1q" is not a number with a unit (expected like "> 500ms for 5m")',
  ]);
});

test('hostile and odd configs: every error still found, none a crash', () => {
  // One anchor used by 150 SLOs is a real config, not an alias bomb; merge keys read as YAML 1.1 writes them.
  const many = Array.from({ length: 150 }, (_, i) => `  - { <<: *slo, id: S${i} }`).join('\n');
  const anchored = parseConfig(`${HEAD}x-slo: &slo { name: n, source: prometheus, unit: count, objective: "< 1", query: "up" }\nslos:\n${many}\n`, {});
  assert.equal(anchored.ok, false, 'x-slo is an unknown top-level field');
  assert.deepEqual(anchored.ok ? [] : anchored.errors.map((e) => e.path), ['x-slo']);
  // Thousands of chained operators overflow the grammar's tree builder: an error, not exit 70.
  const chain = Array(6000).fill('up').join(' + ');
  const deep = errors(
    `slos:\n${Array.from({ length: 4 }, (_, i) => `  - { id: D${i}, name: d, source: prometheus, unit: count, objective: "< 1", query: "${chain}" }`).join('\n')}\n`,
  );
  assert.ok(
    deep.length === 4 &&
      deep.every((e) => /^slos\[\d\]\.query: (the query is nested too deeply for the PromQL grammar to read \(29998 characters\)|PromQL syntax error)/.test(e)),
    deep.join('\n'),
  );
  // A number where text goes is named, and the entry's query is still checked.
  assert.deepEqual(errors('slos:\n  - { id: A, name: 5, source: prometheus, unit: count, objective: "< 1", query: "sum(up" }\n'), [
    'slos[0].name: 5 is not a string',
    'slos[0].query: PromQL syntax error at column 7: unexpected end of query',
  ]);
  // A bad url does not hide the queries of its source; a probe is http or a query, not both.
  assert.deepEqual(
    errors(
      `slos:\n  - { id: A, name: a, source: eu, unit: count, objective: "< 1", query: "rate(x)" }\nplaybooks:\n  - { id: p, title: P, steps: [ { title: s, probe: { http: "http://x/h", source: prometheus, query: "up" } } ] }\n`,
    ),
    [
      'slos[0].source: "eu" is not a configured source (known: prometheus, loki, sentry)',
      'playbooks[0].steps[0].probe: has http and a query; a probe is one of them',
    ],
  );
  const badUrl = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "not a url" }\nslos:\n  - { id: A, name: a, source: prometheus, unit: count, objective: "< 1", query: "rate(x)" }\n`,
    {},
  );
  assert.deepEqual(badUrl.ok ? [] : badUrl.errors.map((e) => `${e.path}: ${e.message}`), [
    'sources.prometheus.url: "not a url" is not a URL (expected like http://127.0.0.1:9090)',
    'slos[0].query: PromQL error at column 6: expected type range vector in call to function "rate", got instant vector',
  ]);
  // version "1" does not hide the rest; a window of 0 is refused.
  const v = parseConfig(
    `version: "1"\nservice: t\nsources:\n  prometheus: { url: "http://x:9090" }\nslos:\n  - { id: A, name: a, source: prometheus, unit: count, objective: "< 1", query: "sum(up", window: "0" }\n`,
    {},
  );
  assert.deepEqual(v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`), [
    'version: "1" is not one of 1',
    'slos[0].window: "0" is shorter than 1s; a rate needs a window of samples',
    'slos[0].query: PromQL syntax error at column 7: unexpected end of query',
  ]);
  assert.deepEqual(errors('slos:\n  - { id: A, name: a, source: prometheus, query: "up" }\n'), ['slos[0].objective: is required']);
});

test("${window} is oncall's, not the environment's; $${x} is a literal ${x}", () => {
  const r = parseConfig(
    `${HEAD}slos:\n  - { id: A, name: a, source: prometheus, unit: count, objective: "< 1", query: 'sum(label_replace(rate(x[\${window}]), "d", "$\${n}", "s", "(?P<n>.*)"))' }\n`,
    { window: '7m', n: 'x' },
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const slo = r.config.slos[0];
  assert.ok(slo.kind === 'threshold');
  assert.equal(slo.query, 'sum(label_replace(rate(x[${window}]), "d", "${n}", "s", "(?P<n>.*)"))');
  // The $window error names the column in characters, and the line when there are several.
  assert.equal(
    analyse('promql', 'sum(x{a="😀😀😀"}) + $window').error,
    '$window at column 19 is not where a duration goes; write it as a range, like rate(x[$window])',
  );
  assert.equal(
    analyse('promql', 'sum(x)\n  + $window').error,
    '$window at line 2, column 5 is not where a duration goes; write it as a range, like rate(x[$window])',
  );
  // Its stand-in never shows in a message.
  assert.equal(analyse('promql', 'rate(x[5m]) $window').error, 'PromQL syntax error at column 13: unexpected "$window"');
});

test("a ratio's errors and total are instant vectors; a document that expands past a million values is refused", () => {
  assert.deepEqual(errors('slos:\n  - { id: A, name: a, source: prometheus, objective: 99, ratio: { errors: "scalar(sum(e))", total: "sum(t)" } }\n'), [
    'slos[0].ratio.errors: is a scalar; errors and total need instant vectors (wrap it in vector())',
  ]);
  // 1,000 names used 2,000 times: small as text, two million values once the aliases are walked.
  const wide = `version: 1\nservice: t\nsources: { prometheus: { url: "http://x:1" } }\nx-a: &a [${Array.from({ length: 1000 }, (_, i) => `s${i}`).join(', ')}]\nx-b: [${Array(2000).fill('*a').join(', ')}]\n`;
  const r = parseConfig(wide, {});
  assert.deepEqual(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`), [
    '(yaml): the document expands to more than 1,000,000 values through its aliases',
  ]);
});
