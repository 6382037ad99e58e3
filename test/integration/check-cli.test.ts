import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const state = () => mkdtempSync(join(tmpdir(), 'oncall-state-'));

test('check --hour 2 --demo --json: the hours 2-6 phase, live verdicts, manual pending, exit 0', async () => {
  const r = await runCli(['check', '--hour', '2', '--demo', '--json', '--state-dir', state()]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.phase, { name: 'Hours 2-6', from: '1h', to: '6h', every: '1h', round: 1 });
  assert.equal(doc.hour, 2);
  assert.deepEqual(
    doc.checks.map((c: { title: string; kind: string; verdict: string; id: string | null }) => [c.kind, c.verdict, c.id]),
    [
      ['manual', 'pending', null],
      ['auto', 'pass', 'sentry-error-spike'],
      ['auto', 'pass', 'task-query-column-missing'],
      ...['SLO-001', 'SLO-002', 'SLO-003', 'SLO-004', 'SLO-005', 'SLO-006'].map((id) => ['auto', 'pass', id]),
    ],
  );
  assert.equal(doc.checks[0].title, 'Review the Production Health Overview dashboard');
  assert.equal(doc.checks[3].unit, 's');
  assert.ok(doc.checks[3].value > 0.1 && doc.checks[3].value < 0.3, 'p95 of the healthy story, in seconds');
  assert.deepEqual(doc.summary, { passed: 8, failed: 0, unknown: 0, manual_remaining: 1 });
  assert.deepEqual(doc.next, { phase: 'Hours 2-6', due_at: doc.next.due_at, due_after_deploy: '2h' });
});

test('--hour outside the schedule, and no deploy to count from, are usage errors (exit 2)', async () => {
  const out = await runCli(['check', '--hour', '169', '--demo', '--json']);
  assert.equal(out.code, 2);
  assert.equal(out.stderr, 'oncall: --hour 169 is outside the schedule, which covers hours 1-168 (hour 1 is the first hour after the deploy)\n');
  assert.equal((await runCli(['check', '--hour', 'two', '--demo', '--json'])).code, 2);
  const none = await runCli(['check', '--json', '--config', join(process.cwd(), 'examples/demo.yaml'), '--state-dir', state()], {
    SENTRY_AUTH_TOKEN: 'x-token-1',
    DOCUSEAL_HOST: 'http://127.0.0.1:1',
  });
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'oncall: no deploy recorded: pass --hour N or --since TIME, or record one with `oncall deploy`\n');
});

test('oncall deploy records a deploy that check counts its hour from', async () => {
  const dir = state();
  const env = { SENTRY_AUTH_TOKEN: 'x-token-1', DOCUSEAL_HOST: 'http://127.0.0.1:1' };
  const cfg = join(process.cwd(), 'examples/demo.yaml');
  const d = await runCli(['deploy', '--config', cfg, '--at', '90m ago', '--release', 'v42', '--state-dir', dir], env);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /^recorded deploy of practice-hub v42 at \d{4}-\d\d-\d\dT/);
  // Nothing listens on the configured URLs: every automatic check is unknown, exit 3, and hour 2 came from the deploy.
  const r = await runCli(['check', '--json', '--config', cfg, '--state-dir', dir], {
    ...env,
    PROMETHEUS_URL: 'http://127.0.0.1:1',
    LOKI_ADDR: 'http://127.0.0.1:1',
    SENTRY_URL: 'http://127.0.0.1:1',
  });
  assert.equal(r.code, 3, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.hour, 2);
  assert.equal(doc.deploy.release, 'v42');
  assert.equal(doc.phase.name, 'Hours 2-6');
  assert.ok(
    doc.checks.filter((c: { kind: string }) => c.kind === 'auto').every((c: { verdict: string }) => c.verdict === 'unknown'),
    'a source that is down never passes',
  );
  assert.equal(doc.summary.passed, 0);
  const bad = await runCli(['deploy', '--config', cfg, '--at', 'yesterday-ish', '--state-dir', dir], env);
  assert.equal(bad.code, 2);
});

test("the attacker's times: deploy --at and check --since say which option and why, exit 2, nothing recorded", async () => {
  const dir = state();
  const at = await runCli(['deploy', '--demo', '--state-dir', dir, '--at', '99999999999d ago']);
  assert.deepEqual(at, { code: 2, stdout: '', stderr: `oncall: --at: "99999999999d ago" is before 2000-01-01, the earliest time oncall takes\n` });
  const future = await runCli(['deploy', '--demo', '--state-dir', dir, '--at', '2126-01-01']);
  assert.deepEqual(future, { code: 2, stdout: '', stderr: `oncall: --at: "2126-01-01" is more than a day after now\n` });
  const since = await runCli(['check', '--demo', '--json', '--state-dir', dir, '--since', '9999999999h ago']);
  assert.deepEqual(since, { code: 2, stdout: '', stderr: `oncall: --since: "9999999999h ago" is before 2000-01-01, the earliest time oncall takes\n` });
  assert.deepEqual(readdirSync(dir), []);
});
