import { decodeCloudTrail, recordsBeforeError } from './decode/index.js';
import type { CloudTrailRecord, DecodeOptions, DecodeResult, ExportFormat } from './decode/types.js';
import type { DeniedInvocations } from './detection/denied-invocations.js';
import { describeError } from './parallel/describe-error.js';
import { workerEntry } from './parallel/entry.js';
import { ScanPool } from './parallel/pool.js';
import type { FileOutcome } from './parallel/protocol.js';
import { releaseStream } from './parallel/release.js';
import type { Readable } from 'node:stream';
import { isSourceGap, type Source, type SourceGap, type SourceObject } from './sources/types.js';

/** A file, object or listing that could not be scanned, and why. */
export interface FileFailure {
  file: string;
  error: string;
}

export interface ScanTotals {
  files: number;
  filesSkipped: number;
  filesFailed: FileFailure[];
  /** Objects named again by an overlapping `source` line or a symlink, read only once. */
  filesDuplicate: number;
  records: number;
  bytes: number;
  formats: Partial<Record<ExportFormat, number>>;
}

/** What a long scan has done so far, for a progress line (read while the scan runs). */
export interface ScanProgress {
  readonly sources: readonly Source[];
  records(): number;
  matched(): number;
}

export function emptyScanTotals(): ScanTotals {
  return { files: 0, filesSkipped: 0, filesFailed: [], filesDuplicate: 0, records: 0, bytes: 0, formats: {} };
}

export interface ScanOptions {
  /** Filled in as files finish, so a progress line can read it while the scan runs (default: a new one). */
  totals?: ScanTotals;
  concurrency: number;
  /** Called for every record the decoder hands over, in the main thread (only for files scanned there). */
  onRecord?(record: CloudTrailRecord): void;
  /**
   * The detection: records read in the main thread are observed directly; files read by worker threads are
   * detected there and their partials merged into it, so it ends exactly as a one-thread run would leave it.
   */
  detector?: DeniedInvocations;
  /**
   * Threads that decode and scan: the main thread plus `workers - 1` worker threads (started when first needed).
   * 1 (default) scans everything in the main thread. Worker threads need a `detector` and a registered worker
   * entry (src/index.ts registers the running bundle); without either the scan stays in the main thread.
   */
  workers?: number;
  strategy?: DecodeOptions['strategy'];
  /** Tests: an oracle decoder instead of the byte scanner (main thread only). */
  recordDecoder?: DecodeOptions['recordDecoder'];
  /** Lower-case event sources the fast path prefilters on: `prefilterMarkers(selection)` from detection/prefilter.ts. */
  prefilter?: DecodeOptions['prefilter'];
}

/**
 * Compressed bytes of the objects being read at once (by their listed size, each counting at most
 * OBJECT_WEIGHT_CAP; one of unknown size counts the cap). With many objects in flight (S3 reads 192 at a time) this
 * keeps big objects to about 4 at once while small ones fill every slot. 8 MiB rather than 16: 16 large S3 objects
 * peaked at 128-132 MB instead of 138-148 MB on Node 24 (two threads), about 5% slower; local scans were no slower
 * (one inflating thread takes one file at a time anyway).
 */
export const BYTES_IN_FLIGHT = 8 * 1024 * 1024;
const OBJECT_WEIGHT_CAP = 2 * 1024 * 1024;
/**
 * Compressed bytes of the objects requested ahead (SourceObject.requestAhead) and being read, by the same weights:
 * the next objects' requests are sent while the BYTES_IN_FLIGHT being read are decoded. Without it, 16 large S3
 * objects were read in waves: the objects being read, interleaved on each thread, finished together, and both
 * threads then waited out S3's time to first byte for the next ones.
 */
export const BYTES_REQUESTED = 2 * BYTES_IN_FLIGHT;
/**
 * How much more an object the main thread reads itself counts against it, when a worker could read it by itself
 * (a small S3 object): the main thread also lists, hands objects over and merges what comes back. With each
 * reading the object it is handed, 2,016 small S3 objects left the main thread with 1.4 s of CPU and the worker
 * with 0.9 s (idle a third of the time); with the main thread reading none, 0.7 s against 1.6 s (Node 24). Three
 * to one measured 2.48 s against 2.57 s (medians of 9 interleaved runs, Node 20; 6 of 9 rounds faster).
 */
export const MAIN_THREAD_REMOTE_COST = 3;
/** Objects smaller than this (stored, compressed size) are scanned on the main thread even with worker threads. */
export const MAIN_THREAD_OBJECT_BYTES = 32 * 1024;

/** A counting semaphore on bytes: an acquire that fits (or any acquire when nothing is held) goes through at once. */
class ByteBudget {
  private held = 0;
  private readonly waiting: { weight: number; go: () => void }[] = [];

  constructor(private readonly limit: number) {}

  async acquire(weight: number): Promise<void> {
    if (this.waiting.length === 0 && (this.held === 0 || this.held + weight <= this.limit)) {
      this.held += weight;
      return;
    }
    await new Promise<void>((go) => this.waiting.push({ weight, go }));
  }

  release(weight: number): void {
    this.held -= weight;
    while (this.waiting.length > 0) {
      const first = this.waiting[0];
      if (this.held > 0 && this.held + first.weight > this.limit) break;
      this.waiting.shift();
      this.held += first.weight;
      first.go();
    }
  }
}

