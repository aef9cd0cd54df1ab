import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecodeError } from './types.js';

/** zlib output chunk size: larger chunks mean fewer callbacks into the scanner. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

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
  async function* raw(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }

  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) {
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
