// Secrets known to this process. Every byte written to stdout or stderr passes
// through redact() (see installRedaction), so a token that sneaks into an error
// message from a server, a stack trace or a URL is still never shown.
const secrets = new Set<string>();
// Longest first: a password's base64 can sit inside the base64 of user:password.
let ordered: string[] = [];

export function registerSecrets(values: Iterable<string>): void {
  for (const v of values) {
    // Short values would blank out ordinary words; such a secret is not worth having anyway.
    if (v && v.length >= 4) {
      secrets.add(v);
      secrets.add(Buffer.from(v).toString('base64'));
      secrets.add(encodeURIComponent(v));
    }
  }
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Every form registered so far: a worker thread starts with an empty set of its own and adopts these. */
export function knownSecrets(): string[] {
  return ordered;
}

export function adoptSecrets(forms: readonly string[]): void {
  if (forms.length === ordered.length) return;
  for (const f of forms) secrets.add(f);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

export function redact(text: string): string {
  let out = text.includes('@') ? text.replace(/(\/\/)[^/@\s:]+:[^/@\s]*@/g, '$1***@') : text;
  for (const s of ordered) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

let installed = false;

/** Wraps process.stdout/stderr so nothing secret reaches a terminal, pipe or log. */
export function installRedaction(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (secrets.size > 0) {
        if (typeof chunk === 'string') chunk = redact(chunk);
        else if (chunk instanceof Uint8Array) chunk = Buffer.from(redact(Buffer.from(chunk).toString('utf8')));
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
