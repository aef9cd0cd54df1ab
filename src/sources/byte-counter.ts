import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';

/**
 * Passes `stream` through unchanged, calling `onBytes` for every chunk.
 * A Transform rather than a 'data' listener on the source, which would switch it to flowing mode before the reader attaches.
 * Errors on the source reach the reader through pipeline(), which destroys the returned stream with them.
 */
export function countBytes(stream: Readable, onBytes: (n: number) => void): Readable {
  const counter = new Transform({
    highWaterMark: 64 * 1024,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      onBytes(chunk.length);
      callback(null, chunk);
    }
  });
  pipeline(stream, counter, () => {
    // Errors are already forwarded to `counter` by pipeline(); nothing else to do.
  });
  return counter;
}
