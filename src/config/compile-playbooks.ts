// Schedule checks and playbook steps: references to SLOs and alerts, probes
// with their queries checked by the grammar.

import type { SourceKind } from '../sources/kind.js';
import { inRange, TIMEOUT } from './bounds.js';
import { type Dur, type Err, redactUserinfo, unitOf } from './compile-parts.js';
import { checkQuery } from './queries.js';
import type { RawCheck, RawPlaybook, RawStep } from './schema.js';
import { parseThreshold } from './threshold.js';
import type { Check, Playbook, Step } from './types.js';

export type Refs = { slo: Set<string>; alert: Set<string> };

function checkRef(path: string, kind: 'slo' | 'alert', id: string, refs: Refs, err: Err): void {
  if (!refs[kind].has(id))
    err(path, `${JSON.stringify(id)} is not a defined ${kind === 'slo' ? 'SLO' : 'alert'} (known: ${[...refs[kind]].join(', ') || 'none'})`);
}

/** The one kind an entry is, of `kinds`, or null after saying it has none or several. */
function oneOf<K extends string>(entry: Partial<Record<K, unknown>>, kinds: readonly K[], noun: string, path: string, err: Err): K | null {
  const given = kinds.filter((k) => entry[k] !== undefined && entry[k] !== false);
  if (given.length === 1) return given[0];
  const list = `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
  err(path, given.length === 0 ? `needs one of ${list}` : `has ${given.join(' and ')}; a ${noun} is one of them`);
  return null;
}

export function compileCheck(c: RawCheck, path: string, err: Err, refs: Refs): Check | null {
  const kind = oneOf(c, ['slo', 'alert', 'slos', 'alerts', 'manual'] as const, 'check', path, err);
  if (kind === null) return null;
  switch (kind) {
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

/** What a step needs from the rest of the config. */
export interface StepContext {
  err: Err;
  dur: Dur;
  refs: Refs;
  /** Says when `name` is not a source a probe can query. */
  sourceRef: (path: string, name: string) => void;
  kindOf: (source: string) => SourceKind | undefined;
}

// A playbook id names its files (<date>-<id>.jsonl, .md) in incidents.dir:
// nothing that could reach outside it ("/", ".."), hide it (a leading ".") or
// read as an option (a leading "-").
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_ID = 64;

function checkFileId(id: string, path: string, err: Err): void {
  const shown = JSON.stringify(id);
  if (id.length > MAX_ID) err(path, `${shown} is longer than ${MAX_ID} characters (it names the incident's files)`);
  else if (!/^[A-Za-z0-9._-]*$/.test(id)) err(path, `${shown} may only hold letters, digits, ".", "_" and "-"`);
  else if (!SAFE_ID.test(id)) err(path, `${shown} must start with a letter or digit`);
}

export function compilePlaybook(p: RawPlaybook, path: string, ctx: StepContext): Playbook {
  checkFileId(p.id, `${path}.id`, ctx.err);
  const steps = p.steps.map((s, i) => compileStep(s, `${path}.steps[${i}]`, ctx)).filter((s): s is Step => s !== null);
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

function compileStep(s: RawStep, path: string, { err, dur, refs, sourceRef, kindOf }: StepContext): Step | null {
  const kind = oneOf(s, ['probe', 'alert', 'slo', 'run', 'manual'] as const, 'step', path, err);
  if (kind === null) return null;
  switch (kind) {
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
      inRange(`${path}.probe.timeout`, pr.timeout, TIMEOUT, err);
      if (pr.http !== undefined && (pr.query !== undefined || pr.source !== undefined)) {
        err(`${path}.probe`, 'has http and a query; a probe is one of them');
        return null;
      }
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
          expectStatus: typeof expect === 'number' ? expect : (expect?.status ?? 200),
          expectBody: typeof expect === 'object' ? expect.body : undefined,
          timeoutMs: dur(`${path}.probe.timeout`, pr.timeout, 5000),
        };
      }
      if (pr.query !== undefined && pr.source !== undefined) {
        sourceRef(`${path}.probe.source`, pr.source);
        checkQuery(`${path}.probe.query`, pr.query, kindOf(pr.source)?.lang ?? null, 'metric', err);
        if ((pr.expect === undefined) === (pr.condition === undefined)) {
          err(
            `${path}.probe`,
            pr.expect === undefined
              ? 'a query probe needs expect (what must hold to pass, like ">= 2") or condition (what makes it fail)'
              : 'has both expect and condition; give one',
          );
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
          lang: kindOf(pr.source)?.lang ?? null,
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
