import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { CLI, FIXTURES, ROOT } from '../helpers/paths.js';

const seeds = (f: string) => join(FIXTURES, 'seeds', f);
const imports = (f: string) => join(FIXTURES, 'import', f);

async function validates(yaml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-import-'));
  writeFileSync(join(dir, 'oncall.yaml'), yaml);
  const r = await runCli(['validate', '--config', join(dir, 'oncall.yaml')]);
  assert.equal(r.code, 0, `${r.stderr}\n${yaml.slice(0, 2000)}`);
  return r.stdout.trim();
}

test('seed 002 alerting rules: a whole config that validates as it is', async () => {
  const r = await runCli(['import', 'prometheus-rules', seeds('002-alerting-rules.yml')]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, 'imported 6 alerts (6 as query + condition, 0 whole, firing on any series returned), 0 not mapped\n');
  const doc = parse(r.stdout);
  assert.deepEqual(doc.sources, { prometheus: { url: '${PROMETHEUS_URL:-http://127.0.0.1:9090}' } });
  assert.deepEqual(doc.severities, { critical: { title: 'critical (imported)', respond: '15m' }, warning: { title: 'warning (imported)', respond: '4h' } });
  assert.deepEqual(
    doc.alerts.map((a: { id: string }) => a.id),
    ['HighErrorRate', 'SlowResponseTime', 'HighMemoryUsage', 'DatabaseDown', 'RedisDown', 'HighWebSocketConnections'],
  );
  assert.deepEqual(doc.alerts[0], {
    id: 'HighErrorRate',
    source: 'prometheus',
    query: 'rate(errors_total[5m])',
    condition: '> 0.1 for 5m',
    severity: 'warning',
    labels: { severity: 'warning' },
    annotations: { summary: 'High error rate detected', description: 'Error rate is {{ $value }} errors/second' },
  });
  assert.equal(doc.alerts[2].query, 'process_resident_memory_bytes / 1024 / 1024');
  assert.equal(doc.alerts[3].condition, '== 0 for 1m');
  assert.equal(await validates(r.stdout), 'ok: 0 slos, 6 alerts, 0 checks in 0 phases, 0 playbooks');
});

test('import reads stdin with -, and a file that is not rules is a usage error', async () => {
  const piped = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', 'prometheus-rules', '-', '--service', 'piped'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(readFileSync(imports('rules/node-mixin-alerts.yaml')));
  });
  assert.equal(piped.code, 0);
  assert.equal(parse(piped.out).service, 'piped');
  assert.equal(parse(piped.out).alerts.length, 26);
  const bad = await runCli(['import', 'grafana', seeds('002-alerting-rules.yml')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^oncall: .*002-alerting-rules\.yml: not Grafana dashboard JSON \(not JSON/);
  const notRules = await runCli(['import', 'prometheus-rules', imports('grafana/apache-full.json')]);
  assert.equal(notRules.code, 2);
  assert.match(notRules.stderr, /not Prometheus rules YAML \(file: not a rule file/);
});

test('every real rule file and dashboard imports to a config that validates', async () => {
  const cases: Array<[string, string[]]> = [
    ...readdirSync(imports('rules')).map((f): [string, string[]] => [`rules/${f}`, ['prometheus-rules']]),
    ...readdirSync(imports('prometheusrule')).map((f): [string, string[]] => [`prometheusrule/${f}`, ['prometheus-rules']]),
    ...readdirSync(imports('grafana')).map((f): [string, string[]] => [`grafana/${f}`, ['grafana']]),
    // With values for their variables, the dashboards that need them map too.
    ['grafana/node-exporter-full.json', ['grafana', '--var', 'node=host:9100', '--var', 'job=node', '--var', 'nodename=host']],
    ['grafana/blackbox-exporter.json', ['grafana', '--var', 'job=blackbox', '--var', 'instance=https://example.com', '--var', 'cluster=prod']],
  ];
  let total = 0;
  for (const [file, args] of cases) {
    const r = await runCli(['import', ...args, imports(file)]);
    assert.equal(r.code, 0, `${file}: ${r.stderr}`);
    assert.match(r.stderr.trim().split('\n').pop()!, /^imported \d+ (alert|SLO)/, file);
    const doc = parse(r.stdout);
    total += (doc.alerts ?? doc.slos).length;
    const summary = await validates(r.stdout);
    assert.match(summary, /^ok: /, file);
  }
  // 263 alerts from the rule files; 14 SLOs from the dashboards as they are, 17 more with their variables given.
  assert.equal(total, 294);
});

test('seed 001 alert lists map too; their action: is routing, reported as a note', async () => {
  const crit = await runCli(['import', 'prometheus-rules', seeds('001-critical-alerts.yaml')]);
  const warn = await runCli(['import', 'prometheus-rules', seeds('001-warning-alerts.yaml')]);
  assert.equal(crit.stderr.split('\n').filter((l) => l.startsWith('note: ')).length, 4);
  assert.match(crit.stderr, /^note: APIDown: action: page is routing, which stays in Alertmanager; oncall shows the alert$/m);
  const all = [...parse(crit.stdout).alerts, ...parse(warn.stdout).alerts];
  assert.deepEqual(
    all.map((a: { id: string; condition: string }) => [a.id, a.condition]),
    [
      ['APIDown', '== 0 for 1m'],
      ['DatabaseDown', '== 0 for 30s'],
      ['HighErrorRate', '> 0.05 for 5m'],
      ['P95LatencyHigh', '> 0.5 for 5m'],
      ['DiskSpaceLow', '< 20 for 10m'],
      ['CPUHighUsage', '> 80 for 15m'],
      ['QueueBacklog', '> 1000 for 10m'],
      ['CacheHitRateLow', '< 0.8 for 30m'],
    ],
  );
  assert.equal(all[2].query, 'rate(http_errors_total[5m]) / rate(http_requests_total[5m])');
  assert.equal(all[0].runbook, '/runbooks/api-down.md');
  assert.equal(await validates(crit.stdout), 'ok: 0 slos, 4 alerts, 0 checks in 0 phases, 0 playbooks');
});

test("Grafana: the seed dashboard's gauge read as Grafana colours it; the rest is reported with a count", async () => {
  const r = await runCli(['import', 'grafana', seeds('002-dashboard.json')]);
  assert.equal(r.code, 0);
  // Steps green (base), yellow 0.5, red 1; no unit, so Grafana shows plain numbers.
  assert.deepEqual(parse(r.stdout).slos, [
    {
      id: 'RESPONSE-TIME-P95',
      name: 'Response Time (p95)',
      source: 'prometheus',
      query: 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))',
      unit: 'count',
      objective: '< 0.5',
      warning: '>= 0.5',
      critical: '>= 1',
    },
  ]);
  assert.equal(
    r.stderr,
    'not mapped: panel "Request Rate": no thresholds to take an objective from\nimported 1 SLO; 1 target not mapped (1 no thresholds to take an objective from)\n',
  );
  assert.equal(await validates(r.stdout), 'ok: 1 slos, 0 alerts, 0 checks in 0 phases, 0 playbooks');
  const plain = await runCli(['import', 'grafana', seeds('001-system-overview-dashboard.json')]);
  assert.deepEqual(parse(plain.stdout).slos, []);
  assert.equal(plain.stderr, 'imported 0 SLOs; 0 targets not mapped; 4 panels without a query\n');
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
