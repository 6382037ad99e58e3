// A Grafana dashboard's panels -> oncall SLOs: the first target's expression
// is the query, and the thresholds give the objective (below the first step
// above the base), warning and critical. Panels without a query or thresholds
// are reported, not guessed.

export interface Imported {
  entries: Array<Record<string, unknown>>;
  skipped: string[];
}

interface Panel {
  title?: string;
  targets?: Array<{ expr?: string }>;
  query?: string;
  thresholds?: Array<{ value: number | null; color?: string }> | { steps?: Array<{ value: number | null; color?: string }> };
  fieldConfig?: { defaults?: { thresholds?: { steps?: Array<{ value: number | null; color?: string }> }; unit?: string } };
  panels?: Panel[];
}

const slug = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'PANEL';

function steps(p: Panel): Array<{ value: number; color: string }> {
  const raw = Array.isArray(p.thresholds) ? p.thresholds : p.thresholds?.steps ?? p.fieldConfig?.defaults?.thresholds?.steps ?? [];
  return raw.filter((s): s is { value: number; color: string } => typeof s.value === 'number').map((s) => ({ value: s.value, color: s.color ?? '' }));
}

/** Seconds-valued panels read better as durations: 0.5 -> 500ms. */
function show(v: number, seconds: boolean): string {
  if (!seconds) return String(v);
  return v < 1 ? `${Math.round(v * 1000)}ms` : `${v}s`;
}

export function importGrafana(text: string, source = 'prometheus'): Imported {
  const doc = JSON.parse(text) as Panel & { dashboard?: Panel };
  const all: Panel[] = [];
  const walk = (ps: Panel[] | undefined) => {
    for (const p of ps ?? []) {
      all.push(p);
      walk(p.panels);
    }
  };
  walk((doc.dashboard ?? doc).panels);
  const entries: Imported['entries'] = [];
  const skipped: string[] = [];
  const ids = new Set<string>();
  for (const p of all) {
    const title = p.title ?? 'untitled';
    const query = p.targets?.find((t) => t.expr)?.expr ?? p.query;
    if (!query) {
      if (!p.panels) skipped.push(`panel "${title}": no query, left out`);
      continue;
    }
    const th = steps(p).sort((a, b) => a.value - b.value);
    if (th.length < 2) {
      skipped.push(`panel "${title}": no thresholds to take an objective from (query ${JSON.stringify(query)}), left out`);
      continue;
    }
    const seconds = /_seconds|duration|latency|response time/i.test(`${query} ${title}`) || p.fieldConfig?.defaults?.unit === 's';
    let id = slug(title);
    for (let n = 2; ids.has(id); n++) id = `${slug(title)}-${n}`;
    ids.add(id);
    // The first step is Grafana's base colour (the good range); the steps above it are the levels.
    const levels = th.slice(1);
    const [warn, crit] = [levels[levels.length - 2] ?? levels[0], levels[levels.length - 1]];
    entries.push({
      id,
      name: title,
      source,
      query,
      unit: seconds ? 's' : 'count',
      objective: `< ${show(warn.value, seconds)}`,
      warning: `> ${show(warn.value, seconds)} for 5m`,
      critical: `> ${show(crit.value, seconds)} for 5m`,
    });
  }
  return { entries, skipped };
}
