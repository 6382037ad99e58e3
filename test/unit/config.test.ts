import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const DESIGN_ENV = { SENTRY_AUTH_TOKEN: 'design-token-1234', DOCUSEAL_HOST: 'https://docuseal.internal' };
const design = readFileSync(`${ROOT}examples/design-example.yaml`, 'utf8');

test('the example in DESIGN.md loads exactly as written', () => {
  const shared = join(ROOT, '..', 'shared', 'DESIGN.md');
  if (existsSync(shared)) {
    const block = /```yaml\n([\s\S]*?)```/.exec(readFileSync(shared, 'utf8'));
    assert.ok(block, 'DESIGN.md has a yaml block');
    assert.equal(design, block[1], 'examples/design-example.yaml is a verbatim copy');
  }
  const r = parseConfig(design, DESIGN_ENV);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const c = r.config;
  assert.equal(c.service, 'practice-hub');
  assert.equal(c.refreshMs, 15_000);
  assert.deepEqual(Object.keys(c.sources), ['prometheus', 'loki', 'sentry']);
  assert.equal(c.sources.prometheus.url, 'http://127.0.0.1:9090');
  assert.equal(c.sources.loki.options.tenant, undefined);
  assert.deepEqual(c.sources.sentry.auth, { kind: 'bearer', token: 'design-token-1234' });
  assert.equal(c.severities.P1.respondMs, 900_000);
  assert.equal(c.slos.length, 2);
  const [s1, s5] = c.slos;
  assert.equal(s1.kind, 'threshold');
  assert.equal(s1.unit, 's');
  assert.equal(s1.warning?.forMs, 300_000);
  assert.deepEqual(s1.critical?.quantity, { kind: 'time', seconds: 1 });
  assert.equal(s5.kind, 'ratio');
  assert.ok(s5.kind === 'ratio' && Math.abs(s5.target - 0.99) < 1e-12 && s5.periodMs === 30 * 86_400_000);
  assert.equal(c.alerts[0].condition?.inMs, 300_000);
  assert.equal(c.schedule[1].fromMs, 3_600_000);
  assert.deepEqual(
    c.schedule[1].checks.map((x) => x.kind),
    ['alerts', 'slos', 'manual'],
  );
  assert.equal(c.playbooks[0].steps[0].kind, 'http');
  assert.equal(c.playbooks[0].steps[0].kind === 'http' && c.playbooks[0].steps[0].url, 'https://docuseal.internal/health');
  // $DOCUSEAL_API_KEY is a shell variable of the command, expanded only when it runs.
  assert.equal(
    c.playbooks[0].steps[2].kind === 'run' && c.playbooks[0].steps[2].command,
    'curl -H "X-Auth-Token: $DOCUSEAL_API_KEY" "$DOCUSEAL_HOST/api/submissions"',
  );
  assert.deepEqual(c.escalation, ['On-call engineer', 'Team lead', 'Engineering manager', 'CTO']);
  assert.equal(c.incidentsDir, 'docs/incidents');
  assert.deepEqual(r.secrets, ['design-token-1234']);
});

