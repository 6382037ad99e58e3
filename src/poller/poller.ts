// One refresh cycle: send each distinct query once, a bounded number at a time
// per source, keep the last good answer of every query, and hand the engine
// outcomes it can judge. A failing source backs off; its panels go stale.
import { formatAge } from '../config/duration.js';
import type { Config } from '../config/types.js';
import { evaluateRatioSlo, evaluateThresholdSlo, mapSeries, pointAtEnd } from '../engine/evaluate.js';
import { evaluateAlert } from '../engine/evaluate-alert.js';
import { evaluateRuleAlert } from '../engine/evaluate-rule.js';
import { labelText } from '../engine/rule-state.js';
import type { AlertState, Outcome, RuleOutcome, SloState, Snapshot, SourceState } from '../engine/state.js';
import { admitting } from '../sources/decode.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import { type AnySource, describeFailure, type Failure, type MetricSource, type RuleStates, type Series } from '../sources/types.js';
import { backoffMs } from './backoff.js';
import { type Deadline, deadline } from './deadline.js';
import { HeldAnswers, heldLimit } from './held.js';
import { limiter } from './limit.js';
import { type AlertPlan, buildPlan, type Plan, type QueryReq, type SloPlan } from './plan.js';

const MAX_BACKOFF = 5 * 60_000;
/** What a cycle allows a source beyond its own request timeout: a request that started late gets the rest. */
export const DEADLINE_MARGIN_MS = 1000;

interface SourceBackoff {
  failures: number;
  retryAt: number;
  reason: string;
}

export interface PollerOptions {
  now?: () => number;
  random?: () => number;
  /** Added to each source's timeout to give its deadline in a cycle (default DEADLINE_MARGIN_MS). */
  deadlineMarginMs?: number;
  /** The most bytes the last good answers may hold together (default: heldLimit of the config). */
  heldBytes?: number;
  /** The source types the config was checked against (default: the built-in ones). */
  registry?: SourceRegistry;
}

/** How long judging may hold the event loop before it lets keys in. */
const YIELD_AFTER_MS = 10;

/**
 * When a query is evaluated: now, except for a range read at a coarser step
 * than the refresh (a long `for`), whose steps stay on a fixed grid (whole
 * steps since the epoch), so that consecutive cycles see the same samples
 * and a verdict does not flip with the phase of the clock.
 */
export function evaluatedAt(q: QueryReq, now: number, planStepMs: number): number {
  return q.kind === 'range' && q.stepMs > planStepMs ? Math.floor(now / q.stepMs) * q.stepMs : now;
}

export class Poller {
  readonly plan: Plan;
  private readonly lastGood = new Map<string, { series: Series[]; at: number; from: number }>();
  /** What `lastGood` takes in memory, bounded. */
  readonly held: HeldAnswers;
  /** The cycle each query was last sent in. */
  private readonly lastAsked = new Map<string, number>();
  private readonly backoff = new Map<string, SourceBackoff>();
  private readonly limits = new Map<string, <T>(task: () => Promise<T>) => Promise<T>>();
  /** The plan's queries grouped by source: fixed for the poller's life, so grouped once. */
  private readonly bySource = new Map<string, QueryReq[]>();
  private previous = new Map<string, Outcome>();
  /** Per source, its alerting rules' states this cycle (or why not), for `rule:` alerts. */
  private rules = new Map<string, RuleOutcome>();
  private readonly lastRules = new Map<string, { states: RuleStates; at: number }>();
  /** Per alert, when each of its series became active, by its labels: a range shows only so far back. */
  private readonly activeSince = new Map<string, Map<string, number>>();
  private previousSources = new Map<string, { failure?: string; latency: number }>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly marginMs: number;
  /** Per source, how long before a range's start its first point may be stamped, where its type says (Sentry's day-wide buckets). */
  private readonly rangeSlack = new Map<string, number>();
  cycles = 0;

  constructor(
    readonly config: Config,
    readonly sources: Map<string, MetricSource>,
    opts: PollerOptions = {},
  ) {
    const registry = opts.registry ?? sourceRegistry;
    this.plan = buildPlan(config, registry);
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.marginMs = opts.deadlineMarginMs ?? DEADLINE_MARGIN_MS;
    this.held = opts.heldBytes === undefined ? new HeldAnswers(heldLimit(config)) : new HeldAnswers(opts.heldBytes, 'set by the caller');
    for (const [name, def] of Object.entries(config.sources)) {
      this.limits.set(name, limiter(def.concurrency));
      const slack = registry.get(def.type)?.rangeSlackMs;
      if (slack !== undefined) this.rangeSlack.set(name, slack);
    }
    for (const q of this.plan.queries.values()) {
      const list = this.bySource.get(q.source) ?? [];
      list.push(q);
      this.bySource.set(q.source, list);
    }
    // A source only `rule:` alerts read is asked all the same.
    for (const name of this.plan.ruleSources) if (!this.bySource.has(name)) this.bySource.set(name, []);
  }

