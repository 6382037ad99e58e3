// A token or password never appears in any output: not in errors from a 401,
// not when a server echoes it back, not in doctor or validate output.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fixtureServer } from '../helpers/fixture-server.js';
import { fixture } from '../helpers/paths.js';

const TOKEN = 'sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_SECRETSECRET';
const PASSWORD = 'hunter2-prometheus-pw';

// This server rejects the token, and (as some proxies do) quotes the request back in its errors.
const server = await fixtureServer((req) => {
  if (req.path.startsWith('/api/0/')) return { status: 401, body: fixture('sentry/error_401_invalid_token.json') };
  if (req.path === '/-/ready') return { status: 200, body: fixture('prometheus/ready_200.txt') };
  if (req.path === '/api/v1/status/buildinfo') return { status: 200, body: fixture('prometheus/status_buildinfo.json') };
  return {
    status: 400,
    body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `bad request from ${req.headers.authorization} with ${PASSWORD}` }),
  };
});
after(() => server.close());

const dir = mkdtempSync(join(tmpdir(), 'oncall-secret-'));
const file = join(dir, 'oncall.yaml');
writeFileSync(
  file,
  `version: 1
service: secrets
sources:
  prometheus: { url: "${server.url.replace('http://', `http://admin:${PASSWORD}@`)}" }
  sentry: { url: "${server.url}", org: acme, token: "\${SENTRY_AUTH_TOKEN}" }
slos:
  - { id: S1, name: p95, source: prometheus, query: "up", unit: count, objective: "> 0" }
alerts:
  - { id: A1, source: sentry, query: "event.type:error", condition: "> 50 in 5m" }
`,
);

const env = { SENTRY_AUTH_TOKEN: TOKEN };
const leaks = (text: string) => [TOKEN, PASSWORD, Buffer.from(`admin:${PASSWORD}`).toString('base64')].filter((s) => text.includes(s));

test('a 401 and an echoing server: the errors are shown, the secrets are not', async () => {
  const r = await runCli(['watch', '--once', '--config', file], env);
  assert.equal(r.code, 3);
  assert.deepEqual(leaks(r.stdout + r.stderr), []);
  assert.match(r.stdout, /auth: Invalid token \(http 401\)/);
  assert.match(r.stdout, /bad request from Basic \*\*\* with \*\*\*/, 'the echoed secrets are masked, the rest of the message kept');
  const json = await runCli(['watch', '--once', '--json', '--config', file], env);
  assert.deepEqual(leaks(json.stdout + json.stderr), []);
  assert.equal(JSON.parse(json.stdout).sources[1].error, 'auth: Invalid token (http 401)');
});

test('doctor and config errors never print the secret either', async () => {
  const d = await runCli(['doctor', '--config', file], env);
  assert.deepEqual(leaks(d.stdout + d.stderr), []);
  assert.match(d.stdout, /FAIL {2}sentry .* auth: Invalid token \(http 401\)/);
  assert.match(d.stdout, /ok {4}prometheus .*http:\/\/127\.0\.0\.1:\d+ /, 'the URL is shown without its userinfo');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, `version: 1\nservice: x\nsources:\n  sentry: { url: "not a url ${TOKEN}", org: acme, token: "${TOKEN}" }\n`);
  const v = await runCli(['validate', '--config', bad], env);
  assert.equal(v.code, 2);
  assert.deepEqual(leaks(v.stdout + v.stderr), []);
  assert.match(v.stderr, /sources\.sentry\.url: "not a url \*\*\*" is not a URL/);
});

test('a credential of the wrong type is named by its path, its value never quoted', async () => {
  const bad = join(dir, 'typed.yaml');
  writeFileSync(
    bad,
    `version: 1\nservice: x\nsources:\n  prometheus: { url: "http://127.0.0.1:9", username: admin, password: 83920174, headers: { X-Api-Key: 55512345 } }\n`,
  );
  const v = await runCli(['validate', '--config', bad]);
  assert.equal(v.code, 2);
  assert.match(v.stderr, /^sources\.prometheus\.password: the value \(a number, not shown\) is not a string$/m);
  assert.match(v.stderr, /^sources\.prometheus\.headers\.X-Api-Key: the value \(a number, not shown\) is not a string$/m);
  assert.ok(!v.stderr.includes('83920174') && !v.stderr.includes('55512345'), v.stderr);
});

test("a crash prints one scrubbed line, not Node's own trace", async () => {
  // A bug is simulated by an error thrown after start-up that quotes the token, as an error from a library can.
  const hang = await fixtureServer(() => ({ status: 200, body: '', hang: true }));
  const crashing = join(dir, 'crash.yaml');
  writeFileSync(
    crashing,
    `version: 1\nservice: x\ntimeout: 2s\nsources:\n  prometheus: { url: "${hang.url}", token: "\${SENTRY_AUTH_TOKEN}" }\nslos:\n  - { id: S1, name: up, source: prometheus, query: "up", unit: count, objective: "> 0" }\n`,
  );
  for (const kind of ['throw', 'reject']) {
    const script = join(dir, `${kind}.mjs`);
    const raise = 'new Error("boom with " + process.env.SENTRY_AUTH_TOKEN)';
    writeFileSync(script, `setTimeout(() => { ${kind === 'throw' ? `throw ${raise}` : `Promise.reject(${raise})`}; }, 300);\n`);
    const r = await runCli(['watch', '--once', '--config', crashing], { ...env, NODE_OPTIONS: `--import=${script}` });
    assert.equal(r.code, 70, r.stderr);
    assert.equal(r.stderr, 'oncall: internal error: boom with *** (ONCALL_DEBUG=1 shows where)\n');
    assert.deepEqual(leaks(r.stdout + r.stderr), []);
  }
  await hang.close();
});
