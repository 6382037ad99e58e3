import * as z from 'zod';
import { jsonSchema } from '../src/config/schema.js';
import { declare } from './command.js';
import { configErrors, withRuntime } from './common.js';
import { incidentsDirProblem } from './incidents-dir.js';

const options = z.object({
  config: z.string().optional(),
  schema: z.boolean().optional(),
  demo: z.boolean().optional(),
});

export const validate = declare({
  name: 'validate',
  description: 'check the config and print what it holds, or every error with its path',
  options: [
    { flags: '-c, --config <path>', description: 'config file (default ./oncall.yaml, then $ONCALL_CONFIG)' },
    { flags: '--schema', description: 'print the JSON Schema of oncall.yaml (for editor completion) and exit' },
    { flags: '--demo', description: 'validate the bundled demo config' },
  ],
  schema: options,
  run: (o) => {
    if (o.schema) return void process.stdout.write(`${JSON.stringify(jsonSchema(), null, 2)}\n`);
    return withRuntime({ config: o.config, demo: o.demo }, (rt) => {
      const c = rt.config;
      // The demo's folder is wherever it runs; a config's is part of what it says.
      const dir = rt.demo ? null : incidentsDirProblem(c.incidentsDir);
      if (dir) return void configErrors(rt.path, [{ path: 'incidents.dir', message: dir }]);
      const checks = c.schedule.reduce((n, p) => n + p.checks.length, 0);
      process.stdout.write(
        `ok: ${c.slos.length} slos, ${c.alerts.length} alerts, ${checks} checks in ${c.schedule.length} phases, ${c.playbooks.length} playbooks\n`,
      );
    });
  },
});
