import { createHash, createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';

/**
 * Whole-object GETs without the AWS SDK's per-request machinery (about 1 ms of CPU per request in its middleware
 * stack, which is most of the cost of reading thousands of 12 KB CloudTrail objects).
 *
 * It is learned from, and checked against, the SDK itself: the first GetObject goes through the SDK, and a
 * middleware records the request it sent (URL, headers, Authorization). The fast path then sends the same request
 * for other keys (same endpoint, path style, query, headers), signed with SigV4 over exactly the headers the SDK
 * signed. Before it is used, it re-signs the recorded request with the recorded date and must reproduce the SDK's
 * Authorization header byte for byte; if not (a different signing scheme, FIPS or dual-stack endpoints it cannot
 * map, anything unexpected), it is never used. Only 200 answers are taken: anything else (an error status, a
 * connection failure, no headers within the idle timeout) turns the fast path off for the rest of the run and the
 * object is read through the SDK, with all its retries, redirects and error reporting.
 */

/** The request the SDK sent for a GetObject, as the middleware saw it after signing. */
export interface RecordedGet {
  key: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A 200 answer: the body and what open() needs from the headers. */
export interface FastObject {
  body: Readable;
  etag?: string;
  total?: number;
}

/** S3's encoding of a key in a URL path: each segment percent-encoded (RFC 3986 unreserved kept), '/' kept. */
export function encodeKeyPath(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

const escapeQuery = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(query: RecordedGet['query']): string {
  const pairs: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? [...value].sort() : [value ?? ''];
    for (const v of values) pairs.push(`${escapeQuery(key)}=${escapeQuery(v ?? '')}`);
  }
  return pairs.join('&');
}

function queryString(query: RecordedGet['query']): string {
  const text = canonicalQuery(query);
  return text ? `?${text}` : '';
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Parsed {
  credential: string;
  scope: { date: string; region: string; service: string };
  signedHeaders: string[];
}

function parseAuthorization(value: string | undefined): Parsed | undefined {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=[0-9a-f]{64}$/.exec(value ?? '');
  if (!m) return undefined;
  return { credential: m[1], scope: { date: m[2], region: m[3], service: m[4] }, signedHeaders: m[5].split(';') };
}

export class FastGetter {
  private readonly signedHeaders: string[];
  private readonly region: string;
  private readonly service: string;
  private readonly pathPrefix: string;
  private readonly keyCache = new Map<string, Buffer>();
  private disabled = false;

  private constructor(
    private readonly recorded: RecordedGet,
    parsed: Parsed,
    pathPrefix: string,
    private readonly agent: http.Agent | undefined,
    private readonly credentials: () => Promise<Credentials>,
    private readonly idleTimeoutMs: number
  ) {
    this.signedHeaders = parsed.signedHeaders;
    this.region = parsed.scope.region;
    this.service = parsed.scope.service;
    this.pathPrefix = pathPrefix;
  }

  /**
   * A fast getter modelled on `recorded`, or undefined when the recorded request cannot be reproduced exactly
   * (the check that makes the fast path safe against real S3).
   */
  static async learn(
    recorded: RecordedGet,
    agent: http.Agent | undefined,
    credentials: () => Promise<Credentials>,
    idleTimeoutMs: number
  ): Promise<FastGetter | undefined> {
    const parsed = parseAuthorization(recorded.headers.authorization);
    if (!parsed || parsed.scope.service !== 's3') return undefined;
    const encoded = encodeKeyPath(recorded.key);
    if (!recorded.path.endsWith(encoded)) return undefined;
    if (!['http:', 'https:'].includes(recorded.protocol)) return undefined;
    if (!parsed.signedHeaders.includes('x-amz-date') || !parsed.signedHeaders.includes('host')) return undefined;
    const getter = new FastGetter(recorded, parsed, recorded.path.slice(0, recorded.path.length - encoded.length), agent, credentials, idleTimeoutMs);
    let creds: Credentials;
    try {
      creds = await credentials();
    } catch {
      return undefined;
    }
    if (creds.accessKeyId !== parsed.credential) return undefined;
    const again = getter.authorization(recorded.path, recorded.headers, recorded.headers['x-amz-date'], creds);
    return again === recorded.headers.authorization ? getter : undefined;
  }

  get enabled(): boolean {
    return !this.disabled;
  }

  disable(): void {
    this.disabled = true;
  }

  private signingKey(date: string, secret: string): Buffer {
    const cacheKey = `${date}\n${secret}`;
    let key = this.keyCache.get(cacheKey);
    if (!key) {
      const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
      const kRegion = createHmac('sha256', kDate).update(this.region).digest();
      const kService = createHmac('sha256', kRegion).update(this.service).digest();
      key = createHmac('sha256', kService).update('aws4_request').digest();
      this.keyCache.clear();
      this.keyCache.set(cacheKey, key);
    }
    return key;
  }

  /** SigV4 over `headers` (lower-case names), exactly the headers the SDK signed, for a GET of `path`. */
  private authorization(path: string, headers: Record<string, string>, amzDate: string, creds: Credentials): string {
    const date = amzDate.slice(0, 8);
    const canonicalHeaders = this.signedHeaders.map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
    const payloadHash = headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
    const canonical = ['GET', path, canonicalQuery(this.recorded.query), canonicalHeaders, this.signedHeaders.join(';'), payloadHash].join('\n');
    const scope = `${date}/${this.region}/${this.service}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    const signature = createHmac('sha256', this.signingKey(date, creds.secretAccessKey)).update(stringToSign).digest('hex');
    return `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${this.signedHeaders.join(';')}, Signature=${signature}`;
  }

  /** GETs `key` whole; resolves with the body on a 200, or undefined (and the fast path off) on anything else. */
  async get(key: string): Promise<FastObject | undefined> {
    if (this.disabled) return undefined;
    let creds: Credentials;
    try {
      creds = await this.credentials();
    } catch {
      this.disable();
      return undefined;
    }
    const path = this.pathPrefix + encodeKeyPath(key);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const headers: Record<string, string> = { ...this.recorded.headers, 'x-amz-date': amzDate };
    delete headers.authorization;
    if ('amz-sdk-invocation-id' in headers) headers['amz-sdk-invocation-id'] = randomUUID();
    if (creds.sessionToken !== undefined) headers['x-amz-security-token'] = creds.sessionToken;
    else if ('x-amz-security-token' in headers) {
      this.disable();
      return undefined;
    }
    headers.authorization = this.authorization(path, headers, amzDate, creds);
    const { protocol, hostname, port } = this.recorded;
    const request = (protocol === 'https:' ? https.request : http.request)({
      protocol,
      hostname,
      port,
      method: 'GET',
      path: path + queryString(this.recorded.query),
      headers,
      agent: this.agent,
      timeout: this.idleTimeoutMs
    });
    return new Promise<FastObject | undefined>((resolve) => {
      const fail = () => {
        this.disable();
        request.destroy();
        resolve(undefined);
      };
      request.on('timeout', fail);
      request.on('error', fail);
      request.on('response', (response) => {
        request.setTimeout(0);
        request.off('timeout', fail);
        if (response.statusCode !== 200) {
          response.resume();
          this.disable();
          resolve(undefined);
          return;
        }
        const length = Number(response.headers['content-length']);
        resolve({ body: response, etag: response.headers.etag, total: Number.isFinite(length) ? length : undefined });
      });
      request.end();
    });
  }
}
