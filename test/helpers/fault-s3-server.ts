/**
 * A small in-memory S3 server on 127.0.0.1 (node:http, no dependency) that answers the requests the S3 source makes,
 * as AWS does, and injects faults per request:
 *
 * - ListObjectsV2 (`GET /bucket?list-type=2`): prefix, delimiter with CommonPrefixes, continuation tokens, `max-keys`,
 *   and a server page size (default 1000) that caps every page, so tests make every listing paginate, delimiter
 *   listings included. Keys and common prefixes are returned in UTF-8 binary order, as S3 does.
 * - GetObject (`GET /bucket/key`): `Range: bytes=N-` (206 + Content-Range), `If-Match` (412 PreconditionFailed).
 * - HeadObject, HeadBucket; NoSuchBucket / NoSuchKey as S3 words them.
 * - PutObject and CreateBucket, for tests that prefer the SDK to `putObject()`.
 *
 * Faults (`fail()`) match requests by kind, bucket, key or prefix, and apply N times or always: an S3 error status,
 * a connection closed after K body bytes, a stall (headers then no body bytes, or no response at all), or latency.
 * Every request is recorded. Paths are path-style (`/bucket/key`), as the source uses with a custom endpoint.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestKind = 'list' | 'get' | 'head' | 'head-bucket' | 'put' | 'create-bucket' | 'other';

export interface FaultRequest {
  method: string;
  kind: RequestKind;
  bucket: string;
  /** '' for bucket-level requests. */
  key: string;
  /** The decoded `prefix` of a listing ('' when absent). */
  prefix: string;
  /** The decoded `delimiter` of a listing (undefined when absent). */
  delimiter?: string;
  /** The raw query string, with its leading `?` ('' when none). */
  query: string;
  headers: http.IncomingHttpHeaders;
}

export type Fault =
  /** An S3 error response (500 InternalError by default), with the XML body S3 sends. */
  | { status: number; code?: string; message?: string }
  /** Sends the headers (full Content-Length) and the first `bytes` body bytes, then closes the connection. */
  | { resetAfterBytes: number }
  /** `headers`: sends the headers and `afterBytes` body bytes (default 0), then nothing. `response`: never answers. */
  | { stall: 'headers' | 'response'; afterBytes?: number }
  /** Answers normally after a delay. */
  | { latencyMs: number };

export interface FaultMatcher {
  kind?: RequestKind;
  bucket?: string;
  /** An exact key or a pattern. */
  key?: string | RegExp;
  /** A listing's exact prefix or a pattern. */
  prefix?: string | RegExp;
  /** Only ranged GETs (true) or only unranged ones (false). */
  ranged?: boolean;
}

export interface FaultRule {
  match: FaultMatcher | ((request: FaultRequest) => boolean);
  fault: Fault;
  /** How many matching requests get the fault (default: all). */
  times?: number;
  /** How many requests this rule has faulted so far. */
  hits: number;
}

export interface RecordedRequest {
  method: string;
  /** Path-style: `/bucket` or `/bucket/key` (key URL-decoded). */
  path: string;
  query: string;
  kind: RequestKind;
  bucket: string;
  key: string;
  headers: http.IncomingHttpHeaders;
}

export interface FaultS3Server {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** Any credentials work: the server does not check signatures. Also what a child process needs in AWS_* env. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  requests: RecordedRequest[];
  /** `bucket/key` of every GET-object request seen so far (ranged ones included). */
  objectGets(): string[];
  /** Number of ListObjectsV2 requests seen so far. */
  listRequests(): number;
  /** The `prefix` of every ListObjectsV2 request on `bucket` ('' for none), in order. */
  listedPrefixes(bucket: string): string[];
  resetRequests(): void;
  /** Largest page any listing returns, whatever max-keys asks for. */
  pageSize: number;
  createBucket(bucket: string): Promise<void>;
  putObject(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  /** The stored object's ETag (quoted, as S3 sends it). */
  etag(bucket: string, key: string): string;
  /** Adds a fault rule; returns it so tests can read `hits`. */
  fail(match: FaultRule['match'], fault: Fault, times?: number): FaultRule;
  clearFaults(): void;
  close(): Promise<void>;
}

interface StoredObject {
  body: Buffer;
  etag: string;
  lastModified: Date;
}

export const FAULT_S3_CREDENTIALS = { accessKeyId: 'AKIDFAULTS3', secretAccessKey: 'fault-s3-secret' };

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const ERROR_MESSAGES: Record<string, string> = {
  InternalError: 'We encountered an internal error. Please try again.',
  SlowDown: 'Please reduce your request rate.',
  ServiceUnavailable: 'Service is unable to handle request.',
  NoSuchBucket: 'The specified bucket does not exist',
  NoSuchKey: 'The specified key does not exist.',
  AccessDenied: 'Access Denied',
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold',
  InvalidRange: 'The requested range is not satisfiable'
};
const STATUS_CODES: Record<number, string> = { 500: 'InternalError', 503: 'SlowDown', 403: 'AccessDenied', 404: 'NoSuchKey' };

function sendError(res: http.ServerResponse, status: number, code: string, message?: string, resource = ''): void {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message ?? ERROR_MESSAGES[code] ?? code)}</Message>` +
    `<Resource>${xmlEscape(resource)}</Resource><RequestId>FAULTS3REQUEST</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': 'FAULTS3REQUEST' });
  res.end(body);
}

