// Parsed YAML and JSON arrive untyped; every importer reads them through these.
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A scalar as YAML would print it; anything else (lists, mappings, null) is undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
