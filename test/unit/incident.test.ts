import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { commandVars, maskOutput, secretEnvValues } from '../../src/engine/command.js';
import { postmortem } from '../../src/engine/postmortem.js';
import { runCommand } from '../../src/incident/exec.js';
import { openIncident, startIncident } from '../../src/store/incident-files.js';
import { appendEvent, loadIncident, replayIncident, type TimelineEvent } from '../../src/store/timeline.js';
import { ROOT } from '../helpers/paths.js';

test('a command is shown as written; the secrets it uses and the unset variables are found', () => {
  const v = commandVars('curl -H "X-Auth-Token: $DOCUSEAL_API_KEY" "$DOCUSEAL_HOST/api/submissions" ${RELEASE} $UNSET_ONE ${UNSET_ONE}', {
    DOCUSEAL_API_KEY: 'sk_live_abc123',
    DOCUSEAL_HOST: 'https://docuseal.internal',
    RELEASE: 'v42',
  });
  assert.deepEqual(v.secrets, ['sk_live_abc123'], 'only the secret-named variable is masked in output');
  assert.deepEqual(v.missing, ['UNSET_ONE']);
  assert.equal(maskOutput('token sk_live_abc123 ok', ['sk_live_abc123']), 'token *** ok');
  assert.equal(maskOutput('x'.repeat(10), [], 4), 'xxxx\n… (6 more characters)');
});

test('output is scrubbed of secret-named variables the command never names', async () => {
  const env = { PATH: process.env.PATH, DOCUSEAL_API_KEY: 'DocuKey_SECRET_456', HOME: '/root', SHORT_TOKEN: 'abc' };
  assert.deepEqual(secretEnvValues(env), ['DocuKey_SECRET_456'], 'secret-named, and long enough not to blank ordinary words');
  const ran = await runCommand('printenv DOCUSEAL_API_KEY', env);
  assert.equal(maskOutput(ran.output, secretEnvValues(env)), '***\n');
});

test('a braced variable in a run step stays a name at load and reaches the shell as data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-run-'));
  const yaml = [
    'version: 1',
    'service: s',
    'sources: { prometheus: { url: "http://127.0.0.1:9" } }',
    'playbooks:',
    '  - id: p',
    '    title: P',
    '    steps:',
    '      - { title: Key, run: "echo ${DEMO_API_KEY}; echo $DEMO_API_KEY" }',
    '      - { title: Unset, run: "echo ${NOT_SET_ANYWHERE}" }',
  ].join('\n');
  const env = { DEMO_API_KEY: `k; touch ${join(dir, 'F')}` };
  const r = parseConfig(yaml, env);
  assert.ok(r.ok, 'an unset ${VAR} in one step does not stop the config loading');
  const step = r.config.playbooks[0].steps[0];
  assert.ok(step.kind === 'run');
  assert.equal(step.command, 'echo ${DEMO_API_KEY}; echo $DEMO_API_KEY', 'the value is not pasted into the command');
  const ran = await runCommand(step.command, { PATH: process.env.PATH, ...env });
  assert.equal(ran.exit, 0);
  assert.equal(ran.output, `k; touch ${join(dir, 'F')}\nk; touch ${join(dir, 'F')}\n`, 'printed as data');
  assert.ok(!existsSync(join(dir, 'F')), 'the `; touch F` in the value was not run');
  const unset = r.config.playbooks[0].steps[1];
  assert.ok(unset.kind === 'run');
  const failed = await runCommand(unset.command, { PATH: process.env.PATH });
  assert.notEqual(failed.exit, 0, 'an unset variable fails that step when it runs');
  assert.match(failed.output, /NOT_SET_ANYWHERE/);
});

