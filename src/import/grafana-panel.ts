// One Grafana panel as Grafana shows it: what its thresholds mean (read as
// Grafana colours a value), its unit, and which value it shows.
import type { Unit } from '../config/quantity.js';
import { type Levels, legacyLevels, type Step, stepsToLevels } from './grafana-thresholds.js';
import { isObj, type Obj } from './untyped.js';

// Panels that show one value per series, coloured by the thresholds.
export const VALUE_PANELS = new Set(['stat', 'gauge', 'bargauge', 'singlestat', 'timeseries', 'graph']);

export const UNITS: Record<string, Unit> = {
  s: 's',
  dtdurations: 's',
  ms: 'ms',
  percent: 'percent',
  percentunit: 'ratio',
  reqps: 'per_second',
  rps: 'per_second',
  ops: 'per_second',
  wps: 'per_second',
  iops: 'per_second',
  bytes: 'bytes',
  decbytes: 'bytes',
  short: 'count',
  none: 'count',
  '': 'count',
};

/** What judges a panel: levels, or why nothing does; null when it has no thresholds at all. */
function levelsOf(p: Obj): Levels | string | null {
  const defaults = isObj(p.fieldConfig) && isObj(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
  const modern = isObj(defaults.thresholds) ? defaults.thresholds : null;
  if (modern && Array.isArray(modern.steps)) {
    const read = stepValues(modern.steps);
    if (typeof read === 'string') return read;
    const steps = read;
    if (modern.mode === 'percentage') {
      const { min, max } = defaults as { min?: unknown; max?: unknown };
      if (typeof min !== 'number' || typeof max !== 'number') return 'thresholds in percent of a min and max the panel does not fix';
      for (const s of steps) if (s.value !== null) s.value = Number((min + ((max - min) * s.value) / 100).toPrecision(15));
    }
    const color = isObj(defaults.color) ? defaults.color.mode : undefined;
    const style = isObj(defaults.custom) && isObj(defaults.custom.thresholdsStyle) ? defaults.custom.thresholdsStyle.mode : undefined;
    // A time series draws thresholds only when asked to; Grafana puts a red 80 on every new panel.
    if ((p.type === 'timeseries' || p.type === 'graph') && color !== 'thresholds' && (style === undefined || style === 'off')) {
      return 'thresholds are not shown on this time series (Grafana adds a red 80 to every new panel)';
    }
    if (p.type !== 'timeseries' && p.type !== 'graph' && color !== undefined && color !== 'thresholds')
      return `the panel is coloured by ${String(color)}, not by its thresholds`;
    if (p.type === 'stat' && isObj(p.options) && p.options.colorMode === 'none') return 'the stat shows its value without colour (colorMode none)';
    return stepsToLevels(sortSteps(steps));
  }
  if (Array.isArray(p.thresholds) && p.thresholds.some((t) => isObj(t) && 'colorMode' in t)) return legacyLevels(p.thresholds.filter(isObj));
  // Hand-written [{value, color}], read as Grafana reads steps: the first is the base.
  if (Array.isArray(p.thresholds) && p.thresholds.length) {
    const read = stepValues(p.thresholds, true);
    return typeof read === 'string' ? read : stepsToLevels(sortSteps(read));
  }
  // Singlestat: "80,90" and three colours, from value >= each limit; they colour something only when asked to.
  if (typeof p.thresholds === 'string' && p.thresholds.trim() !== '') {
    const limits = p.thresholds.split(',').map((x) => Number(x.trim()));
    const colors = Array.isArray(p.colors) ? p.colors.map(String) : [];
    if (limits.some((n) => !Number.isFinite(n)) || colors.length < limits.length + 1)
      return `thresholds ${JSON.stringify(p.thresholds)} do not read as numbers with a colour each`;
    const shown = p.colorBackground === true || p.colorValue === true || (isObj(p.gauge) && p.gauge.show === true);
    if (!shown) return 'the singlestat colours neither its value nor its background';
    return stepsToLevels([{ value: null, color: colors[0] }, ...limits.map((v, i) => ({ value: v, color: colors[i + 1] }))]);
  }
  return null;
}

/**
 * Steps as numbers. The base step's value is ignored, as Grafana ignores it.
 * A later step with no number is refused: Grafana compares `v >= null` as
 * `v >= 0` there, which no threshold reads as intended.
 */
function stepValues(list: unknown[], baseHasValue = false): Step[] | string {
  const steps: Step[] = [];
  for (const [i, s] of list.filter(isObj).entries()) {
    const color = String(s.color ?? '');
    if (i === 0) {
      steps.push({ value: null, color });
      continue;
    }
    const value = typeof s.value === 'number' ? s.value : typeof s.value === 'string' && s.value.trim() !== '' ? Number(s.value) : NaN;
    if (!Number.isFinite(value)) return `a threshold step has no number: step ${i + 1} (${color})${baseHasValue ? '' : ', which Grafana compares as 0'}`;
    steps.push({ value, color });
  }
  return steps;
}

function sortSteps(steps: Step[]): Step[] {
  const [base, ...rest] = steps;
  return base ? [{ value: null, color: base.color }, ...rest.filter((s) => s.value !== null).sort((a, b) => a.value! - b.value!)] : [];
}

export interface PanelReading {
  levels: Levels;
  unit: Unit;
  /** The panel's own unit name, when oncall has no equivalent of it. */
  unknownUnit: string | null;
  /** What Grafana shows when it is not the latest value ("mean", "avg"), else null. */
  reduced: string | null;
}

/** How the panel judges its values, or why it cannot be mapped. */
export function readPanel(p: Obj): PanelReading | string {
  if (!VALUE_PANELS.has(String(p.type))) return `a ${String(p.type)} panel has no single value per series to judge`;
  const levels = levelsOf(p);
  if (levels === null) return 'no thresholds to take an objective from';
  if (typeof levels === 'string') return levels;
  const defaults = isObj(p.fieldConfig) && isObj(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};
  const overrides = isObj(p.fieldConfig) && Array.isArray(p.fieldConfig.overrides) ? p.fieldConfig.overrides : [];
  if (overrides.some((ov) => isObj(ov) && Array.isArray(ov.properties) && ov.properties.some((x) => isObj(x) && (x.id === 'thresholds' || x.id === 'unit')))) {
    return 'an override gives some series other thresholds or another unit';
  }
  const grafanaUnit = String(defaults.unit ?? p.format ?? (Array.isArray(p.yaxes) && isObj(p.yaxes[0]) ? (p.yaxes[0].format ?? '') : ''));
  const calcs =
    isObj(p.options) && isObj(p.options.reduceOptions) && Array.isArray(p.options.reduceOptions.calcs) ? p.options.reduceOptions.calcs.map(String) : null;
  // A singlestat shows the average unless told otherwise (valueName: current is the latest).
  const singlestat = p.type === 'singlestat' ? String(p.valueName ?? 'avg') : null;
  const reduced =
    calcs?.length && !calcs.every((c) => c === 'lastNotNull' || c === 'last') ? calcs.join(', ') : singlestat && singlestat !== 'current' ? singlestat : null;
  return { levels, unit: UNITS[grafanaUnit] ?? 'count', unknownUnit: UNITS[grafanaUnit] ? null : grafanaUnit, reduced };
}