  /** Forget backoff, so `r` (refresh now) really asks every source again. */
  resetBackoff(): void {
    this.backoff.clear();
  }

  /**
   * One refresh. `onProgress` is called each time a source finishes, with a way
   * to judge what has arrived so far, so a slow source does not hold back the
   * panels of the others (theirs show the previous cycle's values until it
   * answers). Judging is left to the caller: a normal cycle draws only its end.
   */
  async cycle(onProgress?: (partial: () => Snapshot) => void): Promise<Snapshot> {
    const now = this.now();
    this.cycles++;
    const outcomes = new Map<string, Outcome>(this.previous);
    const rules = new Map<string, RuleOutcome>(this.rules);
    this.rules = rules;
    const perSource = new Map<string, { failure?: string; latency: number }>(this.previousSources);
    // Before the first full cycle there is nothing sensible to show for the sources still out.
    const progress = () => onProgress && this.cycles > 1 && onProgress(() => this.evaluate(now, outcomes, perSource));
    await Promise.all(
      [...this.bySource.entries()].map(async ([name, queries]) => {
        const source = this.sources.get(name);
        const stats = { failure: undefined as string | undefined, latency: 0 };
        perSource.set(name, stats);
        const wait = this.backoff.get(name);
        if (!source) {
          stats.failure = 'not configured';
        } else if (wait && now < wait.retryAt) {
          stats.failure = `${wait.reason} (retry in ${formatAge(wait.retryAt - now)})`;
        }
        if (stats.failure) {
          for (const q of queries) outcomes.set(q.key, this.failed(q.key, `${name}: ${stats.failure}`));
          if (this.plan.ruleSources.has(name)) rules.set(name, this.rulesFailed(name, `${name}: ${stats.failure}`));
          progress();
          return;
        }
        const run = this.limits.get(name)!;
        let firstFailure: Failure | undefined;
        const due = queries.filter((q) => {
          const last = this.lastGood.get(q.key);
          if (!last || now - last.at >= q.freshMs || now < last.at) return true;
          outcomes.set(q.key, { ok: true, series: last.series, at: last.at, from: last.from });
          return false;
        });
        // Longest unasked first: a deadline that cuts the queue leaves out other queries next cycle, never the same ones.
        const asked = (q: QueryReq) => this.lastAsked.get(q.key) ?? -Infinity;
        due.sort((a, b) => asked(a) - asked(b));
        const cut = deadline((this.config.sources[name]?.timeoutMs ?? 0) + this.marginMs);
        const failedWith = (f: Failure) => {
          firstFailure ??= f;
          const reason = describeFailure(f, this.config.sources[name]?.timeoutMs);
          stats.failure ??= reason;
          return reason;
        };
        try {
          await Promise.all([
            ...(this.plan.ruleSources.has(name) ? [run(() => this.askRules(name, source as AnySource, cut, now, rules, stats, failedWith))] : []),
            ...due.map((q) =>
              run(async () => {
                if (cut.signal.aborted) {
                  outcomes.set(q.key, this.failed(q.key, `${name}: not asked: ${cut.signal.reason}`));
                  return;
                }
                this.lastAsked.set(q.key, this.cycles);
                const t0 = performance.now();
                const at = evaluatedAt(q, now, this.plan.stepMs);
                const opts = { signal: admitting(cut.signal, { room: () => this.held.room(q.key), refusal: (size) => this.held.refusal(size) }) };
                const pending =
                  q.kind === 'instant' ? source!.instant(q.query, at, q.windowMs, opts) : source!.range(q.query, at - q.spanMs, at, q.stepMs, opts);
                // A source that does not honour the signal still cannot hold the cycle past its deadline.
                const r = await Promise.race([pending, cut.passed]);
                stats.latency = Math.max(stats.latency, performance.now() - t0);
                const refused = r.ok ? this.held.admit(q.key, r.value) : null;
                if (refused) {
                  // Only this answer is too much to keep: the source is fine, and so are its other panels.
                  outcomes.set(q.key, this.failed(q.key, `${name}: ${refused}`));
                } else if (r.ok) {
                  const from = this.earliest(q, at);
                  this.lastGood.set(q.key, { series: r.value, at, from });
                  outcomes.set(q.key, { ok: true, series: r.value, at, from, warnings: r.warnings });
                } else if (cut.signal.aborted) {
                  // Cut short by this cycle, not a verdict on the source: its other answers stand, no backoff.
                  outcomes.set(q.key, this.failed(q.key, `${name}: no answer: ${cut.signal.reason}`));
                } else if (r.failure.kind === 'query') {
                  // The source answered; only this query's panels show the server's complaint.
                  outcomes.set(q.key, this.failed(q.key, `${name}: ${describeFailure(r.failure)}`));
                } else {
                  // Marked down at its first failure, so no partial snapshot shows it healthy with stale panels.
                  outcomes.set(q.key, this.failed(q.key, `${name}: ${failedWith(r.failure)}`));
                }
              }),
            ),
          ]);
        } finally {
          cut.clear();
        }
        this.settle(name, firstFailure, stats, now);
        progress();
      }),
    );

    this.previous = outcomes;
    this.previousSources = perSource;
    return this.evaluateInTurns(now, outcomes, perSource);
  }

