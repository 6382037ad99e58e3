import type { Command } from 'commander';
import type { Playbook } from '../src/config/types.js';
import { resolve } from 'node:path';
import { commandVars, secretEnvValues } from '../src/engine/command.js';
import { incidentDeps } from '../src/incident/deps.js';
import { writePostmortem } from '../src/incident/resolve.js';
import { Poller } from '../src/poller/poller.js';
import { runProbes } from '../src/poller/probes.js';
import { configErrors } from './common.js';
import { incidentsDirProblem } from './incidents-dir.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { registerSecrets } from '../src/text/redact.js';
import { fromOutside } from '../src/text/sanitize.js';
import { eachIncident, latestIncident, openOrStart } from '../src/store/incident-files.js';
import type { Incident } from '../src/store/timeline.js';
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
          listPlaybooks(config.playbooks, dir);
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
          const found = latestIncident(dir, playbook.id);
          if (!found.ok) {
            diskFailure(found.error);
            return;
          }
          const latest = found.incident;
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
          const opened = openOrStart(dir, playbook, loaded.now(), opts.new === true);
          if (!opened.ok) {
            diskFailure(opened.error);
            return;
          }
          const { runIncidentUi } = await importUi(() => import('../src/ui/run-incident.js'));
          await runIncidentUi(config, playbook, opened.incident, incidentDeps(config, playbook, poller, sources, env, loaded.now), env, opts.exec !== false, loaded.now);
        } finally {
          await closeSources(sources);
        }
      } finally {
        await loaded.demo?.sim.close();
      }
    });
}

/** Every playbook, with the incident open for it; a timeline that cannot be read is named on stderr and passed over. */
function listPlaybooks(playbooks: Playbook[], dir: string): void {
  const open = new Map<string, Incident>();
  const problems = eachIncident(dir, undefined, (inc) => {
    const seen = open.get(inc.playbook);
    if (inc.resolvedAt === null && (!seen || inc.openedAt >= seen.openedAt)) open.set(inc.playbook, inc);
  });
  for (const p of problems) process.stderr.write(`oncall: note: ${fromOutside(p.message)}; passed over\n`);
  for (const p of playbooks) {
    const inc = open.get(p.id);
    process.stdout.write(`${p.id.padEnd(20)} ${(p.severity ?? '').padEnd(4)} ${p.title}${inc ? `  (open since ${new Date(inc.openedAt).toISOString()})` : ''}\n`);
  }
}
