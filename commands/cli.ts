import { Command } from 'commander';
import { installRedaction } from '../src/sources/redact.js';
import { register as check } from './check.js';
import { register as demo } from './demo.js';
import { register as deploy } from './deploy.js';
import { register as doctor } from './doctor.js';
import { outcomeOf } from './failure.js';
import { register as importer } from './import.js';
import { register as incident } from './incident.js';
import { register as init } from './init.js';
import { register as report } from './report.js';
import { register as validate } from './validate.js';
import { register as watch } from './watch.js';

installRedaction();

const program = new Command()
  .name('oncall')
  .description('A terminal on-call console: live SLOs, post-deploy checks and incident playbooks.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

for (const register of [watch, check, incident, report, deploy, validate, doctor, init, importer, demo]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const { exitCode, line } = outcomeOf(e);
  if (line !== null) process.stderr.write(`${line}\n`);
  process.exitCode = exitCode;
}
