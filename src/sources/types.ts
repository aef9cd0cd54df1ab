import type { Readable } from 'node:stream';
import type { DirectGetPlan } from './direct-get.js';

/** One file-like thing to scan: a local file, an S3 object, a downloaded URL. */
export interface SourceObject {
  /** What the summary and report call it: a workspace-relative path, `s3://bucket/key`, or a URL with its query redacted. */
  readonly name: string;
  /** Size in bytes as stored (compressed), when known before reading. */
  readonly size?: number;
  /**
   * What makes two objects the same stored bytes (a local file's device, inode, size and time, `s3://bucket/key`), so overlapping
   * `source` lines and symlinks read each file once per run. Objects without one are always read.
   */
  readonly identity?: string;
  /** Opens a fresh stream of the stored bytes (still gzip-compressed if stored so). */
  open(): Promise<Readable>;
  /**
   * Set when the read can start before open() (an S3 object that is streamed): sends the request now, so that its
   * time to first byte passes while earlier objects are decoded; the next open() takes that answer. The body is not
   * read until then (the connection holds it back), so this costs a connection, not memory.
   */
  readonly requestAhead?: () => void;
  /**
   * Set when a scan worker thread may read the object itself (a small S3 object): plan() gives what to read as
   * plain data, or undefined when it must be read here after all (direct GETs not ready); declined() is told when
   * the worker's read failed (the object is then read here, through the SDK); absorb() is told the stored bytes the
   * worker read. The worker then makes the request (and spends its CPU) instead of the main thread.
   */
  readonly remote?: { plan(): Promise<RemoteRead | undefined>; declined(): void; absorb(bytesRead: number): void };
}

/** An object a worker thread reads itself: structured-cloned to it (see sources/remote.ts). */
export interface RemoteRead {
  readonly key: string;
  /** The most bytes the object may hold (else the worker declines it). */
  readonly maxBytes: number;
  /** Connections the worker's own agent keeps at most. */
  readonly maxSockets: number;
  /** The GET, signed in the worker (sources/direct-get.ts). */
  readonly direct: DirectGetPlan;
  /** A TLS session the main thread's connections got from the endpoint: the worker's resume it instead of each making a full handshake. */
  readonly session?: Uint8Array;
}

/**
 * A part of a source that could not be listed or matched (a `source` line matching nothing, an S3 prefix whose
 * listing failed after retries): named in the summary and report as not scanned, while the rest of the scan goes on.
 */
export interface SourceGap {
  readonly gap: true;
  /** What was not scanned: the `source` line, or `s3://bucket/prefix/`. */
  readonly name: string;
  readonly error: string;
}

export const isSourceGap = (item: SourceObject | SourceGap): item is SourceGap => 'gap' in item && item.gap === true;

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
  /** Throws only for errors that make the whole source unusable (bad credentials, missing bucket): a ConfigError. */
  objects(): AsyncIterable<SourceObject | SourceGap>;
  /** Called after the scan: what was read. */
  describe(): SourceDescription;
  /**
   * Objects worth reading at once from this source, when it is more than the scan's `concurrency` (S3: each
   * request waits tens of milliseconds before its first byte, so small objects need many in flight).
   */
  readonly readConcurrency?: number;
}
