// Playbook commands: $VAR and ${VAR} come from the environment when the step
// runs. The shell expands them itself (the command runs exactly as written,
// with the environment); this only renders what a person sees, secrets masked.
// Nothing from a backend response ever reaches a command.
const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|AUTH|CREDENTIAL)/i;

export interface Expanded {
  /** For the screen, the timeline and the postmortem: secrets as ***. */
  display: string;
  /** Variables the command uses that are not set. */
  missing: string[];
  /** Values masked in `display`: also to be scrubbed from the command's output. */
  secrets: string[];
}

export function expandCommand(command: string, env: NodeJS.ProcessEnv): Expanded {
  const missing: string[] = [];
  const secrets: string[] = [];
  const display = command.replace(VAR, (whole, braced: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      const v = env[name];
      if (v === undefined) {
        if (!missing.includes(name)) missing.push(name);
        return whole;
      }
      if (SECRET_NAME.test(name)) {
        if (v && !secrets.includes(v)) secrets.push(v);
        return '***';
      }
      return v;
    });
  return { display, missing: missing.sort(), secrets };
}

/** Output shown and recorded: the secrets the command used masked, cut to a readable size. */
export function maskOutput(output: string, secrets: string[], max = 4000): string {
  let out = output;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join('***');
  return out.length > max ? `${out.slice(0, max)}\n… (${out.length - max} more characters)` : out;
}
