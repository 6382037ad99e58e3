// Raw (schema-checked) config -> typed Config, with every grammar and reference
// error collected under its YAML path.
import { resolve as resolvePath } from 'node:path';
import type { Capabilities, SourceKind } from '../sources/kind.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import { inRange, nameLength, REFRESH, RESPOND, TIMEOUT } from './bounds.js';
import { compileAlert, compileSlo } from './compile-entries.js';
import { ANY_SOURCE, type Dur, type Err, type Known, redactUserinfo } from './compile-parts.js';
import { compileCheck, compilePlaybook } from './compile-playbooks.js';
import { parseDuration } from './duration.js';
import type { ConfigError } from './path.js';
import { checkQuery } from './queries.js';
import type { RawConfig, RawSource } from './schema.js';
import { bodyLimit, DEFAULT_BODY_LIMIT } from './size.js';
import type { Alert, Auth, Check, Config, Phase, Playbook, Slo, SourceDef } from './types.js';

const DEFAULT_REFRESH = 15_000;
const DEFAULT_TIMEOUT = 5_000;
const MIN_WINDOW = 60_000;

const NONE: Known = { slo: [], alert: [], playbook: [], source: [] };

export interface CompileOptions {
  /** The config file's folder: relative paths in it (incidents.dir) resolve here. The demo's resolve from where oncall runs, not inside the package. */
  baseDir?: string;
  /** The types of source it may use: the built-in ones unless a test brings its own. */
  registry?: SourceRegistry;
}

