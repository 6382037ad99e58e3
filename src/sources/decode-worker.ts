// The worker of decode.ts: reads one large answer at a time (read-answer.ts)
// and sends the series back packed, its typed arrays moved rather than
// copied; or, when they would take more than the asker has room for, only
// their size, so that nothing it cannot keep crosses to the main thread.
import { parentPort } from 'node:worker_threads';
import { adoptSecrets } from '../text/redact.js';
import { type MetricFormat, packedBytes, type Reply } from './packed.js';
import { readAnswer } from './read-answer.js';

interface Job {
  id: number;
  format: MetricFormat;
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
  /** The most bytes the answer may take where it is going. */
  room: number;
  secrets: string[];
}

// The next job is not sent before this one's reply.
parentPort?.on('message', async ({ id, format, status, headers, bytes, room, secrets }: Job) => {
  adoptSecrets(secrets);
  const packed = await readAnswer(format, status, headers, bytes);
  const size = packed.ok ? packedBytes(packed) : 0;
  if (size > room) return parentPort!.postMessage({ id, ok: false, over: size } satisfies Reply);
  const reply: Reply = { id, ...packed };
  parentPort!.postMessage(reply, packed.ok ? [packed.offsets.buffer as ArrayBuffer, packed.samples.buffer as ArrayBuffer] : []);
});
parentPort?.postMessage({ ready: true });
