import type { Readable } from 'node:stream';

/** One file-like thing to scan: a local file, an S3 object, a downloaded URL. */
export interface SourceObject {
  /** What the summary and report call it: a workspace-relative path, `s3://bucket/key`, or a URL with its query redacted. */
  readonly name: string;
  /** Size in bytes as stored (compressed), when known before reading. */
  readonly size?: number;
  /** Opens a fresh stream of the stored bytes (still gzip-compressed if stored so). */
  open(): Promise<Readable>;
}

/** What a source read, for the summary's "what was scanned" section and the report. */
export interface SourceDescription {
  /** `local`, `s3`, `https`, `artifact`. */
  readonly kind: string;
  /** The `source` line as the user wrote it (URLs redacted). */
  readonly location: string;
  /** Free-form figures (objects listed, objects read, prefixes, retries...). */
  readonly details: Record<string, unknown>;
}

/** A place CloudTrail files come from. `objects()` is lazy so a bucket is never held in memory. */
export interface Source {
  objects(): AsyncIterable<SourceObject>;
  /** Called after the scan: what was read. */
  describe(): SourceDescription;
}

/** A problem with the user's configuration (bad input, nothing matched, missing bucket): exit 2, message names the input. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