const weightOf = (object: SourceObject): number =>
  object.size === undefined || !Number.isFinite(object.size) ? OBJECT_WEIGHT_CAP : Math.min(Math.max(object.size, 1), OBJECT_WEIGHT_CAP);

async function* allObjects(sources: Source[]): AsyncGenerator<SourceObject | SourceGap> {
  for (const source of sources) yield* source.objects();
}

/**
 * Reads every object of every source, `concurrency` at a time (or a source's own `readConcurrency`, with the
 * compressed bytes in flight capped at BYTES_IN_FLIGHT), and feeds the records to `onRecord`.
 * A file that can't be read or decoded is recorded with its reason and the scan goes on; records it
 * yielded before failing stay counted. Errors from listing a source (bad bucket, credentials) propagate.
 */
export async function scanSources(sources: Source[], options: ScanOptions): Promise<ScanTotals> {
  const totals = options.totals ?? emptyScanTotals();
  const objects = allObjects(sources);
  const seen = new Set<string>();

  const { detector, onRecord } = options;
  const entry = workerEntry();
  const threads = Math.max(1, Math.floor(options.workers ?? 1));
  const pool = threads > 1 && detector !== undefined && entry !== undefined ? new ScanPool(threads, entry, detector, options) : null;

  const counted = (result: DecodeResult): void => {
    totals.records += result.records;
    totals.bytes += result.bytes;
    totals.formats[result.format] = (totals.formats[result.format] ?? 0) + 1;
    // Digest and Insights files are recognised by content (the S3 source already leaves their folders out).
    if (result.format === 'digest' || result.format === 'insight') totals.filesSkipped++;
  };
  const failed = (object: SourceObject, error: string, parsed: number): void => {
    const kept = parsed > 0 ? ` (the ${parsed} records parsed before the error were still scanned)` : '';
    totals.filesFailed.push({ file: object.name, error: error + kept });
  };

  const scanInProcess = async (object: SourceObject): Promise<void> => {
    let records = 0;
    let stream: Readable | undefined;
    try {
      stream = await object.open();
      const result = await decodeCloudTrail(stream, {
        strategy: options.strategy,
        recordDecoder: options.recordDecoder,
        prefilter: options.prefilter,
        onRecord(record) {
          records++;
          detector?.observe(record);
          onRecord?.(record);
        }
      });
      counted(result);
    } catch (error) {
      // Records the detection already saw were read: count them, so matched never exceeds records.
      totals.records += recordsBeforeError(error) ?? records;
      failed(object, describeError(error), records);
    } finally {
      await releaseStream(stream);
    }
  };

  const scanOne = async (object: SourceObject): Promise<void> => {
    totals.files++;
    // A small object costs the main thread about as much to hand to a worker (messages, copies, the detection
    // partial coming back) as to decode itself, so it stays on the main thread; unless a worker can read it itself
    // (S3): then the handover is one message, and the worker also makes the request (signed there, without the
    // SDK), whose CPU otherwise kept this thread busy while workers idled. Larger S3 objects are fetched here and
    // streamed to a worker.
    const small = object.size !== undefined && object.size < MAIN_THREAD_OBJECT_BYTES;
    const remote = small ? object.remote : undefined;
    if (pool === null) return scanInProcess(object);
    const lane = small && remote === undefined ? -1 : pool.pick(remote === undefined ? 1 : MAIN_THREAD_REMOTE_COST);
    if (lane < 0) return pool.onMain(() => scanInProcess(object));
    let outcome: FileOutcome;
    if (remote !== undefined) {
      // Until the SDK has read an object here (or while direct GETs fail), the object is read on this thread.
      const read = await remote.plan();
      if (read === undefined) return pool.onMain(() => scanInProcess(object));
      outcome = await pool.onWorkerRemote(lane, read, remote);
      if (outcome.declined) return pool.onMain(() => scanInProcess(object));
    } else {
      outcome = await pool.onWorker(lane, () => object.open());
    }
    if (outcome.result !== undefined) counted(outcome.result);
    else {
      totals.records += outcome.counted;
      failed(object, outcome.error ?? 'unknown error', outcome.parsed);
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await objects.next();
      if (next.done) return;
      const item = next.value;
      if (isSourceGap(item)) {
        totals.filesFailed.push({ file: item.name, error: item.error });
        continue;
      }
      if (item.identity !== undefined) {
        if (seen.has(item.identity)) {
          totals.filesDuplicate++;
          continue;
        }
        seen.add(item.identity);
      }
      const weight = weightOf(item);
      const ahead = item.requestAhead !== undefined;
      if (ahead) {
        await requested.acquire(weight);
        item.requestAhead!();
      }
      await budget.acquire(weight);
      try {
        await scanOne(item);
      } finally {
        budget.release(weight);
        if (ahead) requested.release(weight);
      }
    }
  };
  // A source may ask for more objects at once than `concurrency` (S3, unless `concurrency` was set).
  const width = Math.max(1, options.concurrency, ...sources.map((source) => source.readConcurrency ?? 0));
  const budget = new ByteBudget(Math.max(BYTES_IN_FLIGHT, OBJECT_WEIGHT_CAP));
  const requested = new ByteBudget(Math.max(BYTES_REQUESTED, OBJECT_WEIGHT_CAP));
  try {
    await Promise.all(Array.from({ length: width }, worker));
  } finally {
    await pool?.close();
  }
  totals.filesFailed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return totals;
}
