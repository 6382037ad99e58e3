// The files a run reads and writes, each bound once to its folder and to the
// config's service: deploys and check progress under the state folder,
// timelines and postmortems under the incidents folder.
import type { Config, Playbook } from '../config/types.js';
import type { CheckContext } from '../engine/check-doc.js';
import { writePostmortem } from '../incident/resolve.js';
import { type Progress, readProgress, slotFile } from '../store/checklist.js';
import { type Deploy, readLatestDeploy, recordDeploy } from '../store/deploys.js';
import type { StoreError } from '../store/errors.js';
import { eachIncident, latestIncident, openOrStart } from '../store/incident-files.js';
import type { Incident } from '../store/timeline.js';
import type { Outcome, RuntimeError } from './errors.js';

const disk = (r: { ok: false; error: StoreError }): { ok: false; error: RuntimeError } => ({ ok: false, error: { kind: 'disk', error: r.error } });

export class Stores {
  constructor(
    private readonly config: Config,
    /** Deploys and check progress (--state-dir, else $XDG_STATE_HOME/oncall). */
    readonly stateDir: string,
    /** Timelines and postmortems (--dir, else incidents.dir of the config). */
    readonly incidentsDir: string,
  ) {}

  /** The last deploy recorded for this service and environment, or null. */
  latestDeploy(): Outcome<Deploy | null> {
    const r = readLatestDeploy(this.stateDir, this.config.service, this.config.environment ?? null);
    return r.ok ? { ok: true, value: r.deploy } : disk(r);
  }

  recordDeploy(at: number, release: string | null): Outcome<Deploy> {
    const r = recordDeploy(this.stateDir, { service: this.config.service, environment: this.config.environment ?? null, at, release });
    return r.ok ? { ok: true, value: r.deploy } : disk(r);
  }

  /** Where the ticks and notes of a check round are kept: one file per deploy, phase and round. */
  progressFile(ctx: CheckContext): string {
    return slotFile(this.stateDir, { service: this.config.service, deployId: ctx.deploy?.id ?? 'unrecorded', phase: ctx.phase.name, index: ctx.slotIndex });
  }

  readProgress(file: string): Outcome<Progress> {
    const r = readProgress(file);
    return r.ok ? { ok: true, value: r.progress } : disk(r);
  }

  /** Every incident on disk; the timelines that could not be read come back as problems, passed over. */
  eachIncident(visit: (inc: Incident) => void): StoreError[] {
    return eachIncident(this.incidentsDir, undefined, visit);
  }

  /** The latest incident of a playbook, open or resolved, or null. */
  latestIncident(playbook: string): Outcome<Incident | null> {
    const r = latestIncident(this.incidentsDir, playbook);
    return r.ok ? { ok: true, value: r.incident } : disk(r);
  }

  /** The incident open for the playbook, else (or with `fresh`) a new one. */
  openIncident(playbook: Playbook, at: number, fresh: boolean): Outcome<Incident> {
    const r = openOrStart(this.incidentsDir, playbook, at, fresh);
    return r.ok ? { ok: true, value: r.incident } : disk(r);
  }

  /** The postmortem written again from the timeline as it is now; its path. */
  writePostmortem(timeline: string, playbook: Playbook): Outcome<string> {
    const r = writePostmortem(timeline, playbook, this.config);
    return r.ok ? { ok: true, value: r.file } : disk(r);
  }
}
