// The shape of oncall.yaml. Strings that carry a grammar (durations, thresholds)
// are checked here only as strings; compile.ts turns them into typed values so
// that every error can quote the bad value and its path.
import * as z from 'zod';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import { UNITS } from './quantity.js';

const str = z.string().min(1);
const duration = z.string().min(1).describe('a duration like 15s, 5m, 2h, 7d');
const threshold = z.string().min(1).describe('a threshold like "> 500ms for 5m", "> 1%", "> 50 in 5m"');

/** What every source takes besides its url, whatever its type; each type's own fields come from its registry entry. */
const common = {
  token: z.string().optional().describe('bearer token; never printed'),
  username: z.string().optional(),
  password: z.string().optional().describe('basic-auth password; never printed'),
  headers: z.record(z.string(), z.string()).optional(),
  timeout: duration.optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  body_size_limit: z
    .union([z.string(), z.number()])
    .optional()
    .describe('largest answer read from this source, like 16MB or 512KiB (default 16MB; as in Prometheus, KB and KiB are both 1024 bytes)'),
};

/**
 * A source: the common fields and every type's own, each optional here. A
 * type not in the registry, or a field of another type, is told by compile
 * (it names the known types), and so are the type's own requirements.
 * `forJson`: `type` as the list of known types, for editor completion.
 */
function sourceSchema(registry: SourceRegistry, forJson: boolean) {
  const own: Record<string, z.ZodType> = {};
  const given = new Map<string, unknown>();
  for (const kind of registry.kinds) {
    for (const [key, field] of Object.entries(kind.options.shape)) {
      // One field shared by several types (grafana:) is checked once, so its own message stands, not a union's.
      if (given.get(key) === field) continue;
      given.set(key, field);
      const optional = asGiven(field as z.ZodType).optional();
      own[key] = own[key] ? z.union([own[key], optional]) : optional;
    }
  }
  const known = registry.types.join(', ');
  const type = forJson && registry.types.length > 0 ? z.enum(registry.types as [string, ...string[]]) : z.string();
  return z.strictObject({ type: type.optional().describe(`one of ${known}; required when the key is not one of them`), url: str, ...own, ...common });
}

/** A type's field as this schema checks it: without its default, which compile fills in for sources of that type only. */
function asGiven(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? asGiven(field.unwrap() as z.ZodType) : field;
}

/** How the rest of the config reads a source: the common fields typed, its type's own fields as they came. */
const typedSource = z.object({ type: z.string().optional(), url: str, ...common }).catchall(z.unknown());

const severity = z.strictObject({
  title: str,
  respond: duration.describe('response-time target'),
});

const slo = z.strictObject({
  id: str,
  name: str,
  description: z.string().optional(),
  source: str,
  query: str.optional(),
  ratio: z
    .strictObject({
      errors: str.optional().describe('errors over $window, e.g. sum(rate(http_requests_total{code=~"5.."}[$window]))'),
      total: str.optional().describe('all events over $window'),
      error_ratio: str.optional().describe('instead of errors and total: a query that is already the error ratio over $window (Sloth raw SLIs)'),
    })
    .optional(),
  unit: z.enum(UNITS).optional(),
  objective: z.union([z.string(), z.number()]),
  warning: threshold.optional(),
  critical: threshold.optional(),
  period: duration.optional().describe('error-budget period for ratio SLOs (default 30d)'),
  window: duration.optional().describe('value of $window in watch (default: max(refresh, 1m))'),
  runbook: z.string().optional().describe('URL of the runbook; `o` in watch opens it'),
});

const alert = z.strictObject({
  id: str,
  name: z.string().optional(),
  description: z.string().optional(),
  source: str.optional().describe('required with query:; with rule:, default the one source that evaluates rules'),
  query: str
    .optional()
    .describe('with a condition: the value it compares; without one: fires for every series the query returns, as a Prometheus alerting rule'),
  rule: str.optional().describe("instead of query: the name of an alerting rule Prometheus evaluates; shows Prometheus' own verdict, series by series"),
  condition: threshold.optional().describe('"> 50 in 5m", "> 5% for 10m"; leave out to fire on any series the query returns'),
  for: duration.optional().describe('how long a series must hold before it fires (Prometheus `for`)'),
  keep_firing_for: duration.optional().describe('how long it keeps firing after the series goes away (Prometheus `keep_firing_for`)'),
  unit: z.enum(UNITS).optional(),
  severity: z.string().optional(),
  playbook: z.string().optional(),
  runbook: z.string().optional().describe('URL of the runbook (else the runbook_url annotation); `o` in watch opens it'),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .describe('labels of the alerting rule (severity, team), as Prometheus adds them to what it sends on; shown with the alert'),
  annotations: z.record(z.string(), z.string()).optional().describe('summary, description, runbook_url, ... as the rule has them'),
});

