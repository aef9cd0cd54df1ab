import { getWholeObject, offerTlsSession } from './direct-get.js';
import type { RemoteRead } from './types.js';

/**
 * How a scan worker thread reads a small object the main thread listed (`SourceObject.remote`): one direct GET,
 * signed here, over this thread's own keep-alive connections (through the same proxy, if any); the SDK is never
 * loaded here. Null when that read failed in any way: the main thread then reads the object through the SDK, whose
 * retries, resumes and error messages apply.
 */
export function readRemote(read: RemoteRead): Promise<Buffer | null> {
  if (read.session !== undefined) offerTlsSession(read.direct, read.maxSockets, read.session);
  return getWholeObject(read.direct, read.key, read.maxSockets, read.maxBytes);
}
