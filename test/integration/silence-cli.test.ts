// `oncall silence` against a real Alertmanager 0.25, checked with amtool, the
// tool its users already trust: what add creates is what amtool shows, ls
// lists it, expire ends it; a missing comment and a dead Alertmanager exit 2
// and 3 with one clear line.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { deadUrl } from '../helpers/fixture-server.js';
import { type RealAlertmanager, startAlertmanager } from '../helpers/real-alertmanager.js';

let am: RealAlertmanager;
let cfg: string;
const dir = mkdtempSync(join(tmpdir(), 'oncall-silence-'));
const configFor = (url: string, extra = '') => `version: 1\nservice: api\nsources:\n  am: { type: alertmanager, url: "${url}" }\n${extra}`;

before(async () => {
  am = await startAlertmanager();
  cfg = join(dir, 'oncall.yaml');
  writeFileSync(cfg, configFor(am.url));
});
after(async () => {
  await am?.stop();
});

interface AmtoolSilence {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}
const amtoolSilences = (...flags: string[]): AmtoolSilence[] => JSON.parse(am.amtool('silence', 'query', '-o', 'json', ...flags));

test('silence add: amtool shows the exact matchers, author, comment and an hour; ls --json lists it; expire ends it', async () => {
  const before = Date.now();
  const r = await runCli([
    'silence',
    'add',
    '--config',
    cfg,
    'alertname=DocuSealErrorSpike',
    'severity=~"crit.*"',
    'team!=db',
    'instance!~"canary-.*"',
    '--comment',
    'deploy 42 rolling back',
    '--author',
    'Ada Lovelace',
  ]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const id = r.stdout.trim();
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const [s, ...others] = amtoolSilences();
  assert.equal(others.length, 0);
  assert.equal(s.id, id);
  assert.equal(s.status.state, 'active');
  assert.equal(s.createdBy, 'Ada Lovelace');
  assert.equal(s.comment, 'deploy 42 rolling back');
  assert.deepEqual(
    [...s.matchers].sort((a, b) => a.name.localeCompare(b.name)),
    [
      { name: 'alertname', value: 'DocuSealErrorSpike', isRegex: false, isEqual: true },
      { name: 'instance', value: 'canary-.*', isRegex: true, isEqual: false },
      { name: 'severity', value: 'crit.*', isRegex: true, isEqual: true },
      { name: 'team', value: 'db', isRegex: false, isEqual: false },
    ],
  );
  const lasts = Date.parse(s.endsAt) - Date.parse(s.startsAt);
  assert.ok(Math.abs(lasts - 3_600_000) < 1000, `the default hour, got ${lasts}ms`);
  assert.ok(Date.parse(s.startsAt) >= before - 1000);

  const ls = await runCli(['silence', 'ls', '--json', '--config', cfg]);
  assert.equal(ls.code, 0, ls.stderr);
  const listed = JSON.parse(ls.stdout);
  assert.equal(listed.length, 1);
  assert.deepEqual(
    { ...listed[0], matchers: [...listed[0].matchers].sort() },
    {
      id,
      state: 'active',
      matchers: ['alertname="DocuSealErrorSpike"', 'instance!~"canary-.*"', 'severity=~"crit.*"', 'team!="db"'],
      starts_at: new Date(Date.parse(s.startsAt)).toISOString(),
      ends_at: new Date(Date.parse(s.endsAt)).toISOString(),
      created_by: 'Ada Lovelace',
      comment: 'deploy 42 rolling back',
    },
  );
  const table = await runCli(['silence', 'ls', '--config', cfg]);
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^ID\s+Matchers\s+Ends At\s+Created By\s+Comment$/);
  assert.ok(lines[1].startsWith(`${id}  `) && lines[1].endsWith('Ada Lovelace  deploy 42 rolling back'), lines[1]);

  const ex = await runCli(['silence', 'expire', id, '--config', cfg]);
  assert.deepEqual(ex, { code: 0, stdout: `expired ${id}\n`, stderr: '' });
  assert.deepEqual(amtoolSilences(), [], 'amtool no longer lists it as active');
  const expired = amtoolSilences('--expired');
  assert.deepEqual(
    expired.map((e) => [e.id, e.status.state]),
    [[id, 'expired']],
  );
  const still = await runCli(['silence', 'ls', '--json', '--config', cfg]);
  assert.deepEqual(JSON.parse(still.stdout), []);
  const gone = await runCli(['silence', 'ls', '--json', '--expired', '--config', cfg]);
  assert.deepEqual(
    JSON.parse(gone.stdout).map((e: { id: string; state: string }) => [e.id, e.state]),
    [[id, 'expired']],
  );
});

