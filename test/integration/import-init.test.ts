import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

const seeds = (f: string) => join(FIXTURES, 'seeds', f);
const HEAD = `version: 1\nservice: imported\nsources:\n  prometheus: { url: "http://127.0.0.1:9090" }\nseverities:\n  critical: { title: Critical, respond: 15m }\n  warning: { title: Warning, respond: 4h }\n`;

async function validates(yaml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-import-'));
  writeFileSync(join(dir, 'oncall.yaml'), yaml);
  const r = await runCli(['validate', '--config', join(dir, 'oncall.yaml')]);
  assert.equal(r.code, 0, `${r.stderr}\n${yaml}`);
  return r.stdout.trim();
}

test('seed 002 alerting rules become alerts that validate', async () => {
  const r = await runCli(['import', 'prometheus-rules', seeds('002-alerting-rules.yml')]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const alerts = parse(r.stdout).alerts;
  assert.deepEqual(alerts.map((a: { id: string }) => a.id), ['HighErrorRate', 'SlowResponseTime', 'HighMemoryUsage', 'DatabaseDown', 'RedisDown', 'HighWebSocketConnections']);
  assert.deepEqual(alerts[0], {
    id: 'HighErrorRate',
    name: 'High error rate detected',
    source: 'prometheus',
    query: 'rate(errors_total[5m])',
    condition: '> 0.1 for 5m',
    unit: 'count',
    severity: 'warning',
    description: 'Error rate is {{ $value }} errors/second',
  });
  assert.equal(alerts[2].query, 'process_resident_memory_bytes / 1024 / 1024');
  assert.equal(alerts[3].condition, '== 0 for 1m');
  assert.equal(await validates(HEAD + r.stdout), 'ok: 0 slos, 6 alerts, 0 checks in 0 phases, 0 playbooks');
});

test('seed 001 alert lists map too; their action: is reported, not guessed', async () => {
  const crit = await runCli(['import', 'prometheus-rules', seeds('001-critical-alerts.yaml')]);
  const warn = await runCli(['import', 'prometheus-rules', seeds('001-warning-alerts.yaml')]);
  assert.equal(crit.stderr.split('\n').filter(Boolean).length, 4);
  assert.match(crit.stderr, /^not mapped: APIDown: action: page not mapped/);
  const all = [...parse(crit.stdout).alerts, ...parse(warn.stdout).alerts];
  assert.deepEqual(all.map((a: { id: string; condition: string }) => [a.id, a.condition]), [
    ['APIDown', '== 0 for 1m'],
    ['DatabaseDown', '== 0 for 30s'],
    ['HighErrorRate', '> 0.05 for 5m'],
    ['P95LatencyHigh', '> 0.5 for 5m'],
    ['DiskSpaceLow', '< 20 for 10m'],
    ['CPUHighUsage', '> 80 for 15m'],
    ['QueueBacklog', '> 1000 for 10m'],
    ['CacheHitRateLow', '< 0.8 for 30m'],
  ]);
  assert.equal(all[2].query, 'rate(http_errors_total[5m]) / rate(http_requests_total[5m])');
  assert.equal(all[0].runbook, '/runbooks/api-down.md');
  assert.equal(await validates(`${HEAD}alerts:\n${crit.stdout.replace(/^alerts:\n/, '')}${warn.stdout.replace(/^alerts:\n/, '')}`), 'ok: 0 slos, 8 alerts, 0 checks in 0 phases, 0 playbooks');
});

test('Grafana dashboards: panels with thresholds become SLOs; the rest is reported', async () => {
  const r = await runCli(['import', 'grafana', seeds('002-dashboard.json')]);
  assert.equal(r.code, 0);
  assert.deepEqual(parse(r.stdout).slos, [
    {
      id: 'RESPONSE-TIME-P95',
      name: 'Response Time (p95)',
      source: 'prometheus',
      query: 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))',
      unit: 's',
      objective: '< 500ms',
      warning: '> 500ms for 5m',
      critical: '> 1s for 5m',
    },
  ]);
  assert.equal(r.stderr, 'not mapped: panel "Request Rate": no thresholds to take an objective from (query "rate(http_requests_total[1m])"), left out\n');
  assert.equal(await validates(HEAD + r.stdout), 'ok: 1 slos, 0 alerts, 0 checks in 0 phases, 0 playbooks');
  const plain = await runCli(['import', 'grafana', seeds('001-system-overview-dashboard.json')]);
  assert.equal(plain.stdout, 'slos: []\n');
  assert.equal(plain.stderr.split('\n').filter(Boolean).length, 4);
  const bad = await runCli(['import', 'grafana', seeds('002-alerting-rules.yml')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^oncall: .*002-alerting-rules\.yml: not Grafana dashboard JSON/);
});

test('oncall init writes a starter config from an example and never overwrites', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-init-'));
  const r = await runCli(['init', '--from', 'hastecrm'], {}, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'oncall.yaml'), 'utf8'), readFileSync(join(ROOT, 'examples/hastecrm.yaml'), 'utf8'));
  const again = await runCli(['init', '--from', 'cf-kanban'], {}, dir);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `oncall: ${join(dir, 'oncall.yaml')} already exists; not overwriting it (pass --config to write elsewhere)\n`);
  assert.equal(readFileSync(join(dir, 'oncall.yaml'), 'utf8'), readFileSync(join(ROOT, 'examples/hastecrm.yaml'), 'utf8'));
  const unknown = await runCli(['init', '--from', 'nope'], {}, dir);
  assert.equal(unknown.stderr, 'oncall: --from "nope" is not an example; known: cf-kanban, hastecrm, practice-hub, saas-platform, unified-workflow\n');
  const v = await runCli(['validate'], { SENTRY_AUTH_TOKEN: 'tok-1' }, dir);
  assert.equal(v.code, 0, v.stderr);
});
