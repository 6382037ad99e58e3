// `o` and `y` in the watch and incident reducers, key by key: one link is
// taken at once, several open a menu, none says so; what to open or copy is
// queued for the hook, never done by the reducer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Link } from '../../src/engine/links.js';
import type { Incident } from '../../src/store/timeline.js';
import type { KeyName } from '../../src/ui/keys.js';
import { type IncidentCtx, type IncidentState, incidentScreen, initialIncident, reduceIncident } from '../../src/ui/state/incident.js';
import { copiedText, NO_LINK, openedText } from '../../src/ui/state/links.js';
import { type Counts, initialState, type PanelName, reduce, screenOf, type WatchState } from '../../src/ui/state/watch.js';

const RUNBOOK: Link = { label: 'runbook', url: 'https://runbooks.example.com/api-latency' };
const GRAPH: Link = { label: 'Prometheus', url: 'http://127.0.0.1:9090/graph?g0.expr=up&g0.tab=0&g0.range_input=1h' };
const ISSUE: Link = { label: 'Sentry', url: 'https://sentry.io/organizations/acme/issues/1/' };

// SLO 0 has a runbook and a graph, SLO 1 nothing; the alert a graph; the Sentry issue its page.
const LINKS: Record<PanelName, Link[][]> = { slos: [[RUNBOOK, GRAPH], []], alerts: [[GRAPH]], sentry: [[ISSUE]], logs: [] };
const counts: Counts = {
  rows: { slos: 2, alerts: 1, sentry: 1, logs: 0 },
  playbooks: [],
  alertPlaybooks: [null],
  linksOf: (panel, row) => LINKS[panel][row] ?? [],
};
const from = (s: WatchState, ...keys: KeyName[]) => keys.reduce((x, key) => reduce(x, { type: 'key', key, counts }), s);
const run = (...keys: KeyName[]) => from(initialState, ...keys);

test('watch: o on an SLO with two links opens the menu; ↓ Enter queues the second to open', () => {
  const menu = run('o');
  assert.deepEqual(menu.menu, { links: [RUNBOOK, GRAPH], index: 0, purpose: 'open' });
  assert.equal(screenOf(menu), 'links');
  assert.deepEqual(menu.outbox, []);
  const chosen = from(menu, 'down', 'down', 'enter');
  assert.equal(chosen.menu, null);
  assert.deepEqual(chosen.outbox, [{ id: 1, purpose: 'open', link: GRAPH }]);
  // k goes back up; y in the menu copies whichever is chosen.
  assert.deepEqual(from(menu, 'j', 'k', 'y').outbox, [{ id: 1, purpose: 'copy', link: RUNBOOK }]);
  // Esc closes it with nothing queued; ? shows the menu's keys and closes back to it.
  assert.deepEqual(from(menu, 'escape'), { ...initialState });
  const help = from(menu, '?');
  assert.equal(screenOf(help), 'help');
  assert.equal(screenOf(from(help, 'escape')), 'links');
});

test('watch: y opens the menu to copy: Enter copies, o still opens', () => {
  const menu = run('y');
  assert.equal(menu.menu?.purpose, 'copy');
  assert.deepEqual(from(menu, 'enter').outbox, [{ id: 1, purpose: 'copy', link: RUNBOOK }]);
  assert.deepEqual(from(menu, 'o').outbox, [{ id: 1, purpose: 'open', link: RUNBOOK }]);
});

test('watch: one link is taken at once; none says so; the panel and row decide which item', () => {
  // Tab to the alerts: one link.
  assert.deepEqual(run('tab', 'o').outbox, [{ id: 1, purpose: 'open', link: GRAPH }]);
  assert.deepEqual(run('tab', 'tab', 'y').outbox, [{ id: 1, purpose: 'copy', link: ISSUE }]);
  const none = run('down', 'o');
  assert.deepEqual(none.outbox, []);
  assert.equal(none.message, NO_LINK);
  // The logs panel has no items with links: o does nothing there.
  assert.deepEqual(run('shift-tab', 'o'), { ...initialState, focus: 3 });
  // In the detail view, o acts on the item shown.
  const detail = run('enter');
  assert.equal(detail.view, 'detail');
  assert.deepEqual(from(detail, 'o').menu?.links, [RUNBOOK, GRAPH]);
});

