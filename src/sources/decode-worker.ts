// The worker of decode.ts: runs an adapter's translation of a large answer and
// sends the series back packed, its typed arrays moved rather than copied.
import { parentPort } from 'node:worker_threads';
import { pack, type MetricFormat, type Reply } from './decode.js';
import type { HttpResponse } from './http.js';
import { parseMetric } from './loki.js';
import { parseQuery } from './prometheus.js';
import { adoptSecrets } from '../text/redact.js';

parentPort?.on('message', ({ id, format, res, secrets }: { id: number; format: MetricFormat; res: HttpResponse; secrets: string[] }) => {
  adoptSecrets(secrets);
  const packed = pack(format === 'prometheus' ? parseQuery(res) : parseMetric(res));
  const reply: Reply = { id, ...packed };
  parentPort!.postMessage(reply, packed.ok ? [packed.offsets.buffer as ArrayBuffer, packed.samples.buffer as ArrayBuffer] : []);
});
