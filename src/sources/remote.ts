import type { Readable } from 'node:stream';
import type { S3Source, S3SourceOptions } from './s3.js';
import type { ReadCounters, RemoteRead } from './types.js';

/** A scan worker thread's copy of each source it reads from: one client and connection pool per source, reused. */
const readers = new Map<string, Promise<S3Source>>();

/**
 * How a scan worker thread reads an object the main thread listed (`SourceObject.remote`): with its own copy of the
 * source, so the requests, their retries and resumes, and their CPU are the worker's; the errors read as the main
 * thread's would. `counters()` gives the figures the reads added since the last call, for the main thread's source.
 */
export async function remoteReader(read: RemoteRead): Promise<{ open(): Promise<Readable>; counters(): ReadCounters }> {
  const id = JSON.stringify(read.source);
  let reader = readers.get(id);
  if (reader === undefined) {
    reader = import('./s3.js').then(({ S3Source }) => new S3Source(read.source.line, {}, read.source.options as S3SourceOptions));
    readers.set(id, reader);
  }
  const source = await reader;
  return { open: () => source.readObject(read.key, read.size), counters: () => source.takeReadCounters() };
}