export function compile(raw: RawConfig, known: Known = NONE, options: CompileOptions = {}): { config: Config; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const registry = options.registry ?? sourceRegistry;

  const dur = (path: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === null) {
      err(path, `${JSON.stringify(text)} is not a duration (expected like 15s, 5m, 2h, 7d)`);
      return fallback;
    }
    return ms;
  };

  nameLength('service', raw.service, err);
  nameLength('environment', raw.environment, err);
  const refreshMs = dur('refresh', raw.refresh, DEFAULT_REFRESH);
  inRange('refresh', raw.refresh, REFRESH, err);
  const timeoutMs = dur('timeout', raw.timeout, DEFAULT_TIMEOUT);
  inRange('timeout', raw.timeout, TIMEOUT, err);

  // Looked up by names from elsewhere in the file: a Map, so a name like "toString" finds no inherited value.
  const compiled = new Map<string, { def: SourceDef; kind: SourceKind }>();
  for (const [name, s] of Object.entries(raw.sources)) {
    const source = compileSource(name, s, `sources.${name}`, { err, dur, timeoutMs, registry });
    if (source) compiled.set(name, source);
  }
  const sources: Record<string, SourceDef> = Object.fromEntries([...compiled].map(([name, { def }]) => [name, def]));
  const rawSource = (name: string): RawSource | undefined => (Object.hasOwn(raw.sources, name) ? raw.sources[name] : undefined);
  for (const [name, s] of Object.entries(raw.sources)) inRange(`sources.${name}.timeout`, s.timeout, TIMEOUT, err);

  const severities: Config['severities'] = {};
  for (const [key, s] of Object.entries(raw.severities ?? {})) {
    severities[key] = { title: s.title, respondMs: dur(`severities.${key}.respond`, s.respond, 0) };
    if (severities[key].respondMs <= 0 && parseDuration(s.respond) !== null)
      err(`severities.${key}.respond`, `${JSON.stringify(s.respond)} must be longer than 0s`);
    else inRange(`severities.${key}.respond`, s.respond, RESPOND, err);
  }

  // A source with a bad url is still of its type: its queries are checked all the same.
  const kindOf = (name: string): SourceKind | undefined => {
    const given = rawSource(name);
    return compiled.get(name)?.kind ?? registry.get(given?.type ?? (given ? name : undefined));
  };
  const sourceRef = (path: string, name: string, need: keyof Capabilities) => {
    const kind = compiled.get(name)?.kind;
    if (!kind) {
      if (!rawSource(name) && !known.source.includes(name) && !known.source.includes(ANY_SOURCE))
        err(path, `${JSON.stringify(name)} is not a configured source (known: ${Object.keys(raw.sources).join(', ') || 'none'})`);
      return;
    }
    if (!kind.can[need])
      err(
        path,
        `${JSON.stringify(name)} is ${/^[aeiou]/.test(kind.type) ? 'an' : 'a'} ${kind.type} source; this needs ${registry.typesThat(need).join(' or ')}`,
      );
  };

  // A `rule:` alert may leave out its source when one source alone evaluates rules.
  const ruleSource = (path: string): string | undefined => {
    const able = Object.keys(raw.sources).filter((name) => kindOf(name)?.can.ruleState);
    if (able.length === 1) return able[0];
    err(
      path,
      able.length
        ? `is required with rule: when several sources evaluate rules (one of ${able.join(', ')})`
        : `is required with rule:, and no source evaluates alerting rules (that needs ${registry.typesThat('ruleState').join(' or ')})`,
    );
    return undefined;
  };

  const defaultWindow = Math.max(refreshMs, MIN_WINDOW);
  const slos: Slo[] = [];
  const sloIds = new Set<string>();
  (raw.slos ?? []).forEach((s, i) => {
    const path = `slos[${i}]`;
    if (sloIds.has(s.id)) err(`${path}.id`, `${JSON.stringify(s.id)} is used by another SLO`);
    sloIds.add(s.id);
    const slo = compileSlo(s, path, err, dur, defaultWindow, kindOf(s.source));
    if (slo) {
      sourceRef(`${path}.source`, s.source, slo.kind === 'ratio' ? 'ratio' : 'metrics');
      slos.push(slo);
    }
  });

  const alerts: Alert[] = [];
  const alertIds = new Set<string>();
  (raw.alerts ?? []).forEach((a, i) => {
    const path = `alerts[${i}]`;
    if (alertIds.has(a.id)) err(`${path}.id`, `${JSON.stringify(a.id)} is used by another alert`);
    alertIds.add(a.id);
    const source = a.source ?? (a.rule !== undefined ? ruleSource(`${path}.source`) : undefined);
    if (source === undefined) {
      if (a.rule === undefined) err(`${path}.source`, 'is required (string)');
      return;
    }
    sourceRef(`${path}.source`, source, a.rule !== undefined ? 'ruleState' : 'metrics');
    if (a.severity !== undefined && raw.severities && !Object.hasOwn(severities, a.severity)) {
      err(`${path}.severity`, `${JSON.stringify(a.severity)} is not a defined severity (known: ${Object.keys(severities).join(', ')})`);
    }
    const alert = compileAlert(a, source, path, err, dur, kindOf(source));
    if (alert) alerts.push(alert);
  });

  const playbookIds = new Set((raw.playbooks ?? []).map((p) => p.id));
  for (const id of known.slo) sloIds.add(id);
  for (const id of known.alert) alertIds.add(id);
  for (const id of known.playbook) playbookIds.add(id);
  (raw.alerts ?? []).forEach((a, i) => {
    if (a.playbook !== undefined && !playbookIds.has(a.playbook)) {
      err(`alerts[${i}].playbook`, `${JSON.stringify(a.playbook)} is not a playbook (known: ${[...playbookIds].join(', ') || 'none'})`);
    }
  });

  const refs = { slo: sloIds, alert: alertIds };
  const schedule: Phase[] = [];
  (raw.schedule ?? []).forEach((p, i) => {
    const path = `schedule[${i}]`;
    const fromMs = dur(`${path}.from`, p.from, 0);
    const toMs = dur(`${path}.to`, p.to, 0);
    if (toMs <= fromMs) err(`${path}.to`, `${JSON.stringify(p.to)} must be after from (${p.from})`);
    const everyMs = p.every === 'continuous' ? 0 : dur(`${path}.every`, p.every, 0);
    if (p.every !== 'continuous' && everyMs <= 0) err(`${path}.every`, `${JSON.stringify(p.every)} must be a positive duration or "continuous"`);
    const prev = schedule[schedule.length - 1];
    if (prev && fromMs < prev.toMs)
      err(`${path}.from`, `${JSON.stringify(p.from)} overlaps the previous phase (${prev.name} ends at ${raw.schedule![i - 1].to})`);
    const checks = p.checks.map((c, j) => compileCheck(c, `${path}.checks[${j}]`, err, refs)).filter((c): c is Check => c !== null);
    schedule.push({ name: p.name, fromMs, toMs, everyMs, checks });
  });

  const playbooks: Playbook[] = [];
  (raw.playbooks ?? []).forEach((p, i) => {
    const path = `playbooks[${i}]`;
    if (p.severity !== undefined && raw.severities && !Object.hasOwn(severities, p.severity)) {
      err(`${path}.severity`, `${JSON.stringify(p.severity)} is not a defined severity (known: ${Object.keys(severities).join(', ')})`);
    }
    playbooks.push(compilePlaybook(p, path, { err, dur, refs, sourceRef: (sp, name) => sourceRef(sp, name, 'metrics'), kindOf }));
  });
  if (playbookIds.size !== playbooks.length) {
    const seen = new Set<string>();
    playbooks.forEach((p, i) => {
      if (seen.has(p.id)) err(`playbooks[${i}].id`, `${JSON.stringify(p.id)} is used by another playbook`);
      seen.add(p.id);
    });
  }

  let logs: Config['logs'];
  if (raw.logs) {
    sourceRef('logs.source', raw.logs.source, 'logs');
    checkQuery('logs.query', raw.logs.query, kindOf(raw.logs.source)?.lang ?? null, 'log', err);
    logs = { source: raw.logs.source, query: raw.logs.query, limit: raw.logs.limit ?? 20 };
  }

  return {
    errors,
    config: {
      service: raw.service,
      environment: raw.environment,
      refreshMs,
      sources,
      severities,
      slos,
      alerts,
      schedule,
      playbooks,
      escalation: raw.escalation ?? [],
      incidentsDir: options.baseDir ? resolvePath(options.baseDir, raw.incidents?.dir ?? 'docs/incidents') : (raw.incidents?.dir ?? 'docs/incidents'),
      logs,
    },
  };
}

