import { Readable, pipeline } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { DecodeError } from './types.js';

/** zlib output chunk size: larger chunks mean fewer callbacks into the scanner. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;
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
export async function* decompressedChunks(input: Readable): AsyncGenerator<Buffer> {
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
  if (!ended && isGzip(first) && first.length <= WHOLE_INFLATE_INPUT_BYTES) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else peeked = toBuffer(next.value);
  }
  if (ended && isGzip(first) && first.length <= WHOLE_INFLATE_INPUT_BYTES) {
    const inflated = inflateWhole(first);
    if (inflated !== null) {
      yield withoutBom(inflated);
      return;
    }
  }
  async function* raw(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (peeked !== null) yield peeked;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }

  if (isGzip(first)) {
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
    // pipeline destroys both sides on error or when the consumer stops early.
    pipeline(Readable.from(raw(), { objectMode: false }), gunzip, () => {});
    let atStart = true;
    try {
      for await (const chunk of gunzip) {
        const buffer = chunk as Buffer;
        yield atStart ? withoutBom(buffer) : buffer;
        atStart = false;
      }
    } catch (error) {
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

function withoutBom(chunk: Buffer): Buffer {
  return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
