import { Command } from 'commander';
import { installRedaction, redact } from '../src/text/redact.js';
import { register as check } from './check.js';
import { register as demo } from './demo.js';
import { register as deploy } from './deploy.js';
import { register as doctor } from './doctor.js';
import { describeThrown, outcomeOf } from './failure.js';
import { register as importer } from './import.js';
import { register as incident } from './incident.js';
import { register as init } from './init.js';
import { register as report } from './report.js';
import { register as validate } from './validate.js';
import { register as watch } from './watch.js';

installRedaction();

// Node's own printer for an uncaught error writes past the stdout/stderr
// scrubber, stack and all; a bug must not leak a token on its way out either.
function fatal(e: unknown): void {
  const stack = e instanceof Error ? e.stack : undefined;
  const detail = process.env.ONCALL_DEBUG && stack ? `\n${stack}` : ' (ONCALL_DEBUG=1 shows where)';
  process.stderr.write(redact(`oncall: internal error: ${describeThrown(e)}${detail}\n`));
  process.exit(70);
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

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
