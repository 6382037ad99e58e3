// Every sink scrubs before it shortens or writes: a cut token is no longer
// recognisable, and a file keeps whatever reaches it.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appendRecord } from '../../src/store/jsonl.js';
import { registerSecrets } from '../../src/text/redact.js';
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

test('a secret echoed back encoded is still scrubbed', async () => {
  const { redact } = await import('../../src/text/redact.js');
  const pair = 'admin:P4ss_w0rd_Secret!';
  registerSecrets([pair]);
  const basic = Buffer.from(pair).toString('base64');
  assert.equal(basic, 'YWRtaW46UDRzc193MHJkX1NlY3JldCE=');
  // Form-encoded Basic header, as a proxy echoes a query string.
  assert.equal(redact('qs=auth=Basic+YWRtaW46UDRzc193MHJkX1NlY3JldCE%3D&x=1'), 'qs=auth=Basic+***&x=1');
  assert.equal(redact('echo: Basic YWRtaW46UDRzc193MHJkX1NlY3JldCE'), 'echo: Basic ***', 'unpadded');
  // The whole header base64-encoded again, and the token at each byte offset of a longer base64 stream.
  const again = Buffer.from(`Basic ${basic}`).toString('base64');
  assert.ok(!redact(`hdr=${again}`).includes(again.slice(12, 30)), redact(`hdr=${again}`));
  for (const prefix of ['', 'x', 'xy']) {
    const stream = Buffer.from(`${prefix}Authorization: Bearer ${TOKEN} end`).toString('base64');
    const out = redact(stream);
    assert.ok(out.includes('***'), `offset ${prefix.length}: ${out}`);
    assert.ok(out.length < stream.length - 40, `offset ${prefix.length}: most of the token's encoding is gone`);
  }
  // Hex, lower-case percent-encoding, JSON with escaped slashes.
  assert.equal(redact(`hex ${Buffer.from(TOKEN).toString('hex')}`), 'hex ***');
  const slashy = 'tok/with/slashes_9f8e7d';
  registerSecrets([slashy]);
  assert.equal(redact(`{"t":"tok\\/with\\/slashes_9f8e7d"}`), '{"t":"***"}');
  assert.equal(redact('t=tok%2fwith%2fslashes_9f8e7d'), 't=***');
});

test('credentials in a URL query are scrubbed wherever the URL shows', async () => {
  const { redact } = await import('../../src/text/redact.js');
  assert.equal(redact('GET http://127.0.0.1:9/health?token=abc123def&x=1 -> 401'), 'GET http://127.0.0.1:9/health?token=***&x=1 -> 401');
  assert.equal(redact('url /?api_key=QS_SECRET_VALUE_9876'), 'url /?api_key=***');
  assert.equal(redact('s3 ?X-Amz-Credential=AKIA123%2F2026&X-Amz-Signature=deadbeef'), 's3 ?X-Amz-Credential=***&X-Amz-Signature=***');
  assert.equal(redact('GET /api/v1/query?query=up&time=1'), 'GET /api/v1/query?query=up&time=1', 'an ordinary query string is left alone');
});