  /** The source's alerting rules and their series, once this cycle, for every `rule:` alert on it. */
  private async askRules(
    name: string,
    source: AnySource,
    cut: Deadline,
    now: number,
    rules: Map<string, RuleOutcome>,
    stats: { latency: number },
    failedWith: (f: Failure) => string,
  ): Promise<void> {
    if (cut.signal.aborted) {
      rules.set(name, this.rulesFailed(name, `${name}: not asked: ${cut.signal.reason}`));
      return;
    }
    if (!source.ruleStates) {
      // The plan asks only a source whose kind says it can: this is a client that does not.
      rules.set(name, this.rulesFailed(name, `${name}: its client reads no rule states`));
      return;
    }
    const t0 = performance.now();
    const r = await Promise.race([source.ruleStates({ signal: cut.signal }), cut.passed]);
    stats.latency = Math.max(stats.latency, performance.now() - t0);
    if (r.ok) {
      this.lastRules.set(name, { states: r.value, at: now });
      rules.set(name, { ok: true, states: r.value, at: now });
    } else if (cut.signal.aborted) {
      rules.set(name, this.rulesFailed(name, `${name}: no answer: ${cut.signal.reason}`));
    } else {
      rules.set(name, this.rulesFailed(name, `${name}: ${failedWith(r.failure)}`));
    }
  }

  private rulesFailed(name: string, reason: string): RuleOutcome {
    return { ok: false, reason, last: this.lastRules.get(name) };
  }

  /**
   * The earliest time a sample of `q`'s answer at `at` can carry: an instant
   * value is stamped at `at` (a window and two refreshes of slack); a range
   * starts at `at - span` (two steps of slack, for a backend that aligns its
   * start to the step; a type whose buckets start earlier, as Sentry's up to a
   * day, says so in its registry entry).
   */
  private earliest(q: QueryReq, at: number): number {
    if (q.kind === 'instant') return at - q.windowMs - 2 * this.plan.stepMs;
    const slack = this.rangeSlack.get(q.source) ?? 2 * q.stepMs;
    return at - q.spanMs - slack;
  }

  private settle(name: string, firstFailure: Failure | undefined, stats: { failure?: string }, now: number): void {
    if (!firstFailure) {
      this.backoff.delete(name);
      return;
    }
    const failures = (this.backoff.get(name)?.failures ?? 0) + 1;
    const delay = Math.max(backoffMs(failures, this.config.refreshMs, MAX_BACKOFF, this.random), firstFailure.retryAfterMs ?? 0);
    const reason = describeFailure(firstFailure, this.config.sources[name]?.timeoutMs);
    this.backoff.set(name, { failures, retryAt: now + delay, reason });
    stats.failure = reason;
  }

  /**
   * When each series became active. A range shows a run only as far back as
   * it reaches, and a count alert ("> 50 in 5m") or an instant query shows
   * none, so a run that reaches the start of what was asked is dated by
   * memory of earlier cycles; one that starts inside the range is dated by it.
   */
  private withSince(a: AlertState, spanMs: number, now: number): AlertState {
    const known = this.activeSince.get(a.id) ?? new Map<string, number>();
    const earliest = (m: Map<string, number>) => (m.size ? Math.min(...m.values()) : null);
    if (a.status === 'unknown') return { ...a, activeSinceMs: earliest(known) };
    const next = new Map<string, number>();
    const series = a.series.map((s) => {
      const key = labelText(s.labels);
      const remembered = known.get(key);
      const seen = s.activeSinceMs ?? now;
      const since = seen > now - spanMs || remembered === undefined ? seen : Math.min(seen, remembered);
      next.set(key, since);
      return { ...s, activeSinceMs: since };
    });
    if (next.size) this.activeSince.set(a.id, next);
    else this.activeSince.delete(a.id);
    return { ...a, series, activeSinceMs: earliest(next) };
  }

