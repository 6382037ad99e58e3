// The postmortem file: written whole through a temporary file nobody can plant
// a link at, always from the timeline on disk, once per incident however many
// terminals resolve it; and no playbook id that names a file outside its folder.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Config, Playbook } from '../../src/config/types.js';
import { resolveIncident, writePostmortem } from '../../src/incident/resolve.js';
import { writeFileAtomic } from '../../src/store/atomic.js';
import { startIncident } from '../../src/store/incident-files.js';
import { appendEvent, readIncident } from '../../src/store/timeline.js';
import { ROOT } from '../helpers/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-pm-'));
const T0 = Date.parse('2026-11-23T14:00:00Z');
const DEMO = readFileSync(join(ROOT, 'examples/demo.yaml'), 'utf8');
const ENV = { SENTRY_AUTH_TOKEN: 'tok-1234', DOCUSEAL_HOST: 'https://docuseal.internal' };

function demoConfig(): { config: Config; playbook: Playbook } {
  const r = parseConfig(DEMO, ENV);
  assert.ok(r.ok);
  return { config: r.config, playbook: r.config.playbooks.find((p) => p.id === 'docuseal')! };
}

function timeline(dir: string): string {
  const s = startIncident(dir, { t: T0, kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  assert.ok(s.ok);
  const f = s.file;
  appendEvent(f, { t: T0 + 60_000, kind: 'note', step: 0, text: 'health is 503' });
  return f;
}

const resolvedCount = (f: string) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"kind":"resolved"')).length;

test('a symlink at <date>-<playbook>.md.tmp is never followed: the file it points to stays byte for byte', () => {
  const { config, playbook } = demoConfig();
  const dir = tmp();
  const f = timeline(dir);
  const victim = join(tmp(), 'authorized_keys');
  const precious = 'ssh-ed25519 AAAA precious\n';
  writeFileSync(victim, precious);
  symlinkSync(victim, `${dir}/2026-11-23-docuseal.md.tmp`);
  const r = resolveIncident(f, playbook, config, T0 + 42 * 60_000);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(readFileSync(victim, 'utf8'), precious);
  assert.ok(lstatSync(`${dir}/2026-11-23-docuseal.md.tmp`).isSymbolicLink(), 'the planted link is left as it was');
  assert.ok(lstatSync(r.postmortem).isFile());
  assert.match(readFileSync(r.postmortem, 'utf8'), /\n- Resolved: 2026-11-23T14:42:00.000Z\n- Duration: 42m\n/);
  assert.deepEqual(
    readdirSync(dir).sort(),
    ['2026-11-23-docuseal.jsonl', '2026-11-23-docuseal.md', '2026-11-23-docuseal.md.tmp'],
    'no temporary file left behind',
  );
});

test('a symlink at the postmortem itself is replaced by the file, not written through', () => {
  const dir = tmp();
  const victim = join(tmp(), 'victim');
  writeFileSync(victim, 'keep me\n');
  symlinkSync(victim, join(dir, 'x.md'));
  assert.deepEqual(writeFileAtomic(join(dir, 'x.md'), 'postmortem\n'), { ok: true });
  assert.equal(readFileSync(victim, 'utf8'), 'keep me\n');
  assert.ok(lstatSync(join(dir, 'x.md')).isFile());
  assert.equal(readFileSync(join(dir, 'x.md'), 'utf8'), 'postmortem\n');
  assert.deepEqual(readdirSync(dir), ['x.md']);
});

test("a symlink at the timeline's name is not appended through: the file it points to stays byte for byte", () => {
  const dir = tmp();
  const victim = join(tmp(), '.bashrc');
  writeFileSync(victim, 'alias ll="ls -l"\n');
  const f = join(dir, '2026-11-23-docuseal.jsonl');
  symlinkSync(victim, f);
  assert.deepEqual(appendEvent(f, { t: T0, kind: 'opened', playbook: 'docuseal', severity: 'P2' }), {
    ok: false,
    error: { path: f, code: 'ELOOP', message: `cannot write ${f}: a symbolic link, which is not followed (or a loop of them) (ELOOP)` },
  });
  assert.equal(readFileSync(victim, 'utf8'), 'alias ll="ls -l"\n');
});

test('resolving twice records one `resolved` and leaves the same postmortem, byte for byte', () => {
  const { config, playbook } = demoConfig();
  const f = timeline(tmp());
  const first = resolveIncident(f, playbook, config, T0 + 30 * 60_000);
  assert.ok(first.ok && !first.already);
  const md = readFileSync(first.postmortem, 'utf8');
  const second = resolveIncident(f, playbook, config, T0 + 50 * 60_000);
  assert.ok(second.ok && second.already);
  assert.equal(second.postmortem, first.postmortem);
  assert.equal(readFileSync(second.postmortem, 'utf8'), md);
  assert.equal(resolvedCount(f), 1);
  assert.match(md, /\n- Resolved: 2026-11-23T14:30:00.000Z\n- Duration: 30m\n/);
  assert.match(md, /\n- 14:01:00 Note on DocuSeal health endpoint: health is 503\n- 14:30:00 Resolved\n/);
});

test('the postmortem is built from the file: a note another terminal wrote after the resolve is in the next one', () => {
  const { config, playbook } = demoConfig();
  const f = timeline(tmp());
  const first = resolveIncident(f, playbook, config, T0 + 30 * 60_000);
  assert.ok(first.ok);
  appendEvent(f, { t: T0 + 31 * 60_000, kind: 'note', step: null, text: 'from the other terminal' });
  const again = writePostmortem(f, playbook, config);
  assert.ok(again.ok);
  const md = readFileSync(again.file, 'utf8');
  assert.match(md, /\n- 14:30:00 Resolved\n- 14:31:00 Note: from the other terminal\n/);
  assert.match(md, /\n- Resolved: 2026-11-23T14:30:00.000Z\n/, 'still resolved when it first was');
});

test('two processes resolving one incident at once: one postmortem with both notes, shown resolved once', async () => {
  const dir = tmp();
  const f = timeline(dir);
  appendEvent(f, { t: T0 + 61_000, kind: 'note', step: null, text: 'note from terminal B' });
  const resolver = (at: number) =>
    new Promise<number | null>((done) => {
      const code = [
        `const { parseConfig } = await import(${JSON.stringify(join(ROOT, 'dist/src/config/load.js'))});`,
        `const { resolveIncident } = await import(${JSON.stringify(join(ROOT, 'dist/src/incident/resolve.js'))});`,
        `const r = parseConfig(${JSON.stringify(DEMO)}, ${JSON.stringify(ENV)});`,
        `const out = resolveIncident(${JSON.stringify(f)}, r.config.playbooks.find((p) => p.id === 'docuseal'), r.config, ${at});`,
        `process.exitCode = out.ok ? 0 : 1;`,
      ].join('\n');
      spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' }).on('close', done);
    });
  assert.deepEqual(await Promise.all([resolver(T0 + 40 * 60_000), resolver(T0 + 40 * 60_000)]), [0, 0]);
  const r = readIncident(f);
  assert.ok(r.ok && r.incident);
  assert.ok(resolvedCount(f) >= 1 && resolvedCount(f) <= 2, 'each may have recorded it; the first counts');
  const md = readFileSync(join(dir, '2026-11-23-docuseal.md'), 'utf8');
  assert.match(
    md,
    /\n- 14:01:00 Note on DocuSeal health endpoint: health is 503\n- 14:01:01 Note: note from terminal B\n- 14:40:00 Resolved\n\n## Links\n\n- DocuSeal API error rate: Prometheus <http:\/\/127\.0\.0\.1:9090\/graph\?g0\.expr=[^>\s]+&g0\.tab=0&g0\.range_input=40m&g0\.end_input=2026-11-23%2014%3A40%3A00>\n\n## Root cause/,
  );
  // The graph covers the incident: opened 14:00, resolved 14:40, so 40 minutes ending at 14:40 UTC.
  assert.deepEqual(readdirSync(dir).sort(), ['2026-11-23-docuseal.jsonl', '2026-11-23-docuseal.md']);
});

test('a playbook id that would name a file outside incidents.dir is a config error, and the store refuses it too', () => {
  const bad = (id: string) => {
    const r = parseConfig(
      DEMO.replace('  - id: docuseal\n', `  - id: ${JSON.stringify(id)}\n`).replace('playbook: docuseal', `playbook: ${JSON.stringify(id)}`),
      ENV,
    );
    assert.ok(!r.ok, id);
    return r.errors.map((e) => `${e.path}: ${e.message}`);
  };
  assert.deepEqual(bad('x/../../../escaped'), ['playbooks[1].id: "x/../../../escaped" may only hold letters, digits, ".", "_" and "-"']);
  assert.deepEqual(bad('..'), ['playbooks[1].id: ".." must start with a letter or digit']);
  assert.deepEqual(bad('-rf'), ['playbooks[1].id: "-rf" must start with a letter or digit']);
  assert.deepEqual(bad('a'.repeat(65)), [`playbooks[1].id: "${'a'.repeat(65)}" is longer than 64 characters (it names the incident's files)`]);
  assert.ok(
    parseConfig(DEMO.replace('  - id: docuseal\n', '  - id: DocuSeal_2.v-1\n').replace('playbook: docuseal', 'playbook: DocuSeal_2.v-1'), ENV).ok,
    'letters, digits, ".", "_" and "-" are fine',
  );
  const dir = tmp();
  assert.throws(
    () => startIncident(dir, { t: T0, kind: 'opened', playbook: 'x/../../../escaped', severity: null }),
    /refusing the file name "2026-11-23-x\/..\/..\/..\/escaped.jsonl": it would leave/,
  );
  assert.deepEqual(readdirSync(dir), []);
});
