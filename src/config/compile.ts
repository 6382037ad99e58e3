// Raw (schema-checked) config -> typed Config, with every grammar and reference
// error collected under its YAML path.
import { resolve as resolvePath } from 'node:path';
import { parseDuration } from './duration.js';
import { checkQuery, langOf } from './queries.js';
import { inUnit, type Quantity, type Unit } from './quantity.js';
import { parseObjective, parseThreshold, type Threshold } from './threshold.js';
import type { ConfigError } from './path.js';
import type { RawAlert, RawCheck, RawConfig, RawPlaybook, RawSlo, RawSource, RawStep } from './schema.js';
import { SOURCE_TYPES } from './schema.js';
import type { Alert, Auth, Check, Config, Phase, Playbook, Slo, SourceDef, SourceType, Step } from './types.js';

const DEFAULT_REFRESH = 15_000;
const DEFAULT_TIMEOUT = 5_000;
const DEFAULT_PERIOD = 30 * 86_400_000;
const MIN_WINDOW = 60_000;

/** Entries left out before compiling (they had schema errors): references to them are not errors too. */
export interface Known {
  slo: string[];
  alert: string[];
  playbook: string[];
  source: string[];
}

const NONE: Known = { slo: [], alert: [], playbook: [], source: [] };

export interface CompileOptions {
  /** The config file's folder: relative paths in it (incidents.dir) resolve here. The demo's resolve from where oncall runs, not inside the package. */
  baseDir?: string;
}

export function compile(raw: RawConfig, known: Known = NONE, options: CompileOptions = {}): { config: Config; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });

  const dur = (path: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === null) {
      err(path, `${JSON.stringify(text)} is not a duration (expected like 15s, 5m, 2h, 7d)`);
      return fallback;
    }
    return ms;
  };

  const refreshMs = dur('refresh', raw.refresh, DEFAULT_REFRESH);
  if (refreshMs <= 0) err('refresh', `${JSON.stringify(raw.refresh)} must be longer than 0s`);
  const timeoutMs = dur('timeout', raw.timeout, DEFAULT_TIMEOUT);

  const sources: Record<string, SourceDef> = {};
  for (const [name, s] of Object.entries(raw.sources)) {
    const def = compileSource(name, s, `sources.${name}`, err, dur, timeoutMs);
    if (def) {
      sources[name] = def;
    }
  }

  const severities: Config['severities'] = {};
  for (const [key, s] of Object.entries(raw.severities ?? {})) {
    severities[key] = { title: s.title, respondMs: dur(`severities.${key}.respond`, s.respond, 0) };
  }

  const sourceRef = (path: string, name: string, allowed: SourceType[]) => {
    const s = sources[name];
    if (!s) {
      if (!(name in raw.sources) && !known.source.includes(name)) err(path, `${JSON.stringify(name)} is not a configured source (known: ${Object.keys(raw.sources).join(', ') || 'none'})`);
      return;
    }
    if (!allowed.includes(s.type)) err(path, `${JSON.stringify(name)} is a ${s.type} source; this needs ${allowed.join(' or ')}`);
  };

  const defaultWindow = Math.max(refreshMs, MIN_WINDOW);
  const slos: Slo[] = [];
  const sloIds = new Set<string>();
  (raw.slos ?? []).forEach((s, i) => {
    const path = `slos[${i}]`;
    if (sloIds.has(s.id)) err(`${path}.id`, `${JSON.stringify(s.id)} is used by another SLO`);
    sloIds.add(s.id);
    const type = sources[s.source]?.type;
    const slo = compileSlo(s, path, err, dur, defaultWindow, type);
    if (slo) {
      sourceRef(`${path}.source`, s.source, slo.kind === 'ratio' ? ['prometheus', 'loki'] : ['prometheus', 'loki', 'sentry']);
      slos.push(slo);
    }
  });

  const alerts: Alert[] = [];
  const alertIds = new Set<string>();
  (raw.alerts ?? []).forEach((a, i) => {
    const path = `alerts[${i}]`;
    if (alertIds.has(a.id)) err(`${path}.id`, `${JSON.stringify(a.id)} is used by another alert`);
    alertIds.add(a.id);
    sourceRef(`${path}.source`, a.source, ['prometheus', 'loki', 'sentry']);
    if (a.severity !== undefined && raw.severities && !(a.severity in severities)) {
      err(`${path}.severity`, `${JSON.stringify(a.severity)} is not a defined severity (known: ${Object.keys(severities).join(', ')})`);
    }
    const alert = compileAlert(a, path, err, dur, sources[a.source]?.type);
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
    if (prev && fromMs < prev.toMs) err(`${path}.from`, `${JSON.stringify(p.from)} overlaps the previous phase (${prev.name} ends at ${raw.schedule![i - 1].to})`);
    const checks = p.checks.map((c, j) => compileCheck(c, `${path}.checks[${j}]`, err, refs)).filter((c): c is Check => c !== null);
    schedule.push({ name: p.name, fromMs, toMs, everyMs, checks });
  });

  const playbooks: Playbook[] = [];
  (raw.playbooks ?? []).forEach((p, i) => {
    const path = `playbooks[${i}]`;
    if (p.severity !== undefined && raw.severities && !(p.severity in severities)) {
      err(`${path}.severity`, `${JSON.stringify(p.severity)} is not a defined severity (known: ${Object.keys(severities).join(', ')})`);
    }
    playbooks.push(compilePlaybook(p, path, err, dur, refs, (sp, name) => sourceRef(sp, name, ['prometheus', 'loki', 'sentry']), (name) => sources[name]?.type));
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
    sourceRef('logs.source', raw.logs.source, ['loki']);
    checkQuery('logs.query', raw.logs.query, sources[raw.logs.source]?.type, 'log', err);
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
      incidentsDir: options.baseDir ? resolvePath(options.baseDir, raw.incidents?.dir ?? 'docs/incidents') : raw.incidents?.dir ?? 'docs/incidents',
      logs,
    },
  };
}