test('the timeline replays to the incident; a new file per day and playbook; the open one is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-inc-'));
  const t0 = Date.parse('2026-11-23T14:00:00Z');
  const s = startIncident(dir, { t: t0, kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  assert.deepEqual(s, { ok: true, file: join(dir, '2026-11-23-docuseal.jsonl') });
  const f = s.file;
  const events: TimelineEvent[] = [
    { t: t0 + 1000, kind: 'probe', step: 0, ok: false, summary: 'GET https://docuseal.internal/health -> 503 in 120ms ✗ (expected 200)' },
    { t: t0 + 60_000, kind: 'step', step: 0, state: 'done' },
    { t: t0 + 70_000, kind: 'note', step: 0, text: 'health is 503 since 13:58' },
    { t: t0 + 80_000, kind: 'severity', from: 'P2', to: 'P1' },
    { t: t0 + 90_000, kind: 'step', step: 3, state: 'skipped' },
    { t: t0 + 100_000, kind: 'cause', text: 'DocuSeal service down (Docker container crashed)' },
  ];
  for (const e of events) appendEvent(f, e);
  const inc = loadIncident(f)!;
  assert.deepEqual(
    [inc.severity, inc.steps, inc.cause, inc.resolvedAt],
    ['P1', { 0: 'done', 3: 'skipped' }, 'DocuSeal service down (Docker container crashed)', null],
  );
  const open = openIncident(dir, 'docuseal');
  assert.equal(open.ok && open.incident?.file, f);
  appendEvent(f, { t: t0 + 200_000, kind: 'resolved' });
  assert.deepEqual(openIncident(dir, 'docuseal'), { ok: true, incident: null });
  assert.deepEqual(startIncident(dir, { t: t0 + 3_600_000, kind: 'opened', playbook: 'docuseal', severity: 'P2' }), {
    ok: true,
    file: join(dir, '2026-11-23-docuseal-2.jsonl'),
  });
  assert.equal(replayIncident(f, []), null);
});

test('the postmortem draft: summary, impact, timeline, cause, resolution, prevention as action items', () => {
  const r = parseConfig(readFileSync(join(ROOT, 'examples/demo.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 'tok-1234', DOCUSEAL_HOST: 'https://docuseal.internal' });
  assert.ok(r.ok);
  const playbook = r.config.playbooks.find((p) => p.id === 'docuseal')!;
  const t0 = Date.parse('2026-11-23T14:00:00Z');
  const inc = replayIncident('/x/2026-11-23-docuseal.jsonl', [
    { t: t0, kind: 'opened', playbook: 'docuseal', severity: 'P2' },
    { t: t0 + 1000, kind: 'snapshot', at: 'open', slos: { 'SLO-005': '24% CRIT' } },
    { t: t0 + 2000, kind: 'probe', step: 0, ok: false, summary: 'GET https://docuseal.internal/health -> 503 in 120ms ✗ (expected 200)' },
    { t: t0 + 300_000, kind: 'run', step: 4, command: 'docker compose logs --tail 200 docuseal', exit: 0, output: 'OOMKilled' },
    { t: t0 + 400_000, kind: 'cause', text: 'DocuSeal service down (Docker container crashed)' },
    { t: t0 + 500_000, kind: 'resolution', text: 'Restart the DocuSeal container: docker compose restart docuseal' },
    { t: t0 + 2_500_000, kind: 'snapshot', at: 'resolve', slos: { 'SLO-005': '0.2% OK' } },
    { t: t0 + 2_520_000, kind: 'resolved' },
  ])!;
  const md = postmortem(inc, playbook, r.config, t0 + 2_520_000);
  const expected = [
    '# Postmortem: DocuSeal API errors (>10% error rate) (2026-11-23)',
    '',
    '_Draft written by oncall when the incident was resolved; edit before sharing._',
    '',
    '## Summary',
    '',
    '- Service: practice-hub (production)',
    '- Playbook: docuseal',
    '- Severity: P2 (High - degraded service; respond within 30m)',
    '- Opened: 2026-11-23T14:00:00.000Z',
    '- Resolved: 2026-11-23T14:42:00.000Z',
    '- Duration: 42m',
    '',
    '## Impact',
    '',
    '| SLO | at open | at resolve |',
    '|---|---|---|',
    '| SLO-005 | 24% CRIT | 0.2% OK |',
    '',
    '## Timeline',
    '',
    '- 14:00:00 Incident opened at P2',
    '- 14:00:02 DocuSeal health endpoint: GET https://docuseal.internal/health -> 503 in 120ms ✗ (expected 200)',
    '- 14:05:00 Ran `docker compose logs --tail 200 docuseal` (Check DocuSeal logs (self-hosted)): exit 0',
    '- 14:06:40 Cause recorded: DocuSeal service down (Docker container crashed)',
    '- 14:08:20 Resolution applied: Restart the DocuSeal container: docker compose restart docuseal',
    '- 14:42:00 Resolved',
    '',
    '## Root cause',
    '',
    'DocuSeal service down (Docker container crashed)',
    '',
    '## Resolution',
    '',
    'Restart the DocuSeal container: docker compose restart docuseal',
    '',
    '## Action items',
    '',
    '- [ ] Set up DocuSeal health check monitoring',
    '- [ ] Alert if the DocuSeal container restarts',
    '- [ ] Rotate API keys quarterly (with reminder)',
    '',
  ].join('\n');
  assert.equal(md, expected);
});
