import type { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { decodeCloudTrail, recordsBeforeError } from '../decode/index.js';
import { DeniedInvocations } from '../detection/denied-invocations.js';
import { ruleFromPlain } from '../detection/suppress.js';
import { describeError } from './describe-error.js';
import { readRemote } from '../sources/remote.js';
import { storedStream } from '../sources/whole-body.js';
import type { RemoteRead } from '../sources/types.js';
import type { Selection } from '../detection/types.js';
import type { FromWorker, ScanWorkerConfig, ToWorker } from './protocol.js';

/** Chunks of one file as they arrive from the main thread, consumed by decodeCloudTrail; each pull is acknowledged. */
class ChunkQueue {
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private aborted = false;
  private wake: (() => void) | null = null;

  constructor(private readonly ack: () => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  abort(): void {
    this.aborted = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        this.ack();
        yield chunk;
        continue;
      }
      // The bytes that arrived before the source failed are decoded first, as the main thread decodes what a
      // failing stream yielded: their records are counted (and scanned), not dropped.
      if (this.aborted) throw new Error('source stream failed');
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The body of a scan worker thread: decodes the files the main thread streams to it and detects in them. */
export function runScanWorker(): void {
  const port = parentPort;
  if (port === null) throw new Error('runScanWorker() outside a worker thread');
  // Set by the 'init' message, which the main thread posts before any file.
  let data!: ScanWorkerConfig;
  let selection!: Selection;
  const files = new Map<number, ChunkQueue>();
  const post = (message: FromWorker) => port.postMessage(message);

  /**
   * Decodes one file and reports its outcome. One detector per file: its partial travels back with the file's
   * outcome, so a worker that dies loses only the files it was reading.
   */
  const scan = async (id: number, open: () => Promise<Readable>, bytesRead?: number): Promise<void> => {
    const detector = new DeniedInvocations(selection);
    let parsed = 0;
    let stream: Readable | undefined;
    try {
      stream = await open();
      const result = await decodeCloudTrail(stream, {
        strategy: data.strategy,
        prefilter: data.prefilter,
        onRecord(record) {
          parsed++;
          detector.observe(record);
        }
      });
      post({ t: 'done', id, result, counted: result.records, parsed, partial: detector.partial(), bytesRead });
    } catch (error) {
      post({ t: 'done', id, error: describeError(error), counted: recordsBeforeError(error) ?? parsed, parsed, partial: detector.partial(), bytesRead });
    }
  };

  const scanStreamed = async (id: number, queue: ChunkQueue): Promise<void> => {
    try {
      await scan(id, async () => queue as unknown as Readable);
    } finally {
      files.delete(id);
      // Later messages for this file find no queue: wake a read still waiting on it (a decode that failed early).
      queue.abort();
    }
  };

  /** An object this worker reads itself (S3): its request and its CPU stay off the main thread. */
  const scanRemote = async (id: number, read: RemoteRead): Promise<void> => {
    let bytes: Buffer | null = null;
    try {
      bytes = await readRemote(read);
    } catch {
      // Declined below: the main thread reads it and words any error.
    }
    if (bytes === null) {
      post({ t: 'done', id, declined: true, counted: 0, parsed: 0, partial: new DeniedInvocations(selection).partial() });
      return;
    }
    // Read over this thread's own connections (keep-alive-gets.ts): no one else holds the bytes.
    await scan(id, async () => storedStream({ bytes: bytes!, owned: true }), bytes.length);
  };

  port.on('message', (message: ToWorker) => {
    if (message.t === 'init') {
      data = message.config;
      selection = { ...data.selection, suppress: data.suppressRules.map(ruleFromPlain) };
      return;
    }
    if (message.t === 'open') {
      if (message.remote !== undefined) {
        void scanRemote(message.id, message.remote);
        return;
      }
      const queue = new ChunkQueue(() => post({ t: 'ack', id: message.id }));
      files.set(message.id, queue);
      void scanStreamed(message.id, queue);
      return;
    }
    const queue = files.get(message.id);
    if (queue === undefined) return; // the file already finished (a decode error before its end)
    if (message.t === 'chunk') queue.push(Buffer.from(message.data));
    else if (message.t === 'end') queue.end();
    else queue.abort();
  });
}
