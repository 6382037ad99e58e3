// Credentials anywhere in a config tree, found by where they sit rather than by
// whether the config is valid: an error about a bad config must not print them.
const SECRET_KEY = /^(token|password|secret|api[_-]?key)$/i;
const SECRET_HEADER = /auth|token|key|secret|cookie|pass|credential|session|signature/i;
// A credential passed in a URL's query (a probe's ?token=, a proxy's ?api_key=).
const SECRET_PARAM = /token|key|secret|pass|auth|sig|credential|session/i;

/** Whether the field at `path` holds a credential, so an error about it must not quote its value. */
export function isSecretPath(path: ReadonlyArray<PropertyKey>): boolean {
  const key = String(path.at(-1) ?? '');
  return SECRET_KEY.test(key) || (path.at(-2) === 'headers' && SECRET_HEADER.test(key));
}

export function secretsIn(tree: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown, key: string, parent: string) => {
    // A number or boolean typed where a token belongs is still that token.
    if ((typeof node === 'number' || typeof node === 'boolean') && (SECRET_KEY.test(key) || (parent === 'headers' && SECRET_HEADER.test(key)))) {
      out.add(String(node));
      return;
    }
    if (typeof node === 'string') {
      if (SECRET_KEY.test(key) || (parent === 'headers' && SECRET_HEADER.test(key))) out.add(node);
      const m = /\/\/([^/@\s:]*):([^/@\s]*)@/.exec(node);
      if (m) {
        const [user, pass] = [safeDecode(m[1]), safeDecode(m[2])];
        if (pass) out.add(pass).add(`${user}:${pass}`);
      }
      if (/^https?:\/\/.*\?/i.test(node)) for (const v of queryCredentials(node)) out.add(v);
      return;
    }
    if (Array.isArray(node)) node.forEach((v) => walk(v, key, parent));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k, key);
  };
  walk(tree, '', '');
  // A username next to a password makes the basic-auth pair worth hiding as a whole.
  const sources = (tree as { sources?: Record<string, { username?: string; password?: string }> })?.sources;
  for (const s of Object.values(sources ?? {}))
    if (s && typeof s.username === 'string' && typeof s.password === 'string' && s.password) out.add(`${s.username}:${s.password}`);
  // An unexpanded ${VAR} is not a secret, and masking it would hide which variable is missing.
  return [...out].filter((s) => s.length > 0 && !/^\$\{[^}]*\}$/.test(s));
}

function queryCredentials(url: string): string[] {
  try {
    return [...new URL(url).searchParams].filter(([k, v]) => SECRET_PARAM.test(k) && v).map(([, v]) => v);
  } catch {
    return [];
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
