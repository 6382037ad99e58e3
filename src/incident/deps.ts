// The incident screen's side effects, wired to the real sources, shell, clipboard and disk.
import { formatValue } from '../config/quantity.js';
import type { Config, Playbook } from '../config/types.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { Snapshot } from '../engine/state.js';
import type { Poller } from '../poller/poller.js';
import { runProbes } from '../poller/probes.js';
import type { MetricSource } from '../sources/types.js';
import { runCommand } from './exec.js';
import { copyText, openLink } from './open-link.js';
import { resolveIncident } from './resolve.js';
import type { IncidentDeps } from './walk.js';

export function sloSummary(snap: Snapshot): Record<string, string> {
  return Object.fromEntries(snap.slos.map((s) => [s.id, `${formatValue(s.value, s.unit)} ${statusWord(s.status)}`]));
}

export function incidentDeps(
  config: Config,
  playbook: Playbook,
  poller: Poller,
  sources: Map<string, MetricSource>,
  env: NodeJS.ProcessEnv,
  now: () => number,
): Omit<IncidentDeps, 'timeline'> {
  return {
    probe: async () => {
      const snap = await poller.cycle();
      return { snap, results: await runProbes(playbook, config, sources, snap, now()) };
    },
    run: (command) => runCommand(command, env),
    copy: (text) => void copyText(text),
    open: (url) => openLink(url),
    resolve: (timeline, at) => resolveIncident(timeline, playbook, config, at),
    sloSummary,
  };
}
