// `oncall import sloth|pyrra|openslo` as a user runs it: every real spec in
// test/fixtures/import becomes a config that `oncall validate` accepts, with
// the closing summary on stderr; errors exit 2; `-` reads stdin.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Run, runCli } from '../helpers/cli.js';
import { CLI, FIXTURES } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'oncall-import-slo-'));
const specs = (kind: string) =>
  readdirSync(join(FIXTURES, 'import', kind))
    .filter((f) => !f.includes('.gen.'))
    .sort();
const SUMMARY = /^imported (\d+) SLOs? and (\d+) alerts?, (\d+) not mapped( \(.+\))?$/;

/** The built CLI with `input` on its stdin. */
function runWithStdin(args: string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const expected: Record<string, Record<string, [number, number, number]>> = {
  // [SLOs, alerts, not mapped], per fixture (SOURCES.md lists what each holds).
  sloth: {
    'getting-started.yml': [1, 2, 0],
    'home-wifi.yml': [2, 4, 0],
    'k8s-multifile.yml': [2, 4, 0],
    'kubernetes-apiserver.yml': [2, 4, 0],
    'plugin-getting-started.yml': [0, 0, 1],
    'raw-home-wifi.yml': [1, 2, 0],
  },
  pyrra: {
    'apiserver-read-response-errors.yaml': [1, 5, 0],
    'caddy-response-latency.yaml': [1, 6, 0],
    'jaeger-slo-query-success.yaml': [1, 5, 0],
    'nginx.yaml': [2, 11, 0],
    'prometheus-http.yaml': [1, 5, 0],
    'prometheus-probe-success.yaml': [1, 5, 0],
    'pyrra-connect-latency.yaml': [1, 4, 0],
  },
  openslo: {
    'go-sdk-decode-v1-slos.yaml': [1, 0, 2],
    'go-sdk-inline-v1-slo.yaml': [0, 0, 4],
    'go-sdk-v1-slis.yaml': [0, 0, 4],
    'go-sdk-v1-slos.yaml': [0, 0, 1],
    'ratio-timeslices.yaml': [0, 0, 1],
    'timeslices-slo.yaml': [0, 0, 1],
  },
};

for (const kind of ['sloth', 'pyrra', 'openslo']) {
  test(`import ${kind}: every fixture becomes a config oncall validate accepts`, async () => {
    assert.deepEqual(specs(kind), Object.keys(expected[kind]), 'every fixture is listed here');
    for (const f of specs(kind)) {
      const r = await runCli(['import', kind, join(FIXTURES, 'import', kind, f)]);
      assert.equal(r.code, 0, `${f}: ${r.stderr}`);
      const lines = r.stderr.trimEnd().split('\n');
      const m = SUMMARY.exec(lines[lines.length - 1]);
      assert.ok(m, `${f}: the last stderr line is the summary: ${lines[lines.length - 1]}`);
      const [slos, alerts, notMapped] = expected[kind][f];
      assert.deepEqual([Number(m[1]), Number(m[2]), Number(m[3])], [slos, alerts, notMapped], f);
      assert.equal(lines.filter((l) => l.startsWith('not mapped: ')).length, notMapped, f);
      assert.ok(
        lines.slice(0, -1).every((l) => /^(note|not mapped): /.test(l)),
        `${f}: ${r.stderr}`,
      );
      assert.match(r.stdout, new RegExp(`^# oncall import of ${f.replace(/\./g, '\\.')}; check it with: oncall validate --config FILE\n`));
      const file = join(dir, `${kind}-${f}`);
      writeFileSync(file, r.stdout);
      const v = await runCli(['validate', '--config', file]);
      assert.equal(v.code, 0, `${f}: ${v.stdout}${v.stderr}\n${r.stdout}`);
      assert.equal(v.stdout.trim(), `ok: ${slos} slos, ${alerts} alerts, 0 checks in 0 phases, 0 playbooks`);
    }
  });
}

test('import sloth - reads the spec from stdin; --source and --service name what the config says', async () => {
  const path = join(FIXTURES, 'import', 'sloth', 'getting-started.yml');
  const fromFile = await runCli(['import', 'sloth', path, '--service', 'checkout', '--source', 'prom-eu']);
  const fromStdin = await runWithStdin(['import', 'sloth', '-', '--service', 'checkout', '--source', 'prom-eu'], readFileSync(path, 'utf8'));
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(fromStdin.stderr, fromFile.stderr);
  const body = (s: string) => s.split('\n').slice(1).join('\n');
  assert.match(fromStdin.stdout, /^# oncall import of stdin;/);
  assert.equal(body(fromStdin.stdout), body(fromFile.stdout));
  assert.match(fromStdin.stdout, /\nservice: checkout\nsources:\n {2}prom-eu:\n {4}url: .*\n {4}type: prometheus\n/);
  assert.match(fromStdin.stdout, /\n {4}source: prom-eu\n/);
  // Without --service, stdin has no file name to take one from.
  const plain = await runWithStdin(['import', 'pyrra', '-'], readFileSync(join(FIXTURES, 'import', 'pyrra', 'nginx.yaml'), 'utf8'));
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /\nservice: imported\n/);
  assert.equal(plain.stderr.trimEnd().split('\n').pop(), 'imported 2 SLOs and 11 alerts, 0 not mapped');
});

test('import errors exit 2: no such file, input of another kind, a non-Prometheus --type', async () => {
  const missing = await runCli(['import', 'openslo', join(dir, 'nope.yaml')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^oncall: .*nope\.yaml: no such file\n$/);
  const pyrraAsSloth = await runCli(['import', 'sloth', join(FIXTURES, 'import', 'pyrra', 'nginx.yaml')]);
  assert.equal(pyrraAsSloth.code, 2);
  assert.equal(pyrraAsSloth.stdout, '');
  assert.match(pyrraAsSloth.stderr, /^oncall: .*nginx\.yaml: not a Sloth spec \(document 1: not a Sloth spec/);
  const slothAsOpenSlo = await runCli(['import', 'openslo', join(FIXTURES, 'import', 'sloth', 'getting-started.yml')]);
  assert.equal(slothAsOpenSlo.code, 2);
  assert.match(slothAsOpenSlo.stderr, /not OpenSLO v1 \(document 1: not an OpenSLO object/);
  const openSloAsPyrra = await runCli(['import', 'pyrra', join(FIXTURES, 'import', 'openslo', 'go-sdk-v1-slos.yaml')]);
  assert.equal(openSloAsPyrra.code, 2);
  assert.match(openSloAsPyrra.stderr, /not a Pyrra SLO \(document 1 item 1: not a Pyrra ServiceLevelObjective/);
  const loki = await runCli(['import', 'pyrra', join(FIXTURES, 'import', 'pyrra', 'nginx.yaml'), '--type', 'loki']);
  assert.equal(loki.code, 2);
  assert.match(loki.stderr, /^oncall: --type: "loki": this import writes queries for a prometheus source\n$/);
});