const check = z.strictObject({
  title: z.string().optional(),
  slo: z.string().optional(),
  alert: z.string().optional(),
  slos: z.union([z.literal('all'), z.array(z.string())]).optional(),
  alerts: z.union([z.literal('all'), z.literal('critical'), z.array(z.string())]).optional(),
  manual: z.boolean().optional(),
  note: z.string().optional(),
});

const phase = z.strictObject({
  name: str,
  from: duration,
  to: duration,
  every: z.string().min(1).describe('a duration, or "continuous"'),
  checks: z.array(check),
});

const probe = z.strictObject({
  http: str.optional(),
  method: z.string().optional(),
  source: z.string().optional(),
  query: z.string().optional(),
  expect: z
    .union([z.number().int(), z.string().min(1), z.strictObject({ status: z.number().int().optional(), body: z.string().optional() })])
    .optional()
    .describe('http: the status (or {status, body}); query: the threshold the value must meet to pass, like ">= 2"'),
  condition: threshold.optional().describe('query: the threshold that makes the probe fail, like an alert condition'),
  timeout: duration.optional(),
});

const step = z.strictObject({
  title: str,
  probe: probe.optional(),
  alert: z.string().optional(),
  slo: z.string().optional(),
  run: z.string().optional(),
  manual: z.boolean().optional(),
  note: z.string().optional(),
});

const playbook = z.strictObject({
  id: str,
  title: str,
  severity: z.string().optional(),
  symptoms: z.array(z.string()).optional(),
  steps: z.array(step),
  causes: z.array(z.string()).optional(),
  resolutions: z.array(z.string()).optional(),
  prevention: z.array(z.string()).optional(),
});

function configShape<S extends z.ZodType>(source: S) {
  return z.strictObject({
    version: z.literal(1),
    service: str,
    environment: z.string().optional(),
    refresh: duration.optional(),
    timeout: duration.optional().describe('per-source request timeout (default 5s)'),
    sources: z.record(z.string(), source),
    severities: z.record(z.string(), severity).optional(),
    slos: z.array(slo).optional(),
    alerts: z.array(alert).optional(),
    schedule: z.array(phase).optional(),
    playbooks: z.array(playbook).optional(),
    escalation: z.array(z.string()).optional(),
    incidents: z.strictObject({ dir: str }).optional(),
    logs: z.strictObject({ source: str, query: str, limit: z.number().int().min(1).max(1000).optional() }).optional(),
  });
}

type ConfigSchema = ReturnType<typeof configShape<typeof typedSource>>;
const schemas = new WeakMap<SourceRegistry, ConfigSchema>();

/** The config's schema with the source types of `registry` (by default the built-in ones). */
export function configSchemaFor(registry: SourceRegistry = sourceRegistry): ConfigSchema {
  let schema = schemas.get(registry);
  if (!schema) {
    // Typed as the common fields plus any others: the types' own fields are only known at run time.
    schema = configShape(sourceSchema(registry, false)) as unknown as ConfigSchema;
    schemas.set(registry, schema);
  }
  return schema;
}

export const configSchema = configSchemaFor();

export type RawConfig = z.infer<typeof configSchema>;
export type RawSource = z.infer<typeof typedSource>;
export type RawSlo = z.infer<typeof slo>;
export type RawAlert = z.infer<typeof alert>;
export type RawCheck = z.infer<typeof check>;
export type RawPlaybook = z.infer<typeof playbook>;
export type RawStep = z.infer<typeof step>;

export function jsonSchema(registry: SourceRegistry = sourceRegistry): unknown {
  return z.toJSONSchema(configShape(sourceSchema(registry, true)), { unrepresentable: 'any' });
}
