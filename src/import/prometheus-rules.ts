// Prometheus alerting rules -> oncall alerts. Reads the rule-group format
// (`groups[].rules[]` with alert/expr/for/labels/annotations) and the flat
// `alerts:` lists some plans keep (name/expr/for/severity/runbook). A rule maps
// when its expression ends in a comparison with a number; anything else is
// reported, not guessed.
import { parse } from 'yaml';

export interface Imported {
  entries: Array<Record<string, unknown>>;
  skipped: string[];
}

const COMPARISON = /^([\s\S]*?)\s*(==|!=|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

export function importPrometheusRules(text: string, source = 'prometheus'): Imported {
  const doc = parse(text) as Record<string, unknown> | null;
  const rules: Array<Record<string, unknown>> = [];
  const groups = (doc?.groups as Array<{ rules?: unknown[] }> | undefined) ?? [];
  for (const g of groups) for (const r of g.rules ?? []) rules.push(r as Record<string, unknown>);
  for (const r of (doc?.alerts as unknown[] | undefined) ?? []) rules.push(r as Record<string, unknown>);
  const entries: Imported['entries'] = [];
  const skipped: string[] = [];
  for (const r of rules) {
    const name = String(r.alert ?? r.name ?? '');
    if (!name) {
      if (r.record) skipped.push(`recording rule ${String(r.record)}: not an alert, left out`);
      else skipped.push(`a rule without alert: or name:, left out`);
      continue;
    }
    const expr = String(r.expr ?? '').trim();
    const m = COMPARISON.exec(expr);
    if (!m) {
      skipped.push(`${name}: "${expr}" does not end in a comparison with a number, left out`);
      continue;
    }
    const labels = (r.labels as Record<string, string> | undefined) ?? {};
    const annotations = (r.annotations as Record<string, string> | undefined) ?? {};
    const forPart = r.for ? ` for ${String(r.for)}` : '';
    const entry: Record<string, unknown> = {
      id: name,
      name: annotations.summary ?? name,
      source,
      query: m[1].trim(),
      condition: `${m[2]} ${m[3]}${forPart}`,
      unit: 'count',
    };
    const severity = labels.severity ?? r.severity;
    if (severity) entry.severity = String(severity);
    const runbook = annotations.runbook_url ?? annotations.runbook ?? r.runbook;
    if (runbook) entry.runbook = String(runbook);
    if (annotations.description) entry.description = annotations.description;
    if (r.action !== undefined) skipped.push(`${name}: action: ${String(r.action)} not mapped (oncall shows alerts; routing stays in Alertmanager)`);
    entries.push(entry);
  }
  return { entries, skipped };
}