  private failed(key: string, reason: string): Outcome {
    return { ok: false, reason, last: this.lastGood.get(key) };
  }

  /** The snapshot judged from `outcomes`, in one go: for a partial snapshot, drawn while a source is slow. */
  private evaluate(now: number, outcomes: Map<string, Outcome>, perSource: Map<string, { failure?: string; latency: number }>): Snapshot {
    const judge = this.judges(now, outcomes);
    return this.snapshot(now, this.plan.slos.map(judge.slo), this.plan.alerts.map(judge.alert), perSource);
  }

  /**
   * The same, letting the event loop turn whenever judging has held it for
   * YIELD_AFTER_MS: an alert over 10,000 series takes tens of milliseconds,
   * and the keys must not wait for all of them together.
   */
  private async evaluateInTurns(now: number, outcomes: Map<string, Outcome>, perSource: Map<string, { failure?: string; latency: number }>): Promise<Snapshot> {
    const judge = this.judges(now, outcomes);
    let since = performance.now();
    const turn = async () => {
      if (performance.now() - since < YIELD_AFTER_MS) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    };
    const slos: SloState[] = [];
    for (const p of this.plan.slos) {
      slos.push(judge.slo(p));
      await turn();
    }
    const alerts: AlertState[] = [];
    for (const p of this.plan.alerts) {
      // The verdict, then the memory of when each series began: each walks every series, so a turn between.
      const state = judge.rawAlert(p);
      await turn();
      // The server dates a rule's series itself (activeAt): nothing to remember.
      alerts.push(p.alert.rule !== undefined ? state : this.withSince(state, this.spanOf(p), now));
      await turn();
    }
    return this.snapshot(now, slos, alerts, perSource);
  }

  private spanOf(p: AlertPlan): number {
    return this.plan.queries.get(p.key)?.spanMs ?? 0;
  }

  private judges(
    now: number,
    outcomes: Map<string, Outcome>,
  ): { slo: (p: SloPlan) => SloState; rawAlert: (p: AlertPlan) => AlertState; alert: (p: AlertPlan) => AlertState } {
    const get = (key: string) => outcomes.get(key) ?? { ok: false as const, reason: 'not queried' };
    // A range read at a coarser step (a long for) is judged at its own step.
    const step = (key: string) => this.plan.queries.get(key)?.stepMs ?? this.plan.stepMs;
    return {
      slo: (p) => {
        if (p.slo.kind === 'threshold') return evaluateThresholdSlo(p.slo, get(p.main), now, step(p.main));
        const windows = new Map<number, Outcome>();
        for (const [w, source] of p.windows) {
          const o = get(source.key);
          windows.set(w, source.from === 'end' ? pointAtEnd(o) : source.from === 'combined' ? mapSeries(o, source.seriesOf) : o);
        }
        return evaluateRatioSlo(p.slo, { main: get(p.main), windows, period: get(p.period!) }, now, step(p.main));
      },
      rawAlert: (p) =>
        p.alert.rule !== undefined
          ? evaluateRuleAlert(p.alert, p.alert.rule, this.rules.get(p.alert.source), now)
          : evaluateAlert(p.alert, get(p.key), now, step(p.key), this.spanOf(p)),
      alert: (p) =>
        p.alert.rule !== undefined
          ? evaluateRuleAlert(p.alert, p.alert.rule, this.rules.get(p.alert.source), now)
          : this.withSince(evaluateAlert(p.alert, get(p.key), now, step(p.key), this.spanOf(p)), this.spanOf(p), now),
    };
  }

  private snapshot(now: number, slos: SloState[], alerts: AlertState[], perSource: Map<string, { failure?: string; latency: number }>): Snapshot {
    const sources: SourceState[] = Object.values(this.config.sources).map((def) => {
      const s = perSource.get(def.name);
      return {
        name: def.name,
        type: def.type,
        ok: s ? !s.failure : true,
        error: s?.failure ?? null,
        latencyMs: s ? Math.round(s.latency) : null,
        retryAtMs: this.backoff.get(def.name)?.retryAt ?? null,
      };
    });
    return { at: now, service: this.config.service, environment: this.config.environment, slos, alerts, sources };
  }
}
