// An HTTP probe against a server whose 200 never ends, or trickles: the body
// is read only when `expect.body` needs it, never past 1 MB, and within the
// probe's one timeout for headers and body together.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { httpProbe } from '../../src/poller/probes.js';
import { type HostileServer, hostileServer } from '../helpers/hostile-server.js';

const opts = { timeout: 20_000 };
const ms = /in \d+ms/;

async function settled(h: HostileServer): Promise<string> {
  // The server sees the client hang up a moment after the probe returns.
  for (let i = 0; i < 200 && h.seen[0]?.state === 'open'; i++) await new Promise((r) => setTimeout(r, 10));
  return h.seen[0]?.state ?? 'none';
}

test('an endless 200 with only a status expected: passes without reading the body, and the connection is dropped', opts, async () => {
  const h = await hostileServer('endless');
  try {
    const r = await httpProbe(`${h.url}/health`, 'GET', 200, undefined, 5000);
    assert.deepEqual({ ...r, summary: r.summary.replace(ms, 'in Nms') }, { ok: true, summary: `GET ${h.url}/health -> 200 in Nms ✓` });
    assert.equal(await settled(h), 'cut');
  } finally {
    await h.close();
  }
});

test('an endless 200 with a body expected: fails once 1 MB is read, saying so', opts, async () => {
  const h = await hostileServer('endless');
  try {
    const r = await httpProbe(`${h.url}/health`, 'GET', 200, 'never-in-it', 5000);
    assert.deepEqual(
      { ...r, summary: r.summary.replace(ms, 'in Nms') },
      { ok: false, summary: `GET ${h.url}/health -> 200 in Nms ✗ (body larger than 1MB, not read further)` },
    );
    assert.equal(await settled(h), 'cut');
  } finally {
    await h.close();
  }
});

test('a body that trickles past the timeout fails the probe: the timeout covers the body too', opts, async () => {
  const h = await hostileServer('slow-body', { intervalMs: 20 });
  try {
    const r = await httpProbe(`${h.url}/health`, 'GET', 200, 'never-in-it', 400);
    assert.deepEqual(r, { ok: false, summary: `GET ${h.url}/health -> 200, body not complete in 400ms ✗` });
  } finally {
    await h.close();
  }
});

test('a small body is read and matched; a wrong status is not read at all', opts, async () => {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 503, { 'content-type': 'text/plain' });
    res.end('status: ready\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const norm = (r: { ok: boolean; summary: string }) => ({ ...r, summary: r.summary.replace(ms, 'in Nms') });
    assert.deepEqual(norm(await httpProbe(`${url}/health`, 'GET', 200, 'ready', 5000)), { ok: true, summary: `GET ${url}/health -> 200 in Nms ✓` });
    assert.deepEqual(norm(await httpProbe(`${url}/health`, 'GET', 200, 'green', 5000)), {
      ok: false,
      summary: `GET ${url}/health -> 200 in Nms ✗ (body lacks "green")`,
    });
    assert.deepEqual(norm(await httpProbe(`${url}/other`, 'GET', 200, 'ready', 5000)), {
      ok: false,
      summary: `GET ${url}/other -> 503 in Nms ✗ (expected 200)`,
    });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
