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
      for (const f of encodedForms(v)) secrets.add(f);
    }
  }
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

// An encoded form shorter than this would blank out ordinary text.
const MIN_FORM = 6;

/**
 * The ways a server, a proxy or a log echoes a secret back: base64 (padded,
 * unpadded, URL-safe, and from any byte offset, since an Authorization header
 * or a "user:pass" pair is encoded whole), percent-encoding in either case
 * and form-encoding, hex, and JSON string escaping.
 */
function encodedForms(v: string): string[] {
  const bytes = Buffer.from(v);
  const b64 = bytes.toString('base64');
  const percent = encodeURIComponent(v);
  const json = JSON.stringify(v).slice(1, -1);
  const forms = [
    b64,
    b64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(b64),
    ...base64Cores(bytes),
    // The base64 of a header that holds this base64 ("Basic dXNlcjpwYXNz"), encoded again.
    ...base64Cores(Buffer.from(b64)),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ v }).toString().slice(2),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    json,
    json.replace(/\//g, '\\/'),
  ];
  return forms.filter((f) => f.length >= MIN_FORM && f !== v);
}

/**
 * The base64 characters that depend only on `bytes`, wherever they start in a
 * longer encoded string: for each of the three byte offsets, the characters
 * whose six bits fall wholly inside the secret. Both alphabets.
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const enc = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = enc.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
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

// A URL's credentials in its query (?api_key=, &access_token=, &X-Amz-Signature=), echoed by a server or a proxy.
const QUERY_SECRET = /([?&][\w.-]*(?:token|key|secret|passw(?:or)?d|pass|auth|sig|signature|credential|session)[\w.-]*=)[^&\s"'<>#]+/gi;

export function redact(text: string): string {
  let out = text.includes('@') ? text.replace(/(\/\/)[^/@\s:]+:[^/@\s]*@/g, '$1***@') : text;
  if (out.includes('=')) out = out.replace(QUERY_SECRET, '$1***');
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
