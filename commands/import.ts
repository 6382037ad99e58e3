import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { importGrafana } from '../src/import/grafana.js';
import { importPrometheusRules } from '../src/import/prometheus-rules.js';
import { usage } from './common.js';

type Importer = (text: string, source: string) => { entries: Array<Record<string, unknown>>; skipped: string[] };

function action(kind: string, key: 'alerts' | 'slos', importer: Importer) {
  return (file: string, opts: { source: string }) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      usage(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read'}`);
      return;
    }
    let out: ReturnType<Importer>;
    try {
      out = importer(text, opts.source);
    } catch (e) {
      usage(`${file}: not ${kind} (${(e as Error).message.split('\n')[0]})`);
      return;
    }
    process.stdout.write(stringify({ [key]: out.entries }, { lineWidth: 0 }));
    for (const s of out.skipped) process.stderr.write(`not mapped: ${s}\n`);
  };
}

export function register(program: Command): void {
  const imp = program.command('import').description('turn what a team already has into oncall.yaml entries (YAML on stdout, what could not be mapped on stderr)');
  imp
    .command('prometheus-rules <file>')
    .description('Prometheus alerting rules (groups[].rules[] or an alerts: list) -> alerts:')
    .option('--source <name>', 'the source the queries go to', 'prometheus')
    .action(action('Prometheus rules YAML', 'alerts', importPrometheusRules));
  imp
    .command('grafana <file>')
    .description('a Grafana dashboard JSON (panels with targets[].expr and thresholds) -> slos:')
    .option('--source <name>', 'the source the queries go to', 'prometheus')
    .action(action('Grafana dashboard JSON', 'slos', importGrafana));
}
