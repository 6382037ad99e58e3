// A disk that is really full (a 64 KiB tmpfs, filled): a refused write is a
// value naming the file, the file stays as it was byte for byte, and resolving
// never closes an incident without its postmortem. Needs root (tmpfsDisk says so).

import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { resolveIncident } from '../../src/incident/resolve.js';
import { writeFileAtomic } from '../../src/store/atomic.js';
import { appendRecord } from '../../src/store/jsonl.js';
import { appendEvent, readIncident } from '../../src/store/timeline.js';
import { type FullDisk, tmpfsDisk } from '../helpers/full-disk.js';
import { ROOT } from '../helpers/paths.js';

const PAGE = 4096;
const T0 = Date.parse('2026-11-23T14:00:00Z');
const disks: FullDisk[] = [];
after(() => disks.forEach((d) => d.close()));
function disk(): FullDisk {
  const d = tmpfsDisk();
  disks.push(d);
  return d;
}
const enospc = (path: string) => ({ ok: false, error: { path, code: 'ENOSPC', message: `cannot write ${path}: no space left on device (ENOSPC)` } });

test('an append to a full disk is refused as a value; the file is unchanged, a new one is not left empty', () => {
  const d = disk();
  const f = join(d.dir, 'round.jsonl');
  appendRecord(f, { t: 1, kind: 'tick', key: '0:', done: true });
  // Fill the file's page too, so the next record needs a page the disk has not got.
  writeFileSync(f, `${readFileSync(f, 'utf8')}${'\n'.repeat(PAGE - readFileSync(f).length)}`);
  d.fill();
  const before = readFileSync(f);
  assert.deepEqual(appendRecord(f, { t: 2, kind: 'tick', key: '1:', done: true }), enospc(f));
  assert.deepEqual(readFileSync(f), before);
  const fresh = join(d.dir, 'fresh.jsonl');
  assert.deepEqual(appendRecord(fresh, { t: 3 }), enospc(fresh));
  assert.ok(!readdirSync(d.dir).includes('fresh.jsonl'), 'no empty file left behind');
  d.free();
  assert.deepEqual(appendRecord(f, { t: 2, kind: 'tick', key: '1:', done: true }), { ok: true });
});

test('a record the disk takes only part of is taken back whole: nothing of it is read later', () => {
  const d = disk();
  // 30 bytes left in the file's last page, none elsewhere: a write of more is cut short.
  const f = join(d.dir, 'timeline.jsonl');
  const probe = join(d.dir, 'probe.jsonl');
  const head = `{"t":${T0},"kind":"opened","playbook":"docuseal","severity":null}\n`;
  writeFileSync(f, head + '\n'.repeat(PAGE - 30 - head.length));
  writeFileSync(probe, '\n'.repeat(PAGE - 30));
  d.fill();
  const record = { t: T0 + 1, kind: 'note', step: null, text: 'x'.repeat(100) };
  // The premise: the kernel takes 30 of the bytes and says so only in the count.
  const fd = openSync(probe, 'a');
  assert.equal(writeSync(fd, `${JSON.stringify(record)}\n`), 30);
  closeSync(fd);
  const before = readFileSync(f);
  assert.deepEqual(appendRecord(f, record), enospc(f));
  assert.deepEqual(readFileSync(f), before);
  const r = readIncident(f);
  assert.ok(r.ok && r.incident);
  assert.deepEqual([r.incident.events.length, r.incident.skipped], [1, 0]);
});

test('an atomic write to a full disk leaves the old file as it was and no temporary file', () => {
  const d = disk();
  const f = join(d.dir, 'x.md');
  writeFileSync(f, 'the old postmortem\n');
  d.fill();
  assert.deepEqual(writeFileAtomic(f, 'y'.repeat(2 * PAGE)), enospc(f));
  assert.equal(readFileSync(f, 'utf8'), 'the old postmortem\n');
  assert.deepEqual(readdirSync(d.dir).sort(), ['.ballast', 'x.md']);
  d.free();
  assert.deepEqual(writeFileAtomic(f, 'the new one\n'), { ok: true });
  assert.equal(readFileSync(f, 'utf8'), 'the new one\n');
});

function docuseal() {
  const r = parseConfig(readFileSync(join(ROOT, 'examples/demo.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 't', DOCUSEAL_HOST: 'https://d' });
  assert.ok(r.ok);
  return { config: r.config, playbook: r.config.playbooks.find((p) => p.id === 'docuseal')! };
}

test('full at resolve: no postmortem means no `resolved`; the incident stays open and resolves once there is room', () => {
  const { config, playbook } = docuseal();
  const d = disk();
  const f = join(d.dir, '2026-11-23-docuseal.jsonl');
  appendEvent(f, { t: T0, kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  d.fill();
  const before = readFileSync(f);
  const md = join(d.dir, '2026-11-23-docuseal.md');
  assert.deepEqual(resolveIncident(f, playbook, config, T0 + 600_000), enospc(md));
  assert.deepEqual(readFileSync(f), before, 'resolved is not recorded');
  assert.deepEqual(readdirSync(d.dir).sort(), ['.ballast', '2026-11-23-docuseal.jsonl']);
  d.free();
  const r = resolveIncident(f, playbook, config, T0 + 660_000);
  assert.ok(r.ok && !r.already);
  assert.match(readFileSync(md, 'utf8'), /\n- Resolved: 2026-11-23T14:11:00.000Z\n/);
});

test('room for the postmortem but not for `resolved`: it says so, the incident stays open, and R again closes it', () => {
  const { config, playbook } = docuseal();
  const d = disk();
  const f = join(d.dir, '2026-11-23-docuseal.jsonl');
  appendEvent(f, { t: T0, kind: 'opened', playbook: 'docuseal', severity: 'P2' });
  // The timeline's page full, and exactly one page free on the disk: the postmortem's.
  writeFileSync(f, `${readFileSync(f, 'utf8')}${'\n'.repeat(PAGE - readFileSync(f).length)}`);
  const spare = join(d.dir, 'spare');
  writeFileSync(spare, 'z'.repeat(PAGE));
  d.fill();
  rmSync(spare);
  const md = join(d.dir, '2026-11-23-docuseal.md');
  const r = resolveIncident(f, playbook, config, T0 + 600_000);
  assert.deepEqual(r, { ...enospc(f), postmortem: md });
  const open = readIncident(f);
  assert.ok(open.ok && open.incident && open.incident.resolvedAt === null, 'still open');
  assert.match(readFileSync(md, 'utf8'), /\n- Resolved: 2026-11-23T14:10:00.000Z\n/);
  d.free();
  const again = resolveIncident(f, playbook, config, T0 + 700_000);
  assert.ok(again.ok && !again.already);
  assert.match(readFileSync(md, 'utf8'), /\n- Resolved: 2026-11-23T14:11:40.000Z\n/);
});
