import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { deadUrl } from '../helpers/fixture-server.js';
import { ROOT } from '../helpers/paths.js';

test('oncall incident lists the playbooks; an unknown name says so and lists them (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-inc-cli-'));
  const list = await runCli(['incident', '--demo', '--dir', dir]);
  assert.equal(list.code, 0);
  assert.equal(
    list.stdout,
    'my-tasks-empty       P1   My Tasks filter returns empty results\ndocuseal             P2   DocuSeal API errors (>10% error rate)\nhigh-error-rate      P1   High error rate (>50 errors/minute)\n',
  );
  const bad = await runCli(['incident', 'docusea', '--demo', '--dir', dir]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'oncall: no playbook "docusea"; known: my-tasks-empty, docuseal, high-error-rate\n');
});

test('incident --json: the probes once, exit 0 when all pass and 1 when any fails', async () => {
  const ok = await runCli(['incident', 'docuseal', '--demo', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout);
  assert.deepEqual(
    doc.probes.map((p: { step: number; ok: boolean }) => [p.step, p.ok]),
    [
      [1, true],
      [2, true],
      [3, true],
    ],
  );
  assert.match(doc.probes[0].result, /^GET http:\/\/127\.0\.0\.1:\d+\/health -> 200 in \d+ms ✓$/);

  const dead = await deadUrl();
  const env = { SENTRY_AUTH_TOKEN: 'tok-abcdef', DOCUSEAL_HOST: dead, PROMETHEUS_URL: dead, LOKI_ADDR: dead, SENTRY_URL: dead };
  const down = await runCli(['incident', 'docuseal', '--json', '--config', join(ROOT, 'examples/demo.yaml')], env);
  assert.equal(down.code, 1);
  const d = JSON.parse(down.stdout);
  assert.equal(d.probes[0].result, `GET ${dead}/health -> connection refused ✗`);
  assert.match(d.probes[1].result, /^SLO-005 — STALE: prometheus: unreachable: connection refused/);
  assert.ok(!down.stdout.includes('tok-abcdef'));
});
