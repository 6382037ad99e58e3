// A 300-character service name once failed deploy and check with "file name
// too long" (exit 3). Validation bounds service and environment with a path-
// named error, and slug() keeps any name it makes a file of short enough.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { loadProgress, saveEvent, slotFile } from '../../src/store/checklist.js';
import { slug } from '../../src/store/state-dir.js';
import { runCli } from '../helpers/cli.js';

const config = (head: string[]) => [...head, 'sources: { prometheus: { url: "http://127.0.0.1:9" } }', ''].join('\n');
const errorsOf = (yaml: string) => {
  const r = parseConfig(yaml, {});
  return r.ok ? [] : r.errors;
};

test('service and environment: 1 to 100 characters, said with their path', () => {
  assert.deepEqual(errorsOf(config(['version: 1', `service: ${'s'.repeat(100)}`, `environment: ${'e'.repeat(100)}`])), []);
  assert.deepEqual(errorsOf(config(['version: 1', `service: ${'s'.repeat(300)}`, `environment: ${'e'.repeat(101)}`])), [
    { path: 'service', message: `"${'s'.repeat(20)}…" is 300 characters long, more than the 100 allowed` },
    { path: 'environment', message: `"${'e'.repeat(20)}…" is 101 characters long, more than the 100 allowed` },
  ]);
  assert.deepEqual(errorsOf(config(['version: 1', 'service: shop', 'environment: " "'])), [{ path: 'environment', message: 'must not be empty' }]);
});

test('slug: short names as before; past 80 characters cut, with a hash of the whole', () => {
  assert.equal(slug('Hours 2-6'), 'hours-2-6');
  assert.equal(slug('a'.repeat(80)), 'a'.repeat(80));
  assert.equal(slug('a'.repeat(300)), `${'a'.repeat(71)}-9835fa6b`);
  const phase = 'Hours 2-6 '.repeat(30);
  assert.equal(slug(phase), 'hours-2-6-hours-2-6-hours-2-6-hours-2-6-hours-2-6-hours-2-6-hours-2-6-h-1dd9db59');
  const f = slotFile(mkdtempSync(join(tmpdir(), 'oncall-long-')), { service: 'x'.repeat(300), deployId: 'd', phase, index: 0 });
  assert.equal(saveEvent(f, { t: 1, kind: 'tick', key: '0:', done: true }).ok, true, 'the file system takes the name');
  assert.deepEqual(loadProgress(f).done, { '0:': true });
});

test('deploy with a 300-character service: a config error naming `service`, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-long-cli-'));
  const file = join(dir, 'oncall.yaml');
  writeFileSync(file, config(['version: 1', `service: ${'s'.repeat(300)}`]));
  const r = await runCli(['deploy', '--config', file, '--state-dir', join(dir, 'state')]);
  assert.deepEqual(r, { code: 2, stdout: '', stderr: `${file}: 1 error\nservice: "${'s'.repeat(20)}…" is 300 characters long, more than the 100 allowed\n` });
});
