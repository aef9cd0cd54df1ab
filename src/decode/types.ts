/** A CloudTrail record as parsed from JSON; fields are read defensively because input is untrusted. */
export type CloudTrailRecord = Record<string, unknown>;

/** The shapes recognised by content. */
export type ExportFormat =
  | 'records-envelope' // {"Records":[...]} as CloudTrail delivers it to S3
  | 'ndjson' // one record per line
  | 'json-array' // [record, ...]
  | 'single-record' // one record object
  | 'lookup-events' // aws cloudtrail lookup-events output {"Events":[{"CloudTrailEvent":"..."}]}
  | 'eventbridge' // {"detail-type":"AWS API Call via CloudTrail","detail":{...}}
  | 'cloudwatch-logs' // filter-log-events output {"events":[{"message":"..."}]}
  | 'digest' // CloudTrail-Digest file: skipped, counted
  | 'insight' // CloudTrail-Insight file (first record has eventType AwsCloudTrailInsight): counted as skipped
  | 'empty';

export interface DecodeResult {
  format: ExportFormat;
  /** Every record in the file, whether or not it was parsed in full. */
  records: number;
  /** Decompressed bytes read. */
  bytes: number;
}

export interface DecodeOptions {
  /** Called for every record that could be relevant to the detection (all records when prefilter is off). */
  onRecord(record: CloudTrailRecord): void;
  /**
   * `fast` (default): parse only records whose bytes could hold an event of interest (see `prefilter`).
   * `full`: JSON.parse every record. Both must give the detection identical records-of-interest.
   */
  strategy?: 'fast' | 'full';
  /**
   * Decodes the decompressed bytes itself instead of the byte scanner: the tests plug in an independent
   * stream-json decoder here as an oracle the scanner is compared with. Not used in production.
   */
  recordDecoder?: RecordDecoder;
  /**
   * Lower-case eventSource values a record of interest can have (the selection's, plus near-miss sources):
   * the `fast` path parses only records whose bytes could spell one of them (see prefilter.ts).
   * Default `['bedrock']` (today's behaviour, right for the default selection); `null` parses every record.
   */
  prefilter?: readonly string[] | null;
  /**
   * false scans with the JavaScript loop alone, without the WebAssembly kernel that runs the common states
   * (kernel/): the tests prove the two identical. Default true (the kernel is used wherever it loads).
   */
  kernel?: boolean;
}

/** A file that is not readable as CloudTrail: corrupt gzip, truncated JSON, an unknown shape. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Turns decompressed chunks into records for `sink` (see DecodeOptions.recordDecoder); `countBytes` as they are read. */
export type RecordDecoder = (chunks: AsyncIterable<Buffer>, sink: import('./record-sink.js').RecordSink, countBytes: (n: number) => void) => Promise<void>;

/**
 * An input stream that also holds all its stored bytes (a small object read whole, as sources/whole-body.ts gives
 * it): decodeCloudTrail() then decodes those bytes in one pass instead of reading the stream.
 */
export interface WholeInput {
  readonly wholeBytes: Buffer;
  /**
   * No one else holds these bytes (a source's own read): the decoder frees them once they are decoded
   * (decompress.ts releaseBytes).
   */
  readonly wholeBytesOwned?: boolean;
}
