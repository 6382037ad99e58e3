import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as z from 'zod';
import { loadProgress, replay, saveEvent, slotFile } from '../../src/store/checklist.js';
import { latestDeploy, recordDeploy } from '../../src/store/deploys.js';
import { appendRecord, readJsonl } from '../../src/store/jsonl.js';
import { stateDir } from '../../src/store/state-dir.js';
import { ROOT } from '../helpers/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-store-'));

test('a line torn by a crash mid-write is skipped, the rest is read', () => {
  const f = join(tmp(), 'x.jsonl');
  appendRecord(f, { a: 1 });
  appendRecord(f, { a: 2 });
  appendFileSync(f, '{"a":3,"b":');
  const a = z.object({ a: z.number() });
  assert.deepEqual(readJsonl(f, a), { ok: true, records: [{ a: 1 }, { a: 2 }], skipped: 1 });
  appendRecord(f, { a: 4 });
  assert.deepEqual(readJsonl(f, a), { ok: true, records: [{ a: 1 }, { a: 2 }, { a: 4 }], skipped: 1 }, 'a later append after the torn line still reads');
  assert.deepEqual(readJsonl(join(tmp(), 'missing.jsonl'), a), { ok: true, records: [], skipped: 0 });
});

test('ticks and notes replay to the last word on each check', () => {
  const p = replay([
    { t: 1, kind: 'tick', key: '0:', done: true },
    { t: 2, kind: 'note', key: '0:', text: 'dashboard green' },
    { t: 3, kind: 'tick', key: '2:', done: true },
    { t: 4, kind: 'tick', key: '2:', done: false },
    { t: 5, kind: 'note', key: '0:', text: 'dashboard green, p95 420ms' },
  ]);
  assert.deepEqual(p, { done: { '0:': true, '2:': false }, notes: { '0:': 'dashboard green, p95 420ms' } });
});

test('two writers on one slot file: every record survives, none interleaved', async () => {
  const f = join(tmp(), 'slot.jsonl');
  const writer = (who: string) =>
    new Promise<number | null>((resolve) => {
      const code = `import('${join(ROOT, 'dist/src/store/checklist.js')}').then((m) => { for (let i = 0; i < 300; i++) m.saveEvent(${JSON.stringify(f)}, { t: i, kind: 'note', key: '${who}:' + i, text: '${who}'.repeat(40) }); })`;
      spawn(process.execPath, ['-e', code], { stdio: 'inherit' }).on('close', resolve);
    });
  assert.deepEqual(await Promise.all([writer('a'), writer('b')]), [0, 0]);
  // A writer that looks at the last byte while the other is mid-append may start on a fresh
  // line it did not need: an empty line, which readers skip. No record may be lost or mixed.
  const lines = readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  assert.equal(lines.length, 600);
  for (const l of lines) JSON.parse(l);
  const p = loadProgress(f);
  assert.equal(Object.keys(p.notes).length, 600);
});

test('deploys: the latest by deploy time, per service and environment', () => {
  const dir = tmp();
  recordDeploy(dir, { service: 'practice-hub', environment: 'production', at: Date.parse('2026-11-23T06:00:00Z'), release: 'v41' }, 1);
  recordDeploy(dir, { service: 'practice-hub', environment: 'production', at: Date.parse('2026-11-23T08:00:00Z'), release: 'v42' }, 2);
  recordDeploy(dir, { service: 'practice-hub', environment: 'staging', at: Date.parse('2026-11-23T09:00:00Z'), release: 'v43' }, 3);
  recordDeploy(dir, { service: 'practice-hub', environment: 'production', at: Date.parse('2026-11-23T07:00:00Z'), release: 'v41.1' }, 4);
  assert.equal(latestDeploy(dir, 'practice-hub', 'production')?.release, 'v42');
  assert.equal(latestDeploy(dir, 'practice-hub', 'staging')?.id, '2026-11-23T09:00:00.000Z');
  assert.equal(latestDeploy(dir, 'other', null), null);
});

test('state dir: --state-dir, else $XDG_STATE_HOME/oncall, else ~/.local/state/oncall; slot files per deploy and round', () => {
  assert.equal(stateDir('/x/y'), '/x/y');
  assert.equal(stateDir(undefined, { XDG_STATE_HOME: '/s' }), '/s/oncall');
  assert.equal(stateDir(undefined, { HOME: '/home/op' }), '/home/op/.local/state/oncall');
  assert.equal(
    slotFile('/s', { service: 'practice-hub', deployId: '2026-11-23T08:00:00.000Z', phase: 'Hours 2-6', index: 0 }),
    '/s/checks/practice-hub/2026-11-23t08-00-00-000z/hours-2-6-1.jsonl',
  );
  const f = join(tmp(), 'p.jsonl');
  saveEvent(f, { t: 1, kind: 'tick', key: '0:', done: true });
  assert.deepEqual(loadProgress(f).done, { '0:': true });
});
