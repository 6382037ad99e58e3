// Large metric answers are read off the main thread. JSON.parse and the schema
// cost about 60 ms a megabyte here; a 16 MB answer held the event loop, and so
// the keys, for up to a second. Above OFF_THREAD_BYTES the answer's bytes are
// moved (not copied) to a worker, which reads them (read-answer.ts) and hands
// back the samples packed in typed arrays, moved too; the Point objects are rebuilt here a slice at a time,
// letting keys in between. Small answers, nearly all, stay on this thread.
//
// One answer at a time: the worker's memory is that of one answer, and with
// the slots of slots.ts at most two large answers are held at all. A caller's
// signal (the poller's cycle deadline) withdraws its answer: one waiting is
// dropped, one being read ends the worker, so nothing outlives its cycle or
// keeps `--once` from exiting.
import { Worker } from 'node:worker_threads';
import { formatSize } from '../config/size.js';
import { knownSecrets } from '../text/redact.js';
import { claim } from './body.js';
import type { HttpResponse } from './http.js';
import { type MetricFormat, type Reply, unpack, withdrawn } from './packed.js';
import { LARGE_BYTES } from './slots.js';
import type { Failure, Result, Series } from './types.js';

export { type MetricFormat, type Packed, pack, type Reply, unpack } from './packed.js';

export const OFF_THREAD_BYTES = LARGE_BYTES;
/**
 * The worker's heap, per MB of the answer it reads, and at least: one read
 * from its bytes needs little more than them; one read from its text ~5x its
 * size (the text and JSON.parse's tree); one only the adapter's zod reads (an
 * answer of another shape) may need 20x, and is refused past this rather
 * than taking the process with it.
 */
export const WORKER_HEAP_PER_MB = 8;
export const WORKER_HEAP_MB = 128;

const heapFor = (bytes: number) => Math.max(WORKER_HEAP_MB, Math.ceil((WORKER_HEAP_PER_MB * bytes) / 1024 ** 2));

/** What a job ends with: the worker's reply, or 'here' when no worker could start (decode on this thread). */
type Outcome = Reply | 'here';

interface Job {
  id: number;
  msg: { format: MetricFormat; status: number; headers: Record<string, string>; bytes: Uint8Array };
  signal?: AbortSignal;
  admission?: Admission;
  done: (o: Outcome) => void;
}

/** A buffer of its own, so it can be moved to the worker whole. */
function movable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** One worker for every source, started on the first large answer; it keeps the process alive only while it has work. */
class Decoder {
  private worker: Worker | null = null;
  /** Its heap limit, in MB. */
  private heapMb = 0;
  private ready = false;
  /** No worker could start: decode here, slower for the keys but still right. */
  broken = false;
  private next = 0;
  private queue: Job[] = [];
  private running: Job | null = null;

