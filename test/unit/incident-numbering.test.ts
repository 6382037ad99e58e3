// Playbooks `db` and `db-2`: db's second incident of a day is named
// <date>-db-2.jsonl, the name db-2's first would have. The attacker's
// sequence, step by step: the two stay separate, and no file ever gets a
// second `opened`.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { resolveIncident } from '../../src/incident/resolve.js';
import { eachIncident, latestIncident, openIncident, openOrStart, startIncident } from '../../src/store/incident-files.js';
import { appendEvent, type Incident } from '../../src/store/timeline.js';

const T0 = Date.parse('2026-11-29T09:00:00Z');
const MIN = 60_000;
const CONFIG = [
  'version: 1',
  'service: shop',
  'sources: { prometheus: { url: "http://127.0.0.1:9" } }',
  'playbooks:',
  '  - { id: db, title: Database down, steps: [{ title: Look, manual: true }] }',
  '  - { id: db-2, title: Second database down, steps: [{ title: Look, manual: true }] }',
  '',
].join('\n');

function setup() {
  const r = parseConfig(CONFIG, {});
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const [db, db2] = r.config.playbooks;
  return { config: r.config, db, db2, dir: mkdtempSync(join(tmpdir(), 'oncall-numbering-')) };
}

const opened = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"kind":"opened"'));
const must = (r: { ok: true; incident: Incident } | { ok: false }): Incident => {
  assert.ok(r.ok);
  return r.incident;
};

test('db, then db-2: each its own file, listed, opened and resolved apart; a restart adds nothing', () => {
  const { config, db, db2, dir } = setup();
  const first = must(openOrStart(dir, db, T0));
  assert.equal(first.file, join(dir, '2026-11-29-db.jsonl'));
  assert.equal(resolveIncident(first.file, db, config, T0 + 10 * MIN).ok, true);

  const second = must(openOrStart(dir, db, T0 + 20 * MIN));
  assert.deepEqual([second.file, second.playbook], [join(dir, '2026-11-29-db-2.jsonl'), 'db']);

  // `oncall incident db-2`: not db's file, whatever its name says.
  const other = must(openOrStart(dir, db2, T0 + 30 * MIN));
  assert.deepEqual([other.file, other.playbook, other.openedAt], [join(dir, '2026-11-29-db-2-2.jsonl'), 'db-2', T0 + 30 * MIN]);
  assert.equal(appendEvent(other.file, { t: T0 + 31 * MIN, kind: 'note', step: null, text: 'replica lag' }).ok, true);

  // Restarting either screen finds its own incident and writes nothing.
  assert.equal(must(openOrStart(dir, db2, T0 + 40 * MIN)).file, other.file);
  assert.equal(must(openOrStart(dir, db, T0 + 40 * MIN)).file, second.file);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) assert.equal(opened(join(dir, f)).length, 1, `${f} has one opened`);

  // Resolving db-2 leaves db's second incident open, and its file as it was.
  const dbFile = readFileSync(second.file, 'utf8');
  assert.equal(resolveIncident(other.file, db2, config, T0 + 50 * MIN).ok, true);
  assert.equal(readFileSync(second.file, 'utf8'), dbFile);
  assert.deepEqual(openIncident(dir, 'db-2'), { ok: true, incident: null });
  const stillOpen = openIncident(dir, 'db');
  assert.deepEqual(stillOpen.ok && [stillOpen.incident?.file, stillOpen.incident?.resolvedAt], [second.file, null]);
  const last = latestIncident(dir, 'db-2');
  assert.deepEqual(last.ok && [last.incident?.file, last.incident?.resolvedAt, last.incident?.notes.map((n) => n.text)], [
    other.file,
    T0 + 50 * MIN,
    ['replica lag'],
  ]);

  const all: string[] = [];
  assert.deepEqual(
    eachIncident(dir, undefined, (inc) => all.push(`${inc.playbook} ${inc.resolvedAt === null ? 'open' : 'resolved'}`)),
    [],
  );
  assert.deepEqual(all, ['db resolved', 'db open', 'db-2 resolved']);
  assert.deepEqual(readdirSync(dir).sort(), [
    '2026-11-29-db-2-2.jsonl',
    '2026-11-29-db-2-2.md',
    '2026-11-29-db-2.jsonl',
    '2026-11-29-db.jsonl',
    '2026-11-29-db.md',
  ]);
});

test('a new timeline never opens an existing file: a file or a link at the name means the next number', () => {
  const { dir } = setup();
  writeFileSync(join(dir, '2026-11-29-db-2.jsonl'), '');
  symlinkSync(join(dir, 'elsewhere.jsonl'), join(dir, '2026-11-29-db-2-2.jsonl'));
  assert.deepEqual(startIncident(dir, { t: T0, kind: 'opened', playbook: 'db-2', severity: null }), { ok: true, file: join(dir, '2026-11-29-db-2-3.jsonl') });
  assert.equal(readFileSync(join(dir, '2026-11-29-db-2.jsonl'), 'utf8'), '');
  assert.deepEqual(
    readdirSync(dir).sort(),
    ['2026-11-29-db-2-2.jsonl', '2026-11-29-db-2-3.jsonl', '2026-11-29-db-2.jsonl'],
    'nothing created through the dangling link',
  );
});

test('the tenth incident of a day counts as later than the second', () => {
  const { dir } = setup();
  for (let n = 1; n <= 10; n++) assert.equal(startIncident(dir, { t: T0, kind: 'opened', playbook: 'db', severity: null }).ok, true);
  const open = openIncident(dir, 'db');
  assert.equal(open.ok && open.incident?.file, join(dir, '2026-11-29-db-10.jsonl'));
});
