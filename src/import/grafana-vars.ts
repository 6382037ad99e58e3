// Dashboard variables in a panel's query, resolved as Grafana would send the
// query: the range and interval macros become oncall's `$window`; other
// variables take their saved value (or one given with --var), formatted as
// Grafana's Prometheus datasource formats it. What has no value is named.
// Variable references are Grafana's template syntax, not PromQL, so they are
// found in the text; the result is then checked by the PromQL grammar.

export interface Variable {
  name: string;
  type?: string;
  current?: { value?: unknown; text?: unknown };
  options?: Array<{ value?: unknown; selected?: boolean }>;
  includeAll?: boolean;
  allValue?: string | null;
  multi?: boolean;
  query?: unknown;
}

const WINDOW_MACROS = new Set(['__rate_interval', '__interval', '__range']);
const NUMBER_MACROS = new Set(['__range_s', '__range_ms', '__interval_ms', '__from', '__to']);
// $name, ${name}, ${name:format}, [[name]], [[name:format]]
const REF = /\$([A-Za-z_]\w*)|\$\{([A-Za-z_]\w*)(?::([\w-]+))?\}|\[\[([A-Za-z_]\w*)(?::([\w-]+))?\]\]/g;

export type Resolved = { ok: true; text: string } | { ok: false; why: string };

function values(v: Variable): string[] | null {
  const cur = v.current?.value;
  const list = Array.isArray(cur) ? cur.map(String) : cur === undefined || cur === null ? [] : [String(cur)];
  if (list.length === 0 || (list.length === 1 && list[0] === '')) return null;
  if (list.includes('$__all')) {
    if (v.allValue) return [v.allValue];
    const all = (Array.isArray(v.options) ? v.options : []).map((o) => String(o?.value ?? '')).filter((x) => x && x !== '$__all');
    return all.length ? all : null;
  }
  return list;
}

// As Grafana's Prometheus datasource escapes values: one value stands as it is, several become a regex alternation.
const regexEscape = (s: string) => s.replace(/[$^*{}[\]'+?.()|\\]/g, '\\\\$&');

function format(vals: string[], fmt: string | undefined, v: Variable, isAll: boolean): string | null {
  switch (fmt) {
    case undefined:
      if (isAll && v.allValue) return v.allValue;
      if (vals.length === 1 && !v.multi && !v.includeAll) return vals[0];
      return vals.length === 1 ? regexEscape(vals[0]) : `(${vals.map(regexEscape).join('|')})`;
    case 'raw':
    case 'text':
      return vals.join(',');
    case 'regex':
      return vals.length === 1 ? regexEscape(vals[0]) : `(${vals.map(regexEscape).join('|')})`;
    case 'pipe':
      return vals.join('|');
    case 'csv':
      return vals.join(',');
    default:
      return null;
  }
}

/** `given`: values from --var, which win over the dashboard's saved ones. */
export function resolveVariables(expr: string, vars: Variable[], given: Record<string, string>): Resolved {
  const missing: string[] = [];
  const text = expr.replace(REF, (whole, bare?: string, braced?: string, fmt1?: string, old?: string, fmt2?: string) => {
    const name = (bare ?? braced ?? old)!;
    const fmt = fmt1 ?? fmt2;
    // oncall's own $window, unless the dashboard has a variable of that name: then it is the dashboard's.
    if (name === 'window' && !vars.some((x) => x.name === 'window') && !('window' in given)) return whole;
    if (WINDOW_MACROS.has(name)) return '$window';
    if (NUMBER_MACROS.has(name)) {
      missing.push(`${whole} (a number Grafana computes from its time range; oncall has only $window)`);
      return whole;
    }
    if (name in given) return given[name];
    const v = vars.find((x) => x.name === name);
    if (!v) {
      missing.push(`${whole} (not a variable of this dashboard)`);
      return whole;
    }
    const vals = values(v);
    if (vals === null) {
      missing.push(`${whole} (no saved value; give one with --var ${name}=VALUE)`);
      return whole;
    }
    // An interval variable set to auto (Grafana 11 saves $__auto) is Grafana's interval for the panel: $window.
    if (vals.length === 1 && (vals[0] === '$__auto' || vals[0].startsWith('$__auto_interval'))) return '$window';
    const isAll = Array.isArray(v.current?.value) ? (v.current!.value as unknown[]).includes('$__all') : v.current?.value === '$__all';
    const out = format(vals, fmt, v, isAll);
    if (out === null) {
      missing.push(`${whole} (format ${fmt} not known)`);
      return whole;
    }
    return out;
  });
  if (missing.length) return { ok: false, why: `unresolved variable ${[...new Set(missing)].join(', ')}` };
  return { ok: true, text };
}

/** A panel title as Grafana shows it: variables by their saved text ("$instance" in a repeated panel shows "All"). */
export function resolveTitle(title: string, vars: Variable[], given: Record<string, string>): string {
  return title.replace(REF, (whole, bare?: string, braced?: string, _f?: string, old?: string) => {
    const name = (bare ?? braced ?? old)!;
    if (name in given) return given[name];
    const cur = vars.find((x) => x.name === name)?.current;
    const text = cur?.text ?? cur?.value;
    const shown = Array.isArray(text) ? text.map(String).join(' + ') : text === undefined || text === null ? '' : String(text);
    return shown && shown !== '$__all' ? shown : whole;
  });
}
