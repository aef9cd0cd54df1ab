import type { Readable, Writable } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { DecodeError } from './types.js';

/** zlib output chunk size: larger chunks mean fewer callbacks into the scanner. */
export const GUNZIP_CHUNK_BYTES = 256 * 1024;
/**
 * The output chunk size when most records are parsed (a selection of busy services, or every record): then each
 * thread's dead output buffers pile up to 60-70 MB before V8 collects them (a collection forced every 25 ms took
 * the run from 203 to 110 MB), and smaller ones do not. Measured with five busy event sources on 2 threads: 111-123
 * MB peak RSS instead of 170-224 MB (Node 20 and 24) in the same time (128 KiB: 128-149 MB; 64 KiB: 107-118 MB but
 * slower on Node 20). With the Bedrock selection, where few records are parsed, 256 KiB chunks stay: a few percent
 * faster.
 */
export const PARSING_GUNZIP_CHUNK_BYTES = 96 * 1024;
/**
 * A gzip'd input at most this big that arrives whole (one chunk, then the end: CloudTrail's 5-15 KB files, read
 * whole by the S3 source or in one read from disk) is inflated in one synchronous call: for those a zlib stream
 * with its 256 KiB output buffer, transforms and async iterators cost more than the inflating itself.
 * Measured on the S3 bench (2,016 objects of ~12 KB): 5.1 s of CPU instead of 6.3 s, the same peak RSS.
 */
export const WHOLE_INFLATE_INPUT_BYTES = 64 * 1024;
/**
 * A whole input that inflates to more than this is streamed instead: memory stays bounded even with many small
 * objects in flight, each a hostile gzip bomb (a CloudTrail file of 64 KiB gzip'd is well under 1 MiB).
 */
const WHOLE_INFLATE_MAX_BYTES = 1024 * 1024;

const isGzip = (bytes: Buffer): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * A whole gzip input inflated in one call, or null when that is not plain sailing (corrupt, truncated, inflating
 * to nothing, to more gzip or past WHOLE_INFLATE_MAX_BYTES): the stream then reads it and fails, if it does,
 * with its own message.
 */
function inflateWhole(stored: Buffer): Buffer | null {
  // The gzip trailer's ISIZE (the last member's size, mod 2^32) sizes the output buffer: most files inflate into
  // one allocation instead of 16 KiB pieces joined at the end.
  const isize = stored.length >= 18 ? stored.readUInt32LE(stored.length - 4) : 0;
  const chunkSize = Math.min(Math.max(isize + 64, 16 * 1024), WHOLE_INFLATE_MAX_BYTES);
  let inflated: Buffer;
  try {
    inflated = gunzipSync(stored, { chunkSize, maxOutputLength: WHOLE_INFLATE_MAX_BYTES });
  } catch {
    return null;
  }
  return inflated.length === 0 || isGzip(inflated) ? null : inflated;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new DecodeError(`unreadable input: stream yielded ${typeof chunk}`);
}

/**
 * The decompressed bytes of `input`, chunk by chunk. Gzip is recognised by its magic bytes (1f 8b), not by
 * the file name; concatenated gzip members are read one after another, as zlib and gunzip do.
 * A leading UTF-8 byte-order mark is dropped.
 */
