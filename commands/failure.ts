// What the top-level catch makes of anything thrown. A thrown value can be
// anything: an Error whose `code` is a number (undici, Sentry's client), a
// string, null, an object without a message, or one that cannot even be
// turned into a string. None of them may crash the handler itself.

export interface Outcome {
  exitCode: number;
  /** The one line for stderr, or null when commander has already said it. */
  line: string | null;
}

const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version']);

export function outcomeOf(e: unknown): Outcome {
  const code = field(e, 'code');
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // Help and version exit 0; a usage mistake exits 2, like a config error.
    return { exitCode: COMMANDER_OK.has(code) ? 0 : 2, line: null };
  }
  return { exitCode: 70, line: `oncall: internal error: ${describeThrown(e)}` };
}

/** The first line of what was thrown, never itself a throw. */
export function describeThrown(e: unknown): string {
  const message = field(e, 'message');
  const text = typeof message === 'string' && message !== '' ? message : printable(e);
  return text.split('\n')[0];
}

/** A property read that survives getters that throw and values that are not objects. */
function field(e: unknown, key: string): unknown {
  if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return undefined;
  try {
    return (e as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function printable(e: unknown): string {
  try {
    const s = String(e);
    return s === '[object Object]' ? `a thrown object without a message${safeJson(e)}` : s;
  } catch {
    return 'a thrown value that cannot be printed';
  }
}

function safeJson(e: unknown): string {
  try {
    const s = JSON.stringify(e);
    return s && s !== '{}' ? ` (${s.length > 200 ? `${s.slice(0, 197)}...` : s})` : '';
  } catch {
    return '';
  }
}
