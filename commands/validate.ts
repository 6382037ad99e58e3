import type { Command } from 'commander';
import { jsonSchema } from '../src/config/schema.js';
import { configErrors, loadForCommand } from './common.js';
import { incidentsDirProblem } from './incidents-dir.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check the config and print what it holds, or every error with its path')
    .option('-c, --config <path>', 'config file (default ./oncall.yaml, then $ONCALL_CONFIG)')
    .option('--schema', 'print the JSON Schema of oncall.yaml (for editor completion) and exit')
    .option('--demo', 'validate the bundled demo config')
    .action(async (opts: { config?: string; schema?: boolean; demo?: boolean }) => {
      if (opts.schema) {
        process.stdout.write(`${JSON.stringify(jsonSchema(), null, 2)}\n`);
        return;
      }
      const loaded = await loadForCommand(opts);
      if (!loaded) return;
      await loaded.demo?.sim.close();
      const c = loaded.config;
      // The demo's folder is wherever it runs; a config's is part of what it says.
      const dir = loaded.demo ? null : incidentsDirProblem(c.incidentsDir);
      if (dir) {
        configErrors(loaded.path, [{ path: 'incidents.dir', message: dir }]);
        return;
      }
      const checks = c.schedule.reduce((n, p) => n + p.checks.length, 0);
      process.stdout.write(
        `ok: ${c.slos.length} slos, ${c.alerts.length} alerts, ${checks} checks in ${c.schedule.length} phases, ${c.playbooks.length} playbooks\n`,
      );
    });
}
