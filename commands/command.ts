// A command as data: its name, arguments, options and their schema, and what
// it runs. cli.ts turns these into commander commands; the schema checks
// what commander parsed before `run` sees it, so `run` gets typed values.
import * as z from 'zod';
import { usage } from './common.js';

export interface OptionDecl {
  /** As commander writes them: '-c, --config <path>', '--no-exec'. */
  flags: string;
  description: string;
  default?: string;
  /** May be given several times; the values come as a list. */
  repeats?: true;
}

export interface CommandDecl {
  name: string;
  /** As commander writes them: '[playbook]', '<file>'. */
  args?: string;
  description: string;
  options: OptionDecl[];
  subcommands?: CommandDecl[];
  /** Absent for a command that only groups subcommands. */
  action?: (options: Record<string, unknown>, args: string[]) => Promise<void>;
}

interface Declared<S extends z.ZodType> extends Omit<CommandDecl, 'action'> {
  schema: S;
  run: (options: z.output<S>, args: string[]) => Promise<void> | void;
}

/** A command whose options are checked against `schema`: the first problem is a usage error (exit 2), and `run` does not start. */
export function declare<S extends z.ZodType>({ schema, run, ...decl }: Declared<S>): CommandDecl {
  return {
    ...decl,
    action: async (options, args) => {
      const parsed = schema.safeParse(options);
      if (!parsed.success) return void usage(problem(parsed.error.issues[0]));
      await run(parsed.data, args);
    },
  };
}

/** A schema's own words for a value commander should not have handed over: a bug, said with the option's name. */
function problem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' || issue.path.length === 0) return issue.message;
  return `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`;
}

/** One of `values`, else a usage error in the words every command uses. */
export function oneOf<const T extends string>(flag: string, values: readonly T[]) {
  return z.string().transform((s, ctx) => {
    if ((values as readonly string[]).includes(s)) return s as T;
    ctx.addIssue({ code: 'custom', message: `${flag}: ${JSON.stringify(s)} is not one of ${values.join(', ')}` });
    return z.NEVER;
  });
}