interface SourceContext {
  err: Err;
  dur: Dur;
  timeoutMs: number;
  registry: SourceRegistry;
}

function compileSource(
  name: string,
  s: RawSource,
  path: string,
  { err, dur, timeoutMs, registry }: SourceContext,
): { def: SourceDef; kind: SourceKind } | null {
  const type = s.type ?? (registry.get(name) ? name : undefined);
  if (type === undefined) {
    err(`${path}.type`, `is required for a source named ${JSON.stringify(name)} (one of ${registry.types.join(', ')})`);
    return null;
  }
  const kind = registry.get(type);
  if (!kind) {
    err(`${path}.type`, `${JSON.stringify(type)} is not a source type (known: ${registry.types.join(', ')})`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(s.url);
  } catch {
    err(`${path}.url`, `${JSON.stringify(redactUserinfo(s.url))} is not a URL (expected like http://127.0.0.1:9090)`);
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    err(`${path}.url`, `${JSON.stringify(redactUserinfo(s.url))} must be http or https`);
    return null;
  }
  let auth: Auth = { kind: 'none' };
  if (s.token) auth = { kind: 'bearer', token: s.token };
  const username = s.username ?? decodeURIComponent(url.username);
  const password = s.password ?? decodeURIComponent(url.password);
  if (username || password) {
    if (s.token) err(`${path}.password`, 'a source takes a token or a username and password, not both');
    auth = { kind: 'basic', username, password };
  }
  url.username = '';
  url.password = '';
  const options = compileOptions(kind, s, path, err, registry);
  const limit = bodyLimit(s.body_size_limit);
  if (!limit.ok) err(`${path}.body_size_limit`, limit.reason);
  const def: SourceDef = {
    name,
    type,
    url: url.toString().replace(/\/+$/, ''),
    auth,
    options: options ?? {},
    headers: s.headers ?? {},
    timeoutMs: dur(`${path}.timeout`, s.timeout, timeoutMs),
    concurrency: s.concurrency ?? 4,
    bodyLimitBytes: limit.ok ? limit.bytes : DEFAULT_BODY_LIMIT,
  };
  return { def, kind };
}

/**
 * The fields of the source's own type, through its registry entry's schema
 * (its requirements, its defaults). One left empty counts as left out, as
 * `${VAR:-}` leaves it; one of another type is an error, not ignored.
 */
function compileOptions(kind: SourceKind, s: RawSource, path: string, err: Err, registry: SourceRegistry): Record<string, unknown> | null {
  const own = kind.options.shape;
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(s)) {
    if (Object.hasOwn(own, key)) {
      if (s[key] !== '' && s[key] !== undefined) given[key] = s[key];
      continue;
    }
    const owners = registry.kinds.filter((k) => Object.hasOwn(k.options.shape, key)).map((k) => k.type);
    if (owners.length > 0) err(`${path}.${key}`, `is for ${owners.join(' or ')} sources; a ${kind.type} source does not take it`);
  }
  const parsed = kind.options.safeParse(given);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  for (const issue of parsed.error.issues) err([path, ...issue.path.map(String)].join('.'), issue.message);
  return null;
}
