import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { DecodeOptions } from '../decode/types.js';
import type { DeniedInvocations } from '../detection/denied-invocations.js';
import { ruleToPlain } from '../detection/suppress.js';
import { describeError } from './describe-error.js';
import { releaseStream } from './release.js';
import { startScanWorker, stopPrestartedWorkers, takePrestartedWorker } from './prestart.js';
import type { RemoteRead, SourceObject } from '../sources/types.js';
import type { FileOutcome, FromWorker, ScanWorkerConfig, ToWorker } from './protocol.js';

/** Chunks a file may have in flight to its worker before the main thread waits for them to be read. */
const WINDOW_CHUNKS = 8;
/**
 * Source chunks are gathered into messages of about this many bytes: an S3 or HTTPS body arrives in 16-64 KiB
 * pieces, and a window of 8 such pieces left the worker waiting on the main thread's acknowledgements (measured:
 * a worker idle 40% of an S3 scan of large objects). Local files are read in chunks of this size already.
 */
const MESSAGE_BYTES = 256 * 1024;

interface Job {
  inflight: number;
  finished: boolean;
  /** Resolves the pump's wait for acknowledgements. */
  wake: (() => void) | null;
  resolve(outcome: FileOutcome): void;
}

/** One worker thread and the files it is reading. */
class Lane {
  readonly worker: Worker;
  readonly jobs = new Map<number, Job>();
  dead = false;

  constructor(worker: Worker, config: ScanWorkerConfig, onGone: (lane: Lane) => void) {
    this.worker = worker;
    // Its first message: the worker reads no file before it (messages are handled in order).
    this.worker.postMessage({ t: 'init', config } satisfies ToWorker);
    this.worker.ref();
    this.worker.on('message', (message: FromWorker) => {
      const job = this.jobs.get(message.id);
      if (job === undefined) return;
      if (message.t === 'ack') {
        job.inflight--;
        const wake = job.wake;
        job.wake = null;
        wake?.();
        return;
      }
      this.jobs.delete(message.id);
      job.finished = true;
      job.wake?.();
      job.resolve({ result: message.result, error: message.error, counted: message.counted, parsed: message.parsed, partial: message.partial, bytesRead: message.bytesRead, declined: message.declined });
    });
    let reason = 'exited';
    this.worker.on('error', (error) => (reason = `failed: ${describeError(error)}`));
    this.worker.on('exit', (code) => {
      this.dead = true;
      onGone(this);
      // A worker that stops fails only the files it was reading; their records are not counted (unknown).
      for (const [id, job] of this.jobs) {
        this.jobs.delete(id);
        job.finished = true;
        job.wake?.();
        job.resolve({ error: `worker thread ${reason}${code ? ` (exit code ${code})` : ''} while reading this file`, counted: 0, parsed: 0, partial: emptyPartial() });
      }
    });
  }

  post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    if (!this.dead) this.worker.postMessage(message, transfer);
  }
}

function emptyPartial(): FileOutcome['partial'] {
  return { matched: 0, droppedByParity: 0, outsideWindow: 0, suppressed: [], groups: [], nearMisses: [], fingerprints: [], users: [] };
}

/**
 * Spreads files over `threads` scanning threads: the main thread itself (lane 0, which scans in process exactly
 * as a one-thread run does) and up to threads - 1 worker threads, started when first needed. Each file goes to
 * the thread reading the fewest files. Sources stay on the main thread: a worker's file is streamed to it as
 * transferred byte chunks (still compressed), WINDOW_CHUNKS at most in flight. Each worker file's detection
 * comes back as a partial and is merged into `detector`, so the result equals a one-thread run's.
 */
export class ScanPool {
  private readonly lanes: (Lane | null)[];
  private mainActive = 0;
  private nextId = 1;

  constructor(
    threads: number,
    private readonly script: string | URL,
    private readonly detector: DeniedInvocations,
    private readonly decode: Pick<DecodeOptions, 'strategy' | 'prefilter'>
  ) {
    this.lanes = Array.from({ length: Math.max(0, threads - 1) }, () => null);
  }

  /**
   * Index of the least busy thread: -1 for the main thread (preferred on ties), else a worker lane. `mainCost`
   * weighs the main thread's files in flight against a worker's, for work a worker does entirely by itself.
   */
  pick(mainCost = 1): number {
    let best = -1;
    let load = this.mainActive * mainCost;
    for (let i = 0; i < this.lanes.length; i++) {
      const lane = this.lanes[i];
      const active = lane === null || lane === undefined || lane.dead ? 0 : lane.jobs.size;
      if (active < load) {
        best = i;
        load = active;
      }
    }
    return best;
  }