/** UTF-8 binary order, as S3 lists keys. */
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function matches(rule: FaultRule, request: FaultRequest): boolean {
  if (typeof rule.match === 'function') return rule.match(request);
  const m = rule.match;
  const test = (want: string | RegExp | undefined, value: string) =>
    want === undefined || (typeof want === 'string' ? want === value : want.test(value));
  if (m.kind !== undefined && m.kind !== request.kind) return false;
  if (m.bucket !== undefined && m.bucket !== request.bucket) return false;
  if (!test(m.key, request.key)) return false;
  if (m.prefix !== undefined && (request.kind !== 'list' || !test(m.prefix, request.prefix))) return false;
  if (m.ranged !== undefined && m.ranged !== (request.headers.range !== undefined)) return false;
  return true;
}

export async function startFaultS3Server(options: { buckets?: string[]; pageSize?: number } = {}): Promise<FaultS3Server> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const requests: RecordedRequest[] = [];
  const rules: FaultRule[] = [];

  const listObjects = (res: http.ServerResponse, bucket: string, objects: Map<string, StoredObject>, params: URLSearchParams) => {
    const prefix = params.get('prefix') ?? '';
    const delimiter = params.get('delimiter') || undefined;
    const maxKeysParam = params.get('max-keys');
    const maxKeys = Math.min(maxKeysParam === null ? 1000 : Number(maxKeysParam), server.pageSize);
    const token = params.get('continuation-token') ?? undefined;
    const after = token === undefined ? undefined : Buffer.from(token, 'base64url').toString('utf8');

    // One sorted list of entries, each common prefix counted once, as S3 pages them.
    const entries: { key: string; common: boolean }[] = [];
    let lastCommon: string | undefined;
    for (const key of [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(byteOrder)) {
      const at = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
      if (at >= 0) {
        const common = key.slice(0, at + (delimiter as string).length);
        if (common !== lastCommon) entries.push({ key: common, common: true });
        lastCommon = common;
      } else entries.push({ key, common: false });
    }
    const start = after === undefined ? 0 : entries.findIndex((e) => byteOrder(e.key, after) > 0);
    const rest = start < 0 ? [] : entries.slice(start);
    const page = rest.slice(0, Math.max(0, maxKeys));
    const truncated = rest.length > page.length;

    let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
    xml += `<Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix>`;
    if (delimiter !== undefined) xml += `<Delimiter>${xmlEscape(delimiter)}</Delimiter>`;
    xml += `<MaxKeys>${maxKeysParam === null ? 1000 : Number(maxKeysParam)}</MaxKeys><KeyCount>${page.length}</KeyCount>`;
    xml += `<IsTruncated>${truncated}</IsTruncated>`;
    if (token !== undefined) xml += `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>`;
    if (truncated) xml += `<NextContinuationToken>${Buffer.from(page[page.length - 1].key).toString('base64url')}</NextContinuationToken>`;
    for (const entry of page.filter((e) => !e.common)) {
      const object = objects.get(entry.key) as StoredObject;
      xml +=
        `<Contents><Key>${xmlEscape(entry.key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified>` +
        `<ETag>${xmlEscape(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    }
    for (const entry of page.filter((e) => e.common)) xml += `<CommonPrefixes><Prefix>${xmlEscape(entry.key)}</Prefix></CommonPrefixes>`;
    xml += '</ListBucketResult>';
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  };

  /** Status, headers and the body bytes a GET or HEAD of `object` answers with, honouring Range and If-Match. */
  const objectResponse = (req: http.IncomingMessage, res: http.ServerResponse, object: StoredObject, resource: string) => {
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== object.etag) {
      sendError(res, 412, 'PreconditionFailed', undefined, resource);
      return undefined;
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/octet-stream',
      etag: object.etag,
      'last-modified': object.lastModified.toUTCString(),
      'accept-ranges': 'bytes'
    };
    const range = req.headers.range;
    const total = object.body.length;
    if (range !== undefined) {
      const m = /^bytes=(\d+)-(\d*)$/.exec(range);
      const first = m ? Number(m[1]) : NaN;
      const last = m && m[2] !== '' ? Math.min(Number(m[2]), total - 1) : total - 1;
      if (!m || first >= total || last < first) {
        sendError(res, 416, 'InvalidRange', undefined, resource);
        return undefined;
      }
      const body = object.body.subarray(first, last + 1);
      return { status: 206, headers: { ...headers, 'content-length': body.length, 'content-range': `bytes ${first}-${last}/${total}` }, body };
    }
    return { status: 200, headers: { ...headers, 'content-length': total }, body: object.body };
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, request: FaultRequest, url: URL): Promise<void> => {
    const rule = rules.find((r) => (r.times === undefined || r.hits < r.times) && matches(r, request));
    let bodyFault: Fault | undefined;
    if (rule) {
      rule.hits++;
      const fault = rule.fault;
      if ('latencyMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      else if ('status' in fault) {
        const code = fault.code ?? STATUS_CODES[fault.status] ?? 'InternalError';
        sendError(res, fault.status, code, fault.message, url.pathname);
        return;
      } else if ('stall' in fault && fault.stall === 'response') return; // never answers
      else bodyFault = fault;
    }

    const objects = buckets.get(request.bucket);
    const resource = url.pathname;
    if (request.kind === 'create-bucket') {
      if (!objects) buckets.set(request.bucket, new Map());
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    if (!objects) {
      if (request.kind === 'head-bucket' || request.kind === 'head') {
        res.writeHead(404, { 'content-length': 0 });
        res.end();
      } else sendError(res, 404, 'NoSuchBucket', undefined, resource);
      return;
    }
    switch (request.kind) {
      case 'head-bucket':
        res.writeHead(200, { 'content-length': 0, 'x-amz-bucket-region': 'us-east-1' });
        res.end();
        return;
      case 'list':
        listObjects(res, request.bucket, objects, url.searchParams);
        return;
      case 'put': {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const stored = store(objects, request.key, body);
        res.writeHead(200, { etag: stored.etag, 'content-length': 0 });
        res.end();
        return;
      }
      case 'get':
      case 'head': {
        const object = objects.get(request.key);
        if (!object) {
          if (request.kind === 'head') {
            res.writeHead(404, { 'content-length': 0 });
            res.end();
          } else sendError(res, 404, 'NoSuchKey', undefined, resource);
          return;
        }
        const answer = objectResponse(req, res, object, resource);
        if (!answer) return;
        res.writeHead(answer.status, answer.headers);
        if (request.kind === 'head') {
          res.end();
          return;
        }
        if (bodyFault && 'resetAfterBytes' in bodyFault) {
          const part = answer.body.subarray(0, bodyFault.resetAfterBytes);
          res.write(part, () => res.socket?.destroy());
          return;
        }
        if (bodyFault && 'stall' in bodyFault) {
          res.flushHeaders();
          const part = answer.body.subarray(0, bodyFault.afterBytes ?? 0);
          if (part.length > 0) res.write(part);
          return; // and nothing more until the connection is closed
        }
        res.end(answer.body);
        return;
      }
      default:
        sendError(res, 501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', resource);
    }
  };

  const store = (objects: Map<string, StoredObject>, key: string, body: Buffer): StoredObject => {
    const stored = { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: new Date() };
    objects.set(key, stored);
    return stored;
  };

  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const slash = path.indexOf('/', 1);
    const bucket = slash < 0 ? path.slice(1) : path.slice(1, slash);
    const key = slash < 0 ? '' : path.slice(slash + 1);
    const method = req.method ?? '';
    let kind: RequestKind = 'other';
    if (key === '') {
      if (method === 'GET' && url.searchParams.get('list-type') === '2') kind = 'list';
      else if (method === 'HEAD') kind = 'head-bucket';
      else if (method === 'PUT') kind = 'create-bucket';
    } else if (method === 'GET') kind = 'get';
    else if (method === 'HEAD') kind = 'head';
    else if (method === 'PUT') kind = 'put';
    const request: FaultRequest = {
      method,
      kind,
      bucket,
      key,
      prefix: url.searchParams.get('prefix') ?? '',
      delimiter: url.searchParams.get('delimiter') ?? undefined,
      query: url.search,
      headers: req.headers
    };
    requests.push({ method, path, query: url.search, kind, bucket, key, headers: req.headers });
    handle(req, res, request, url).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'InternalError', String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  const server: FaultS3Server = {
    endpoint,
    port,
    credentials: FAULT_S3_CREDENTIALS,
    requests,
    pageSize: options.pageSize ?? 1000,
    objectGets: () => requests.filter((r) => r.kind === 'get').map((r) => `${r.bucket}/${r.key}`),
    listRequests: () => requests.filter((r) => r.kind === 'list').length,
    listedPrefixes: (bucket) =>
      requests.filter((r) => r.kind === 'list' && r.bucket === bucket).map((r) => new URLSearchParams(r.query).get('prefix') ?? ''),
    resetRequests: () => {
      requests.length = 0;
    },
    createBucket: async (bucket) => {
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
    },
    putObject: async (bucket, key, body) => {
      const objects = buckets.get(bucket);
      if (!objects) throw new Error(`fault S3 server: no bucket ${bucket}`);
      store(objects, key, Buffer.from(typeof body === 'string' ? Buffer.from(body) : body));
    },
    etag: (bucket, key) => {
      const object = buckets.get(bucket)?.get(key);
      if (!object) throw new Error(`fault S3 server: no object ${bucket}/${key}`);
      return object.etag;
    },
    fail: (match, fault, times) => {
      const rule: FaultRule = { match, fault, times, hits: 0 };
      rules.push(rule);
      return rule;
    },
    clearFaults: () => {
      rules.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      })
  };
  for (const bucket of options.buckets ?? []) await server.createBucket(bucket);
  return server;
}
