import type { Readable } from 'node:stream';
import { GUNZIP_CHUNK_BYTES, PARSING_GUNZIP_CHUNK_BYTES, decompressedChunks, inflatedWhole, releaseBytes } from './decompress.js';
import { DEFAULT_PREFILTER, compilePrefilter, namesSourcesBeyondBedrock } from './prefilter.js';
import { RecordScanner } from './record-scanner.js';
import { RecordSink } from './record-sink.js';
import type { DecodeOptions, DecodeResult, WholeInput } from './types.js';

/**
 * Decodes one stored CloudTrail file into records, whatever its shape (recognised by content, not name):
 * gzip or plain; `{"Records":[...]}` (compact or pretty); NDJSON; a JSON array; a single record; a digest
 * (0 records); `aws cloudtrail lookup-events` pages; EventBridge events; CloudWatch Logs filter-log-events
 * output. An empty file is format `empty` with 0 records, not an error.
 *
 * Rejects with DecodeError when the bytes are not CloudTrail (corrupt gzip, truncated or invalid JSON,
 * JSON of another shape, a record that is not an object). Other errors (the input stream failing) pass through.
 *
 * `result.records` counts every record; `onRecord` sees every record in `full` mode (and with a `recordDecoder`), and in
 * `fast` mode (default) at least every record whose bytes could hold one of the `prefilter` event sources.
 */
export async function decodeCloudTrail(input: Readable, options: DecodeOptions): Promise<DecodeResult> {
  const strategy = options.strategy ?? 'fast';
  const sink = new RecordSink(options.onRecord);
  const prefilter = compilePrefilter(options.prefilter);
  const parsesMost = strategy === 'full' || prefilter === null || namesSourcesBeyondBedrock(options.prefilter ?? DEFAULT_PREFILTER);
  const chunkBytes = parsesMost ? PARSING_GUNZIP_CHUNK_BYTES : GUNZIP_CHUNK_BYTES;
  let bytes = 0;
  try {
    if (options.recordDecoder) {
      await options.recordDecoder(decompressedChunks(input, chunkBytes), sink, (n) => {
        bytes += n;
      });
    } else {
      const scanner = new RecordScanner(sink, strategy, prefilter, { kernel: options.kernel });
      // A small gzip'd object read whole is inflated and scanned in one synchronous pass, without the stream.
      const { wholeBytes: whole, wholeBytesOwned } = input as Partial<WholeInput>;
      const inflated = Buffer.isBuffer(whole) ? inflatedWhole(whole) : null;
      if (inflated !== null) {
        scanner.write(inflated);
        scanner.end();
        // Decoded: neither is read again (the parsed records are copies).
        releaseBytes(inflated);
        if (wholeBytesOwned === true) releaseBytes(whole!);
        return { format: sink.format, records: sink.records, bytes: scanner.bytes };
      }
      for await (const chunk of decompressedChunks(input, chunkBytes)) scanner.write(chunk);
      scanner.end();
      bytes = scanner.bytes;
    }
  } catch (error) {
    // The error passes through unchanged; how many records were read before it can be asked for.
    if (typeof error === 'object' && error !== null) countedBefore.set(error, sink.records);
    throw error;
  }
  return { format: sink.format, records: sink.records, bytes };
}

const countedBefore = new WeakMap<object, number>();

/**
 * Records a failed decodeCloudTrail() had read (and counted) before it threw `error`, parsed or not;
 * undefined for an error that did not come from decodeCloudTrail.
 */
export function recordsBeforeError(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? countedBefore.get(error) : undefined;
}
