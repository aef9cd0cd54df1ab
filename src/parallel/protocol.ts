import type { DecodeOptions, DecodeResult } from '../decode/types.js';
import type { DetectionPartial } from '../detection/denied-invocations.js';
import type { PlainRule } from '../detection/suppress.js';
import type { Selection } from '../detection/types.js';
import type { RemoteRead } from '../sources/types.js';

/**
 * What a scan worker is told before its first file (structured-cloned, the first message): the selection with its
 * suppress rules as text. Workers may start before the inputs are read (prestartScanWorkers), so this comes
 * as a message rather than as workerData.
 */
export interface ScanWorkerConfig {
  selection: Omit<Selection, 'suppress'>;
  /** The suppress rules as plain data, rebuilt in the worker (rules hold class instances). */
  suppressRules: PlainRule[];
  strategy?: DecodeOptions['strategy'];
  prefilter?: DecodeOptions['prefilter'];
}

/** Main thread → worker. */
export type ToWorker =
  | { t: 'init'; config: ScanWorkerConfig }
  /** A file whose bytes follow as chunks; or, with `remote`, one the worker reads itself (S3). */
  | { t: 'open'; id: number; remote?: RemoteRead }
  | { t: 'chunk'; id: number; data: ArrayBuffer }
  | { t: 'end'; id: number }
  /** The source stream failed: stop decoding the file and report what was read. */
  | { t: 'abort'; id: number };

/** One file's outcome, with its share of the detection. */
export interface FileOutcome {
  /** Set when decoding succeeded. */
  result?: DecodeResult;
  /** Set when decoding failed: the message describeError() gives. */
  error?: string;
  /** Records counted before the error (recordsBeforeError, else the records parsed). */
  counted: number;
  /** Records handed to the detection. */
  parsed: number;
  partial: DetectionPartial;
  /** An object the worker read itself: its stored bytes, for the source's figures. */
  bytesRead?: number;
  /** The worker could not read the object itself (its request failed): nothing was decoded; read it on the main thread. */
  declined?: boolean;
}

/** Worker → main thread. */
export type FromWorker = { t: 'ack'; id: number } | ({ t: 'done'; id: number } & FileOutcome);
