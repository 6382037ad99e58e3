// Playbook commands run exactly as written: `sh -u -c <command>` with the
// variables they use ($VAR, ${VAR}) in the environment, so the shell expands
// them as values, never as shell text, and an unset one stops that step alone.
// What a person sees, copies and records is the command as written: names,
// never values. Nothing from a backend response ever reaches a command.
const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|AUTH|CREDENTIAL)/i;

export interface CommandVars {
  /** Variables the command appears to use that are not set (a hint: single quotes can hide a `$`). */
  missing: string[];
  /** Values of the secret-named variables it uses: scrubbed from its output. */
  secrets: string[];
}

export function commandVars(command: string, env: NodeJS.ProcessEnv): CommandVars {
  const missing = new Set<string>();
  const secrets = new Set<string>();
  for (const m of command.matchAll(VAR)) {
    const name = (m[1] ?? m[2])!;
    const v = env[name];
    if (v === undefined) missing.add(name);
    else if (v && SECRET_NAME.test(name)) secrets.add(v);
  }
  return { missing: [...missing].sort(), secrets: [...secrets] };
}

/**
 * Values of every secret-named variable in `env`: a command can print one
 * without naming it as `$VAR` (`printenv API_KEY`, `env`), so its output is
 * scrubbed of all of them. Short values would blank ordinary words.
 */
export function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, v]) => v !== undefined && v.length >= 6 && SECRET_NAME.test(name))
    .map(([, v]) => v!);
}

/** Output shown and recorded: the secrets the command used masked, cut to a readable size. */
export function maskOutput(output: string, secrets: string[], max = 4000): string {
  let out = output;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s) out = out.split(s).join('***');
  return out.length > max ? `${out.slice(0, max)}\n… (${out.length - max} more characters)` : out;
}
