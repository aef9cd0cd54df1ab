import { Readable } from 'node:stream';

/**
 * Stored objects at most this big (compressed, as listed) are read whole, one GET with its resumes, and handed to
 * the decoder as one chunk, which it then inflates in one call (decode/decompress.ts): CloudTrail delivers
 * 5-15 KB files, and for those a chain of streams costs more than the bytes.
 */
export const WHOLE_READ_BYTES = 64 * 1024;

/** A small object's stored bytes, and the failure that cut its read short (after the source's own resumes), if any. */
export interface WholeBody {
  bytes: Buffer;
  failure?: unknown;
  /** No one else holds `bytes` (the source's own read): the decoder may free them once decoded. */
  owned?: boolean;
}

/**
 * An object read whole as a stream of its stored bytes in one chunk; or, when the read failed, the bytes read
 * before the failure and then the failure, as the streamed body would have given them.
 */
export function storedStream(body: WholeBody): Readable {
  if (body.failure !== undefined) {
    const { bytes, failure } = body;
    return Readable.from(
      (async function* () {
        if (bytes.length > 0) yield bytes;
        throw failure;
      })(),
      { objectMode: false }
    );
  }
  return oneChunk(body.bytes, body.owned === true);
}

/**
 * A stream of one buffer (no async iterator or transform in between), which also carries the buffer as
 * `wholeBytes` (decode/types.ts WholeInput): the decoder then takes the bytes without reading the stream.
 */
function oneChunk(bytes: Buffer, owned: boolean): Readable & { readonly wholeBytes: Buffer; readonly wholeBytesOwned: boolean } {
  let done = false;
  const stream = new Readable({
    highWaterMark: 0,
    read() {
      if (!done) {
        done = true;
        if (bytes.length > 0) this.push(bytes);
      }
      this.push(null);
    }
  });
  return Object.assign(stream, { wholeBytes: bytes, wholeBytesOwned: owned });
}
