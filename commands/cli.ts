import { Command } from 'commander';
import { installRedaction, redact } from '../src/text/redact.js';
import { check } from './check.js';
import type { CommandDecl } from './command.js';
import { demo } from './demo.js';
import { deploy } from './deploy.js';
import { doctor } from './doctor.js';
import { describeThrown, outcomeOf } from './failure.js';
import { importer } from './import.js';
import { incident } from './incident.js';
import { init } from './init.js';
import { report } from './report.js';
import { silence } from './silence.js';
import { validate } from './validate.js';
import { watch } from './watch.js';

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

/** Adds `decl` to `parent` as commander has it: options in the order declared, which is the order help lists them in. */
function attach(parent: Command, decl: CommandDecl): void {
  const c = parent.command(decl.args ? `${decl.name} ${decl.args}` : decl.name).description(decl.description);
  for (const o of decl.options) {
    if (o.repeats) c.option(o.flags, o.description, (v: string, all: string[] = []) => [...all, v]);
    else if (o.default !== undefined) c.option(o.flags, o.description, o.default);
    else c.option(o.flags, o.description);
  }
  for (const sub of decl.subcommands ?? []) attach(c, sub);
  const { action } = decl;
  // Commander calls an action with the arguments, then the options, then the command.
  if (action) c.action((...a: unknown[]) => action(a.at(-2) as Record<string, unknown>, a.slice(0, -2) as string[]));
}

const program = new Command()
  .name('oncall')
  .description('A terminal on-call console: live SLOs, post-deploy checks and incident playbooks.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

for (const decl of [watch, check, incident, report, deploy, silence, validate, doctor, init, importer, demo]) attach(program, decl);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const { exitCode, line } = outcomeOf(e);
  if (line !== null) process.stderr.write(`${line}\n`);
  process.exitCode = exitCode;
}
