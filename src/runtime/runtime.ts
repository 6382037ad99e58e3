// Everything a command works with, built here and nowhere else, and closed
// here in one call: the config (or the demo and its simulator), the sources,
// the poller, the panel fetcher, the stores, and the incident walk's probes
// and shell. Sources and poller are built on first use, so a command that
// only reads files (validate, deploy, incident --postmortem) opens no client.
import { parseSince } from '../config/since.js';
import type { Config, Playbook, SourceDef } from '../config/types.js';
import type { Demo } from '../demo/run.js';
import { type CheckContext, roundFor } from '../engine/check-doc.js';
import { commandVars, secretEnvValues } from '../engine/command.js';
import type { ReportInput } from '../engine/slo-report.js';
import type { Snapshot } from '../engine/state.js';
import { incidentDeps } from '../incident/deps.js';
import { linkActions } from '../incident/open-link.js';
import { PanelFetcher } from '../poller/panels.js';
import { Poller } from '../poller/poller.js';
import { errorCounts, incidentsIn, periodValues } from '../poller/report-data.js';
import { closeSources, createSources } from '../sources/index.js';
import type { Health, Result } from '../sources/types.js';
import { registerSecrets } from '../text/redact.js';
import type { CheckDeps, IncidentDeps, ScreenClock, WatchDeps } from './deps.js';
import { type Outcome, usageError } from './errors.js';
import { progressJournal, timelineJournal } from './journals.js';
import type { Loaded } from './load.js';
import type { Stores } from './stores.js';

type Sources = ReturnType<typeof createSources>;

/** The deploy that "time since the deploy" counts from. */
export interface DeployRef {
  id: string;
  at: number;
  release: string | null;
}

export interface SourceHealth {
  def: SourceDef;
  result: Result<Health>;
  /** How long the source took to answer. */
  ms: number;
}

export class Runtime {
  readonly config: Config;
  /** The file the config came from, named in its errors. */
  readonly path: string;
  readonly now: () => number;
  /** The environment playbook commands see. */
  readonly env: NodeJS.ProcessEnv;
  readonly demo: Demo | null;
  private built: { sources: Sources; poller?: Poller; panels?: PanelFetcher } | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    loaded: Loaded,
    readonly stores: Stores,
  ) {
    this.config = loaded.config;
    this.path = loaded.path;
    this.now = loaded.now;
    this.env = loaded.env;
    this.demo = loaded.demo;
  }

  /** The clock the screens use: `now`, at the demo's speed under --demo. */
  get clock(): ScreenClock {
    return { now: this.now, rate: this.demo?.clock.speed ?? 1 };
  }

  get sources(): Sources {
    // Built after close, they would be left open: that is a bug in the caller.
    if (this.closing) throw new Error('runtime: sources asked for after close()');
    this.built ??= { sources: createSources(this.config) };
    return this.built.sources;
  }

  get poller(): Poller {
    const sources = this.sources;
    this.built!.poller ??= new Poller(this.config, sources, { now: this.now });
    return this.built!.poller;
  }

  get panels(): PanelFetcher {
    const sources = this.sources;
    this.built!.panels ??= new PanelFetcher(this.config, sources, this.now);
    return this.built!.panels;
  }

  /** One refresh cycle. */
  snapshot(): Promise<Snapshot> {
    return this.poller.cycle();
  }

  /**
   * Which deploy "time since the deploy" counts from: `since` (--since), else
   * the last `oncall deploy` recorded for this service, else the demo's story.
   * Null when there is none.
   */
  deploy(since: string | undefined): Outcome<DeployRef | null> {
    if (since !== undefined) {
      const parsed = parseSince(since, this.now());
      if (!parsed.ok) return usageError(`--since: ${JSON.stringify(since)} ${parsed.reason}`);
      return { ok: true, value: { id: new Date(parsed.at).toISOString(), at: parsed.at, release: null } };
    }
    if (this.demo) return { ok: true, value: { id: 'demo', at: this.demo.clock.deployAt, release: 'demo' } };
    const r = this.stores.latestDeploy();
    if (!r.ok) return r;
    const d = r.value;
    return { ok: true, value: d ? { id: d.id, at: d.at, release: d.release } : null };
  }

  /** Every source asked at once whether it is reachable, ready and authorised, in the config's order. */
  health(): Promise<SourceHealth[]> {
    return Promise.all(
      [...this.sources.values()].map(async (s) => {
        const t0 = performance.now();
        const result = await s.health();
        return { def: this.config.sources[s.name], result, ms: Math.round(performance.now() - t0) };
      }),
    );
  }

  /** What the SLO report over `periodMs` up to now is made of; `notes`: timelines passed over. */
  async reportInput(periodMs: number): Promise<{ input: ReportInput; notes: string[] }> {
    const { config, sources } = this;
    const to = this.now();
    const [values, snap, errorsByLevel] = await Promise.all([
      periodValues(config, sources, periodMs, to),
      this.snapshot(),
      errorCounts(config, sources, periodMs, to),
    ]);
    const { incidents, actionItems, notes } = incidentsIn(config, this.stores.incidentsDir, to - periodMs, to);
    return { input: { config, periodMs, to, values, incidents, actionItems, alerts: snap.alerts, errorsByLevel }, notes };
  }

  /** Makes the values a playbook's commands can see secrets, so that no output shows them. */
  armPlaybook(playbook: Playbook): void {
    for (const s of playbook.steps) if (s.kind === 'run') registerSecrets(commandVars(s.command, this.env).secrets);
    registerSecrets(secretEnvValues(this.env));
  }

  /** The incident walk's probes, shell, clipboard and postmortem. */
  incidentDeps(playbook: Playbook): IncidentDeps {
    return { ...incidentDeps(this.config, playbook, this.poller, this.sources, this.env, this.now), timeline: timelineJournal };
  }

  checkDeps(ctx: CheckContext): CheckDeps {
    return { config: this.config, clock: this.clock, poller: this.poller, ctx, progressFile: this.stores.progressFile(ctx), journal: progressJournal };
  }

  watchDeps(deploy: DeployRef | null): WatchDeps {
    const { config } = this;
    const speed = this.demo?.clock.speed ?? 1;
    return {
      config,
      poller: this.poller,
      panels: this.panels,
      intervalMs: config.refreshMs / speed,
      clock: this.clock,
      deployAt: deploy?.at ?? null,
      demoLabel: this.demo ? `demo ×${speed}` : undefined,
      journal: progressJournal,
      // The user's own environment finds the browser and the clipboard (PATH, DISPLAY, SSH_CONNECTION).
      links: linkActions(process.env),
      checklist: (elapsedMs) => {
        const ctx = roundFor(config.service, config.schedule, deploy, elapsedMs);
        return ctx ? { ctx, file: this.stores.progressFile(ctx) } : null;
      },
    };
  }

  /**
   * Closes every source (and with them the decoder's worker) and stops the
   * simulator. Idempotent: every caller gets the same promise, so a finally
   * and an error path may both call it. Each part is closed even when another
   * fails; the first failure is thrown after (it is a bug). No signal handler
   * calls this: a signal that ends the process ends its sockets, servers and
   * worker with it, and closing first would let a run cut short print a
   * result of failed sources.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const steps = [() => closeSources(this.built?.sources ?? new Map()), () => this.demo?.sim.close()];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length) throw failures[0];
  }
}