  /** Runs `inProcess` on the main thread, counted as that thread's load. */
  async onMain<T>(inProcess: () => Promise<T>): Promise<T> {
    this.mainActive++;
    try {
      return await inProcess();
    } finally {
      this.mainActive--;
    }
  }

  private lane(index: number): Lane {
    let lane = this.lanes[index];
    if (lane === null || lane === undefined || lane.dead) {
      const { suppress, ...selection } = this.detector.selection;
      const config: ScanWorkerConfig = {
        selection,
        suppressRules: (suppress ?? []).map(ruleToPlain),
        strategy: this.decode.strategy,
        prefilter: this.decode.prefilter
      };
      lane = new Lane(takePrestartedWorker() ?? startScanWorker(this.script), config, () => undefined);
      this.lanes[index] = lane;
    }
    return lane;
  }

  /**
   * Streams `open()`'s bytes to worker lane `index` and waits for the outcome; the file's detection partial is
   * merged before returning. A failing source stream fails the file with the stream's error.
   */
  async onWorker(index: number, open: () => Promise<Readable>): Promise<FileOutcome> {
    const lane = this.lane(index);
    const { id, job, outcome } = this.startJob(lane);
    lane.post({ t: 'open', id });
    let parts: Buffer[] = [];
    let gathered = 0;
    const send = async (): Promise<void> => {
      // A copy the worker owns: a stream's buffer may be a view of a larger, shared one.
      const copy = new Uint8Array(gathered);
      let at = 0;
      for (const part of parts) {
        copy.set(part, at);
        at += part.length;
      }
      parts = [];
      gathered = 0;
      job.inflight++;
      lane.post({ t: 'chunk', id, data: copy.buffer }, [copy.buffer]);
      while (job.inflight >= WINDOW_CHUNKS && !job.finished) await new Promise<void>((resolve) => (job.wake = resolve));
    };
    let sourceError: unknown;
    let stream: Readable | undefined;
    try {
      stream = await open();
      for await (const chunk of stream as AsyncIterable<Buffer | string>) {
        if (job.finished) break;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        parts.push(bytes);
        gathered += bytes.length;
        if (gathered >= MESSAGE_BYTES) await send();
      }
      if (gathered > 0 && !job.finished) await send();
      lane.post({ t: 'end', id });
    } catch (error) {
      sourceError = error;
      // The bytes read before the failure are decoded (and their records counted), as in the main thread.
      if (gathered > 0 && !job.finished) await send();
      lane.post({ t: 'abort', id });
    } finally {
      await releaseStream(stream);
    }
    const result = await outcome;
    if (sourceError !== undefined) result.error = describeError(sourceError);
    this.detector.merge(result.partial);
    return result;
  }

  /**
   * Has worker lane `index` read an object itself (`read`, from `SourceObject.remote`: a small S3 object, listed by
   * this thread) and waits for the outcome: the request and its CPU are the worker's. The file's detection partial
   * and the object's bytes read are counted for the source before returning; a read the worker declined (its request failed) is
   * reported to the source, and the caller reads the object on this thread.
   */
  async onWorkerRemote(index: number, read: RemoteRead, remote: NonNullable<SourceObject['remote']>): Promise<FileOutcome> {
    const lane = this.lane(index);
    const { id, outcome } = this.startJob(lane);
    lane.post({ t: 'open', id, remote: read });
    const result = await outcome;
    if (result.declined) {
      remote.declined();
      return result;
    }
    if (result.bytesRead !== undefined) remote.absorb(result.bytesRead);
    this.detector.merge(result.partial);
    return result;
  }

  private startJob(lane: Lane): { id: number; job: Job; outcome: Promise<FileOutcome> } {
    const id = this.nextId++;
    let resolveOutcome!: (outcome: FileOutcome) => void;
    const outcome = new Promise<FileOutcome>((resolve) => (resolveOutcome = resolve));
    const job: Job = { inflight: 0, finished: false, wake: null, resolve: resolveOutcome };
    lane.jobs.set(id, job);
    return { id, job, outcome };
  }

  /** Stops every worker thread, the pre-started ones no lane took included. */
  async close(): Promise<void> {
    stopPrestartedWorkers();
    await Promise.all(this.lanes.map((lane) => (lane === null || lane.dead ? undefined : lane.worker.terminate())));
  }
}