test('watch: the hook takes the queue and reports a line, which the next key clears', () => {
  const queued = run('tab', 'o', 'tab', 'y');
  assert.deepEqual(
    queued.outbox.map((e) => e.id),
    [1, 2],
  );
  const taken = reduce(queued, { type: 'taken', through: 2 });
  assert.deepEqual(taken.outbox, []);
  const told = reduce(taken, { type: 'linked', text: 'opened the Prometheus link with xdg-open' });
  assert.equal(told.message, 'opened the Prometheus link with xdg-open');
  assert.equal(from(told, 'down').message, '');
});

test('the lines after o and y: opened, or the URL and why it is shown instead', () => {
  assert.equal(openedText({ kind: 'opened', url: RUNBOOK.url, opener: 'xdg-open' }, 'runbook'), 'opened the runbook link with xdg-open');
  assert.equal(
    openedText({ kind: 'shown', url: RUNBOOK.url, why: 'over SSH: open it on your machine' }, 'runbook'),
    'over SSH: open it on your machine; the runbook link: https://runbooks.example.com/api-latency',
  );
  assert.equal(copiedText('Grafana', 'OSC 52 and xclip'), 'copied the Grafana link to the clipboard (OSC 52 and xclip)');
});

const CTX: IncidentCtx = {
  steps: [
    { kind: 'alert', title: 'Is the latency alert firing?', id: 'high-latency' },
    { kind: 'run', title: 'Restart the app', command: 'docker restart $APP' },
    { kind: 'manual', title: 'Look at the logs' },
  ],
  severities: ['P1', 'P2'],
  causes: [],
  resolutions: [],
  exec: true,
  links: [[RUNBOOK, GRAPH], [], []],
};
const INCIDENT: Incident = {
  file: '/i/2026-01-01-app.jsonl',
  playbook: 'app',
  openedAt: 1000,
  severity: 'P2',
  steps: {},
  notes: [],
  probes: {},
  cause: null,
  resolution: null,
  resolvedAt: null,
  events: [{ t: 1000, kind: 'opened', playbook: 'app', severity: 'P2' }],
  skipped: 0,
};
const start = (): IncidentState => reduceIncident(initialIncident(INCIDENT, CTX), { type: 'taken', through: 1 });
const keys = (s: IncidentState, ...ks: KeyName[]) => ks.reduce((x, key) => reduceIncident(x, { type: 'key', key }), s);

test('incident: o on a step with two links opens the menu; Enter queues the chosen one to open', () => {
  const menu = keys(start(), 'o');
  assert.deepEqual(menu.mode, { kind: 'links', menu: { links: [RUNBOOK, GRAPH], index: 0, purpose: 'open' } });
  assert.equal(incidentScreen(menu), 'links');
  const chosen = keys(menu, 'down', 'enter');
  assert.deepEqual(chosen.mode, { kind: 'steps' });
  assert.deepEqual(chosen.outbox, [{ id: 2, kind: 'open', link: GRAPH }]);
  assert.deepEqual(keys(menu, 'escape').outbox, []);
  const opened = reduceIncident(chosen, { type: 'opened', outcome: { kind: 'shown', url: GRAPH.url, why: 'no xdg-open on PATH' }, label: 'Prometheus' });
  assert.equal(opened.message, `no xdg-open on PATH; the Prometheus link: ${GRAPH.url}`);
});

test("incident: y copies a run step's command as before, and a linked step's link through the menu", () => {
  assert.deepEqual(keys(start(), 'down', 'y').outbox, [{ id: 2, kind: 'copy', text: 'docker restart $APP' }]);
  const copied = keys(start(), 'y', 'enter');
  assert.deepEqual(copied.outbox, [{ id: 2, kind: 'copy', text: RUNBOOK.url, label: 'runbook' }]);
  assert.equal(copied.message, 'copied the runbook link to the clipboard (OSC 52)');
  const none = keys(start(), 'down', 'down', 'o');
  assert.equal(none.message, NO_LINK);
  assert.deepEqual(none.outbox, []);
});