function errorsOf(yaml: string, env: NodeJS.ProcessEnv = DESIGN_ENV): string[] {
  const r = parseConfig(yaml, env);
  assert.equal(r.ok, false, 'expected the config to be rejected');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

const edit = (from: string, to: string) => {
  assert.ok(design.includes(from), `example contains ${from}`);
  return design.replace(from, to);
};

test('a bad threshold names its path and the value', () => {
  assert.deepEqual(errorsOf(edit('warning:  "> 500ms for 5m"', 'warning:  "> fast"')), [
    'slos[0].warning: "> fast" is not a threshold: "fast" is not a number with a unit (expected like "> 500ms for 5m")',
  ]);
});

test('a threshold in the wrong unit for its SLO', () => {
  assert.deepEqual(errorsOf(edit('critical: "> 1s for 2m"', 'critical: "> 5% for 2m"')), ['slos[0].critical: "> 5% for 2m" is a percentage but the unit is s']);
});

test('a missing environment variable names the variable and the field', () => {
  assert.deepEqual(errorsOf(design, { DOCUSEAL_HOST: 'http://d' }), [
    'sources.sentry.token: environment variable SENTRY_AUTH_TOKEN is not set (used as ${SENTRY_AUTH_TOKEN})',
  ]);
});

test('${VAR:-default} falls back, ${VAR} takes the environment', () => {
  const r = parseConfig(design, { ...DESIGN_ENV, PROMETHEUS_URL: 'http://prom.internal:9090/' });
  assert.ok(r.ok);
  assert.equal(r.config.sources.prometheus.url, 'http://prom.internal:9090');
  assert.equal(r.config.sources.sentry.url, 'https://sentry.io');
});

test('a schedule check naming an unknown SLO', () => {
  assert.deepEqual(errorsOf(edit('checks: [ { slo: SLO-001 }', 'checks: [ { slo: SLO-009 }')), [
    'schedule[0].checks[0].slo: "SLO-009" is not a defined SLO (known: SLO-001, SLO-005)',
  ]);
});

test('a playbook step naming an unknown alert', () => {
  assert.deepEqual(errorsOf(edit('{ title: Error volume, alert: docuseal-errors }', '{ title: Error volume, alert: docuseal-eror }')), [
    'playbooks[0].steps[1].alert: "docuseal-eror" is not a defined alert (known: sentry-error-spike, docuseal-errors)',
  ]);
});

test('an alert naming an unknown playbook or severity', () => {
  assert.deepEqual(errorsOf(edit('severity: P1\n    playbook: high-error-rate', 'severity: P7\n    playbook: high-errors')), [
    'alerts[0].severity: "P7" is not a defined severity (known: P1, P2)',
    'alerts[0].playbook: "high-errors" is not a playbook (known: docuseal, high-error-rate)',
  ]);
});

test('an unknown field is named, not silently ignored', () => {
  assert.deepEqual(errorsOf(edit('    critical: "> 1s for 2m"', '    critcal: "> 1s for 2m"')), ['slos[0].critcal: unknown field']);
});

test('bad durations, units and urls', () => {
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: soon')), ['refresh: "soon" is not a duration (expected like 15s, 5m, 2h, 7d)']);
  assert.deepEqual(errorsOf(edit('unit: s   ', 'unit: sec ')), [
    'slos[0].unit: "sec" is not one of "s", "ms", "percent", "ratio", "count", "per_minute", "per_second", "bytes"',
  ]);
  assert.deepEqual(errorsOf(edit('"${PROMETHEUS_URL:-http://127.0.0.1:9090}"', '"127.0.0.1:9090"')), [
    'sources.prometheus.url: "127.0.0.1:9090" is not a URL (expected like http://127.0.0.1:9090)',
  ]);
  assert.deepEqual(errorsOf(edit('"${PROMETHEUS_URL:-http://127.0.0.1:9090}"', '"ftp://127.0.0.1:9090"')), [
    'sources.prometheus.url: "ftp://127.0.0.1:9090" must be http or https',
  ]);
  assert.deepEqual(errorsOf(edit('period: 30d', 'period: a month')), ['slos[1].period: "a month" is not a duration (expected like 15s, 5m, 2h, 7d)']);
});

test('structure errors: wrong types, missing fields, duplicates', () => {
  assert.deepEqual(errorsOf(edit('version: 1', 'version: 2')), ['version: 2 is not one of 1']);
  assert.deepEqual(errorsOf(edit('    name: Task list query p95\n', '')), ['slos[0].name: is required (string)']);
  assert.deepEqual(errorsOf(edit('id: SLO-005', 'id: SLO-001')), ['slos[1].id: "SLO-001" is used by another SLO']);
  assert.deepEqual(errorsOf(edit('objective: 99%', 'objective: 100%')), [
    'slos[1].objective: "100%" must be a success target between 0% and 100%, like "99.9%"',
  ]);
  assert.deepEqual(errorsOf(edit('org: acme, ', '')), ['sources.sentry.org: is required for a sentry source (the organization slug)']);
});

test('a source under another name needs a type, and an SLO must name a real source', () => {
  const y = edit('  prometheus: { url:', '  prom-eu: { url:');
  assert.deepEqual(errorsOf(y), [
    'sources.prom-eu.type: is required for a source named "prom-eu" (one of prometheus, loki, sentry, alertmanager)',
    'slos[0].source: "prometheus" is not a configured source (known: prom-eu, loki, sentry)',
    'slos[1].source: "prometheus" is not a configured source (known: prom-eu, loki, sentry)',
  ]);
  const z = edit('  prometheus: { url:', '  prom-eu: { type: prometheus, url:');
  assert.deepEqual(errorsOf(z), [
    'slos[0].source: "prometheus" is not a configured source (known: prom-eu, loki, sentry)',
    'slos[1].source: "prometheus" is not a configured source (known: prom-eu, loki, sentry)',
  ]);
});

test('an unknown source type is an error naming the known ones, and validate exits 2', async () => {
  // The SLOs on it are not also "not configured": the source is there, of a type oncall does not know.
  const y = edit('  prometheus: { url:', '  prometheus: { type: graphite, url:');
  assert.deepEqual(errorsOf(y), ['sources.prometheus.type: "graphite" is not a source type (known: prometheus, loki, sentry, alertmanager)']);
  const dir = mkdtempSync(join(tmpdir(), 'oncall-type-'));
  const file = join(dir, 'oncall.yaml');
  writeFileSync(file, 'version: 1\nservice: shop\nsources:\n  metrics: { type: graphite, url: "http://127.0.0.1:2003" }\n');
  const r = await runCli(['validate', '--config', file]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${file}: 1 error\nsources.metrics.type: "graphite" is not a source type (known: prometheus, loki, sentry, alertmanager)\n`);
});

test("a source takes its own type's fields, not another's", () => {
  assert.deepEqual(errorsOf(edit('tenant: "${LOKI_ORG_ID:-}"', 'tenant: "${LOKI_ORG_ID:-}", org: acme')), [
    'sources.loki.org: is for sentry sources; a loki source does not take it',
  ]);
  // Left empty, as ${VAR:-} leaves it, is left out: a Sentry source without an organization.
  assert.deepEqual(errorsOf(edit('org: acme, ', 'org: "${SENTRY_ORG:-}", ')), ['sources.sentry.org: is required for a sentry source (the organization slug)']);
  assert.deepEqual(errorsOf(edit('org: acme, ', 'org: 7, ')), ['sources.sentry.org: 7 is not a string']);
});

test('YAML syntax errors point at the line', () => {
  const errs = errorsOf('version: 1\nservice: [unclosed\n');
  assert.equal(errs.length, 1);
  assert.match(errs[0], /^line \d+:\d+: /);
});

test('basic-auth credentials in a URL move into auth and out of the URL', () => {
  const r = parseConfig(edit('"${PROMETHEUS_URL:-http://127.0.0.1:9090}"', '"http://admin:s3cr3t-pass@127.0.0.1:9090/prom"'), DESIGN_ENV);
  assert.ok(r.ok);
  assert.equal(r.config.sources.prometheus.url, 'http://127.0.0.1:9090/prom');
  assert.deepEqual(r.config.sources.prometheus.auth, { kind: 'basic', username: 'admin', password: 's3cr3t-pass' });
  assert.deepEqual(r.secrets.sort(), ['admin:s3cr3t-pass', 'design-token-1234', 's3cr3t-pass']);
});

test('oncall validate: ok line, or every error and exit 2 without a stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-validate-'));
  const good = join(dir, 'good.yaml');
  writeFileSync(good, design);
  const ok = await runCli(['validate', '--config', good], DESIGN_ENV);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 'ok: 2 slos, 2 alerts, 5 checks in 2 phases, 2 playbooks\n');

  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, design.replace('warning:  "> 500ms for 5m"', 'warning:  "> fast"').replace('{ slo: SLO-001 }', '{ slo: SLO-404 }'));
  const r = await runCli(['validate', '--config', bad], DESIGN_ENV);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `${bad}: 2 errors\nslos[0].warning: "> fast" is not a threshold: "fast" is not a number with a unit (expected like "> 500ms for 5m")\nschedule[0].checks[0].slo: "SLO-404" is not a defined SLO (known: SLO-001, SLO-005)\n`,
  );
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);

  const missing = await runCli(['validate', '--config', join(dir, 'nope.yaml')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, `${join(dir, 'nope.yaml')}: 1 error\n${join(dir, 'nope.yaml')}: no such file\n`);
});

test('config is found at ./oncall.yaml, else $ONCALL_CONFIG', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-find-'));
  const other = mkdtempSync(join(tmpdir(), 'oncall-find-env-'));
  writeFileSync(join(other, 'mine.yaml'), design);
  const viaEnv = await runCli(['validate'], { ...DESIGN_ENV, ONCALL_CONFIG: join(other, 'mine.yaml') }, dir);
  assert.equal(viaEnv.code, 0, viaEnv.stderr);
  writeFileSync(join(dir, 'oncall.yaml'), 'version: 1\n');
  const local = await runCli(['validate'], { ...DESIGN_ENV, ONCALL_CONFIG: join(other, 'mine.yaml') }, dir);
  assert.equal(local.code, 2, 'the local oncall.yaml wins, and it is incomplete');
  assert.match(local.stderr, /service: is required/);
  const none = await runCli(['validate'], {}, other);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no config: pass --config PATH/);
});

test('validate --schema prints a JSON Schema of the config', async () => {
  const r = await runCli(['validate', '--schema']);
  assert.equal(r.code, 0);
  const schema = JSON.parse(r.stdout);
  assert.equal(schema.type, 'object');
  assert.deepEqual(schema.required.sort(), ['service', 'sources', 'version']);
  assert.deepEqual(schema.properties.slos.items.properties.unit.enum, ['s', 'ms', 'percent', 'ratio', 'count', 'per_minute', 'per_second', 'bytes']);
  assert.equal(schema.additionalProperties, false);
});
