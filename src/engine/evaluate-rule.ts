// `rule:` alerts: the verdict Prometheus itself reached for one of its
// alerting rules, series by series, instead of a second evaluation of a copy.
// Nothing is judged here but what to say: a rule the server does not have is
// UNKNOWN (never OK), a failed evaluation says the server's error.
import { formatAge } from '../config/duration.js';
import type { Alert } from '../config/types.js';
import type { AlertingRule, RuleSeries } from '../sources/types.js';
import { labelText } from './rule-state.js';
import type { AlertSeries, AlertState, RuleInfo, RuleOutcome } from './state.js';

const COLLATOR = new Intl.Collator();

export function evaluateRuleAlert(alert: Alert, rule: string, outcome: RuleOutcome | undefined, now: number): AlertState {
  const base = {
    id: alert.id,
    name: alert.name,
    unit: alert.unit,
    condition: null,
    severity: alert.severity,
    playbook: alert.playbook,
    activeSinceMs: null,
  };
  if (!outcome?.ok) {
    const reason = outcome?.reason ?? 'not asked yet';
    const age = outcome?.last ? now - outcome.last.at : null;
    return {
      ...base,
      status: 'unknown',
      value: null,
      series: [],
      reason: age === null ? `${reason}; no rule state yet` : `${reason}; last rule state ${formatAge(age)} ago`,
      ageMs: age,
    };
  }
  const defs = outcome.states.rules.filter((r) => r.name === rule);
  if (defs.length === 0) {
    const reason = `no alerting rule named ${rule} on source ${alert.source}`;
    return { ...base, status: 'unknown', value: null, series: [], reason, ageMs: null };
  }
  const info = infoOf(rule, alert.source, defs);
  const series = outcome.states.alerts.filter((s) => s.labels.alertname === rule && s.state !== 'inactive').map(toSeries);
  const text = new Map(series.map((x) => [x, labelText(x.labels)]));
  series.sort((a, b) => (a.state === b.state ? COLLATOR.compare(text.get(a)!, text.get(b)!) : a.state === 'firing' ? -1 : 1));
  const firing = series.filter((s) => s.state === 'firing').length;
  const pending = series.length - firing;
  const failed = info.health === 'err' ? `last evaluation failed: ${info.lastError ?? 'no error given'}` : '';
  // kube-prometheus defines a warning and a critical rule of one name; other setups repeat a name across groups.
  const where = defs.length > 1 ? ` (${defs.length} rules of this name, in ${info.groups.join(', ')}: their series together)` : '';
  const extra = { rule: info, annotations: defs[0].annotations };
  if (series.length === 0) {
    // A rule that could not be evaluated found nothing, which is not the same as finding it well.
    const status = info.health === 'err' ? 'unknown' : 'ok';
    const reason = `${failed || 'inactive: no series pending or firing'}${where}`;
    return { ...base, ...extra, status, value: null, series, reason, ageMs: null };
  }
  const first = series[0];
  const counts = [firing ? `${firing} firing` : '', pending ? `${pending} pending` : ''].filter(Boolean).join(', ');
  const on = Object.keys(first.labels).length ? ` on ${labelText(first.labels)}` : '';
  const since = series.reduce<number | null>((m, s) => (s.activeSinceMs === null ? m : m === null ? s.activeSinceMs : Math.min(m, s.activeSinceMs)), null);
  const reason = `${counts}${on}${series.length > 1 ? ` (+${series.length - 1} more series)` : ''}${failed ? `; ${failed}` : ''}${where}`;
  return { ...base, ...extra, status: firing ? 'firing' : 'pending', value: first.value, series, reason, activeSinceMs: since, ageMs: null };
}

/** The series as shown: `alertname` is the rule's name on every one of them, so it is left out. */
function toSeries(s: RuleSeries): AlertSeries {
  const { alertname: _, ...labels } = s.labels;
  return { labels, state: s.state === 'firing' ? 'firing' : 'pending', value: s.value, activeSinceMs: s.activeAtMs, annotations: s.annotations };
}

function infoOf(name: string, source: string, defs: AlertingRule[]): RuleInfo {
  const broken = defs.find((d) => d.health === 'err');
  const health = broken ? 'err' : defs.every((d) => d.health === 'ok') ? 'ok' : 'unknown';
  return {
    name,
    source,
    groups: [...new Set(defs.map((d) => d.group))],
    queries: defs.map((d) => d.query),
    health,
    ...(broken?.lastError !== undefined ? { lastError: broken.lastError } : {}),
  };
}
