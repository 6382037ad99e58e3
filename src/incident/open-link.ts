// Opening a link in a browser and putting it on the clipboard: the one place
// oncall starts an opener. No shell: the opener is found on PATH and gets the
// URL as its only argument, detached, its output ignored; a failure is a
// value, shown on screen, never a throw.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { osc52 } from './exec.js';

/** What `o` did: opened it, or the reason it shows the URL instead. */
export type OpenOutcome = { kind: 'opened'; url: string; opener: string } | { kind: 'shown'; url: string; why: string };

/** How the screens reach a browser and the clipboard (handed to them by the runtime). */
export interface LinkActions {
  open: (url: string) => Promise<OpenOutcome>;
  /** OSC 52 to the terminal, and a native clipboard tool when one is there; returns how ("OSC 52 and xclip"). */
  copy: (text: string) => string;
}

/** `name`'s executable on the environment's PATH, or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // A relative PATH entry ("." or "") depends on where oncall runs: not trusted with a URL.
    if (!dir || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

export const overSsh = (env: NodeJS.ProcessEnv): boolean => Boolean(env.SSH_CONNECTION || env.SSH_TTY);
const onWsl = (env: NodeJS.ProcessEnv): boolean => Boolean(env.WSL_DISTRO_NAME || env.WSL_INTEROP);

/** The openers this platform has, in the order tried. */
export function openerNames(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return [];
  return onWsl(env) ? ['wslview', 'xdg-open'] : ['xdg-open'];
}

/** Opens `url` with the platform's opener; over SSH or without one, says so, and the screen shows the URL. */
export function openLink(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<OpenOutcome> {
  // A browser opened on the far side of an SSH session is one nobody sees.
  if (overSsh(env)) return Promise.resolve({ kind: 'shown', url, why: 'over SSH: open it on your machine' });
  const names = openerNames(env, platform);
  const found = names.map((n) => [n, findOnPath(n, env)] as const).find(([, path]) => path !== null);
  if (!found) return Promise.resolve({ kind: 'shown', url, why: `no ${names.join(' or ') || 'opener'} on PATH` });
  const [name, path] = found as readonly [string, string];
  return new Promise((resolve) => {
    try {
      const child = spawn(path, [url], { detached: true, stdio: 'ignore', env, shell: false });
      child.once('spawn', () => {
        child.unref();
        resolve({ kind: 'opened', url, opener: name });
      });
      child.once('error', (e) => resolve({ kind: 'shown', url, why: `${name} did not start (${(e as NodeJS.ErrnoException).code ?? e.message})` }));
    } catch (e) {
      resolve({ kind: 'shown', url, why: `${name} did not start (${(e as Error).message})` });
    }
  });
}

/** The native clipboard tool this session can reach, with its arguments, or null. */
export function clipboardTool(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): { name: string; path: string; args: string[] } | null {
  const candidates: Array<[string, string[]]> =
    platform === 'darwin'
      ? [['pbcopy', []]]
      : [
          ...(env.WAYLAND_DISPLAY ? ([['wl-copy', []]] as Array<[string, string[]]>) : []),
          ...(env.DISPLAY
            ? ([
                ['xclip', ['-selection', 'clipboard']],
                ['xsel', ['--clipboard', '--input']],
              ] as Array<[string, string[]]>)
            : []),
        ];
  for (const [name, args] of candidates) {
    const path = findOnPath(name, env);
    if (path) return { name, path, args };
  }
  return null;
}

/**
 * OSC 52 (the terminal puts it on the clipboard, over SSH and in tmux too),
 * and the native tool when there is one. `write` is the terminal.
 */
export function copyText(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  write: (s: string) => void = (s) => void process.stdout.write(s),
): string {
  write(osc52(text));
  const tool = clipboardTool(env, platform);
  if (!tool) return 'OSC 52';
  try {
    // xclip stays to serve the selection: detached, so that it outlives nothing of ours and we wait for nothing of its.
    const child = spawn(tool.path, tool.args, { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env, shell: false });
    child.on('error', () => {});
    child.stdin?.on('error', () => {});
    child.stdin?.end(text);
    child.unref();
    return `OSC 52 and ${tool.name}`;
  } catch {
    return 'OSC 52';
  }
}

export function linkActions(env: NodeJS.ProcessEnv): LinkActions {
  return { open: (url) => openLink(url, env), copy: (text) => copyText(text, env) };
}
