// A real Prometheus (Debian's package) on a free loopback port, over a TSDB
// built by promtool from an OpenMetrics history the test writes.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadUrl } from './fixture-server.js';
import { startUntilReady } from './ready-server.js';

const PROMETHEUS = process.env.ONCALL_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.ONCALL_PROMTOOL_BIN ?? '/usr/bin/promtool';

export interface RealPrometheus {
  url: string;
  stop(): Promise<void>;
}

export function requireBinaries(): void {
  for (const bin of [PROMETHEUS, PROMTOOL]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: the integration suite needs a real Prometheus. Install it with: sudo apt-get install -y prometheus (or set ONCALL_PROMETHEUS_BIN / ONCALL_PROMTOOL_BIN)`,
      );
    }
  }
}

export interface PrometheusOptions {
  /** Rule files (their text) for Prometheus to load and evaluate from the moment it starts. */
  rules?: string[];
  /** How often the rules are evaluated (default 1s, so a test sees an evaluation at once). */
  evaluationInterval?: string;
  /** Alertmanager URLs its firing alerts are sent to (alerting.alertmanagers). */
  alertmanagers?: string[];
}

/** `openMetrics`: the history's text, or its pieces in order (a large one is more than one string holds). */
export async function startPrometheus(openMetrics: string | string[], opts: PrometheusOptions = {}): Promise<RealPrometheus> {
  requireBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'oncall-prom-'));
  writeFileSync(join(dir, 'history.om'), '');
  for (const piece of typeof openMetrics === 'string' ? [openMetrics] : openMetrics) appendFileSync(join(dir, 'history.om'), piece);
  const ruleFiles = (opts.rules ?? []).map((text, i) => {
    const file = join(dir, `rules-${i}.yml`);
    writeFileSync(file, text);
    const checked = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8' });
    if (checked.status !== 0) throw new Error(`promtool check rules rejected rule file ${i}: ${checked.stdout}${checked.stderr}`);
    return file;
  });
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 15s\n  evaluation_interval: ${opts.evaluationInterval ?? '1s'}\nscrape_configs: []\n` +
      (ruleFiles.length ? `rule_files:\n${ruleFiles.map((f) => `  - ${JSON.stringify(f)}\n`).join('')}` : '') +
      alertingSection(opts.alertmanagers ?? []),
  );
  const made = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`promtool could not build the TSDB: ${made.stderr || made.stdout}`);
  const url = await deadUrl();
  const server = await startUntilReady(
    'prometheus',
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${url.slice('http://'.length)}`,
      '--storage.tsdb.retention.time=90d',
      // A firing alert evaluated before the Alertmanager is discovered is resent only after this delay (1m by default).
      ...(opts.alertmanagers?.length ? ['--rules.alert.resend-delay=1s'] : []),
    ],
    url,
    dir,
  );
  return { url, stop: server.stop };
}

function alertingSection(urls: string[]): string {
  if (urls.length === 0) return '';
  const targets = urls.map((u) => JSON.stringify(new URL(u).host)).join(', ');
  return `alerting:\n  alertmanagers:\n    - api_version: v2\n      static_configs:\n        - targets: [${targets}]\n`;
}

/** OpenMetrics text for counters: one series per labels, all its points in time order. */
export function counterFamily(name: string, series: Array<{ labels: string; value: (t: number) => number }>, times: number[]): string[] {
  const lines = [`# TYPE ${name} counter`];
  for (const s of series) for (const t of times) lines.push(`${name}_total{${s.labels}} ${s.value(t)} ${t}`);
  return lines;
}

export function histogramFamily(name: string, perSecond: Array<[string, number]>, sumPerSecond: number, times: number[], start: number): string[] {
  const lines = [`# TYPE ${name} histogram`];
  for (const t of times) {
    const el = t - start;
    for (const [le, c] of perSecond) lines.push(`${name}_bucket{le="${le}"} ${c * el} ${t}`);
    lines.push(`${name}_count ${perSecond[perSecond.length - 1][1] * el} ${t}`);
    lines.push(`${name}_sum ${sumPerSecond * el} ${t}`);
  }
  return lines;
}

/**
 * The traffic both integration suites load: three hours on the 15 s grid
 * ending at T; 10 requests/s, of which 5xx at 0.2/s (2%) for the last 40
 * minutes. Counters start high so that rate() is never clipped at zero.
 */
export function trafficHistory(nowMs = Date.now(), aheadS = 0) {
  const STEP = 15;
  const T = Math.floor(nowMs / 1000 / STEP) * STEP;
  const START = T - 3 * 3600;
  const ERR_START = T - 2400;
  const times: number[] = [];
  for (let t = START; t <= T + aheadS; t += STEP) times.push(t);
  const errors = (t: number) => 1000 + (t > ERR_START ? 0.2 * (t - ERR_START) : 0);
  const total = (t: number) => 100_000 + 10 * (t - START);
  return { T, START, ERR_START, times, errors, total };
}

/**
 * Waits until every rule group has been evaluated at a time after `afterMs`
 * (Prometheus' own clock). Call it twice to be sure alert groups have seen
 * what the recording groups wrote in their first evaluation.
 */
export async function rulesEvaluatedAfter(url: string, afterMs: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${url}/api/v1/rules`)).json()) as { data: { groups: Array<{ name: string; lastEvaluation: string }> } };
    const times = body.data.groups.map((g) => Date.parse(g.lastEvaluation));
    if (times.length > 0 && times.every((t) => t > afterMs)) return Math.max(...times);
    if (Date.now() > deadline)
      throw new Error(
        `rule groups not evaluated after ${new Date(afterMs).toISOString()}: ${JSON.stringify(body.data.groups.map((g) => [g.name, g.lastEvaluation]))}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}
