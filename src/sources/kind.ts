// What oncall knows about one `type:` of source, in one value: the registry
// (registry.ts) lists these and nothing else knows a type by name. Everything
// here but `client` is pure, so that the config and the poller can read it
// without loading a client.
import type * as z from 'zod';
import type { SourceDef } from '../config/types.js';
import type { Lang } from '../lang/syntax.js';
import type { AnySource, Series } from './types.js';

/** What a type of source can do: the config checks references against it, the poller plans by it. */
export interface Capabilities {
  /** Instant and range queries that answer series: threshold SLOs, alerts, query probes. */
  metrics: boolean;
  /** Error ratios, errors over total (`dialect.ratio`): ratio SLOs. */
  ratio: boolean;
  /** One series per label set; false: a count of events, so an alert on it needs a condition. */
  labelledSeries: boolean;
  /** Several burn windows in one query (`dialect.windows`), a request per window fewer. */
  windowsInOneQuery: boolean;
  /** A range's last point is what the instant query at its end gives, so a burn window as long as the SLO's own is read off the range. */
  rangeEndIsInstant: boolean;
  /** Log lines for the logs panel: the client is a LogsSource. */
  logs: boolean;
  /** Issues and error counts for the errors panel and the report: the client is an ErrorsSource, `dialect.errors` says how to count. */
  errors: boolean;
  /** Alerts routed by an alerting system, with their silences (Alertmanager): the client is an AlertsSource. Absent: false. */
  alerts?: boolean;
  /**
   * The state the backend's own alerting rules are in (Prometheus' /api/v1/rules
   * and /api/v1/alerts): `rule:` alerts, shown as the server judged them. The
   * client is a RuleStateSource. Absent: false.
   */
  ruleState?: boolean;
}

/** How this type's queries are written: the only place query text is built. */
export interface Dialect {
  /** The query with each `$window` written as `windowMs`, where its language takes a duration; as written when it has none. */
  withWindow(query: string, windowMs: number): string;
  /** The error ratio over `windowMs`; `total` null: `errors` already is the ratio. Only with `can.ratio`. */
  ratio?(errors: string, total: string | null, windowMs: number): string;
  /** Several windows' error ratios in one query, and one window's series read back out of its answer. Only with `can.windowsInOneQuery`. */
  windows?: {
    query(errors: string, total: string | null, windowsMs: number[]): string;
    seriesOf(series: Series[], windowMs: number): Series[];
  };
  /** The queries that count error events, all of them or of one level (fatal, error, warning). Only with `can.errors`. */
  errors?: { all: string; level(level: string): string };
}

/** Builds a client for one configured source. */
export type ClientFactory<O = Readonly<Record<string, unknown>>> = (def: SourceDef<O>) => AnySource;

export interface SourceKind<O extends object = Readonly<Record<string, unknown>>> {
  /** What `type:` says; a source keyed by it needs no `type:`. */
  readonly type: string;
  /** The product's name, for messages ("Sentry gives a count of events"). */
  readonly title: string;
  /**
   * The fields only this type takes (tenant, org, ...), each optional at the
   * top of the schema; this object, defaults and refinements included, is
   * applied when the source is compiled, and what it gives is `def.options`.
   * The fields every source takes (url, token, headers, timeout, ...) are not here.
   */
  readonly options: z.ZodType<O> & { readonly shape: z.ZodRawShape };
  /** The grammar its queries are checked by offline; null: none (Sentry's search syntax). */
  readonly lang: Lang | null;
  readonly can: Capabilities;
  readonly dialect: Dialect;
  /** How long before the asked start a range's first point may be stamped (Sentry widens its buckets up to a day); default two steps. */
  readonly rangeSlackMs?: number;
  /** Loads the client: a dynamic import, so that what reads the rest of this never loads a client, undici or a decoder. */
  readonly client: () => Promise<ClientFactory<O>>;
}

/** Types a kind's options against its client; the registry holds them untyped. */
export function defineKind<O extends object>(kind: SourceKind<O>): SourceKind {
  return kind as unknown as SourceKind;
}
