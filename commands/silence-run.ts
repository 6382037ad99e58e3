// What `oncall silence add|ls|expire` do, as amtool users expect: matchers in
// amtool's syntax, the silence sent to the configured Alertmanager, and what
// comes back printed through the same sanitising as every other screen.
import { spawnSync } from 'node:child_process';
import { parseDuration } from '../src/config/duration.js';
import type { Runtime } from '../src/runtime/index.js';
import { formatMatcher, type Matcher, parseMatchers } from '../src/sources/alertmanager/dialect.js';
import { sourceRegistry } from '../src/sources/registry.js';
import { type AlertsSource, describeFailure, type Failure, type Silence, type SilenceMatcher } from '../src/sources/types.js';
import { visibleControls } from '../src/text/sanitize.js';
import { usage } from './common.js';

const SILENCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Backend text in a table cell: one line, bounded. */
const CELL = 60;

interface Picked {
  name: string;
  source: AlertsSource;
  timeoutMs: number;
}

/** The Alertmanager to talk to: the one configured, or `--source` among several; else a usage error (exit 2) naming what to do. */
export function pickSource(rt: Runtime, wanted: string | undefined): Picked | null {
  const types = sourceRegistry.typesThat('alerts');
  const names = Object.entries(rt.config.sources)
    .filter(([, def]) => types.includes(def.type))
    .map(([name]) => name);
  if (wanted !== undefined && !names.includes(wanted)) {
    const known = names.length ? `: the alertmanager sources are ${names.join(', ')}` : '';
    return usage(`--source: ${JSON.stringify(visibleControls(wanted))} is not an alertmanager source in ${rt.path}${known}`);
  }
  if (wanted === undefined && names.length === 0) {
    return usage(
      `${rt.path} has no alertmanager source: add one under sources, e.g.\n  sources:\n    alertmanager: { type: alertmanager, url: "http://alertmanager:9093" }`,
    );
  }
  if (wanted === undefined && names.length > 1) return usage(`several alertmanager sources (${names.join(', ')}): pick one with --source NAME`);
  const name = wanted ?? names[0];
  const source = rt.sources.get(name) as Partial<AlertsSource> | undefined;
  if (!source?.createSilence || !source.silences || !source.expireSilence) throw new Error(`source ${name}: built without the alerts methods its type claims`);
  return { name, source: source as AlertsSource, timeoutMs: rt.config.sources[name].timeoutMs };
}

/** A backend that failed: its sanitised words on stderr, exit 3. */
export function backendFailed(what: string, picked: Picked, f: Failure): void {
  process.stderr.write(`oncall: ${what}: ${picked.name}: ${describeFailure(f, picked.timeoutMs)}\n`);
  process.exitCode = 3;
}

/** The matchers as the API takes them; amtool's bare first word is an alertname. */
export function matchersFrom(texts: string[]): SilenceMatcher[] | null {
  if (texts.length === 0) return usage('silence add: give at least one matcher, e.g. alertname=HighErrorRate or severity=~"crit.*"');
  const withName = texts.map((t, i) => (i === 0 && !/[=!~]/.test(t) ? `alertname=${t}` : t));
  const parsed = parseMatchers(withName);
  if (!parsed.ok) return usage(`silence add: ${visibleControls(parsed.reason)}`);
  return parsed.value.map((m) => ({ name: m.name, value: m.value, isRegex: m.op.endsWith('~'), isEqual: !m.op.startsWith('!') }));
}

export function matcherText(m: SilenceMatcher): string {
  const op: Matcher['op'] = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return visibleControls(formatMatcher({ name: m.name, op, value: m.value }));
}

/**
 * When the silence ends: `--until` (HH:MM, the next time the local clock
 * shows it, or an ISO time) or `--duration` (a Prometheus duration, 1h by
 * default). Null after a usage error.
 */
export function endOf(now: number, duration: string | undefined, until: string | undefined): number | null {
  if (duration !== undefined && until !== undefined) return usage('silence add: --duration and --until are two ways to say when it ends: give one');
  if (until !== undefined) {
    const hm = /^(\d{1,2}):(\d{2})$/.exec(until.trim());
    let at: number;
    if (hm) {
      const [h, m] = [Number(hm[1]), Number(hm[2])];
      if (h > 23 || m > 59) return usage(`--until: ${JSON.stringify(until)} is not a time of day (HH:MM, 00:00 to 23:59)`);
      const d = new Date(now);
      d.setHours(h, m, 0, 0);
      at = d.getTime() <= now ? d.getTime() + 86_400_000 : d.getTime();
    } else {
      at = Date.parse(until);
      if (Number.isNaN(at)) return usage(`--until: ${JSON.stringify(visibleControls(until))} is not a time (HH:MM or an ISO time like 2026-01-31T18:00)`);
    }
    if (at <= now) return usage(`--until: ${JSON.stringify(visibleControls(until))} is in the past`);
    return at;
  }
  const ms = parseDuration(duration ?? '1h');
  if (ms === null || ms <= 0) return usage(`--duration: ${JSON.stringify(visibleControls(duration ?? ''))} is not a duration (like 30m, 2h, 1h30m)`);
  if (!Number.isFinite(now + ms) || now + ms > 8.64e15) return usage(`--duration: ${JSON.stringify(duration)} is too long`);
  return now + ms;
}

/** Who the silence says created it: --author, else git's user.name, else $USER. */
export function authorOf(flag: string | undefined): string | null {
  const given = flag ?? gitUser() ?? process.env.USER ?? process.env.LOGNAME;
  const author = visibleControls(given ?? '').trim();
  if (!author) return usage('silence add: no author: pass --author NAME (git config user.name and $USER are both unset)');
  return author.slice(0, 200);
}

function gitUser(): string | undefined {
  const r = spawnSync('git', ['config', 'user.name'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
  const name = r.status === 0 ? r.stdout.trim() : '';
  return name || undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();
const cell = (s: string) => {
  const one = visibleControls(s).replace(/\s+/g, ' ');
  return one.length > CELL ? `${one.slice(0, CELL - 1)}…` : one;
};

/** A silence as the JSON outputs write it. */
export function silenceDoc(s: Silence): Record<string, unknown> {
  return {
    id: visibleControls(s.id),
    state: s.state,
    matchers: s.matchers.map(matcherText),
    starts_at: iso(s.startsAt),
    ends_at: iso(s.endsAt),
    created_by: visibleControls(s.createdBy),
    comment: visibleControls(s.comment),
  };
}

/** amtool's `silence query` table: ID, matchers, ends, author, comment. */
export function silenceTable(silences: Silence[]): string {
  const rows = [
    ['ID', 'Matchers', 'Ends At', 'Created By', 'Comment'],
    ...silences.map((s) => [visibleControls(s.id), cell(s.matchers.map(matcherText).join(' ')), iso(s.endsAt), cell(s.createdBy), cell(s.comment)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => `${r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  ')}\n`).join('');
}

export function validId(id: string): boolean {
  return SILENCE_ID.test(id);
}
