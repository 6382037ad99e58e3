// At most two large answers (past 1 MB) are held at once across every
// source, one per source; the others wait unread, and their own timeout does
// not run while they wait: the wait is ours, not the server's.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { claim, HttpClient } from '../../src/sources/http.js';
import { LARGE_BYTES, largeAnswers, Slots } from '../../src/sources/slots.js';
import { fixtureServer } from '../helpers/fixture-server.js';
import { sourceDef } from '../helpers/source-def.js';

const tick = () => new Promise((r) => setImmediate(r));

test('slots: two at most, one per owner, first come first served, a wait given up on its signal', async () => {
  const slots = new Slots(2);
  const [a, b, c] = [{}, {}, {}];
  const order: string[] = [];
  const ra = await slots.acquire(a);
  const rb = await slots.acquire(b);
  assert.ok(ra && rb);
  const ac = new AbortController();
  const again = slots.acquire(a).then((r) => (order.push('a again'), r));
  const gaveUp = slots.acquire(c, ac.signal).then((r) => (order.push('c gave up'), r));
  const later = slots.acquire(c).then((r) => (order.push('c'), r));
  await tick();
  assert.deepEqual([slots.held, order], [2, []]);
  ac.abort();
  assert.equal(await gaveUp, null);
  // b's slot goes to the first waiter that may take it: not a (it holds one), so c.
  rb();
  rb();
  const rc = await later;
  assert.deepEqual(order, ['c gave up', 'c']);
  assert.equal(slots.held, 2);
  ra();
  const ra2 = await again;
  assert.deepEqual(order, ['c gave up', 'c', 'a again']);
  ra2!();
  rc!();
  assert.equal(slots.held, 0);
});

const big = 'x'.repeat(LARGE_BYTES + 1000);
const server = await fixtureServer(() => ({ status: 200, body: big }));
after(() => server.close());

test('a third large answer waits for a slot, unread, past its own timeout, and is whole once it has one', async () => {
  const clients = [1, 2, 3].map((i) => new HttpClient(sourceDef('prometheus', server.url, { name: `s${i}`, timeoutMs: 300 })));
  try {
    const held = [];
    for (const c of clients.slice(0, 2)) {
      const r = await c.send({ path: '/x' });
      assert.ok(r.ok);
      // Claimed, as the decoder does: the slot stays taken until released.
      held.push(claim(r.value)!);
    }
    assert.equal(largeAnswers.held, 2);
    let done = false;
    const third = clients[2].send({ path: '/x' }).then((r) => ((done = true), r));
    // Twice its timeout: a clock that ran while it waited would have failed it.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(done, false);
    held[0].release();
    const r = await third;
    assert.ok(r.ok, r.ok ? '' : r.failure.message);
    assert.equal(r.value.body.length, big.length);
    held[1].release();
    // Nobody claimed the third: its slot is given back on the next turn.
    await tick();
    assert.equal(largeAnswers.held, 0);
  } finally {
    for (const c of clients) await c.close();
  }
});

test('a large body is decoded only when read, and reads as the text it was', async () => {
  const c = new HttpClient(sourceDef('prometheus', server.url));
  try {
    const r = await c.send({ path: '/x' });
    assert.ok(r.ok);
    const h = claim(r.value)!;
    assert.equal(h.bytes.length, big.length);
    assert.equal(r.value.body, big);
    h.release();
  } finally {
    await c.close();
  }
});
