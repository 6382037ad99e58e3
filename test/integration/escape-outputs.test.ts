// The escape payloads from every backend, on every non-interactive output:
// nothing unsafe gets through, and each output shows the payload made visible
// (so the check is not passing on an output that never saw it).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mdText } from '../../src/text/markdown.js';
import { runCli } from '../helpers/cli.js';
import { escapeBackend, escapeConfig } from '../helpers/escape-backend.js';
import { HOSTILE, jsonStrings, literal, PAYLOADS, SHOWN, unsafeIn } from '../helpers/escape-payloads.js';

const server = await escapeBackend();
after(() => server.close());
const dir = mkdtempSync(join(tmpdir(), 'oncall-escape-'));
const config = escapeConfig(server.url, dir);

// A resolved incident from 12 hours ago whose timeline and postmortem were edited by someone hostile.
const incidents = join(dir, 'incidents');
mkdirSync(incidents);
const opened = Date.now() - 12 * 3_600_000;
const day = new Date(opened).toISOString().slice(0, 10);
const name = `${day}-other`;
writeFileSync(
  join(incidents, `${name}.jsonl`),
  `${JSON.stringify({ t: opened, kind: 'opened', playbook: `other${PAYLOADS.osc8}`, severity: `P1${PAYLOADS.sgrConceal}` })}\n${JSON.stringify({ t: opened + 60_000, kind: 'resolved' })}\n`,
);
writeFileSync(join(incidents, `${name}.md`), `# Postmortem\n\n## Action items\n\n- [ ] ${HOSTILE}\n`);

const run = (...args: string[]) => runCli([...args, '--config', config]);
const clean = (what: string, text: string) => assert.deepEqual(unsafeIn(text), [], `${what} holds raw control characters`);

test('watch --once: label names and values, warnings, Prometheus, Loki and Sentry errors shown, made visible', async () => {
  const r = await run('watch', '--once');
  clean('stdout', r.stdout);
  clean('stderr', r.stderr);
  // S2's reason (a Prometheus error), A1's series labels, A2's (Loki plain text) and A3's (Sentry detail).
  assert.match(r.stdout, new RegExp(`STALE +S2 .*\\n +prometheus: query rejected \\(http 400\\): bad_data: ${literal(SHOWN)}`));
  assert.ok(r.stdout.includes(`job="${SHOWN.replaceAll('\\', '\\\\')}`), 'the label value, quoted as amtool quotes it');
  assert.ok(r.stdout.includes('k␛]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==␇␛]52;c;?␛\\="invoice<U+202E>fdp.exe"'), 'the label name');
  assert.ok(r.stdout.includes(`loki: query rejected (http 400): parse error at line 1, col 11: ${SHOWN}`));
  assert.ok(r.stdout.includes(`sentry: query rejected (http 400): ${SHOWN}`));
  assert.ok(
    r.stdout.includes(
      'FAKE-ERROR␍ALL GOOD rm -rf␈␈␈␈␈␈ls     v␋t f␌f ding␇ n␀ul d␡el c1\\x9b2J invoice<U+202E>fdp.exe ad<U+200B>min tag<U+E0001><U+E0069><U+E0067><U+E007F>',
    ),
  );
});

test('watch --once --json: every string in the document, keys included, is clean', async () => {
  const r = await run('watch', '--once', '--json');
  clean('stdout', r.stdout);
  const doc = JSON.parse(r.stdout);
  for (const s of jsonStrings(doc)) clean('a JSON string', s);
  assert.ok(doc.slos[0].labels.job.startsWith(SHOWN));
  assert.equal(doc.slos[0].labels['k␛]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==␇␛]52;c;?␛\\'], 'invoice<U+202E>fdp.exe');
  assert.ok(doc.alerts[2].reason.startsWith(`sentry: query rejected (http 400): ${SHOWN}`));
});

test('doctor: the buildinfo version, the ready bodies and a Sentry refusal, made visible', async () => {
  const r = await run('doctor');
  assert.equal(r.code, 3);
  clean('stdout', r.stdout);
  clean('stderr', r.stderr);
  assert.ok(r.stdout.includes(`version 3.7.3${SHOWN}␛]8;;␛\\, Prometheus Server is Ready.${SHOWN}`));
  assert.ok(r.stdout.includes(`ready${SHOWN}`));
  assert.match(r.stdout, new RegExp(`FAIL  sentry .* auth: ${literal(SHOWN)}.* \\(http 403\\)\\n`));
});

test('report, text, markdown and JSON, weekly and daily: backend errors and incident files made visible', async () => {
  for (const args of [['report'], ['report', '--format', 'markdown'], ['report', '--period', '1d'], ['report', '--period', '1d', '--format', 'markdown']]) {
    const r = await run(...args);
    const what = args.join(' ');
    clean(`${what} stdout`, r.stdout);
    clean(`${what} stderr`, r.stderr);
    // Markdown shows the same text, escaped so that it renders as itself (test/unit/markdown-gate.test.ts).
    const md = args.includes('markdown') ? mdText : (x: string) => x;
    assert.ok(r.stdout.includes(md(`rejected: no data (prometheus: query rejected (http 400): bad_data: ${SHOWN}`)), what);
    assert.match(r.stdout, new RegExp(`^- (\\[ \\] )?${literal(md(SHOWN))}.* \\(other${literal(md(`${SHOWN}␛]8;;␛\\`))}\\)$`, 'm'), `${what}: the action item`);
    assert.ok(r.stdout.includes(md('P1␛[8mHIDDEN␛[28m')), `${what}: the incident's severity`);
  }
  const j = await run('report', '--format', 'json');
  clean('report json stdout', j.stdout);
  for (const s of jsonStrings(JSON.parse(j.stdout))) clean('a report JSON string', s);
});

test("incident --json: probe summaries carry the backends' errors made visible", async () => {
  const r = await runCli(['incident', 'hostile', '--json', '--config', config]);
  clean('stdout', r.stdout);
  clean('stderr', r.stderr);
  const doc = JSON.parse(r.stdout);
  for (const s of jsonStrings(doc)) clean('a JSON string', s);
  assert.ok(doc.probes.some((p: { result: string }) => p.result.includes(`loki: query rejected (http 400): parse error at line 1, col 11: ${SHOWN}`)));
  assert.ok(doc.probes.some((p: { result: string }) => p.result.includes(`sentry: query rejected (http 400): ${SHOWN}`)));
});
