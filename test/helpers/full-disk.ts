// A disk that is really full, for the disk-full tests. As root: a 64 KiB tmpfs,
// filled with a ballast file until the kernel says ENOSPC, and freed by removing
// it. Without root only a child process can be limited: `ulimit -f 0` (with
// SIGXFSZ ignored) makes every write of that child that would grow a file fail
// with EFBIG. Tests that need the first kind call tmpfsDisk(), which fails with
// the reason when it cannot mount; none is skipped.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Run, runChild } from './cli.js';
import { CLI } from './paths.js';

export interface FullDisk {
  mode: 'tmpfs' | 'ulimit';
  dir: string;
  /** What the failure line says: "no space left on device (ENOSPC)" or "file too large (EFBIG)". */
  why: string;
  /** Takes every free page (tmpfs); under ulimit the limit is in the child already. */
  fill(): void;
  /** Gives the space back (tmpfs only). */
  free(): void;
  /** argv for a child that meets the full disk: as is on tmpfs, under the limit otherwise. */
  command(argv: string[]): string[];
  close(): void;
}

const isRoot = () => process.getuid?.() === 0;

/** A full tmpfs; throws, naming what is missing, where there is no root to mount it. */
export function tmpfsDisk(): FullDisk {
  if (!isRoot()) throw new Error('this disk-full test needs root: it mounts a 64 KiB tmpfs and fills it (run the tests as root)');
  const dir = mkdtempSync(join(tmpdir(), 'oncall-full-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', dir], { encoding: 'utf8' });
  if (m.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`this disk-full test needs to mount a tmpfs, and mount failed: ${m.stderr.trim() || m.error?.message}`);
  }
  const ballast = join(dir, '.ballast');
  return {
    mode: 'tmpfs',
    dir,
    why: 'no space left on device (ENOSPC)',
    fill() {
      const fd = openSync(ballast, 'a');
      const page = Buffer.alloc(4096, 0x2e);
      try {
        for (;;) writeSync(fd, page);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(ballast, { force: true });
    },
    command: (argv) => argv,
    close() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** tmpfs where root can mount one, else a child under `ulimit -f 0` (ONCALL_TEST_DISK=ulimit tries that as root). */
export function fullDisk(): FullDisk {
  if (isRoot() && process.env.ONCALL_TEST_DISK !== 'ulimit') return tmpfsDisk();
  const dir = mkdtempSync(join(tmpdir(), 'oncall-limited-'));
  return {
    mode: 'ulimit',
    dir,
    why: 'file too large (EFBIG)',
    fill() {},
    free() {
      throw new Error('a ulimit cannot be lifted from a running child: this step needs the tmpfs (root)');
    },
    command: (argv) => ['sh', '-c', `trap '' XFSZ; ulimit -f 0; exec "$@"`, 'sh', ...argv],
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the built CLI as a child that meets the full disk (pipes, no TTY). */
export function runOnFullDisk(d: FullDisk, args: string[], timeoutMs = 30_000): Promise<Run> {
  return runChild(d.command([process.execPath, CLI, ...args]), args, {}, undefined, timeoutMs);
}

/** A read-only tmpfs holding an empty folder `existing`; throws, naming what is missing, where there is no root to mount it. */
export function readOnlyDisk(): { dir: string; close(): void } {
  if (!isRoot()) throw new Error('this read-only test needs root: it mounts a tmpfs read-only (run the tests as root)');
  const dir = mkdtempSync(join(tmpdir(), 'oncall-ro-'));
  const run = (args: string[]) => spawnSync('mount', args, { encoding: 'utf8' });
  let m = run(['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', dir]);
  if (m.status === 0) {
    mkdirSync(join(dir, 'existing'));
    m = run(['-o', 'remount,ro', dir]);
  }
  if (m.status !== 0) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`this read-only test needs to mount a tmpfs, and mount failed: ${m.stderr.trim() || m.error?.message}`);
  }
  return {
    dir,
    close() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