type Err = (path: string, message: string) => void;
type Dur = (path: string, text: string | undefined, fallback: number) => number;

function compileSource(name: string, s: RawSource, path: string, err: Err, dur: Dur, timeoutMs: number): SourceDef | null {
  const type = s.type ?? ((SOURCE_TYPES as readonly string[]).includes(name) ? (name as SourceType) : undefined);
  if (!type) {
    err(`${path}.type`, `is required for a source named ${JSON.stringify(name)} (one of ${SOURCE_TYPES.join(', ')})`);
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
  if (type === 'sentry' && !s.org) err(`${path}.org`, 'is required for a sentry source (the organization slug)');
  return {
    name,
    type,
    url: url.toString().replace(/\/+$/, ''),
    auth,
    tenant: s.tenant || undefined,
    org: s.org,
    project: s.project,
    environment: s.environment,
    headers: s.headers ?? {},
    timeoutMs: dur(`${path}.timeout`, s.timeout, timeoutMs),
    concurrency: s.concurrency ?? 4,
  };
}

export function redactUserinfo(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
}

function unitOf(q: Quantity): Unit {
  return q.kind === 'time' ? 's' : q.kind === 'percent' ? 'ratio' : 'count';
}

function threshold(path: string, text: string | undefined, unit: Unit, err: Err, objective = false): Threshold | undefined {
  if (text === undefined) return undefined;
  const t = objective ? parseObjective(text) : parseThreshold(text);
  if (!t.ok) {
    err(path, t.reason);
    return undefined;
  }
  const v = inUnit(t.value.quantity, unit);
  if (!v.ok) {
    err(path, `${JSON.stringify(text)} ${v.reason}`);
    return undefined;
  }
  return t.value;
}

function compileSlo(s: RawSlo, path: string, err: Err, dur: Dur, defaultWindow: number, type: SourceType | undefined): Slo | null {
  if ((s.query === undefined) === (s.ratio === undefined)) {
    err(path, s.query === undefined ? 'needs a query or a ratio' : 'has both a query and a ratio; pick one');
    return null;
  }
  const windowMs = dur(`${path}.window`, s.window, defaultWindow);
  const lang = langOf(type);
  if (s.ratio) {
    const r = s.ratio;
    const whole = r.error_ratio !== undefined;
    if (whole ? r.errors !== undefined || r.total !== undefined : r.errors === undefined || r.total === undefined) {
      err(`${path}.ratio`, whole ? 'has error_ratio and errors/total; give one or the other' : 'needs errors and total (or error_ratio)');
      return null;
    }
    if (whole) checkQuery(`${path}.ratio.error_ratio`, r.error_ratio!, type, 'metric', err);
    else {
      checkQuery(`${path}.ratio.errors`, r.errors!, type, 'metric', err);
      checkQuery(`${path}.ratio.total`, r.total!, type, 'metric', err);
    }
    // errors/total is always a ratio; a percent unit would misread every threshold a hundredfold.
    const unit = 'ratio';
    if (s.unit !== undefined && s.unit !== 'ratio') err(`${path}.unit`, `${JSON.stringify(s.unit)}: a ratio SLO's value is errors/total, so its unit is ratio`);
    // Sloth, Pyrra and OpenSLO write the target as a bare number in percent: 99.9.
    const bare = typeof s.objective === 'number' || /^\s*\d+(\.\d+)?\s*$/.test(s.objective) ? `${String(s.objective).trim()}%` : s.objective;
    const objective = threshold(`${path}.objective`, bare, 'ratio', err, true);
    if (!objective) return null;
    if (objective.quantity.kind !== 'percent' || objective.op !== '>=' || objective.quantity.ratio <= 0 || objective.quantity.ratio >= 1) {
      err(`${path}.objective`, `${JSON.stringify(s.objective)} must be a success target between 0% and 100%, like "99.9%"`);
      return null;
    }
    return {
      kind: 'ratio',
      id: s.id,
      name: s.name,
      description: s.description,
      source: s.source,
      lang,
      unit,
      errors: whole ? r.error_ratio! : r.errors!,
      total: whole ? null : r.total!,
      objective,
      target: objective.quantity.ratio,
      warning: threshold(`${path}.warning`, s.warning, unit, err),
      critical: threshold(`${path}.critical`, s.critical, unit, err),
      periodMs: dur(`${path}.period`, s.period, DEFAULT_PERIOD),
      windowMs,
    };
  }
  checkQuery(`${path}.query`, s.query!, type, 'metric', err);
  const obj = parseObjective(typeof s.objective === 'number' ? `${s.objective}%` : s.objective);
  if (!obj.ok) {
    err(`${path}.objective`, obj.reason);
    return null;
  }
  const unit = s.unit ?? unitOf(obj.value.quantity);
  const objective = threshold(`${path}.objective`, String(s.objective), unit, err, true);
  if (!objective) return null;
  return {
    kind: 'threshold',
    id: s.id,
    name: s.name,
    description: s.description,
    source: s.source,
    lang,
    unit,
    query: s.query!,
    objective,
    warning: threshold(`${path}.warning`, s.warning, unit, err),
    critical: threshold(`${path}.critical`, s.critical, unit, err),
    windowMs,
  };
}

function compileAlert(a: RawAlert, path: string, err: Err, dur: Dur, type: SourceType | undefined): Alert | null {
  checkQuery(`${path}.query`, a.query, type, 'metric', err);
  let condition: Threshold | null = null;
  let unit = a.unit ?? 'count';
  if (a.condition !== undefined) {
    const parsed = parseThreshold(a.condition);
    if (!parsed.ok) {
      err(`${path}.condition`, parsed.reason);
      return null;
    }
    unit = a.unit ?? unitOf(parsed.value.quantity);
    condition = threshold(`${path}.condition`, a.condition, unit, err) ?? null;
    if (!condition) return null;
  } else if (type === 'sentry') {
    err(`${path}.condition`, 'is required for a sentry alert: Sentry gives a count of events, not series (like "> 50 in 5m")');
    return null;
  }
  if (condition?.forMs && a.for !== undefined) err(`${path}.for`, `the condition already holds a for (${JSON.stringify(a.condition)}); give it once`);
  if (condition?.inMs != null && a.for !== undefined) err(`${path}.for`, 'a count over a window ("in") has no for');
  const forMs = condition?.forMs || dur(`${path}.for`, a.for, 0);
  return {
    id: a.id,
    name: a.name ?? a.id,
    description: a.description,
    source: a.source,
    lang: langOf(type),
    query: a.query,
    unit,
    condition,
    forMs,
    keepFiringForMs: dur(`${path}.keep_firing_for`, a.keep_firing_for, 0),
    severity: a.severity,
    playbook: a.playbook,
    runbook: a.runbook ?? a.annotations?.runbook_url,
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
  };
}

type Refs = { slo: Set<string>; alert: Set<string> };

function checkRef(path: string, kind: 'slo' | 'alert', id: string, refs: Refs, err: Err): void {
  if (!refs[kind].has(id)) err(path, `${JSON.stringify(id)} is not a defined ${kind === 'slo' ? 'SLO' : 'alert'} (known: ${[...refs[kind]].join(', ') || 'none'})`);
}

function compileCheck(c: RawCheck, path: string, err: Err, refs: Refs): Check | null {
  const kinds = (['slo', 'alert', 'slos', 'alerts', 'manual'] as const).filter((k) => c[k] !== undefined && c[k] !== false);
  if (kinds.length !== 1) {
    err(path, kinds.length === 0 ? 'needs one of slo, alert, slos, alerts or manual' : `has ${kinds.join(' and ')}; a check is one of them`);
    return null;
  }
  switch (kinds[0]) {
    case 'slo':
      checkRef(`${path}.slo`, 'slo', c.slo!, refs, err);
      return { kind: 'slo', id: c.slo!, title: c.title ?? c.slo! };
    case 'alert':
      checkRef(`${path}.alert`, 'alert', c.alert!, refs, err);
      return { kind: 'alert', id: c.alert!, title: c.title ?? c.alert! };
    case 'slos': {
      const ids = c.slos === 'all' ? [...refs.slo] : c.slos!;
      if (c.slos !== 'all') ids.forEach((id, k) => checkRef(`${path}.slos[${k}]`, 'slo', id, refs, err));
      return { kind: 'slos', ids, title: c.title ?? 'SLOs' };
    }
    case 'alerts':
      if (Array.isArray(c.alerts)) c.alerts.forEach((id, k) => checkRef(`${path}.alerts[${k}]`, 'alert', id, refs, err));
      return { kind: 'alerts', which: c.alerts!, title: c.title ?? 'Alerts' };
    case 'manual':
      if (!c.title) err(`${path}.title`, 'a manual check needs a title saying what to do');
      return { kind: 'manual', title: c.title ?? '', note: c.note };
  }
}

type TypeOf = (source: string) => SourceType | undefined;

function compilePlaybook(
  p: RawPlaybook,
  path: string,
  err: Err,
  dur: Dur,
  refs: Refs,
  sourceRef: (path: string, name: string) => void,
  typeOf: TypeOf,
): Playbook {
  const steps = p.steps
    .map((s, i) => compileStep(s, `${path}.steps[${i}]`, err, dur, refs, sourceRef, typeOf))
    .filter((s): s is Step => s !== null);
  return {
    id: p.id,
    title: p.title,
    severity: p.severity,
    symptoms: p.symptoms ?? [],
    steps,
    causes: p.causes ?? [],
    resolutions: p.resolutions ?? [],
    prevention: p.prevention ?? [],
  };
}

function compileStep(
  s: RawStep,
  path: string,
  err: Err,
  dur: Dur,
  refs: Refs,
  sourceRef: (path: string, name: string) => void,
  typeOf: TypeOf,
): Step | null {
  const kinds = (['probe', 'alert', 'slo', 'run', 'manual'] as const).filter((k) => s[k] !== undefined && s[k] !== false);
  if (kinds.length !== 1) {
    err(path, kinds.length === 0 ? 'needs one of probe, alert, slo, run or manual' : `has ${kinds.join(' and ')}; a step is one of them`);
    return null;
  }
  switch (kinds[0]) {
    case 'alert':
      checkRef(`${path}.alert`, 'alert', s.alert!, refs, err);
      return { kind: 'alert', title: s.title, id: s.alert! };
    case 'slo':
      checkRef(`${path}.slo`, 'slo', s.slo!, refs, err);
      return { kind: 'slo', title: s.title, id: s.slo! };
    case 'run':
      return { kind: 'run', title: s.title, command: s.run! };
    case 'manual':
      return { kind: 'manual', title: s.title, note: s.note };
    case 'probe': {
      const pr = s.probe!;
      if (pr.http !== undefined) {
        try {
          new URL(pr.http);
        } catch {
          err(`${path}.probe.http`, `${JSON.stringify(redactUserinfo(pr.http))} is not a URL`);
          return null;
        }
        const expect = pr.expect;
        if (typeof expect === 'string') {
          err(`${path}.probe.expect`, `${JSON.stringify(expect)}: an http probe expects a status (200) or {status, body}`);
          return null;
        }
        return {
          kind: 'http',
          title: s.title,
          url: pr.http,
          method: (pr.method ?? 'GET').toUpperCase(),
          expectStatus: typeof expect === 'number' ? expect : expect?.status ?? 200,
          expectBody: typeof expect === 'object' ? expect.body : undefined,
          timeoutMs: dur(`${path}.probe.timeout`, pr.timeout, 5000),
        };
      }
      if (pr.query !== undefined && pr.source !== undefined) {
        sourceRef(`${path}.probe.source`, pr.source);
        checkQuery(`${path}.probe.query`, pr.query, typeOf(pr.source), 'metric', err);
        if ((pr.expect === undefined) === (pr.condition === undefined)) {
          err(`${path}.probe`, pr.expect === undefined ? 'a query probe needs expect (what must hold to pass, like ">= 2") or condition (what makes it fail)' : 'has both expect and condition; give one');
          return null;
        }
        const field = pr.expect !== undefined ? 'expect' : 'condition';
        const text = pr.expect ?? pr.condition;
        if (typeof text !== 'string') {
          err(`${path}.probe.expect`, `${JSON.stringify(text)}: a query probe expects a threshold, like ">= 2"`);
          return null;
        }
        const parsed = parseThreshold(text);
        if (!parsed.ok) {
          err(`${path}.probe.${field}`, parsed.reason);
          return null;
        }
        return {
          kind: 'query',
          title: s.title,
          source: pr.source,
          lang: langOf(typeOf(pr.source)),
          query: pr.query,
          threshold: parsed.value,
          passWhen: field === 'expect' ? 'met' : 'not met',
          unit: unitOf(parsed.value.quantity),
        };
      }
      err(`${path}.probe`, 'needs http, or source with query and expect');
      return null;
    }
  }
}
