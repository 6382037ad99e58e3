// The attacker's files, as the commands meet them: a symlink to /dev/zero or a
// FIFO named like a timeline, a postmortem linked to /dev/zero, the deploys
// linked to /dev/zero. Listing commands pass over the bad file with a note;
// a command that needs it says so in one line, exit 3. None hangs or grows.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { deadUrl } from '../helpers/fixture-server.js';
import { ROOT } from '../helpers/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-special-cli-'));
const LINK = 'is a symlink; oncall does not follow links to the files it keeps (ELOOP)';
const HOUR = 3_600_000;
const lines = (...records: object[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
// Without the fix each run reads /dev/zero until it is killed: 15 s is failure, not slowness.
const within = 15_000;

/** A folder with one good open docuseal incident opened an hour ago, and `bad` (a link to /dev/zero) named like an older one. */
function folder(): { dir: string; good: string; bad: string } {
  const dir = tmp();
  const t = Date.now() - HOUR;
  const good = join(dir, `${new Date(t).toISOString().slice(0, 10)}-docuseal-2.jsonl`);
  writeFileSync(good, lines({ t, kind: 'opened', playbook: 'docuseal', severity: 'P2' }));
  const bad = join(dir, '2020-01-01-docuseal.jsonl');
  symlinkSync('/dev/zero', bad);
  return { dir, good, bad };
}

test('incident (the list): the linked timeline is passed over with a note, the rest is listed, exit 0', async () => {
  const { dir, bad } = folder();
  // No playbook id has such a name, so it is no timeline of oncall's: not read, and its name never printed.
  symlinkSync('/dev/zero', join(dir, '2020-01-01-\u001b]52;c;aGk=\u0007.jsonl'));
  const r = await runCli(['incident', '--demo', '--dir', dir], {}, undefined, within);
  assert.equal(r.stderr, `oncall: note: cannot read ${bad}: ${LINK}; passed over\n`);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^docuseal {13}P2 {3}DocuSeal API errors \(>10% error rate\) {2}\(open since \d{4}-.*Z\)$/m);
});

test('incident <pb> --postmortem needs every timeline of pb: one line naming the linked one, exit 3', async () => {
  const { dir, bad } = folder();
  const r = await runCli(['incident', 'docuseal', '--demo', '--dir', dir, '--postmortem'], {}, undefined, within);
  assert.deepEqual(r, { code: 3, stdout: '', stderr: `oncall: cannot read ${bad}: ${LINK}\n` });
});

test('report: a linked timeline, a FIFO timeline and a linked postmortem are each a note; the good incident is reported', async () => {
  const { dir, good, bad } = folder();
  const fifo = join(dir, '2020-01-02-docuseal.jsonl');
  execFileSync('mkfifo', [fifo]);
  const md = good.replace(/\.jsonl$/, '.md');
  symlinkSync('/dev/zero', md);
  const r = await runCli(['report', '--demo', '--dir', dir, '--format', 'json'], {}, undefined, within);
  assert.equal(
    r.stderr,
    [
      `oncall: note: cannot read ${md}: ${LINK}; its action items are left out`,
      `oncall: note: cannot read ${bad}: ${LINK}; left out of the report`,
      `oncall: note: cannot read ${fifo}: not a regular file (a named pipe) (EFTYPE); left out of the report`,
      '',
    ].join('\n'),
  );
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(
    doc.incidents.map((i: { title: string; state: string }) => [i.title, i.state]),
    [['DocuSeal API errors (>10% error rate)', 'open']],
  );
});

test('check --json with the deploys linked to /dev/zero: one line naming the file, exit 3', async () => {
  const state = tmp();
  mkdirSync(join(state, 'deploys'));
  const deploys = join(state, 'deploys', 'practice-hub.jsonl');
  symlinkSync('/dev/zero', deploys);
  const dead = await deadUrl();
  const env = { SENTRY_AUTH_TOKEN: 'x-token-1', DOCUSEAL_HOST: dead, PROMETHEUS_URL: dead, LOKI_ADDR: dead, SENTRY_URL: dead };
  const r = await runCli(['check', '--json', '--config', join(ROOT, 'examples/demo.yaml'), '--state-dir', state], env, undefined, within);
  assert.deepEqual(r, { code: 3, stdout: '', stderr: `oncall: cannot read ${deploys}: ${LINK}\n` });
});
