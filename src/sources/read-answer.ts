// What the decoder's worker does with a large answer's bytes: straight from
// them where scan-metric.ts can; else from the text, by hand where
// fast-metric.ts can (an odd element put to the schema alone); else the
// adapter's own translation. Each way gives what the adapter gives (the
// tests compare them); the adapters, zod and undici are loaded only when an
// answer needs them, since the worker's own memory counts against every cycle.
import { packFast } from './fast-metric.js';
import type { HttpResponse } from './http.js';
import { type MetricFormat, type Packed, pack } from './packed.js';
import { scanMetric } from './scan-metric.js';
import type { Failure, Result, Series } from './types.js';

async function translator(format: MetricFormat): Promise<(res: HttpResponse) => Result<Series[]>> {
  return format === 'prometheus' ? (await import('./prometheus/decode.js')).parseQuery : (await import('./loki/decode.js')).parseMetric;
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A 2xx answer of `format`, read and packed. */
export async function readAnswer(
  format: MetricFormat,
  status: number,
  headers: Record<string, string>,
  bytes: Uint8Array,
): Promise<Packed | { ok: false; failure: Failure }> {
  const scanned = scanMetric(bytes, format);
  if (scanned) return scanned;
  const body = new TextDecoder().decode(bytes);
  const json = parsed(body);
  let fast = json === undefined ? null : packFast(json, format);
  if (json !== undefined && !fast) fast = packFast(json, format, (await import('./slow-element.js')).slowElement);
  return fast ?? pack((await translator(format))({ status, headers, body }));
}
