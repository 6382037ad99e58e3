import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { render } from 'ink-testing-library';
import { parseConfig } from '../../src/config/load.js';
import { groupAlerts, stateWords } from '../../src/engine/routed-alerts.js';
import { snapshotDoc, snapshotText } from '../../src/engine/snapshot-doc.js';
import type { Snapshot } from '../../src/engine/state.js';
import { PanelFetcher } from '../../src/poller/panels.js';
import { createSources } from '../../src/sources/index.js';
import { AlertmanagerPanel } from '../../src/ui/AlertmanagerPanel.js';
import { fixtureServer, type Reply } from '../helpers/fixture-server.js';
import { capture } from '../helpers/http-capture.js';

// The recorded answers: three alerts and one active silence (alice's, ending 2026-11-30T00:36:07.340Z).
const replies: Record<string, Reply> = { '/api/v2/alerts': capture('alertmanager/alerts.http'), '/api/v2/silences': capture('alertmanager/silences.http') };
let down = false;
const server = await fixtureServer((req) => (down ? { status: 503, body: 'upstream down', headers: { 'content-type': 'text/plain' } } : replies[req.path]));
after(() => server.close());
const parsed = parseConfig(
  `version: 1
service: web
sources:
  prom: { type: prometheus, url: http://127.0.0.1:1 }
  am: { type: alertmanager, url: "${server.url}", group_by: [service] }
severities:
  page: { title: Page, respond: 5m }
slos:
  - { id: up, name: Up, source: prom, query: up, objective: '>= 1' }
`,
  {},
);
assert.ok(parsed.ok, JSON.stringify(parsed));
const config = parsed.config;
const sources = createSources(config);
after(() => Promise.all([...sources.values()].map((s) => s.close())));
// Ten minutes after the alerts started (22:36:06Z).
const NOW = Date.parse('2026-11-29T22:46:06.000Z');
const fetcher = new PanelFetcher(config, sources, () => NOW);
const snap = { at: NOW, service: 'web', slos: [], alerts: [], sources: [] } as unknown as Snapshot;

test('the panel: grouped by the configured labels, counts per group, each state in words', async () => {
  const p = await fetcher.fetchAlertmanager(NOW);
  assert.ok(p?.data && p.error === null);
  const groups = groupAlerts(p.data.alerts, p.data.groupBy);
  // Same startsAt everywhere, so groups fall back to their label text; alerts to their fingerprint.
  assert.deepEqual(
    groups.map((g) => [g.labels, g.alerts.map((a) => a.labels.alertname), g.active, g.suppressed]),
    [
      [{ service: 'docuseal' }, ['DocuSealLatencyHigh', 'DocuSealErrorSpike'], 1, 1],
      [{ service: 'postgres' }, ['PostgresReplicationLag'], 0, 1],
    ],
  );
  const words = p.data.alerts.map((a) => stateWords(a, p.data!.silences, NOW));
  // 00:36:07.340 minus 22:46:06 is 1h 50m 1s.
  assert.deepEqual(words, ['INHIBITED', 'ACTIVE', 'SILENCED until 2026-11-30 00:36Z (1h50m left)']);
});

test('newest group first, newest alert first within it', () => {
  const a = (name: string, svc: string, t: number) => ({
    fingerprint: name,
    labels: { alertname: name, service: svc },
    annotations: {},
    state: 'active' as const,
    silencedBy: [],
    inhibitedBy: [],
    startsAt: t,
    endsAt: t,
    updatedAt: t,
    receivers: [],
  });
  const g = groupAlerts([a('A', 'x', 1), a('B', 'y', 5), a('C', 'x', 9), a('D', 'y', 2)], ['service']);
  assert.deepEqual(
    g.map((x) => [x.labels.service, x.alerts.map((y) => y.fingerprint), x.newest]),
    [
      ['x', ['C', 'A'], 9],
      ['y', ['B', 'D'], 5],
    ],
  );
});

test('--once text and JSON carry the groups; a failing Alertmanager is STALE with its reason and age', async () => {
  const p = await fetcher.fetchAlertmanager(NOW);
  const doc = snapshotDoc(snap, undefined, p) as {
    alertmanager?: { status: string; groups: Array<{ count: number; alerts: Array<{ state_text: string; runbook_url: string | null }> }> };
  };
  assert.equal(doc.alertmanager?.status, 'ok');
  assert.deepEqual(
    doc.alertmanager?.groups.map((g) => [g.count, g.alerts.map((x) => [x.state_text, x.runbook_url])]),
    [
      [
        2,
        [
          ['INHIBITED', null],
          ['ACTIVE', 'https://runbooks.example.com/docuseal/5xx'],
        ],
      ],
      [1, [['SILENCED until 2026-11-30 00:36Z (1h50m left)', 'https://runbooks.example.com/pg/lag']]],
    ],
  );
  assert.match(
    snapshotText(snap, p),
    /^ {4}ACTIVE {2}since 2026-11-29T22:36:06\.000Z {2}\{alertname="DocuSealErrorSpike", service="docuseal", severity="critical", team="web"\} {2}DocuSeal 5xx above 5%$/m,
  );
  down = true;
  const later = NOW + 30_000;
  const stale = await fetcher.fetchAlertmanager(later);
  down = false;
  assert.equal(stale?.error, 'am: http 503: upstream down');
  assert.equal(stale?.data?.alerts.length, 3);
  const text = snapshotText({ ...snap, at: later }, stale);
  assert.match(text, /^Alertmanager am {2}STALE: am: http 503: upstream down \(data 30s old\)$/m);
  const f = render(<AlertmanagerPanel panel={stale} now={later} width={100} maxLines={8} />);
  const frame = f.lastFrame() ?? '';
  f.unmount();
  assert.match(frame, /Alertmanager am 3 alerts in 2 groups STALE 30s: am: http 503: upstream down/);
  assert.match(frame, /SILENCED until 2026-11-30 00:36Z/);
  assert.match(frame, /INHIBITED DocuSeal p99 above 2s/);
});
