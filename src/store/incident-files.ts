// The timelines in incidents.dir: finding a playbook's incidents and starting a
// new one. A file is named <date>-<playbook>.jsonl, then -2, -3 the same day,
// so "db-2.jsonl" may be playbook db's second incident or playbook db-2's
// first: a name only says which files to look in, and the `opened` record in
// the file says whose incident it is.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { refused, type StoreError, storeError } from './errors.js';
import { createRecord } from './jsonl.js';
import { fileInside } from './safe-path.js';
import { type Incident, readIncident, type TimelineEvent } from './timeline.js';

export type Found = { ok: true; incident: Incident | null } | { ok: false; error: StoreError };

// Playbook ids are validated to this set, so no timeline of oncall's has another
// name; a file that does (an escape sequence in it, say) is not looked at, or named.
const NAME = /^\d{4}-\d{2}-\d{2}-([A-Za-z0-9][A-Za-z0-9._-]*)\.jsonl$/;
const numeric = new Intl.Collator('en', { numeric: true }).compare;
// Without the extension, so that db comes before db-2, and db-2 before db-10.
const byNumber = (a: string, b: string) => numeric(a.slice(0, -'.jsonl'.length), b.slice(0, -'.jsonl'.length));

/** Timelines whose name could hold an incident of `playbook` (of any, without one), in the order they were started. */
export function incidentFiles(dir: string, playbook?: string): { files: string[]; error: StoreError | null } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    // No folder yet: no incident yet.
    return { files: [], error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : storeError('read', dir, e) };
  }
  const files = names.filter((n) => {
    const rest = NAME.exec(n)?.[1];
    return rest !== undefined && (playbook === undefined || rest === playbook || numbered(rest, playbook));
  });
  return { files: files.sort(byNumber).map((n) => join(dir, n)), error: null };
}

const numbered = (rest: string, playbook: string) => rest.startsWith(`${playbook}-`) && /^\d+$/.test(rest.slice(playbook.length + 1));

/**
 * Calls `visit` with each incident of `playbook` (of any, without one), one
 * file in memory at a time, and returns the files that could not be read.
 * A file with no `opened` record holds no incident and is passed over.
 */
export function eachIncident(dir: string, playbook: string | undefined, visit: (inc: Incident) => void): StoreError[] {
  const { files, error } = incidentFiles(dir, playbook);
  const problems = error ? [error] : [];
  for (const f of files) {
    const r = readIncident(f);
    if (!r.ok) problems.push(r.error);
    else if (r.incident && (playbook === undefined || r.incident.playbook === playbook)) visit(r.incident);
  }
  return problems;
}

/** The most recently opened incident of `playbook` that passes `keep`; a file that may hold it but cannot be read is the error. */
function latest(dir: string, playbook: string, keep: (inc: Incident) => boolean): Found {
  let best: Incident | null = null;
  const problems = eachIncident(dir, playbook, (inc) => {
    if (keep(inc) && (best === null || inc.openedAt >= best.openedAt)) best = inc;
  });
  return problems.length > 0 ? { ok: false, error: problems[0] } : { ok: true, incident: best };
}

/** The open (unresolved) incident of a playbook, if any. */
export const openIncident = (dir: string, playbook: string): Found => latest(dir, playbook, (inc) => inc.resolvedAt === null);

/** The most recently opened incident of a playbook, open or resolved. */
export const latestIncident = (dir: string, playbook: string): Found => latest(dir, playbook, () => true);

const MAX_PER_DAY = 1000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The open incident of `playbook`, else (or with `fresh`) a new one opened at
 * `now`, as its file reads once written.
 */
export function openOrStart(
  dir: string,
  playbook: { id: string; severity?: string },
  now: number,
  fresh = false,
): { ok: true; incident: Incident } | { ok: false; error: StoreError } {
  const open: Found = fresh ? { ok: true, incident: null } : openIncident(dir, playbook.id);
  if (!open.ok) return open;
  if (open.incident) return { ok: true, incident: open.incident };
  const started = startIncident(dir, { t: now, kind: 'opened', playbook: playbook.id, severity: playbook.severity ?? null });
  if (!started.ok) return started;
  const r = readIncident(started.file);
  if (!r.ok) return r;
  if (!r.incident) return { ok: false, error: refused('read', started.file, 'EIO', 'it holds no `opened` record right after it was written') };
  return { ok: true, incident: r.incident };
}

/**
 * A new timeline holding `opened`: <date>-<playbook>.jsonl, or -2, -3 when the
 * name is taken. The file is created exclusively, so an existing one (another
 * playbook's, or a link left at that name) is never appended to.
 */
export function startIncident(dir: string, opened: Extract<TimelineEvent, { kind: 'opened' }>): { ok: true; file: string } | { ok: false; error: StoreError } {
  for (let n = 1; n <= MAX_PER_DAY; n++) {
    const file = fileInside(dir, `${day(opened.t)}-${opened.playbook}${n === 1 ? '' : `-${n}`}.jsonl`);
    const w = createRecord(file, opened);
    if (w.ok) return { ok: true, file };
    if (!('taken' in w)) return w;
  }
  return { ok: false, error: refused('write', dir, 'EEXIST', `${MAX_PER_DAY} timelines of ${opened.playbook} opened on ${day(opened.t)} are there already`) };
}
