import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import * as z from 'zod';
import type { SourceType } from '../src/config/types.js';
import type { GrafanaOptions } from '../src/import/grafana.js';
import type { Imported } from '../src/import/output.js';
import { visibleControls, visibleTextIn } from '../src/text/sanitize.js';
import { type CommandDecl, declare } from './command.js';
import { usage } from './common.js';

type Importer = (text: string, o: GrafanaOptions) => Imported;

function read(file: string): string | null {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    usage(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `cannot read (${code})`}`);
    return null;
  }
}

/** The options of an import whose queries can be in `types`, the first the default: --type checked, --var read into names and values. */
function optionsFor(types: SourceType[]) {
  return z
    .object({
      source: z.string(),
      type: z.string().optional(),
      service: z.string().optional(),
      var: z.array(z.string()).optional(),
      asRules: z.boolean().optional(),
    })
    .transform((o, ctx) => {
      const type = (o.type ?? types.find((t) => t === o.source) ?? types[0]) as SourceType;
      if (!types.includes(type)) {
        ctx.addIssue({ code: 'custom', message: `--type: ${JSON.stringify(type)}: this import writes queries for a ${types.join(' or ')} source` });
        return z.NEVER;
      }
      const vars: Record<string, string> = {};
      for (const v of o.var ?? []) {
        const eq = v.indexOf('=');
        if (eq < 1) {
          ctx.addIssue({ code: 'custom', message: `--var ${JSON.stringify(v)}: expected name=value` });
          return z.NEVER;
        }
        vars[v.slice(0, eq)] = v.slice(eq + 1);
      }
      if (o.asRules && type !== 'prometheus') {
        ctx.addIssue({ code: 'custom', message: `--as-rules: a ${type} source shows no rule state; rule: alerts need a prometheus source` });
        return z.NEVER;
      }
      return { source: o.source, type, service: o.service, vars, ...(o.asRules ? { asRules: true } : {}) };
    });
}

/** The importers load only when an import runs: every other command starts without them. */
async function runImport(kind: string, load: () => Promise<Importer>, file: string, opts: GrafanaOptions): Promise<void> {
  const text = read(file);
  if (text === null) return;
  const o: GrafanaOptions = { ...opts, service: opts.service ?? (file === '-' ? undefined : basename(file, extname(file))) };
  const [importer, { configDoc }] = await Promise.all([load(), import('../src/import/output.js')]);
  let out: Imported;
  try {
    out = importer(text, o);
  } catch (e) {
    // An importer throws only for input that is not its kind at all (NotRules, NotDashboard, NotSloth, ...).
    return void usage(`${file}: not ${kind} (${(e as Error).message.split('\n')[0]})`);
  }
  process.stdout.write(`# oncall import of ${file === '-' ? 'stdin' : basename(file)}; check it with: oncall validate --config FILE\n`);
  // What was imported is someone else's text (panel titles, rule annotations): its controls are made visible here too.
  process.stdout.write(stringify(visibleTextIn(configDoc(out, o)), { lineWidth: 0 }));
  for (const n of out.notes) process.stderr.write(`note: ${visibleControls(n)}\n`);
  for (const n of out.notMapped) process.stderr.write(`not mapped: ${visibleControls(n.what)}: ${visibleControls(n.why)}\n`);
  process.stderr.write(`${visibleControls(out.summary)}\n`);
}

interface Kind {
  name: string;
  what: string;
  description: string;
  load: () => Promise<Importer>;
  types: SourceType[];
}

const KINDS: Kind[] = [
  {
    name: 'prometheus-rules',
    what: 'Prometheus rules YAML',
    load: async () => (await import('../src/import/prometheus-rules.js')).importPrometheusRules,
    types: ['prometheus', 'loki'],
    description: 'alerting rules: a rule file, a PrometheusRule manifest, a list of rules, several documents',
  },
  {
    name: 'grafana',
    what: 'Grafana dashboard JSON',
    load: async () => (await import('../src/import/grafana.js')).importGrafana,
    types: ['prometheus', 'loki'],
    description: 'a Grafana dashboard: each query of a panel whose thresholds say what is healthy becomes an SLO',
  },
  {
    name: 'sloth',
    what: 'a Sloth spec',
    load: async () => (await import('../src/import/sloth.js')).importSloth,
    types: ['prometheus'],
    description: 'Sloth SLO specs (prometheus/v1, PrometheusServiceLevel): SLOs and their page and ticket alerts',
  },
  {
    name: 'pyrra',
    what: 'a Pyrra SLO',
    load: async () => (await import('../src/import/pyrra.js')).importPyrra,
    types: ['prometheus'],
    description: 'Pyrra ServiceLevelObjectives: SLOs and their burn-rate and absent alerts',
  },
  {
    name: 'openslo',
    what: 'OpenSLO v1',
    load: async () => (await import('../src/import/openslo.js')).importOpenSlo,
    types: ['prometheus'],
    description: 'OpenSLO v1 SLOs on Prometheus ratio metrics, with their burn-rate alert conditions',
  },
];

export const importer: CommandDecl = {
  name: 'import',
  description: 'turn what a team already has into an oncall.yaml that validates (YAML on stdout; on stderr, what was not mapped and why)',
  options: [],
  subcommands: KINDS.map((k) =>
    declare({
      name: k.name,
      args: '<file>',
      description: `${k.description}; - reads stdin`,
      options: [
        { flags: '--source <name>', description: 'the source name the queries go to', default: k.types[0] },
        { flags: '--type <type>', description: `the source type when --source names another (${k.types.join(' or ')})` },
        { flags: '--service <name>', description: 'the service name of the written config (default: the file name)' },
        ...(k.name === 'prometheus-rules'
          ? [
              {
                flags: '--as-rules',
                description: "alerts that show Prometheus' own state of each alerting rule (rule: NAME) instead of copies of their expressions",
              } as const,
            ]
          : []),
        ...(k.name === 'grafana'
          ? [{ flags: '--var <name=value>', description: 'a value for a dashboard variable (repeat for several)', repeats: true } as const]
          : []),
      ],
      schema: optionsFor(k.types),
      run: (o, [file]) => runImport(k.what, k.load, file, o),
    }),
  ),
};
