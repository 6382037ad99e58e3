// A server of the Prometheus family (Prometheus, Alertmanager) started for a
// test: its stderr kept for the error, ready once `/-/ready` answers 200.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface ReadyServer {
  /** Stops it and removes `dir`, its config and storage. */
  stop(): Promise<void>;
}

export async function startUntilReady(name: string, bin: string, args: string[], url: string, dir: string): Promise<ReadyServer> {
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log.slice(-2000)}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return {
        async stop() {
          child.kill('SIGTERM');
          await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready in 30s:\n${log.slice(-2000)}`);
}
