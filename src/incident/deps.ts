// The incident screen's side effects, wired to the real sources, shell, clipboard and disk.
import { renameSync, writeFileSync } from 'node:fs';
import { formatValue } from '../config/quantity.js';
import type { Config, Playbook } from '../config/types.js';
import { postmortem } from '../engine/postmortem.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { Snapshot } from '../engine/state.js';
import type { Poller } from '../poller/poller.js';
import { runProbes } from '../poller/probes.js';
import type { MetricSource } from '../sources/types.js';
import { redact } from '../sources/redact.js';
import type { Incident } from '../store/timeline.js';
import type { IncidentDeps } from '../ui/IncidentApp.js';
import { osc52, runCommand } from './exec.js';

export function sloSummary(snap: Snapshot): Record<string, string> {
  return Object.fromEntries(snap.slos.map((s) => [s.id, `${formatValue(s.value, s.unit)} ${statusWord(s.status)}`]));
}

/** Written next to the timeline, whole or not at all. */
export function writePostmortem(inc: Incident, playbook: Playbook, config: Config, resolvedAt: number): string {
  const file = inc.file.replace(/\.jsonl$/, '.md');
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, redact(postmortem(inc, playbook, config, resolvedAt)), { mode: 0o644 });
  renameSync(tmp, file);
  return file;
}

export function incidentDeps(config: Config, playbook: Playbook, poller: Poller, sources: Map<string, MetricSource>, env: NodeJS.ProcessEnv, now: () => number): IncidentDeps {
  return {
    probe: async () => {
      const snap = await poller.cycle();
      return { snap, results: await runProbes(playbook, config, sources, snap, now()) };
    },
    run: (command) => runCommand(command, env),
    copy: (text) => process.stdout.write(osc52(text)),
    writePostmortem: (inc, at) => writePostmortem(inc, playbook, config, at),
    sloSummary,
  };
}