  run(msg: Job['msg'], signal?: AbortSignal, admission?: Admission): Promise<Outcome> {
    if (this.broken) return Promise.resolve('here');
    if (signal?.aborted) return Promise.resolve({ id: -1, ok: false, failure: withdrawn(signal) });
    return new Promise((resolve) => {
      const job: Job = { id: this.next++, msg, signal, admission, done: resolve };
      const withdraw = () => this.withdraw(job, withdrawn(signal!));
      signal?.addEventListener('abort', withdraw, { once: true });
      job.done = (o) => {
        signal?.removeEventListener('abort', withdraw);
        resolve(o);
      };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Every job withdrawn and the worker ended: nothing more will be asked. */
  shutdown(): void {
    for (const job of [...(this.running ? [this.running] : []), ...this.queue]) this.withdraw(job, { kind: 'timeout', message: 'cancelled: closing' });
    // An idle worker does not hold the process open, but a closed runtime leaves nothing running.
    this.stop();
  }

  /** Whether a worker thread exists: for tests that check closing leaves none. */
  get started(): boolean {
    return this.worker !== null;
  }

  /** `job` ends with `failure`, waiting or being read; the decoder goes on with the next. */
  private withdraw(job: Job, failure: Failure): void {
    if (this.running === job) {
      // Its bytes are in the worker: ending the worker is the only way to stop reading them.
      this.running = null;
      this.stop();
    } else {
      this.queue = this.queue.filter((j) => j !== job);
    }
    job.done({ id: job.id, ok: false, failure });
    this.pump();
  }

  private finish(job: Job, o: Outcome): void {
    if (this.running === job) this.running = null;
    job.done(o);
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) {
      if (!this.running && this.queue.length === 0) this.worker?.unref();
      return;
    }
    // A larger answer than this worker was sized for (a body_size_limit raised past 16MB) gets a larger one.
    const need = heapFor(this.queue[0].msg.bytes.byteLength);
    if (this.worker && this.heapMb < need) this.stop();
    const w = this.start(need);
    if (!w) {
      for (const job of this.queue.splice(0)) job.done('here');
      return;
    }
    w.ref();
    // Until the worker has loaded, the bytes stay here: a worker that never loads leaves them to this thread.
    if (!this.ready) return;
    const job = this.queue.shift()!;
    this.running = job;
    const bytes = movable(job.msg.bytes);
    // The worker's gate scrubs with the secrets known here, not with its own empty set.
    const room = job.admission?.room() ?? Infinity;
    w.postMessage({ id: job.id, ...job.msg, bytes, room, secrets: knownSecrets() }, [bytes.buffer as ArrayBuffer]);
  }

  private start(heapMb: number): Worker | null {
    if (this.worker || this.broken) return this.worker;
    let w: Worker;
    try {
      w = new Worker(new URL('./decode-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    } catch {
      this.broken = true;
      return null;
    }
    this.worker = w;
    this.heapMb = heapMb;
    this.ready = false;
    w.on('message', (m: Reply | { ready: true }) => {
      if (w !== this.worker) return;
      if ('ready' in m) {
        this.ready = true;
        this.pump();
      } else if (this.running?.id === m.id) {
        decodedOffThread.count++;
        this.finish(this.running, m);
        this.pump();
      }
    });
    let why = '';
    w.on('error', (e: Error & { code?: string }) => {
      why = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needs more than the decoder's ${formatSize(heapMb * 1024 ** 2)}` : 'the decoder failed';
    });
    w.on('exit', () => this.exited(w, why));
    return w;
  }

  /** The worker ended on its own: the answer it was reading fails; a worker that never loaded leaves every answer to this thread. */
  private exited(w: Worker, why: string): void {
    if (w !== this.worker) return;
    this.worker = null;
    if (!this.ready) {
      this.broken = true;
      for (const job of this.queue.splice(0)) job.done('here');
      return;
    }
    if (this.running)
      this.finish(this.running, {
        id: this.running.id,
        ok: false,
        failure: { kind: 'bad payload', message: `answer not read: ${why || 'the decoder stopped'}` },
      });
    this.pump();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    void w?.terminate();
  }
}

const decoder = new Decoder();

/** What a caller keeps of an answer: how many bytes it has room for, and what it says of one it has not. */
export interface Admission {
  room(): number;
  refusal(size: number): string;
}
const admissions = new WeakMap<AbortSignal, Admission>();

/**
 * A signal that follows `signal` and carries `admission`: a large answer
 * asked with it that would take more than its room is refused (a failure of
 * that query only) in the worker, before its labels or points cross to this
 * thread. The poller asks this way so that an answer it could not keep costs
 * neither the memory nor the time of its points; it travels on the signal
 * because that is what every adapter hands on.
 */
export function admitting(signal: AbortSignal, admission: Admission): AbortSignal {
  // By hand, not AbortSignal.any: that came in Node 20.3, and the engines field says 20.
  const ac = new AbortController();
  if (signal.aborted) ac.abort(signal.reason);
  else signal.addEventListener('abort', () => ac.abort(signal.reason), { once: true });
  admissions.set(ac.signal, admission);
  return ac.signal;
}

/** Answers the worker decoded, for tests and benchmarks to see it was used. */
export const decodedOffThread = { count: 0 };

/** Withdraws every answer waiting for or in the decoder, and ends its worker: for when the sources close. */
export function stopDecoding(): void {
  decoder.shutdown();
}

/** Whether the decoder's worker thread exists (started by a large answer, ended by stopDecoding). */
export function decoderStarted(): boolean {
  return decoder.started;
}

/**
 * `translate` (the adapter's own, pure) applied to `res`: here for a small
 * body or an error status, in the worker for a large answer, withdrawn when
 * the signal `res` was asked with aborts.
 */
export async function decodeMetric(format: MetricFormat, res: HttpResponse, translate: (res: HttpResponse) => Result<Series[]>): Promise<Result<Series[]>> {
  const held = claim(res);
  try {
    const size = held ? held.bytes.length : res.body.length;
    if (size < OFF_THREAD_BYTES || res.status < 200 || res.status >= 300) return translate(res);
    const bytes = held?.bytes ?? Buffer.from(res.body);
    const admission = held?.signal ? admissions.get(held.signal) : undefined;
    const reply = await decoder.run({ format, status: res.status, headers: res.headers, bytes }, held?.signal, admission);
    if (reply === 'here') return translate(res);
    // Only an answer asked with an admission can be over its room.
    if ('over' in reply) return { ok: false, failure: { kind: 'query', message: admission!.refusal(reply.over) } };
    if (!reply.ok) return { ok: false, failure: reply.failure };
    return await unpack(reply, held?.signal);
  } finally {
    held?.release();
  }
}
