// Lines a checklist, timeline or deploys file may hold that are not records of
// its kind: each is left out and counted, and the rest opens as before.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { postmortem } from '../../src/engine/postmortem.js';
import { readProgress } from '../../src/store/checklist.js';
import { readLatestDeploy } from '../../src/store/deploys.js';
import { readIncident } from '../../src/store/timeline.js';
import { ROOT } from '../helpers/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oncall-bad-'));
const T0 = Date.parse('2026-11-23T14:00:00Z');
/** Not records of any kind: JSON of another type, an object without kind, a torn line. */
const JUNK = ['null', '42', '"x"', '[]', '{"t":1,"text":"no kind"}', `{"t":${T0},"kind":"mystery"}`];
const lines = (...l: string[]) => `${l.join('\n')}\n`;

test('a timeline with junk lines and a probe without summary opens; 9 lines are left out and counted', () => {
  const f = join(tmp(), '2026-11-23-docuseal.jsonl');
  writeFileSync(
    f,
    `${lines(
      `{"t":${T0},"kind":"opened","playbook":"docuseal","severity":"P2"}`,
      ...JUNK,
      `{"t":${T0 + 1000},"kind":"probe","step":0,"ok":false}`,
      `{"t":1e300,"kind":"note","step":null,"text":"stamped past the end of time"}`,
      `{"t":${T0 + 2000},"kind":"step","step":-1,"state":"done"}`,
      `{"t":${T0 + 60_000},"kind":"note","step":0,"text":"kept"}`,
      `{"t":${T0 + 70_000},"kind":"severity","from":"P2","to":"constructor"}`,
    )}{"t":`,
  );
  const r = readIncident(f);
  assert.ok(r.ok && r.incident);
  const inc = r.incident;
  assert.equal(inc.skipped, 6 + 3 + 1, 'six junk lines, three of the wrong shape, one torn');
  assert.deepEqual(
    inc.events.map((e) => e.kind),
    ['opened', 'note', 'severity'],
  );
  assert.deepEqual(inc.notes, [{ t: T0 + 60_000, step: 0, text: 'kept' }]);
  assert.deepEqual(inc.probes, {});

  // The postmortem of such a file: a severity that is no key of the config is shown as is, and the gap is said.
  const c = parseConfig(readFileSync(join(ROOT, 'examples/demo.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 't', DOCUSEAL_HOST: 'https://d' });
  assert.ok(c.ok);
  const md = postmortem(inc, c.config.playbooks.find((p) => p.id === 'docuseal')!, c.config, null);
  assert.match(md, /\n- Severity: constructor\n/);
  assert.match(md, /\n- Resolved: not yet\n- Duration: not over\n/);
  assert.match(
    md,
    /\n- 14:01:00 Note on DocuSeal health endpoint: kept\n- 14:01:10 Severity P2 -> constructor\n\n_10 lines of the timeline could not be read and are left out._\n/,
  );
});

test('a checklist round with junk lines replays the good ones and counts the rest', () => {
  const f = join(tmp(), 'round.jsonl');
  writeFileSync(
    f,
    lines(
      `{"t":${T0},"kind":"tick","key":"0:","done":true}`,
      ...JUNK,
      `{"t":${T0},"kind":"tick","key":"1:"}`,
      `{"t":${T0},"kind":"note","key":"0:","text":"dashboard green"}`,
    ),
  );
  assert.deepEqual(readProgress(f), { ok: true, progress: { done: { '0:': true }, notes: { '0:': 'dashboard green' } }, skipped: 7 });
});

test('a deploys file with junk lines gives the latest good deploy', () => {
  const dir = tmp();
  const f = join(dir, 'deploys', 'practice-hub.jsonl');
  mkdirSync(dirname(f));
  const good = {
    id: '2026-11-23T08:00:00.000Z',
    service: 'practice-hub',
    environment: 'production',
    at: Date.parse('2026-11-23T08:00:00Z'),
    release: 'v42',
    recordedAt: 1,
  };
  writeFileSync(f, lines(...JUNK, JSON.stringify(good), '{"id":"x","service":"practice-hub","environment":null,"at":"soon","release":null,"recordedAt":2}'));
  assert.deepEqual(readLatestDeploy(dir, 'practice-hub', 'production'), { ok: true, deploy: good });
});

test('a file that cannot be read is an error value naming it, not a throw', () => {
  const dir = tmp();
  const r = readIncident(dir);
  assert.deepEqual(r, { ok: false, error: { path: dir, code: 'EISDIR', message: `cannot read ${dir}: is a directory (EISDIR)` } });
});
