import type { Config } from '../config/types.js';
import { stopDecoding } from './decode.js';
import type { ClientFactory } from './kind.js';
import { type SourceRegistry, sourceRegistry } from './registry.js';
import type { AnySource, MetricSource } from './types.js';

export type { AnySource };

/** Each type's client factory, by type. */
export type Clients = ReadonlyMap<string, ClientFactory>;

/** The clients of every kind in `registry`, loaded (each kind imports its own). */
export async function loadClients(registry: SourceRegistry): Promise<Clients> {
  return new Map(await Promise.all(registry.kinds.map(async (k) => [k.type, await k.client()] as const)));
}

// Loaded once, with this module, so that building sources stays a plain call for every command.
const builtIn = await loadClients(sourceRegistry);

/** A client for every configured source; `clients`: those of another registry (a test's). */
export function createSources(config: Config, clients: Clients = builtIn): Map<string, AnySource> {
  const out = new Map<string, AnySource>();
  for (const def of Object.values(config.sources)) {
    const create = clients.get(def.type);
    // The config was checked against the same registry: a type without a client is a bug.
    if (!create) throw new Error(`no client for source type ${JSON.stringify(def.type)} (known: ${[...clients.keys()].join(', ')})`);
    out.set(def.name, create(def));
  }
  return out;
}

/** Closes every source, and withdraws what the decoder still holds: a process quitting mid-cycle is not kept waiting for either. */
export async function closeSources(sources: Map<string, MetricSource>): Promise<void> {
  stopDecoding();
  await Promise.all([...sources.values()].map((s) => s.close()));
}
