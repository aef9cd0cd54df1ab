import * as http from 'node:http';
import * as https from 'node:https';
import { keepAliveGetsFor } from './keep-alive-gets.js';
import { escapeUri, signGet, type SigningCredentials, type SigningTemplate } from './sigv4.js';

/**
 * A GetObject request as plain data: what s3-direct-get.ts learned from a request the SDK sent and S3 answered,
 * with the credentials and clock offset to sign it. Plain so that a scan worker thread can send it too, without
 * loading the SDK: this module needs only node:http and node:crypto.
 */
export interface DirectGetPlan {
  protocol: string;
  hostname: string;
  port?: number;
  /** The path before the key: `/bucket/` (path style) or `/` (virtual-hosted). */
  pathPrefix: string;
  /** The query as the URL carries it (`x-id=GetObject`). */
  search: string;
  template: SigningTemplate;
  credentials: SigningCredentials;
  /** The SDK's correction of this machine's clock (ms), as it signs with it. */
  clockOffsetMs: number;
  idleTimeoutMs: number;
}

/** An object key as the SDK puts it in a GetObject path (each segment encoded, slashes kept). */
export function encodeKey(key: string): string {
  return key.split('/').map(escapeUri).join('/');
}

/**
 * Signs and sends the GET of `key`, with the idle timeout armed (no answer, or no bytes for that long, destroys the
 * request). Throws for a key no URL can carry (a lone surrogate from a hostile listing).
 */
function startDirectGet(plan: DirectGetPlan, key: string, agent: http.Agent, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
  return startSignedGet(plan, plan.pathPrefix + encodeKey(key), plan.search, plan.template, agent, onResponse);
}

/** Signs and sends a GET of `path` (URI-encoded as sent) with `search` (in canonical form), the idle timeout armed. */
function startSignedGet(
  plan: DirectGetPlan,
  path: string,
  search: string,
  template: SigningTemplate,
  agent: http.Agent,
  onResponse: (res: http.IncomingMessage) => void
): http.ClientRequest {
  const headers = signGet(template, path, plan.credentials, new Date(Date.now() + plan.clockOffsetMs));
  const req = (plan.protocol === 'https:' ? https.request : http.request)(
    { method: 'GET', host: plan.hostname, port: plan.port, path: search ? `${path}?${search}` : path, headers, agent },
    onResponse
  );
  req.setTimeout(plan.idleTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer for ${plan.idleTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
  return req;
}

/** Sends the GET of `key` and resolves with S3's response (any status), or rejects when none came within the idle timeout. */
export function sendDirectGet(plan: DirectGetPlan, key: string, agent: http.Agent): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = startDirectGet(plan, key, agent, (res) => {
      // The body's own idle guard takes over from here.
      req.setTimeout(0);
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A small object's bytes: a 200 answer read to its end, exactly Content-Length bytes, at most `maxBytes`; else
 * null (an error status, a reset, a body cut short or longer than expected, no data for the idle timeout, a key no
 * URL can carry). The caller reads the object again through the SDK, whose retries and resumes then apply and
 * whose errors are worded. Sent over this thread's keep-alive connections to the plan's endpoint
 * (keep-alive-gets.ts), at most `maxSockets` of them, rather than through node:http: a lighter exchange per object.
 */
export function getWholeObject(
  plan: DirectGetPlan,
  key: string,
  maxSockets: number,
  maxBytes: number,
  /** Told the status as soon as the answer's head is in. */
  onStatus?: (status: number) => void
): Promise<Buffer | null> {
  let target: string;
  let headers: Record<string, string>;
  try {
    const path = plan.pathPrefix + encodeKey(key);
    headers = signGet(plan.template, path, plan.credentials, new Date(Date.now() + plan.clockOffsetMs));
    target = plan.search ? `${path}?${plan.search}` : path;
  } catch {
    return Promise.resolve(null);
  }
  return keepAliveGetsFor(plan, maxSockets).get(target, headers, maxBytes, onStatus);
}

/** Opens a TLS connection to the plan's endpoint ahead of its GETs, for its session (KeepAliveGets.warmUp). */
export function warmUpGets(plan: Pick<DirectGetPlan, 'protocol' | 'hostname' | 'port' | 'idleTimeoutMs'>, maxSockets: number): void {
  keepAliveGetsFor(plan, maxSockets).warmUp();
}

/** The TLS session this thread's connections to the plan's endpoint got, if any: for a worker thread's to resume. */
export function tlsSessionOf(plan: DirectGetPlan, maxSockets: number): Uint8Array | undefined {
  return plan.protocol === 'https:' ? keepAliveGetsFor(plan, maxSockets).sessionToShare : undefined;
}

/** Another thread's TLS session for the plan's endpoint, for this thread's next connections if they have none. */
export function offerTlsSession(plan: DirectGetPlan, maxSockets: number, session: Uint8Array): void {
  keepAliveGetsFor(plan, maxSockets).offerSession(Buffer.from(session.buffer, session.byteOffset, session.byteLength));
}

/**
 * A ListObjectsV2 page's body: the plan's request at the bucket's root (its path prefix) with `query`, a name=value
 * list already in SigV4's canonical form (sorted by name, each part escaped), which is also what is sent. A 200
 * answer read to its end (with or without a Content-Length: S3 sends listings chunked), at most `maxBytes`; else
 * null, for the caller to list the page through the SDK.
 */
export function getListing(plan: DirectGetPlan, query: string, agent: http.Agent, maxBytes: number): Promise<Buffer | null> {
  const template = { ...plan.template, canonicalQuery: query };
  return wholeBody((onResponse) => startSignedGet(plan, plan.pathPrefix, query, template, agent, onResponse), maxBytes);
}

/**
 * The body of the GET `start` sends, when it is answered 200 and read to its end: as long as its Content-Length
 * says, if it says, and at most `maxBytes`; else null.
 */
function wholeBody(start: (onResponse: (res: http.IncomingMessage) => void) => http.ClientRequest, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (bytes: Buffer | null): void => {
      if (settled) return;
      settled = true;
      resolve(bytes);
    };
    let req: http.ClientRequest;
    try {
      req = start((res) => {
        const header = res.headers['content-length'];
        const declared = header === undefined ? undefined : Number(header);
        const acceptable = declared === undefined || (Number.isSafeInteger(declared) && declared <= maxBytes);
        if (res.statusCode !== 200 || !acceptable) {
          res.resume();
          settle(null);
          return;
        }
        const limit = declared ?? maxBytes;
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          if (received > limit) req.destroy();
        });
        res.on('end', () => {
          req.setTimeout(0);
          const complete = res.complete && (declared === undefined || received === declared);
          settle(complete ? (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)) : null);
        });
        res.on('error', () => settle(null));
        res.on('close', () => settle(null));
      });
    } catch {
      settle(null);
      return;
    }
    req.on('error', () => settle(null));
    req.end();
  });
}