test('silence add --json --until ISO, author from $USER: the document matches what amtool reads back', async () => {
  // No git identity in this HOME: the author falls back to $USER.
  const home = mkdtempSync(join(tmpdir(), 'oncall-home-'));
  const r = await runCli(['silence', 'add', '--config', cfg, '--json', 'Watchdog', '--comment', 'noisy', '--until', '2099-01-01T00:00:00Z'], {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    USER: 'ops',
  });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  const s = amtoolSilences().find((x) => x.id === doc.id)!;
  assert.deepEqual(doc, {
    id: s.id,
    matchers: ['alertname="Watchdog"'],
    starts_at: doc.starts_at,
    ends_at: '2099-01-01T00:00:00.000Z',
    created_by: 'ops',
    comment: 'noisy',
  });
  assert.equal(Date.parse(s.endsAt), Date.parse('2099-01-01T00:00:00Z'));
  assert.deepEqual(s.matchers, [{ name: 'alertname', value: 'Watchdog', isRegex: false, isEqual: true }]);
  am.amtool('silence', 'expire', s.id);
});

test('a missing or empty comment, a bad matcher or id: exit 2, one clear line, nothing created', async () => {
  const count = amtoolSilences().length;
  const none = await runCli(['silence', 'add', '--config', cfg, 'alertname=Foo', '--author', 'ops']);
  assert.deepEqual(none, {
    code: 2,
    stdout: '',
    stderr: 'oncall: silence add: --comment is required: say why the alerts are silenced, for whoever sees the silence next\n',
  });
  const blank = await runCli(['silence', 'add', '--config', cfg, 'alertname=Foo', '--comment', '   ', '--author', 'ops']);
  assert.equal(blank.code, 2);
  assert.equal(blank.stderr, none.stderr);
  const bad = await runCli(['silence', 'add', '--config', cfg, '9lives=x', '--comment', 'c', '--author', 'ops']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'oncall: silence add: matcher 1: "9lives" is not a label name (letters, digits and _, not starting with a digit)\n');
  const id = await runCli(['silence', 'expire', 'not-an-id', '--config', cfg]);
  assert.deepEqual(id, { code: 2, stdout: '', stderr: 'oncall: silence expire: "not-an-id" is not a silence id (a UUID, as silence ls shows)\n' });
  assert.equal(amtoolSilences().length, count);
});

test('no alertmanager in the config: exit 2 naming what to add', async () => {
  const file = join(dir, 'none.yaml');
  writeFileSync(file, 'version: 1\nservice: api\nsources:\n  prometheus: { url: "http://127.0.0.1:1" }\n');
  const r = await runCli(['silence', 'ls', '--config', file]);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `oncall: ${file} has no alertmanager source: add one under sources, e.g.\n  sources:\n    alertmanager: { type: alertmanager, url: "http://alertmanager:9093" }\n`,
  );
});

test('Alertmanager down: add, ls and expire exit 3 with the reason, nothing on stdout', async () => {
  const file = join(dir, 'dead.yaml');
  writeFileSync(file, configFor(await deadUrl()));
  const add = await runCli(['silence', 'add', '--config', file, 'alertname=Foo', '--comment', 'c', '--author', 'ops']);
  assert.deepEqual(add, { code: 3, stdout: '', stderr: 'oncall: silence add: am: unreachable: connection refused\n' });
  const ls = await runCli(['silence', 'ls', '--config', file]);
  assert.deepEqual(ls, { code: 3, stdout: '', stderr: 'oncall: silence ls: am: unreachable: connection refused\n' });
  const ex = await runCli(['silence', 'expire', '00000000-0000-4000-8000-000000000000', '--config', file]);
  assert.deepEqual(ex, { code: 3, stdout: '', stderr: 'oncall: silence expire: am: unreachable: connection refused\n' });
});
