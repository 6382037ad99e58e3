// The diagnostics of a playbook that run by themselves: HTTP probes, queries
// with a condition, and the state of an SLO or alert from a fresh snapshot.
import { request } from 'undici';
import { redactUserinfo } from '../config/compile-parts.js';
import { formatValue } from '../config/quantity.js';
import { formatSize } from '../config/size.js';
import type { Config, Playbook } from '../config/types.js';
import { satisfies } from '../engine/held.js';
import { impossibleValue } from '../engine/sanity.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { Snapshot } from '../engine/state.js';
import { dropBody, readBounded } from '../sources/body.js';
import { type SourceRegistry, sourceRegistry } from '../sources/registry.js';
import type { MetricSource } from '../sources/types.js';
import { describeFailure } from '../sources/types.js';
import { fromOutside } from '../text/sanitize.js';
import { kindOf } from './plan.js';

export interface ProbeResult {
  step: number;
  ok: boolean;
  summary: string;
}

/** The most of a probed answer read, and only when `expect.body` needs it: a health page is small. */
export const PROBE_BODY_LIMIT = 1024 ** 2;

export async function httpProbe(
  url: string,
  method: string,
  expectStatus: number,
  expectBody: string | undefined,
  timeoutMs: number,
): Promise<{ ok: boolean; summary: string }> {
  const shown = `${method} ${redactUserinfo(url)}`;
  const t0 = performance.now();
  // One deadline for headers and body together: a body that trickles cannot stretch it.
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number | null = null;
  try {
    const res = await request(url, { method: method as 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal });
    status = res.statusCode;
    const ms = Math.round(performance.now() - t0);
    const head = `${shown} -> ${status} in ${ms}ms`;
    if (status !== expectStatus || expectBody === undefined) {
      // Nothing in the body decides: it is not read, and the connection is dropped.
      dropBody(res.body);
      return status === expectStatus ? { ok: true, summary: `${head} ✓` } : { ok: false, summary: `${head} ✗ (expected ${expectStatus})` };
    }
    const read = await readBounded(res.body, PROBE_BODY_LIMIT);
    if (read === 'too large' || read === 'cancelled')
      return { ok: false, summary: `${head} ✗ (body larger than ${formatSize(PROBE_BODY_LIMIT)}, not read further)` };
    const ok = new TextDecoder().decode(read).includes(expectBody);
    return { ok, summary: `${head} ${ok ? '✓' : `✗ (body lacks ${JSON.stringify(expectBody)})`}` };
  } catch (e) {
    const err = e as Error & { code?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code;
    const timedOut = signal.aborted || err.name === 'TimeoutError' || err.name === 'AbortError' || /Timeout/.test(String(code ?? ''));
    if (timedOut && status !== null) return { ok: false, summary: `${shown} -> ${status}, body not complete in ${timeoutMs}ms ✗` };
    const what = timedOut
      ? `no answer in ${timeoutMs}ms`
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : // The probed server's answer can make its way into an error's text.
          fromOutside(String(code ?? err.message), 300);
    return { ok: false, summary: `${shown} -> ${what} ✗` };
  }
}

/** Every probe step of `playbook`, against `snap` (for SLO and alert steps) and the live sources. */
export async function runProbes(
  playbook: Playbook,
  config: Config,
  sources: Map<string, MetricSource>,
  snap: Snapshot,
  now: number,
  registry: SourceRegistry = sourceRegistry,
): Promise<ProbeResult[]> {
  const out = await Promise.all(
    playbook.steps.map(async (s, step): Promise<ProbeResult | null> => {
      switch (s.kind) {
        case 'http':
          return { step, ...(await httpProbe(s.url, s.method, s.expectStatus, s.expectBody, s.timeoutMs)) };
        case 'slo': {
          const x = snap.slos.find((v) => v.id === s.id);
          if (!x) return { step, ok: false, summary: `${s.id}: not evaluated` };
          return { step, ok: x.status === 'ok', summary: `${x.id} ${formatValue(x.value, x.unit)} ${statusWord(x.status)}: ${x.reason}` };
        }
        case 'alert': {
          const a = snap.alerts.find((v) => v.id === s.id);
          if (!a) return { step, ok: false, summary: `${s.id}: not evaluated` };
          return { step, ok: a.status === 'ok', summary: `${a.id} ${statusWord(a.status)}: ${a.reason}` };
        }
        case 'query': {
          const src = sources.get(s.source);
          if (!src) return { step, ok: false, summary: `${s.source}: not configured` };
          const windowMs = s.threshold.inMs ?? 300_000;
          const query = kindOf(config, s.source, registry)?.dialect.withWindow(s.query, windowMs) ?? s.query;
          const r = await src.instant(query, now, windowMs);
          if (!r.ok) return { step, ok: false, summary: `${s.source}: ${describeFailure(r.failure, config.sources[s.source]?.timeoutMs)}` };
          // Several series add up (instances up, errors per pod); none counts 0.
          const v = r.value.reduce<number | null>((sum, x) => (x.points.length ? (sum ?? 0) + x.points[x.points.length - 1].v : sum), null) ?? 0;
          // Garbage never passes: a latency is impossible below 0 where a low value is the one that passes.
          const low = s.threshold.op === '<' || s.threshold.op === '<=';
          const bad = impossibleValue(v, { unit: s.unit, lowerPasses: s.passWhen === 'met' ? low : !low, eventCount: s.threshold.inMs !== null });
          if (bad) return { step, ok: false, summary: `${s.source}: ${bad} ✗` };
          const met = satisfies(v, s.threshold, s.unit);
          const shown = formatValue(v, s.unit);
          if (s.passWhen === 'met') return { step, ok: met, summary: `${s.source}: ${shown}, expected ${s.threshold.text} ${met ? '✓' : '✗'}` };
          return { step, ok: !met, summary: `${s.source}: ${shown} ${met ? '' : 'not '}${s.threshold.text} ${met ? '✗' : '✓'}` };
        }
        default:
          return null;
      }
    }),
  );
  return out.filter((r): r is ProbeResult => r !== null);
}
