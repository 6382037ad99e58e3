// The incident walk's reducer, key by key, and what comes back from the disk, probes and commands.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../src/store/timeline.js';
import type { KeyName } from '../../src/ui/keys.js';
import {
  type IncidentAction,
  type IncidentCtx,
  type IncidentState,
  incidentScreen,
  initialIncident,
  reduceIncident,
  shownSteps,
} from '../../src/ui/state/incident.js';

const CTX: IncidentCtx = {
  steps: [
    { kind: 'http', title: 'Health endpoint', url: 'http://app/health', method: 'GET', expectStatus: 200, timeoutMs: 1000 },
    { kind: 'manual', title: 'Look at the logs' },
    { kind: 'run', title: 'Restart the app', command: 'docker restart $APP' },
  ],
  severities: ['P1', 'P2', 'P3'],
  causes: ['Crash', 'Bad deploy'],
  resolutions: ['Restart'],
  exec: true,
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
const ENOSPC = { path: INCIDENT.file, code: 'ENOSPC', message: `cannot write ${INCIDENT.file}: no space left on device (ENOSPC)` };

const act = (s: IncidentState, ...as: IncidentAction[]) => as.reduce(reduceIncident, s);
const keys = (s: IncidentState, ...ks: KeyName[]) => act(s, ...ks.map((key): IncidentAction => ({ type: 'key', key })));
/** Opened, the first probe taken. */
const ready = (ctx: IncidentCtx = CTX): IncidentState => act(initialIncident(INCIDENT, ctx), { type: 'taken', through: 1 });
/** The work queued, without ids. */
const work = (s: IncidentState) => s.outbox.map(({ id: _, ...w }) => w);

test('opening queues the first probe, with the opening snapshot only for a new incident', () => {
  assert.deepEqual(initialIncident(INCIDENT, CTX).outbox, [{ id: 1, kind: 'probe', opening: true }]);
  const resumed = { ...INCIDENT, events: [...INCIDENT.events, { t: 2000, kind: 'step' as const, step: 0, state: 'done' as const }] };
  assert.deepEqual(initialIncident(resumed, CTX).outbox, [{ id: 1, kind: 'probe', opening: false }]);
});

test('↓ j ↑ k move between the steps and stop at either end', () => {
  assert.equal(keys(ready(), 'down', 'j').selected, 2);
  assert.equal(keys(ready(), 'j', 'j', 'j', 'j').selected, 2);
  assert.equal(keys(ready(), 'j', 'k', 'up').selected, 0);
});

test('Space, - and f queue the step marks of the selected step', () => {
  assert.deepEqual(work(keys(ready(), ' ', 'j', '-', 'j', 'f')), [
    { kind: 'record', event: { kind: 'step', step: 0, state: 'done' } },
    { kind: 'record', event: { kind: 'step', step: 1, state: 'skipped' } },
    { kind: 'record', event: { kind: 'step', step: 2, state: 'failed' } },
  ]);
  assert.deepEqual(keys(ready(), ' ').incident.steps, {}, 'on screen only once recorded');
});

test('what comes back: a recorded incident is shown; a refused one says what was not saved', () => {
  const marked = { ...INCIDENT, steps: { 0: 'done' as const } };
  assert.deepEqual(act(ready(), { type: 'recorded', incident: marked }).incident.steps, { 0: 'done' });
  const refused = act(ready(), { type: 'refused', what: 'step', error: ENOSPC });
  assert.equal(refused.failure?.text, `NOT saved: the step mark: cannot write ${INCIDENT.file}: no space left on device (ENOSPC)`);
  assert.equal(act(refused, { type: 'recorded', incident: marked }).failure, null);
  assert.equal(act(ready(), { type: 'refused', what: 'snapshot', error: ENOSPC }).failure?.text.startsWith('NOT saved: the SLO snapshot: '), true);
  assert.equal(act(ready(), { type: 'unreadable', error: ENOSPC }).failure?.text, ENOSPC.message);
  assert.equal(act(ready(), { type: 'probing' }, { type: 'probing' }, { type: 'probed' }).probing, 1);
});

test('n types a note on the step: Enter records it trimmed, an empty one is not recorded, Esc drops it', () => {
  const typing = keys(ready(), 'j', 'n', ' ', 'l', 'o', 'g', 's', '?', 'q', 'backspace', 'backspace', ' ');
  assert.deepEqual([typing.mode, incidentScreen(typing)], [{ kind: 'text', purpose: 'note', value: ' logs ' }, 'text']);
  assert.deepEqual(work(keys(typing, 'enter')), [{ kind: 'record', event: { kind: 'note', step: 1, text: 'logs' } }]);
  assert.deepEqual(keys(typing, 'enter').mode, { kind: 'steps' });
  assert.deepEqual(work(keys(ready(), 'n', ' ', 'enter')), []);
  assert.deepEqual([keys(typing, 'escape').mode, work(keys(typing, 'escape'))], [{ kind: 'steps' }, []]);
});

test('r probes again; y copies a command as written, and only from a run step', () => {
  assert.deepEqual(work(keys(ready(), 'r')), [{ kind: 'probe', opening: false }]);
  const copied = keys(ready(), 'j', 'j', 'y');
  assert.deepEqual(work(copied), [{ kind: 'copy', text: 'docker restart $APP' }]);
  assert.equal(copied.message, 'copied to the clipboard (OSC 52), variables unexpanded');
  assert.deepEqual(work(keys(ready(), 'y')), []);
  assert.equal(keys(copied, 'j').message, '', 'the next key clears the message');
});

test('x asks before it runs a command: y runs it, any other key cancels; never with --no-exec', () => {
  const asked = keys(ready(), 'j', 'j', 'x');
  assert.deepEqual([asked.mode, incidentScreen(asked), work(asked)], [{ kind: 'confirm', action: 'run' }, 'confirm', []]);
  const ran = keys(asked, 'y');
  assert.deepEqual(work(ran), [{ kind: 'run', step: 2, command: 'docker restart $APP' }]);
  assert.deepEqual([ran.mode, ran.message], [{ kind: 'steps' }, 'running: docker restart $APP']);
  for (const k of ['n', 'escape', 'x', 'q', '?']) {
    const no = keys(asked, k);
    assert.deepEqual([no.mode, no.message, work(no), no.quit, no.help], [{ kind: 'steps' }, 'not run', [], false, false], k);
  }
  assert.deepEqual(work(keys(ready(), 'x')), [], 'not a run step: nothing to ask');
  assert.equal(keys(ready(), 'x').mode.kind, 'steps');
  const off = keys(ready({ ...CTX, exec: false }), 'j', 'j', 'x');
  assert.deepEqual([off.mode, off.message], [{ kind: 'steps' }, 'execution is off (--no-exec): copy it with y']);
  assert.equal(act(ran, { type: 'ran', exit: 0, output: 'restarting\napp\n' }).message, 'exit 0: app');
  assert.equal(act(ran, { type: 'ran', exit: null, output: '' }).message, 'exit killed: ');
});

test('s picks a severity from the current one; Enter records a change, not the same one', () => {
  const pick = keys(ready(), 's');
  assert.deepEqual([pick.mode, incidentScreen(pick)], [{ kind: 'pick', purpose: 'severity', index: 1 }, 'incident.pick']);
  assert.deepEqual(work(keys(pick, 'up', 'enter')), [{ kind: 'record', event: { kind: 'severity', from: 'P2', to: 'P1' } }]);
  assert.deepEqual(work(keys(pick, 'enter')), [], 'P2 again: nothing to record');
  assert.deepEqual(keys(pick, 'enter').mode, { kind: 'steps' });
  assert.equal((keys(pick, 'j', 'j', 'j').mode as { index: number }).index, 2, 'stops at P3');
  assert.equal((keys(pick, 'k', 'k').mode as { index: number }).index, 0);
  assert.deepEqual([keys(pick, 'escape').mode, work(keys(pick, 'escape'))], [{ kind: 'steps' }, []]);
});

test('c and a pick a cause and a resolution; "Other…" asks for the words', () => {
  assert.deepEqual(work(keys(ready(), 'c', 'j', 'enter')), [{ kind: 'record', event: { kind: 'cause', text: 'Bad deploy' } }]);
  const other = keys(ready(), 'c', 'j', 'j', 'j', 'enter');
  assert.deepEqual(other.mode, { kind: 'text', purpose: 'cause', value: '' }, 'Other… is the third, the last');
  assert.deepEqual(work(keys(other, 'O', 'O', 'M', 'enter')), [{ kind: 'record', event: { kind: 'cause', text: 'OOM' } }]);
  assert.deepEqual(work(keys(ready(), 'a', 'enter')), [{ kind: 'record', event: { kind: 'resolution', text: 'Restart' } }]);
  assert.deepEqual(keys(ready(), 'a', 'j', 'enter').mode, { kind: 'text', purpose: 'resolution', value: '' });
});

test('e shows the escalation; Esc, Enter or q come back', () => {
  assert.deepEqual(keys(ready(), 'e').mode, { kind: 'escalation' });
  for (const k of ['escape', 'enter', 'q']) assert.deepEqual([keys(ready(), 'e', k).mode, keys(ready(), 'e', k).quit], [{ kind: 'steps' }, false], k);
  assert.equal(keys(ready(), 'e', '?').help, true);
});

test('R asks before it resolves; y queues the resolve, anything else does not', () => {
  const asked = keys(ready(), 'R');
  assert.deepEqual([asked.mode, work(asked)], [{ kind: 'confirm', action: 'resolve' }, []]);
  assert.deepEqual(work(keys(asked, 'y')), [{ kind: 'resolve' }]);
  assert.deepEqual([keys(asked, 'R').message, work(keys(asked, 'R'))], ['not resolved', []]);
});

test('what resolving reports: not resolved, refused with or without a postmortem, resolved', () => {
  assert.equal(act(ready(), { type: 'not-resolved' }).message, 'NOT resolved: the incident stays open; R to try again');
  const none = act(ready(), { type: 'resolve-refused', error: ENOSPC });
  assert.equal(none.failure?.text, `NOT resolved, no postmortem written: ${ENOSPC.message}`);
  assert.equal(none.message, 'The incident stays open; R to try again once the disk has room');
  const half = act(ready(), { type: 'resolve-refused', error: ENOSPC, postmortem: '/i/app.md' });
  assert.equal(half.failure?.text, `Postmortem written to /i/app.md, but "resolved" was NOT saved: ${ENOSPC.message}`);
  const done = act(none, { type: 'resolved', file: '/i/app.md', already: false });
  assert.deepEqual(
    [done.mode, done.failure, incidentScreen(done)],
    [{ kind: 'done', file: '/i/app.md', already: false, warning: undefined }, null, 'incident.done'],
  );
  for (const k of ['q', 'enter', 'escape', 'ctrl-c']) assert.equal(keys(done, k).quit, true, k);
  assert.deepEqual([keys(done, '?').help, keys(done, '?').quit], [true, false]);
});

test('/ filters the steps by title or command; marks go to the selected step shown; Esc clears the filter', () => {
  const typed = keys(ready(), '/', 'd', 'o', 'c', 'k');
  assert.deepEqual([typed.filtering, typed.filter, shownSteps(typed), typed.selected], [true, 'dock', [2], 2]);
  const kept = keys(typed, 'enter');
  assert.deepEqual(work(keys(kept, 'up', ' ')), [{ kind: 'record', event: { kind: 'step', step: 2, state: 'done' } }], 'one step shown: ↑ stays on it');
  assert.deepEqual([keys(kept, 'escape').filter, keys(kept, 'escape').quit], ['', false]);
  const none = keys(ready(), '/', 'z', 'enter');
  assert.deepEqual(work(keys(none, ' ', 'y', 'x')), [], 'a hidden step is not acted on');
  assert.deepEqual(keys(none, 'n').mode, { kind: 'steps' });
});

test('? opens the help from the steps and the picks, ? or Esc closes it; q and Ctrl-C leave', () => {
  const help = keys(ready(), '?');
  assert.deepEqual([help.help, incidentScreen(help)], [true, 'help']);
  assert.equal(keys(help, 'escape').help, false);
  assert.equal(keys(help, '?').help, false);
  assert.deepEqual(work(keys(help, ' ')), [], 'keys wait for the help to close');
  assert.equal(keys(ready(), 's', '?').help, true);
  assert.deepEqual(keys(ready(), 's', '?', 'escape').mode, { kind: 'pick', purpose: 'severity', index: 1 }, 'back in the pick');
  assert.equal(keys(ready(), 'q').quit, true);
  assert.equal(keys(ready(), 'ctrl-c').quit, true);
  assert.equal(keys(ready(), 'n', 'ctrl-c').quit, true, 'even while typing');
  assert.equal(keys(ready(), 'escape').quit, false, 'Esc does not leave the incident');
});