export async function* decompressedChunks(input: Readable, chunkBytes = GUNZIP_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const iterator = (input as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < 3) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = head.length === 1 ? head[0] : Buffer.concat(head);
  // A small gzip input may be whole already: one look ahead tells.
  let peeked: Buffer | null = null;
  /** The input failed during that look ahead: thrown once the bytes before it are decoded. */
  let peekFailure: { error: unknown } | null = null;
  if (!ended && isGzip(first) && first.length <= WHOLE_INFLATE_INPUT_BYTES) {
    try {
      const next = await iterator.next();
      if (next.done) ended = true;
      else peeked = toBuffer(next.value);
    } catch (error) {
      peekFailure = { error };
    }
  }
  const inflated = ended ? inflatedWhole(first) : null;
  if (inflated !== null) {
    yield inflated;
    return;
  }
  async function* raw(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (peeked !== null) yield peeked;
    if (peekFailure !== null) throw peekFailure.error;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }

  if (isGzip(first)) {
    const gunzip = createGunzip({ chunkSize: chunkBytes });
    // Fed by hand rather than piped: when the input fails, what arrived before it is still inflated and decoded
    // (its records counted), then the input's error is thrown; a pipeline would destroy the gunzip with that
    // output unread.
    let inputFailure: { error: unknown } | null = null;
    const feeding = (async () => {
      try {
        for await (const chunk of raw()) {
          if (gunzip.destroyed) return;
          if (!gunzip.write(chunk)) await drainedOrClosed(gunzip);
        }
      } catch (error) {
        inputFailure = { error };
      }
      // A sync flush first: without it, zlib drops the output of the last writes when the input was cut short
      // (its "unexpected end of file" comes before that output is pushed, and how much is lost depends on chunking).
      // Then the end, once the flushed output has been read: a cut-short input makes end() fail the stream, and a
      // failed stream's unread output is dropped, so ending at once lost the last inflated bytes whenever the reader
      // was slower than zlib (every time on Node 24 in test/decode.test.ts, "however slowly they are read").
      const endOnceRead = (): void => {
        if (gunzip.destroyed) return;
        if (gunzip.readableLength === 0) gunzip.end();
        else setImmediate(endOnceRead);
      };
      if (!gunzip.destroyed) gunzip.flush(zlibConstants.Z_SYNC_FLUSH, endOnceRead);
    })();
    let atStart = true;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        yield atStart ? withoutBom(chunk) : chunk;
        atStart = false;
      }
      await feeding;
      if (inputFailure !== null) throw (inputFailure as { error: unknown }).error;
    } catch (error) {
      // Output cut short because the input failed: the input's error, not zlib's "unexpected end of file". (A
      // failure is recorded before the gunzip is ended; corrupt data fails it while the input is still read, and
      // is not waited for: the caller releases the input.)
      if (inputFailure !== null) throw (inputFailure as { error: unknown }).error;
      if (error instanceof DecodeError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && code.startsWith('Z_')) {
        throw new DecodeError(`corrupt gzip: ${(error as Error).message}`);
      }
      throw error;
    } finally {
      gunzip.destroy();
    }
    return;
  }

  let atStart = true;
  for await (const chunk of raw()) {
    yield atStart ? withoutBom(chunk) : chunk;
    atStart = false;
  }
}

/** Resolves when `stream` wants more, or is closed (destroyed, failed or finished). */
function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function withoutBom(chunk: Buffer): Buffer {
  return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

/**
 * A whole stored input inflated in one call (BOM dropped), when it is gzip, at most WHOLE_INFLATE_INPUT_BYTES and
 * inflates plainly; else null (then the stream path reads it, and fails, if it does, with its own message).
 */
export function inflatedWhole(stored: Buffer): Buffer | null {
  if (!isGzip(stored) || stored.length > WHOLE_INFLATE_INPUT_BYTES) return null;
  const inflated = inflateWhole(stored);
  return inflated === null ? null : withoutBom(inflated);
}

/**
 * Frees a buffer's memory at once, when nothing will read it again: it is detached, and every view of it then reads
 * as empty. Otherwise each waits for a garbage collection, and on Node 24 thousands of small files' bytes piled up:
 * 2,016 files of 12 KB took 115 MB peak RSS instead of 80 MB from disk, and 12% longer, once their inflated bytes
 * were freed; 6 MB less and 3% faster again from S3 once their stored bytes were too. Call it only on a buffer no
 * one else holds (inflatedWhole's output, a source's own read). A slice of Buffer's shared pool (which Node marks
 * untransferable) is left to the collector, as everything is on Node 20, which has no ArrayBuffer.prototype.transfer.
 */
export function releaseBytes(bytes: Buffer): void {
  const memory = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  // A pool slab is Buffer.poolSize bytes: skipped without the cost of a throw (small files' bytes mostly are).
  if (typeof memory.transfer !== 'function' || memory.byteLength === Buffer.poolSize) return;
  try {
    memory.transfer(0);
  } catch {
    // Untransferable: not ours to free.
  }
}
