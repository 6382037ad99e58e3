// When the schema rejects part of a config, the rest is still compiled, so one
// run of `validate` reports every error: an unknown field is dropped, a bad
// optional field is dropped, and an entry whose required field is bad is left
// out whole (its id stays known, so references to it are not errors too).
// Compile errors come back in the pruned tree's indices and are mapped to the
// file's own.
import type { core } from 'zod';
import { ANY_SOURCE, type Known } from './compile-parts.js';
import { formatPath } from './path.js';

type Key = string | number;
type Issue = core.$ZodIssue;

export interface Pruned {
  tree: unknown;
  known: Known;
  /** A path in the pruned tree ("slos[1].warning") as it is in the file ("slos[2].warning"). */
  toFile(path: string): string;
}

const REMOVED = Symbol('removed');
const PLACEHOLDERS: Record<string, unknown> = { version: 1, service: '(invalid)', sources: {} };
const ENTRY_KINDS: Record<string, keyof Known> = { slos: 'slo', alerts: 'alert', playbooks: 'playbook' };

function parent(tree: unknown, path: readonly Key[]): Record<Key, unknown> | null {
  let node = tree;
  for (const k of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<Key, unknown>)[k];
  }
  return node !== null && typeof node === 'object' ? (node as Record<Key, unknown>) : null;
}

/** The tree without REMOVED entries, and for each array (by its path in the file) the file index of each kept item. */
function splice(node: unknown, path: Key[], maps: Map<string, number[]>): unknown {
  if (Array.isArray(node)) {
    const kept: number[] = [];
    const out: unknown[] = [];
    node.forEach((v, i) => {
      if (v === REMOVED) return;
      kept.push(i);
      out.push(splice(v, [...path, i], maps));
    });
    maps.set(formatPath(path), kept);
    return out;
  }
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (v !== REMOVED) out[k] = splice(v, [...path, k], maps);
    return out;
  }
  return node;
}

function segments(path: string): Key[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** A pruned-tree path back in the file's indices. */
function mapper(maps: Map<string, number[]>): (keys: readonly PropertyKey[]) => Key[] {
  return (keys) => {
    const out: Key[] = [];
    for (const k of keys) {
      if (typeof k === 'number') out.push(maps.get(formatPath(out))?.[k] ?? k);
      else out.push(String(k));
    }
    return out;
  };
}

/**
 * `parse` is the schema's safeParse. Null when the tree cannot be made to
 * pass it in a few rounds: then only the schema's own errors are reported.
 */
export function prune(
  tree: unknown,
  issues: readonly Issue[],
  parse: (t: unknown) => { success: boolean; error?: { issues: readonly Issue[] } },
): Pruned | null {
  const work = structuredClone(tree);
  const known: Known = { slo: [], alert: [], playbook: [], source: [] };
  const dropped = new Set<string>();
  let pending = issues;
  let maps = new Map<string, number[]>();
  for (let round = 0; round < 8; round++) {
    const toFile = mapper(maps);
    for (const issue of pending) {
      const path = toFile(issue.path);
      if (issue.code === 'unrecognized_keys') {
        const at = parent(work, [...path, '']);
        for (const k of issue.keys) if (at) delete at[k];
        continue;
      }
      const key = formatPath(path);
      const leaf = path[path.length - 1];
      // A number or true where text goes (`name: 5`) is read as the text it spells, so the entry's
      // other fields are still checked; the schema's error has been reported already.
      const at = parent(work, path);
      const value = at && leaf !== undefined ? at[leaf] : undefined;
      if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') && !dropped.has(key)) {
        dropped.add(key);
        at![leaf!] = String(value);
        continue;
      }
      // A top-level field the config cannot do without stands in as a placeholder.
      if (path.length === 1 && leaf in PLACEHOLDERS && !dropped.has(key)) {
        dropped.add(key);
        (work as Record<Key, unknown>)[leaf] = PLACEHOLDERS[leaf as string];
        // With the sources unreadable, no reference to one is a second error.
        if (leaf === 'sources') known.source.push(ANY_SOURCE);
        continue;
      }
      // A source that is not a mapping is left out whole; references to it are not errors too.
      if (path.length === 2 && path[0] === 'sources') {
        if (!leaveOut(work, path, known)) return null;
        continue;
      }
      // First try dropping the field alone; if it was required, the next round leaves the entry out.
      if (typeof leaf === 'string' && !dropped.has(key) && path.length > 1) {
        dropped.add(key);
        if (at) delete at[leaf];
        continue;
      }
      if (!leaveOut(work, path, known)) return null;
    }
    maps = new Map();
    const spliced = splice(work, [], maps);
    const r = parse(spliced);
    if (r.success) {
      const back = mapper(maps);
      return { tree: spliced, known, toFile: (p) => formatPath(back(segments(p))) };
    }
    pending = r.error?.issues ?? [];
  }
  return null;
}

/** Leaves out the innermost array entry or source holding `path`; false when there is none. */
function leaveOut(work: unknown, path: Key[], known: Known): boolean {
  for (let i = path.length - 1; i >= 1; i--) {
    const holder = path.slice(0, i + 1);
    const isEntry = typeof path[i] === 'number';
    const isSource = i === 1 && path[0] === 'sources';
    if (!isEntry && !isSource) continue;
    const at = parent(work, holder);
    if (!at) return false;
    const entry = at[path[i]] as { id?: unknown } | undefined;
    const kind = ENTRY_KINDS[String(path[i - 1])];
    if (kind && i === 1 && typeof entry?.id === 'string') known[kind].push(entry.id);
    if (isSource) known.source.push(String(path[1]));
    at[path[i]] = REMOVED;
    return true;
  }
  // An optional top-level block (logs, incidents, refresh) goes; version, service and sources cannot.
  if (path.length >= 1 && !['version', 'service', 'sources'].includes(String(path[0]))) {
    const at = parent(work, path.slice(0, 1));
    if (at) at[path[0]] = REMOVED;
    return true;
  }
  return false;
}
