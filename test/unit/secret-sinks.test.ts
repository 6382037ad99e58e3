// Every sink scrubs before it shortens or writes: a cut token is no longer
// recognisable, and a file keeps whatever reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSecrets } from '../../src/sources/redact.js';
import { appendRecord } from '../../src/store/jsonl.js';
import { clip } from '../../src/ui/sparkline.js';

const TOKEN = 'glsa_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ';

registerSecrets([TOKEN]);

test('a token cut at the screen edge is scrubbed before it is cut', () => {
  const line = `auth failed for Bearer ${TOKEN} at /api/v1/query`;
  // 64-character token at 120 columns: clipping first would keep 58 of its characters.
  assert.equal(TOKEN.length, 64);
  assert.equal(clip(line, 60), 'auth failed for Bearer *** at /api/v1/query');
  assert.equal(clip(line, 30), 'auth failed for Bearer *** at…');
});

test('a record on disk is scrubbed, whatever field the secret is in', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'oncall-sink-')), 't.jsonl');
  appendRecord(file, { t: 1, kind: 'probe', step: 0, ok: false, summary: `401: bad token ${TOKEN}`, nested: { echo: `Authorization: Bearer ${TOKEN}` } });
  const text = readFileSync(file, 'utf8');
  assert.equal(text, '{"t":1,"kind":"probe","step":0,"ok":false,"summary":"401: bad token ***","nested":{"echo":"Authorization: Bearer ***"}}\n');
});
