// The built CLI against backends that misbehave at the transport: each ends
// with a stale source and its reason (exit 3), never a stack trace.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { hostileServer } from '../helpers/hostile-server.js';

const dir = mkdtempSync(join(tmpdir(), 'oncall-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function configFor(url: string, limit = ''): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `version: 1
service: hostile
timeout: 1s
sources:
  prometheus: { url: "${url}"${limit} }
  sentry: { url: "${url}", org: acme, token: sntrys_hostile_token }
slos:
  - { id: UP, name: up, source: prometheus, query: up, unit: count, objective: ">= 1" }
alerts:
  - { id: ERR, source: sentry, query: "event.type:error", condition: "> 50 in 5m" }
`,
  );
  return file;
}

test('doctor against a Sentry that trickles its body: a timeout line, exit 3, no stack', async () => {
  const h = await hostileServer('slow-body', { intervalMs: 100 });
  try {
    const r = await runCli(['doctor', '--config', configFor(h.url)]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /FAIL {2}sentry .* timeout after 1s/);
    assert.doesNotMatch(r.stderr, /at |Exception|TimeoutError/);
  } finally {
    await h.close();
  }
});

test('watch --once against endless bodies: each source down with the limit it hit', async () => {
  const h = await hostileServer('endless');
  try {
    const r = await runCli(['watch', '--once', '--json', '--config', configFor(h.url, ', body_size_limit: 2MB')]);
    assert.equal(r.code, 3, r.stderr);
    const doc = JSON.parse(r.stdout) as { sources: Array<{ name: string; error: string }> };
    assert.deepEqual(
      doc.sources.map((s) => `${s.name}: ${s.error}`),
      ['prometheus: bad payload: answer larger than 2MB (body_size_limit)', 'sentry: bad payload: answer larger than 16MB (body_size_limit)'],
    );
  } finally {
    await h.close();
  }
});
