import { spawn } from 'node:child_process';
import { fromOutside, fromOutsideLines } from '../text/sanitize.js';

export interface RunResult {
  exit: number | null;
  output: string;
  timedOut: boolean;
}

/**
 * Runs a playbook command as written in `sh -u -c`, output captured, killed
 * after `timeoutMs`. Its variables come from `env` and are expanded by the
 * shell, so a value is data, not shell text; `-u` makes an unset one an error.
 * The output is outside text (a command can print anything a server sent it):
 * it passes the gate here.
 */
export function runCommand(command: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000, maxBytes = 64 * 1024): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-u', '-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (d: Buffer) => {
      if (output.length < maxBytes) output += d.toString('utf8');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const safe = fromOutsideLines(output, maxBytes);
      resolve({ exit: timedOut ? null : code, output: timedOut ? `${safe}\n(killed after ${timeoutMs / 1000}s)` : safe, timedOut });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exit: null, output: fromOutside(String(e.message)), timedOut: false });
    });
  });
}

/** OSC 52: the terminal puts the text on the clipboard (works over ssh and in tmux with set-clipboard). */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text).toString('base64')}\u0007`;
}
