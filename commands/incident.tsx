import type { Command } from 'commander';
import { resolve } from 'node:path';
import { commandVars, secretEnvValues } from '../src/engine/command.js';
import { incidentDeps } from '../src/incident/deps.js';
import { writePostmortem } from '../src/incident/resolve.js';
import { Poller } from '../src/poller/poller.js';
import { runProbes } from '../src/poller/probes.js';
import { configErrors } from './common.js';
import { incidentsDirProblem } from './incidents-dir.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { registerSecrets } from '../src/sources/redact.js';
import { appendEvent, latestIncident, newIncidentFile, openIncident, readIncident } from '../src/store/timeline.js';
import { diskFailure, importUi, loadForCommand, usage } from './common.js';

interface IncidentOptions {
  config?: string;
  demo?: boolean;
  json?: boolean;
  new?: boolean;
  exec?: boolean;
  dir?: string;
  postmortem?: boolean;
}

export function register(program: Command): void {
  program
    .command('incident [playbook]')
    .description('open a playbook as a guided, timed walk with live probes and a recorded timeline; no name lists them')
    .option('-c, --config <path>', 'config file')
    .option('--json', 'run the probes once, print them, exit 0 all pass / 1 any fail')
    .option('--new', 'start a new incident even if one is open for this playbook')
    .option('--no-exec', 'never execute playbook commands (copying still works)')
    .option('--dir <dir>', 'where timelines and postmortems go (default: incidents.dir of the config)')
    .option('--postmortem', "write the latest incident's postmortem again from its timeline (open or resolved) and print its path")
    .option('--demo', 'against the embedded simulator')
    .action(async (name: string | undefined, opts: IncidentOptions) => {
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      const { config } = loaded;
      const dir = resolve(opts.dir ?? config.incidentsDir);
      try {
        if (!name) {
          for (const p of config.playbooks) {
            const open = openIncident(dir, p.id);
            process.stdout.write(`${p.id.padEnd(20)} ${(p.severity ?? '').padEnd(4)} ${p.title}${open ? `  (open since ${new Date(open.openedAt).toISOString()})` : ''}\n`);
          }
          return;
        }
        const playbook = config.playbooks.find((p) => p.id === name);
        if (!playbook) {
          usage(`no playbook ${JSON.stringify(name)}; known: ${config.playbooks.map((p) => p.id).join(', ') || 'none'}`);
          return;
        }
        const env = loaded.demo?.env ?? process.env;
        for (const s of playbook.steps) if (s.kind === 'run') registerSecrets(commandVars(s.command, env).secrets);
        registerSecrets(secretEnvValues(env));
        if (opts.postmortem) {
          // From the file alone: no sources, no screen, so it works after the fact.
          const latest = latestIncident(dir, playbook.id);
          if (!latest) {
            usage(`no incident of ${playbook.id} in ${dir}`);
            return;
          }
          const w = writePostmortem(latest.file, playbook, config);
          if (!w.ok) {
            diskFailure(w.error);
            return;
          }
          process.stdout.write(`${w.file}\n`);
          return;
        }
        const sources = createSources(config);
        const poller = new Poller(config, sources, { now: loaded.now });
        try {
          if (opts.json || !process.stdout.isTTY || !process.stdin.isTTY) {
            const snap = await poller.cycle();
            const results = await runProbes(playbook, config, sources, snap, loaded.now());
            const doc = { playbook: playbook.id, probes: results.map((r) => ({ step: r.step + 1, title: playbook.steps[r.step].title, ok: r.ok, result: r.summary })) };
            process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
            process.exitCode = results.every((r) => r.ok) ? 0 : 1;
            return;
          }
          const problem = incidentsDirProblem(dir);
          if (problem) {
            if (opts.dir !== undefined) usage(`--dir: ${problem}`);
            else configErrors(loaded.path, [{ path: 'incidents.dir', message: problem }]);
            return;
          }
          let incident = opts.new ? null : openIncident(dir, playbook.id);
          if (!incident) {
            const file = newIncidentFile(dir, playbook.id, loaded.now());
            const w = appendEvent(file, { t: loaded.now(), kind: 'opened', playbook: playbook.id, severity: playbook.severity ?? null });
            if (!w.ok) {
              diskFailure(w.error);
              return;
            }
            const r = readIncident(file);
            if (!r.ok || !r.incident) {
              diskFailure(r.ok ? { path: file, code: 'EIO', message: `cannot read back ${file} after writing it` } : r.error);
              return;
            }
            incident = r.incident;
          }
          const { runIncidentUi } = await importUi(() => import('../src/ui/run-incident.js'));
          await runIncidentUi(config, playbook, incident, incidentDeps(config, playbook, poller, sources, env, loaded.now), env, opts.exec !== false, loaded.now);
        } finally {
          await closeSources(sources);
        }
      } finally {
        await loaded.demo?.sim.close();
      }
    });
}
