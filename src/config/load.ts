import type { core } from 'zod';
import { visibleTextIn } from '../text/sanitize.js';
import { type CompileOptions, compile } from './compile.js';
import type { Known } from './compile-parts.js';
import { expandEnv } from './expand.js';
import { type ConfigError, formatPath } from './path.js';
import { prune } from './prune.js';
import { dropReservedNames } from './reserved.js';
import { configSchemaFor, type RawConfig } from './schema.js';
import { isSecretPath, secretsIn } from './secrets.js';
import type { Config } from './types.js';
import { readYaml } from './yaml-docs.js';

// A config's text read into a Config: no disk here (src/store/config-file.ts reads the file).

/** `secrets`: every credential the file holds, valid or not, so output can be scrubbed of them. */
export type LoadResult = { ok: true; config: Config; path: string; secrets: string[] } | { ok: false; path: string; errors: ConfigError[]; secrets: string[] };
export type Parsed = { ok: true; config: Config; secrets: string[] } | { ok: false; errors: ConfigError[]; secrets: string[] };

export function parseConfig(text: string, env: NodeJS.ProcessEnv, options: CompileOptions = {}): Parsed {
  const yaml = readYaml(text);
  const at = (e: { line?: number; col?: number }) => (e.line !== undefined ? `line ${e.line}:${e.col}` : '(yaml)');
  if (yaml.errors.length > 0) return { ok: false, secrets: [], errors: yaml.errors.map((e) => ({ path: at(e), message: e.message })) };
  if (!yaml.value.ok) return { ok: false, secrets: [], errors: [{ path: yaml.value.path ?? at(yaml.value), message: yaml.value.message }] };
  const tree = yaml.value.value;
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    return { ok: false, secrets: [], errors: [{ path: '(root)', message: 'expected a mapping with version, service, sources, ...' }] };
  }
  const reserved = dropReservedNames(tree);
  // A source left out for its name is still there for the references to it: they are not errors too.
  const withSources = (known: Known): Known => ({ ...known, source: [...known.source, ...reserved.sources] });
  const fromEnv = expandEnv(tree, env);
  const secrets = secretsIn(fromEnv.value);
  const expanded = { ...fromEnv, value: visibleTextIn(fromEnv.value) };
  const configSchema = configSchemaFor(options.registry);
  const parsed = configSchema.safeParse(expanded.value);
  // A value left unexpanded fails its own check too; the env error already says why.
  const envPaths = new Set(expanded.errors.map((e) => e.path));
  const fresh = (e: ConfigError) => !envPaths.has(e.path);
  if (!parsed.success) {
    const schemaErrors = parsed.error.issues.flatMap((i) => describeIssue(i, expanded.value, secrets));
    // The rest is still compiled, so one run reports every error.
    const pruned = prune(expanded.value, parsed.error.issues, (t) => configSchema.safeParse(t));
    const more = pruned ? compile(pruned.tree as RawConfig, withSources(pruned.known), options).errors.map((e) => ({ ...e, path: pruned.toFile(e.path) })) : [];
    const seen = new Set(schemaErrors.map((e) => e.path));
    const errors = [...reserved.errors, ...expanded.errors, ...schemaErrors.filter(fresh), ...more.filter((e) => fresh(e) && !seen.has(e.path))];
    return { ok: false, errors, secrets };
  }
  const { config, errors } = compile(parsed.data, withSources({ slo: [], alert: [], playbook: [], source: [] }), options);
  const all = [...reserved.errors, ...expanded.errors, ...errors.filter(fresh)];
  if (all.length > 0) return { ok: false, errors: all, secrets };
  return { ok: true, config, secrets };
}

function valueAt(tree: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** A value quoted in an error: scrubbed of the file's secrets before it is cut, so no prefix of one shows. */
function quote(v: unknown, secrets: string[]): string {
  if (v === undefined) return 'missing';
  let s = JSON.stringify(v) ?? String(v);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) s = s.split(secret).join('***');
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describeIssue(issue: core.$ZodIssue, tree: unknown, secrets: string[]): ConfigError[] {
  const path = formatPath(issue.path);
  const value = valueAt(tree, issue.path);
  // A credential in the wrong shape is still a credential: say what kind of value it is, never which.
  const show = (v: unknown) =>
    isSecretPath(issue.path) && v !== undefined ? `the value (a ${Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v}, not shown)` : quote(v, secrets);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: 'unknown field' }));
    case 'invalid_type':
      if (value === undefined) return [{ path, message: `is required (${issue.expected})` }];
      return [{ path, message: `${show(value)} is not a ${issue.expected}` }];
    case 'invalid_value':
      return [{ path, message: `${show(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'too_small':
      return [{ path, message: `${show(value)} is too small (${issue.message})` }];
    case 'too_big':
      return [{ path, message: `${show(value)} is too big (${issue.message})` }];
    case 'invalid_union':
      return [{ path, message: value === undefined ? 'is required' : `${show(value)} is not valid here` }];
    default:
      return [{ path, message: `${show(value)}: ${issue.message}` }];
  }
}
