import { spawn } from 'node:child_process';
import { CLI } from './paths.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would, without a TTY. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string, timeoutMs = 30_000): Promise<Run> {
  return runChild([process.execPath, CLI, ...args], args, env, cwd, timeoutMs);
}

/** `argv` as a child with pipes and a minimal environment, its output collected; `args` names it if it hangs. */
export function runChild(argv: string[], args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string, timeoutMs = 30_000): Promise<Run> {
  const [cmd, ...rest] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, rest, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oncall ${args.join(' ')} did not finish in ${timeoutMs}ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
