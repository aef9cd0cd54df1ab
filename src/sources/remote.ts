import * as http from 'node:http';
import * as https from 'node:https';
import { proxyAgentFor } from '../proxy.js';
import { getWholeObject } from './direct-get.js';
import type { RemoteRead } from './types.js';

/** A scan worker thread's connection pools, one per endpoint (and proxy), kept alive from object to object. */
const agents = new Map<string, http.Agent>();

function agentFor(read: RemoteRead): http.Agent {
  const { protocol, hostname, port, idleTimeoutMs } = read.direct;
  const origin = `${protocol}//${hostname.includes(':') ? `[${hostname}]` : hostname}${port === undefined ? '' : `:${port}`}`;
  let agent = agents.get(origin);
  if (agent === undefined) {
    // The proxy the main thread's client would use for this endpoint (the same environment, the same rules).
    agent =
      proxyAgentFor(origin, { keepAlive: true, maxSockets: read.maxSockets, connectTimeoutMs: idleTimeoutMs }) ??
      new (protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: read.maxSockets });
    agents.set(origin, agent);
  }
  return agent;
}

/**
 * How a scan worker thread reads a small object the main thread listed (`SourceObject.remote`): one direct GET,
 * signed here, over this thread's own connections; the SDK is never loaded here. Null when that read failed in
 * any way: the main thread then reads the object through the SDK, whose retries, resumes and error messages apply.
 */
export function readRemote(read: RemoteRead): Promise<Buffer | null> {
  return getWholeObject(read.direct, read.key, agentFor(read), read.maxBytes);
}
