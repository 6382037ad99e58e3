// The one place that lists the types of source. Adding one is a folder
// beside these (kind.ts, client.ts, decode.ts, dialect.ts) and a line in
// SOURCE_KINDS; docs/architecture.md has the steps. Pure: the config
// and the poller read it without loading a client (each kind loads its own,
// see SourceKind.client).
import { alertmanager } from './alertmanager/kind.js';
import type { Capabilities, SourceKind } from './kind.js';
import { loki } from './loki/kind.js';
import { prometheus } from './prometheus/kind.js';
import { sentry } from './sentry/kind.js';

/** Every built-in type, in the order messages list them. */
export const SOURCE_KINDS: readonly SourceKind[] = [prometheus, loki, sentry, alertmanager];

export interface SourceRegistry {
  readonly kinds: readonly SourceKind[];
  /** Their `type:` names, in order. */
  readonly types: readonly string[];
  get(type: string | undefined): SourceKind | undefined;
  /** The types that can do `what`, in order: "this needs prometheus or loki". */
  typesThat(what: keyof Capabilities): string[];
}

/** A registry of `kinds`: the built-in one below, or one a test extends. */
export function createRegistry(kinds: readonly SourceKind[]): SourceRegistry {
  const byType = new Map<string, SourceKind>();
  for (const k of kinds) {
    // Both are mistakes in the list itself, found the first time it is read.
    if (byType.has(k.type)) throw new Error(`source registry: two kinds of type ${JSON.stringify(k.type)}`);
    const missing = unbacked(k);
    if (missing) throw new Error(`source registry: ${k.type} claims ${missing} but its dialect cannot write it`);
    byType.set(k.type, k);
  }
  return {
    kinds,
    types: kinds.map((k) => k.type),
    get: (type) => (type === undefined ? undefined : byType.get(type)),
    typesThat: (what) => kinds.filter((k) => k.can[what]).map((k) => k.type),
  };
}

/** A capability the kind claims whose query its dialect does not write. */
function unbacked(k: SourceKind): string | null {
  if (k.can.ratio && !k.dialect.ratio) return 'ratio';
  if (k.can.windowsInOneQuery && !k.dialect.windows) return 'windowsInOneQuery';
  if (k.can.errors && !k.dialect.errors) return 'errors';
  return null;
}

export const sourceRegistry = createRegistry(SOURCE_KINDS);
