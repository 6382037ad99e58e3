import * as z from 'zod';
import type { Playbook } from '../src/config/types.js';
import { stepLinks } from '../src/poller/links.js';
import type { Runtime } from '../src/runtime/index.js';
import type { Incident } from '../src/store/timeline.js';
import { fromOutside } from '../src/text/sanitize.js';
import { declare } from './command.js';
import { configErrors, fail, importUi, interactive, usage, withRuntime } from './common.js';
import { incidentsDirProblem } from './incidents-dir.js';

const options = z.object({
  config: z.string().optional(),
  json: z.boolean().optional(),
  new: z.boolean().optional(),
  exec: z.boolean(),
  dir: z.string().optional(),
  postmortem: z.boolean().optional(),
  demo: z.boolean().optional(),
});

export const incident = declare({
  name: 'incident',
  args: '[playbook]',
  description: 'open a playbook as a guided, timed walk with live probes and a recorded timeline; no name lists them',
  options: [
    { flags: '-c, --config <path>', description: 'config file' },
    { flags: '--json', description: 'run the probes once, print them, exit 0 all pass / 1 any fail' },
    { flags: '--new', description: 'start a new incident even if one is open for this playbook' },
    { flags: '--no-exec', description: 'never execute playbook commands (copying still works)' },
    { flags: '--dir <dir>', description: 'where timelines and postmortems go (default: incidents.dir of the config)' },
    { flags: '--postmortem', description: "write the latest incident's postmortem again from its timeline (open or resolved) and print its path" },
    { flags: '--demo', description: 'against the embedded simulator' },
  ],
  schema: options,
  run: (o, [name]) =>
    withRuntime({ config: o.config, demo: o.demo, incidentsDir: o.dir }, async (rt) => {
      const { config } = rt;
      if (!name) return listPlaybooks(rt);
      const playbook = config.playbooks.find((p) => p.id === name);
      if (!playbook) return void usage(`no playbook ${JSON.stringify(name)}; known: ${config.playbooks.map((p) => p.id).join(', ') || 'none'}`);
      rt.armPlaybook(playbook);
      // From the file alone: no sources, no screen, so it works after the fact.
      if (o.postmortem) return postmortem(rt, playbook);
      if (o.json || !interactive()) {
        const { results } = await rt.incidentDeps(playbook).probe();
        // The graphs from an hour before the probes to now.
        const at = rt.now();
        const range = { fromMs: at - 3_600_000, toMs: at };
        const probes = results.map((r) => ({
          step: r.step + 1,
          title: playbook.steps[r.step].title,
          ok: r.ok,
          result: r.summary,
          links: stepLinks(config, playbook.steps[r.step], range),
        }));
        const doc = { playbook: playbook.id, probes };
        process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        process.exitCode = results.every((r) => r.ok) ? 0 : 1;
        return;
      }
      const dir = rt.stores.incidentsDir;
      const problem = incidentsDirProblem(dir);
      if (problem) return void (o.dir !== undefined ? usage(`--dir: ${problem}`) : configErrors(rt.path, [{ path: 'incidents.dir', message: problem }]));
      const opened = rt.stores.openIncident(playbook, rt.now(), o.new === true);
      if (!opened.ok) return void fail(opened.error);
      const { runIncidentUi } = await importUi(() => import('../src/ui/run-incident.js'));
      await runIncidentUi({ config, playbook, incident: opened.value, deps: rt.incidentDeps(playbook), env: rt.env, exec: o.exec, clock: rt.clock });
    }),
});

function postmortem(rt: Runtime, playbook: Playbook): void {
  const found = rt.stores.latestIncident(playbook.id);
  if (!found.ok) return void fail(found.error);
  if (!found.value) return void usage(`no incident of ${playbook.id} in ${rt.stores.incidentsDir}`);
  const w = rt.stores.writePostmortem(found.value.file, playbook);
  if (!w.ok) return void fail(w.error);
  process.stdout.write(`${w.value}\n`);
}

/** Every playbook, with the incident open for it; a timeline that cannot be read is named on stderr and passed over. */
function listPlaybooks(rt: Runtime): void {
  const open = new Map<string, Incident>();
  const problems = rt.stores.eachIncident((inc) => {
    const seen = open.get(inc.playbook);
    if (inc.resolvedAt === null && (!seen || inc.openedAt >= seen.openedAt)) open.set(inc.playbook, inc);
  });
  for (const p of problems) process.stderr.write(`oncall: note: ${fromOutside(p.message)}; passed over\n`);
  for (const p of rt.config.playbooks) {
    const inc = open.get(p.id);
    process.stdout.write(
      `${p.id.padEnd(20)} ${(p.severity ?? '').padEnd(4)} ${p.title}${inc ? `  (open since ${new Date(inc.openedAt).toISOString()})` : ''}\n`,
    );
  }
}
