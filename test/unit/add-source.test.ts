// docs/architecture.md, followed: a type of source added as one folder
// (test/helpers/fake-source/, laid out as src/sources/<type>/ is) and one
// registry entry, with no other file touched. Its config loads, the poller
// asks it in its own language, and its numbers reach the snapshot.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { PanelFetcher } from '../../src/poller/panels.js';
import { Poller } from '../../src/poller/poller.js';
import { createSources, loadClients } from '../../src/sources/index.js';
import { createRegistry, SOURCE_KINDS, sourceRegistry } from '../../src/sources/registry.js';
import type { TallySource } from '../helpers/fake-source/client.js';
import { tally } from '../helpers/fake-source/kind.js';

// The one line: in src/sources/registry.ts it would be `[prometheus, loki, sentry, tally]`.
const registry = createRegistry([...SOURCE_KINDS, tally]);

const yaml = `version: 1
service: shop
refresh: 15s
sources:
  counters: { type: tally, url: "http://127.0.0.1:1", counts: { queue_depth: 0.2, errors: 2, requests: 400 } }
slos:
  - { id: QUEUE, name: Queue depth, source: counters, unit: count, objective: "< 50", query: "queue_depth over $window" }
  - { id: AVAIL, name: Availability, source: counters, objective: 99%, ratio: { errors: "errors over $window", total: "requests over $window" } }
alerts:
  - { id: ERRORS, source: counters, query: "errors over $window", condition: "> 500 in 5m" }
`;

test('a new type of source: one folder and one registry entry, from config to snapshot', async () => {
  const r = parseConfig(yaml, {}, { registry });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  // Its own fields, checked and filled by its schema (`per` left out: its default).
  assert.deepEqual(r.config.sources.counters.options, { counts: { queue_depth: 0.2, errors: 2, requests: 400 }, per: 'second' });

  const sources = createSources(r.config, await loadClients(registry));
  const now = 1_700_000_000_000;
  const snap = await new Poller(r.config, sources, { registry, now: () => now }).cycle();

  // Its dialect wrote every query: the SLO's own window (max(refresh, 1m) = 60 s), each burn window
  // on its own (it writes no combined query), the 30-day period, and the alert's 5 minutes.
  const ratio = (s: number) => `errors over ${s}s / requests over ${s}s`;
  const asked = (sources.get('counters') as TallySource).asked;
  assert.deepEqual(
    [...asked].sort(),
    [
      'errors over 300s',
      ratio(60),
      ratio(300),
      ratio(1800),
      ratio(3600),
      ratio(7200),
      ratio(21600),
      ratio(86400),
      ratio(259200),
      ratio(2_592_000),
      'queue_depth over 60s',
    ].sort(),
  );

  // 0.2 a second over 60 s is 12, under 50.
  const [queue, avail] = snap.slos;
  assert.equal(queue.status, 'ok');
  assert.ok(Math.abs(queue.value! - 12) < 1e-12, String(queue.value));
  // 2 errors in 400 requests is 0.5%: half the 1% a 99% objective allows, over every window.
  assert.equal(avail.status, 'ok');
  assert.ok(Math.abs(avail.value! - 0.005) < 1e-12, String(avail.value));
  for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d']) assert.ok(Math.abs(avail.burnRates![w]! - 0.5) < 1e-9, `${w}: ${avail.burnRates![w]}`);
  assert.ok(Math.abs(avail.budgetRemaining! - 0.5) < 1e-9, String(avail.budgetRemaining));
  // 2 a second over 300 s is 600 events, over 500.
  assert.deepEqual([snap.alerts[0].status, snap.alerts[0].value], ['firing', 600]);
  assert.deepEqual(snap.sources, [{ name: 'counters', type: 'tally', ok: true, error: null, latencyMs: snap.sources[0].latencyMs, retryAtMs: null }]);

  // It claims no panel: the panels are asked of no one.
  assert.deepEqual(await new PanelFetcher(r.config, sources, () => now, registry).fetch(null), { sentry: null, logs: null, alertmanager: null });
});

test('the registry is what the config checks a source against', () => {
  // Without the entry, the type is unknown, and the message names the known ones.
  const r = parseConfig(yaml, {});
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => `${e.path}: ${e.message}`),
    ['sources.counters.counts: unknown field', 'sources.counters.type: "tally" is not a source type (known: prometheus, loki, sentry, alertmanager)'],
  );
  // With it, its fields belong to it alone, and its capabilities decide what may use it.
  const other = parseConfig(
    yaml
      .replace('url: "http://127.0.0.1:1", counts', 'url: "http://127.0.0.1:1", tenant: t, counts')
      .replace('slos:\n', '  prom: { type: prometheus, url: "http://127.0.0.1:2", counts: { a: 1 } }\nslos:\n') +
      'logs: { source: counters, query: "lines" }\n',
    {},
    { registry },
  );
  assert.ok(!other.ok);
  assert.deepEqual(
    other.errors.map((e) => `${e.path}: ${e.message}`),
    [
      'sources.counters.tenant: is for loki sources; a tally source does not take it',
      'sources.prom.counts: is for tally sources; a prometheus source does not take it',
      'logs.source: "counters" is a tally source; this needs loki',
    ],
  );
  assert.deepEqual(registry.typesThat('ratio'), ['prometheus', 'loki', 'tally']);
  assert.deepEqual(sourceRegistry.types, ['prometheus', 'loki', 'sentry', 'alertmanager'], 'the built-in list is untouched');
});

test('a registry entry that claims what its dialect cannot write is refused at once', () => {
  assert.throws(
    () => createRegistry([...SOURCE_KINDS, { ...tally, can: { ...tally.can, windowsInOneQuery: true } }]),
    /tally claims windowsInOneQuery but its dialect cannot write it/,
  );
  assert.throws(() => createRegistry([...SOURCE_KINDS, SOURCE_KINDS[0]]), /two kinds of type "prometheus"/);
});
