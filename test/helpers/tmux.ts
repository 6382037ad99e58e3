// A real pseudo-terminal for end-to-end tests: tmux types keys and reads the screen.
import { execFileSync, spawnSync } from 'node:child_process';

export function requireTmux(): void {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is missing: the end-to-end tests need it. Install it with: sudo apt-get install -y tmux');
}

/**
 * tmux's server exits with its last session; a session started while it is
 * exiting fails with "server exited unexpectedly" (seen when one run's session
 * ends just before the next starts), and a new server is up a moment later.
 */
export function newSession(args: string[]): void {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync('tmux', ['new-session', '-d', ...args], { encoding: 'utf8' });
    if (r.status === 0) return;
    if (attempt === 3 || !/server exited unexpectedly/.test(r.stderr)) throw new Error(`tmux new-session failed: ${r.stderr.trim()}`);
    spawnSync('sleep', ['0.2']);
  }
}

export class TmuxSession {
  constructor(readonly name: string) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }

  /**
   * CI is set on purpose, whatever the runner's environment: Ink draws nothing
   * under CI, and the screens must draw for an engineer whose shell exports it.
   */
  start(width: number, height: number, ...command: string[]): void {
    newSession(['-s', this.name, '-x', String(width), '-y', String(height), '-e', 'CI=true', ...command]);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** The screen with its attributes as escape sequences (-e): what the app coloured, hid or linked. */
  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
  }

  pid(): number {
    return Number(this.tmux('list-panes', '-t', this.name, '-F', '#{pane_pid}').trim());
  }

  async keys(...k: string[]): Promise<void> {
    this.tmux('send-keys', '-t', this.name, ...k);
    await new Promise((r) => setTimeout(r, 200));
  }

  async screenWhere(ok: (s: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (ok(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}
