// The keys answer while the first cycle is still out: help and the playbooks
// need no answers, so they open at once instead of after the slowest source
// (with answers just under 16 MB that was 5 s after `?`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { Poller } from '../../src/poller/poller.js';
import { progressJournal } from '../../src/runtime/journals.js';
import type { Health, MetricSource, Result, Series } from '../../src/sources/types.js';
import { WatchApp } from '../../src/ui/WatchApp.js';
import { frameWhere, KEYS, press } from '../helpers/frames.js';
import { renderWithProviders } from '../helpers/render.js';

/** Asked, never answers: the first cycle stays out for the whole test. */
class Silent implements MetricSource {
  readonly type = 'prometheus' as const;
  constructor(readonly name: string) {}
  instant(): Promise<Result<Series[]>> {
    return new Promise(() => {});
  }
  range(): Promise<Result<Series[]>> {
    return new Promise(() => {});
  }
  health(): Promise<Result<Health>> {
    return new Promise(() => {});
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

test('during the first cycle, ? opens the help and i the playbooks, and Esc goes back to the wait', async () => {
  const r = parseConfig(
    `version: 1\nservice: t\nsources:\n  prometheus: { url: "http://127.0.0.1:9", timeout: 2m }\n` +
      `slos:\n  - { id: A, name: a, source: prometheus, unit: s, objective: "< 1s", query: "max(x)" }\n` +
      `playbooks:\n  - { id: db-down, title: Database down, steps: [ { title: Check the primary, manual: true } ] }\n`,
    {},
  );
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const poller = new Poller(r.config, new Map([['prometheus', new Silent('prometheus')]]));
  const app = renderWithProviders(<WatchApp journal={progressJournal} config={r.config} poller={poller} intervalMs={Infinity} deployAt={null} tickMs={0} />, {
    columns: 100,
    rows: 30,
  });
  try {
    await frameWhere(app.lastFrame, (f) => f.includes('waiting for the first answers'), 'the wait');
    await press(app.stdin, '?');
    const help = await frameWhere(app.lastFrame, (f) => f.includes('Keys'), 'help before any answer', 1000);
    assert.match(help, /\? +this help/);
    await press(app.stdin, KEYS.escape);
    await frameWhere(app.lastFrame, (f) => f.includes('waiting for the first answers'), 'back to the wait', 1000);
    await press(app.stdin, 'i');
    const picker = await frameWhere(app.lastFrame, (f) => f.includes('Database down'), 'the playbooks before any answer', 1000);
    assert.doesNotMatch(picker, /waiting for the first answers/);
  } finally {
    app.unmount();
  }
});
