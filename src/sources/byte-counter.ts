import { Readable } from 'node:stream';

/**
 * `chunks` as a byte stream, calling `onBytes` for every chunk the reader takes. Nothing is read ahead
 * (highWaterMark 0), so when `chunks` fails, every chunk it gave before has reached the reader: a stream that
 * reads ahead drops what it holds when it fails, which lost up to 64 KiB (and the records in them) of a body that
 * broke off for good, more or less depending on timing.
 */
export function countedStream(chunks: AsyncIterable<Buffer>, onBytes: (n: number) => void): Readable {
  return Readable.from(
    (async function* () {
      for await (const chunk of chunks) {
        onBytes(chunk.length);
        yield chunk;
      }
    })(),
    { objectMode: false, highWaterMark: 0 }
  );
}
