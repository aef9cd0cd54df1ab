// A loopback S3 server for the tests and the S3 benchmark: in memory, node:http only, no dependency.
// Types: s3-server.d.mts. Tests import it through test/helpers/s3-server.ts.
//
// It answers the requests the S3 source makes as AWS S3 does (path-style, `/bucket/key`; signatures are not checked,
// so any credentials work, unless `verifySignatures` is set: see below):
//
// - ListObjectsV2 (`GET /bucket?list-type=2`): `prefix`, `delimiter` with CommonPrefixes, `continuation-token`,
//   `start-after`, `max-keys` (0 to 1000, larger asks get 1000), `KeyCount`, `IsTruncated`, `encoding-type=url`.
//   Keys and common prefixes come in UTF-8 binary order, and a common prefix counts as one entry towards the page
//   size, as on S3. `pageSize` caps every page whatever max-keys asks for, so tests can make every listing paginate,
//   delimiter listings included. Continuation tokens are opaque; a bad one is 400 InvalidArgument.
// - GetObject and HeadObject: `Range: bytes=N-`, `bytes=N-M`, `bytes=-N` (206 + Content-Range; 416 InvalidRange when
//   unsatisfiable; an unparsable range is ignored, as S3 does), ETag (MD5 of the body, quoted), `If-Match` (412
//   PreconditionFailed), `If-None-Match` (304).
// - HeadBucket; NoSuchBucket / NoSuchKey errors in S3's XML; HEAD errors with no body; anything else is 501.
// - Bucket regions (`createBucket(name, { region })`, default us-east-1): a request signed for another region (the
//   region in its Authorization header's credential scope) gets S3's 301 PermanentRedirect with
//   `x-amz-bucket-region`, as a bucket in another region answers.
// - CreateBucket and PutObject (plain or `aws-chunked` bodies, Content-MD5 checked), besides seeding in memory with
//   `createBucket()` / `putObject()`.
//
// Faults (`fail()`) match requests by kind, bucket, key or prefix and apply N times or always: an S3 error status,
// a connection closed after K body bytes, a stall (headers then no body, or no response at all), or latency.
// `latencyMs` delays every request before it is answered (the benchmark uses it to model S3's time to first byte).
// Every request is recorded.
//
// `verifySignatures: true` checks every request's AWS Signature Version 4 as S3 does, against S3_TEST_CREDENTIALS'
// secret, with its own canonical form (written from AWS's specification, not the SDK's code): the path's segments
// decoded and encoded again per RFC 3986 (once, as for S3), the query sorted, the signed headers trimmed. A request
// that fails is answered 403 SignatureDoesNotMatch; each recorded request says `signature: 'valid' | 'invalid' | 'none'`.
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';

/** Any credentials work; these are what tests hand to clients and to the action's child process. */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKS3', secretAccessKey: 'loopback-s3-secret' };

const REQUEST_ID = 'LOOPBACKS3REQUEST';

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
const sigv4Encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();

/** Checks a request's SigV4 Authorization header: 'valid', 'invalid', or 'none' (unsigned). */
function signatureOf(req, secret) {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return 'none';
  const m = /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  const amzDate = req.headers['x-amz-date'];
  if (!m || typeof amzDate !== 'string' || !amzDate.startsWith(m[1])) return 'invalid';
  const [, day, region, service, signedHeaders, signature] = m;
  const [rawPath, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const decode = (part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const canonicalPath = rawPath.split('/').map((segment) => sigv4Encode(decode(segment))).join('/');
  const canonicalQuery = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [sigv4Encode(decode(name)), sigv4Encode(decode(value))];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headerNames = signedHeaders.split(';');
  if (!headerNames.includes('host')) return 'invalid';
  const canonicalHeaders = headerNames.map((name) => `${name}:${String(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (typeof payloadHash !== 'string') return 'invalid';
  const canonicalRequest = [req.method, canonicalPath, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  return hmac(key, stringToSign).toString('hex') === signature ? 'valid' : 'invalid';
}

// As S3 escapes keys in its XML: the five entities, and carriage returns and line feeds as character references.
const xmlEscape = (s) =>
  String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');

const ERROR_MESSAGES = {
  InternalError: 'We encountered an internal error. Please try again.',
  SlowDown: 'Please reduce your request rate.',
  ServiceUnavailable: 'Service is unable to handle request.',
  NoSuchBucket: 'The specified bucket does not exist',
  NoSuchKey: 'The specified key does not exist.',
  AccessDenied: 'Access Denied',
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold',
  PermanentRedirect: 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
  InvalidRange: 'The requested range is not satisfiable',
  BadDigest: 'The Content-MD5 you specified did not match what we received.',
  NotImplemented: 'A header you provided implies functionality that is not implemented'
};
const STATUS_CODES = { 500: 'InternalError', 503: 'SlowDown', 403: 'AccessDenied', 404: 'NoSuchKey' };

function sendError(res, status, code, message, resource = '', headers = {}) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message ?? ERROR_MESSAGES[code] ?? code)}</Message>` +
    `<Resource>${xmlEscape(resource)}</Resource><RequestId>${REQUEST_ID}</RequestId></Error>`;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': REQUEST_ID
  });
  res.end(body);
}

/** A HEAD answer: S3 sends the status and no body. */
function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, { ...headers, 'content-length': 0, 'x-amz-request-id': REQUEST_ID });
  res.end();
}

/** UTF-8 binary order, as S3 lists keys. */
export const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** `encoding-type=url`, as S3 encodes keys and prefixes: percent-encoded UTF-8, `/` kept, a space as `+`. */
const urlEncode = (s) => encodeURIComponent(s).replace(/%2F/g, '/').replace(/%20/g, '+');

/** Continuation tokens: the last entry of the page and whether it was a common prefix, opaque to clients. */
const encodeToken = (entry) => Buffer.from(`${entry.common ? 'p' : 'k'}:${entry.key}`, 'utf8').toString('base64url');
function decodeToken(token) {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^([pk]):([\s\S]*)$/.exec(text);
  return m ? { key: m[2], common: m[1] === 'p' } : undefined;
}

function matches(rule, request) {
  if (typeof rule.match === 'function') return rule.match(request);
  const m = rule.match;
  const test = (want, value) => want === undefined || (typeof want === 'string' ? want === value : want.test(value));
  if (m.kind !== undefined && m.kind !== request.kind) return false;
  if (m.bucket !== undefined && m.bucket !== request.bucket) return false;
  if (!test(m.key, request.key)) return false;
  if (m.prefix !== undefined && (request.kind !== 'list' || !test(m.prefix, request.prefix))) return false;
  if (m.ranged !== undefined && m.ranged !== (request.headers.range !== undefined)) return false;
  return true;
}

/** Decodes an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n` then optional trailers. */
function decodeAwsChunked(raw) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) throw new Error('aws-chunked body: missing chunk header');
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('aws-chunked body: bad chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Parses a Range header against an object of `total` bytes: a slice, 'unsatisfiable', or undefined (ignored). */
function parseRange(header, total) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { first: Math.max(0, total - suffix), last: total - 1 };
  }
  const first = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < first) return undefined; // syntactically invalid: S3 ignores it, sends the whole object
  if (first >= total) return 'unsatisfiable';
  return { first, last: m[2] === '' ? total - 1 : Math.min(Number(m[2]), total - 1) };
}

/**
 * Starts the server on 127.0.0.1 (a free port); over TLS with `tls` (a certificate for the IP 127.0.0.1), as S3 always is.
 * @param {{ buckets?: string[], pageSize?: number, latencyMs?: number, verifySignatures?: boolean, tls?: { key: string, cert: string } }} [options]
 * @returns {Promise<import('./s3-server.d.mts').S3TestServer>}
 */
export async function startS3Server(options = {}) {
  /** @type {Map<string, { objects: Map<string, { body: Buffer, etag: string, lastModified: Date, contentType: string }>, sorted?: string[] }>} */
  const buckets = new Map();
  const requests = [];
  const startedAt = performance.now();
  const rules = [];

  const sortedKeys = (bucket) => {
    if (!bucket.sorted) bucket.sorted = [...bucket.objects.keys()].sort(byteOrder);
    return bucket.sorted;
  };
  const store = (bucket, key, body, contentType = 'application/octet-stream') => {
    const stored = { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: new Date(), contentType };
    if (!bucket.objects.has(key)) bucket.sorted = undefined;
    bucket.objects.set(key, stored);
    return stored;
  };

  const listObjects = (res, name, bucket, params, resource) => {
    const prefix = params.get('prefix') ?? '';
    const delimiter = params.get('delimiter') || undefined;
    const encodingType = params.get('encoding-type') ?? undefined;
    if (encodingType !== undefined && encodingType !== 'url') {
      sendError(res, 400, 'InvalidArgument', 'Invalid Encoding Method specified in Request', resource);
      return;
    }
    const maxKeysParam = params.get('max-keys');
    const asked = maxKeysParam === null ? 1000 : Number(maxKeysParam);
    if (!Number.isInteger(asked) || asked < 0 || !/^\d+$/.test(maxKeysParam ?? '0')) {
      sendError(res, 400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range', resource);
      return;
    }
    const maxKeys = Math.min(asked, 1000);
    const pageSize = Math.min(maxKeys, server.pageSize);
    const token = params.get('continuation-token') ?? undefined;
    const startAfter = params.get('start-after') ?? undefined;
    let after;
    if (token !== undefined) {
      after = decodeToken(token);
      if (!after) {
        sendError(res, 400, 'InvalidArgument', 'The continuation token provided is incorrect', resource);
        return;
      }
    } else if (startAfter !== undefined && startAfter !== '') after = { key: startAfter, common: false };

    // Keys after the marker (a token after a common prefix skips everything under it), rolled up into common
    // prefixes, each common prefix one entry.
    const entries = [];
    let lastCommon;
    for (const key of sortedKeys(bucket)) {
      if (!key.startsWith(prefix)) continue;
      if (after !== undefined && (byteOrder(key, after.key) <= 0 || (after.common && key.startsWith(after.key)))) continue;
      const at = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
      if (at >= 0) {
        const common = key.slice(0, at + delimiter.length);
        if (common !== lastCommon) entries.push({ key: common, common: true });
        lastCommon = common;
      } else entries.push({ key, common: false });
      if (entries.length > pageSize) break; // one more than a page tells whether it is truncated
    }
    const page = entries.slice(0, pageSize);
    const truncated = entries.length > page.length && page.length > 0;
    const out = (s) => xmlEscape(encodingType === 'url' ? urlEncode(s) : s);

    let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
    xml += `<Name>${xmlEscape(name)}</Name><Prefix>${out(prefix)}</Prefix>`;
    if (delimiter !== undefined) xml += `<Delimiter>${out(delimiter)}</Delimiter>`;
    if (encodingType !== undefined) xml += `<EncodingType>${encodingType}</EncodingType>`;
    if (token === undefined && startAfter !== undefined) xml += `<StartAfter>${out(startAfter)}</StartAfter>`;
    xml += `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>`;
    if (token !== undefined) xml += `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>`;
    if (truncated) xml += `<NextContinuationToken>${encodeToken(page[page.length - 1])}</NextContinuationToken>`;
    for (const entry of page) {
      if (entry.common) continue;
      const object = bucket.objects.get(entry.key);
      xml +=
        `<Contents><Key>${out(entry.key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified>` +
        `<ETag>${xmlEscape(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    }
    for (const entry of page) if (entry.common) xml += `<CommonPrefixes><Prefix>${out(entry.key)}</Prefix></CommonPrefixes>`;
    xml += '</ListBucketResult>';
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), 'x-amz-request-id': REQUEST_ID });
    res.end(xml);
  };

  /** Status, headers and body bytes of a GET or HEAD of `object`, honouring Range, If-Match and If-None-Match. */
  const objectResponse = (req, res, object, resource, head) => {
    const headers = {
      'content-type': object.contentType,
      etag: object.etag,
      'last-modified': object.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-amz-request-id': REQUEST_ID
    };
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(',').map((t) => t.trim()).includes(object.etag)) {
      if (head) sendEmpty(res, 412);
      else sendError(res, 412, 'PreconditionFailed', undefined, resource);
      return undefined;
    }
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((t) => t.trim()).includes(object.etag))) {
      sendEmpty(res, 304, { etag: object.etag, 'last-modified': headers['last-modified'] });
      return undefined;
    }
    const total = object.body.length;
    const range = req.headers.range === undefined ? undefined : parseRange(req.headers.range, total);
    if (range === 'unsatisfiable') {
      if (head) sendEmpty(res, 416, { 'content-range': `bytes */${total}` });
      else sendError(res, 416, 'InvalidRange', undefined, resource, { 'content-range': `bytes */${total}` });
      return undefined;
    }
    if (range) {
      const body = object.body.subarray(range.first, range.last + 1);
      return { status: 206, headers: { ...headers, 'content-length': body.length, 'content-range': `bytes ${range.first}-${range.last}/${total}` }, body };
    }
    return { status: 200, headers: { ...headers, 'content-length': total }, body: object.body };
  };

  const readBody = async (req) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const chunked = /aws-chunked/.test(req.headers['content-encoding'] ?? '') || /^STREAMING-/.test(req.headers['x-amz-content-sha256'] ?? '');
    return chunked ? decodeAwsChunked(raw) : raw;
  };

  let redirected = 0;
  const handle = async (req, res, request, resource) => {
    if (server.latencyMs > 0) await delay(server.latencyMs);
    const rule = rules.find((r) => (r.times === undefined || r.hits < r.times) && matches(r, request));
    let bodyFault;
    if (rule) {
      rule.hits++;
      const fault = rule.fault;
      if ('latencyMs' in fault) await delay(fault.latencyMs);
      else if ('status' in fault) {
        req.resume();
        sendError(res, fault.status, fault.code ?? STATUS_CODES[fault.status] ?? 'InternalError', fault.message, resource);
        return;
      } else if ('stall' in fault && fault.stall === 'response') return; // never answers
      else bodyFault = fault;
    }

    const bucket = buckets.get(request.bucket);
    if (request.kind === 'create-bucket') {
      req.resume();
      if (!bucket) buckets.set(request.bucket, { objects: new Map(), region: 'us-east-1' });
      sendEmpty(res, 200, { location: `/${request.bucket}` });
      return;
    }
    if (request.kind === 'other') {
      req.resume();
      if (request.method === 'HEAD') sendEmpty(res, 501);
      else sendError(res, 501, 'NotImplemented', undefined, resource);
      return;
    }
    if (!bucket) {
      req.resume();
      if (request.method === 'HEAD') sendEmpty(res, 404);
      else sendError(res, 404, 'NoSuchBucket', undefined, resource);
      return;
    }
    const signedFor = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    if (signedFor !== undefined && signedFor !== bucket.region) {
      req.resume();
      redirected++;
      const where = { 'x-amz-bucket-region': bucket.region };
      if (request.method === 'HEAD') sendEmpty(res, 301, where);
      else sendError(res, 301, 'PermanentRedirect', undefined, resource, where);
      return;
    }
    switch (request.kind) {
      case 'head-bucket':
        sendEmpty(res, 200, { 'x-amz-bucket-region': bucket.region });
        return;
      case 'list':
        listObjects(res, request.bucket, bucket, new URL(req.url ?? '/', 'http://127.0.0.1').searchParams, resource);
        return;
      case 'put': {
        const body = await readBody(req);
        const md5 = req.headers['content-md5'];
        if (md5 !== undefined && createHash('md5').update(body).digest('base64') !== md5) {
          sendError(res, 400, 'BadDigest', undefined, resource);
          return;
        }
        const stored = store(bucket, request.key, body, req.headers['content-type'] || undefined);
        sendEmpty(res, 200, { etag: stored.etag });
        return;
      }
      case 'get':
      case 'head': {
        const head = request.kind === 'head';
        const object = bucket.objects.get(request.key);
        if (!object) {
          if (head) sendEmpty(res, 404);
          else sendError(res, 404, 'NoSuchKey', undefined, resource);
          return;
        }
        const answer = objectResponse(req, res, object, resource, head);
        if (!answer) return;
        res.writeHead(answer.status, answer.headers);
        if (head) {
          res.end();
          return;
        }
        if (bodyFault && 'resetAfterBytes' in bodyFault) {
          res.write(answer.body.subarray(0, bodyFault.resetAfterBytes), () => res.socket?.destroy());
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
    }
  };

  const onRequest = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const slash = path.indexOf('/', 1);
    const bucket = slash < 0 ? path.slice(1) : path.slice(1, slash);
    const key = slash < 0 ? '' : path.slice(slash + 1);
    const method = req.method ?? '';
    let kind = 'other';
    if (bucket === '') kind = 'other';
    else if (key === '') {
      if (method === 'GET' && url.searchParams.get('list-type') === '2') kind = 'list';
      else if (method === 'HEAD' && url.search === '') kind = 'head-bucket';
      else if (method === 'PUT' && url.search === '') kind = 'create-bucket';
    } else if (method === 'GET') kind = 'get';
    else if (method === 'HEAD') kind = 'head';
    else if (method === 'PUT' && !url.searchParams.has('partNumber') && !url.searchParams.has('uploadId')) kind = 'put';
    const request = {
      method,
      kind,
      bucket,
      key,
      prefix: url.searchParams.get('prefix') ?? '',
      delimiter: url.searchParams.get('delimiter') ?? undefined,
      query: url.search,
      headers: req.headers
    };
    const signature = options.verifySignatures ? signatureOf(req, S3_TEST_CREDENTIALS.secretAccessKey) : undefined;
    requests.push({ method, path, query: url.search, kind, bucket, key, headers: req.headers, at: performance.now() - startedAt, ...(signature ? { signature } : {}) });
    if (signature === 'invalid') {
      req.resume();
      sendError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', url.pathname);
      return;
    }
    handle(req, res, request, url.pathname).catch((err) => {
      if (!res.headersSent) sendError(res, 500, 'InternalError', String(err), url.pathname);
      else res.destroy();
    });
  };
  const httpServer = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
  httpServer.keepAliveTimeout = 60_000;
  /** TLS handshakes, full or resuming an earlier session (with `tls`). */
  const handshakes = { full: 0, resumed: 0 };
  if (options.tls) httpServer.on('secureConnection', (socket) => (socket.isSessionReused() ? handshakes.resumed++ : handshakes.full++));
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address();
  const endpoint = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  const server = {
    endpoint,
    port,
    // A copy per server: the SDK annotates the credentials object it is given.
    credentials: { ...S3_TEST_CREDENTIALS },
    requests,
    pageSize: options.pageSize ?? 1000,
    latencyMs: options.latencyMs ?? 0,
    objectGets: () => requests.filter((r) => r.kind === 'get').map((r) => `${r.bucket}/${r.key}`),
    listRequests: () => requests.filter((r) => r.kind === 'list').length,
    listedPrefixes: (name) =>
      requests.filter((r) => r.kind === 'list' && r.bucket === name).map((r) => new URLSearchParams(r.query).get('prefix') ?? ''),
    resetRequests: () => {
      requests.length = 0;
      handshakes.full = 0;
      handshakes.resumed = 0;
    },
    handshakes,
    createBucket: async (name, { region = 'us-east-1' } = {}) => {
      if (!buckets.has(name)) buckets.set(name, { objects: new Map(), region });
    },
    redirects: () => redirected,
    putObject: async (name, key, body) => {
      const bucket = buckets.get(name);
      if (!bucket) throw new Error(`loopback S3 server: no bucket ${name}`);
      store(bucket, key, Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body));
    },
    etag: (name, key) => {
      const object = buckets.get(name)?.objects.get(key);
      if (!object) throw new Error(`loopback S3 server: no object ${name}/${key}`);
      return object.etag;
    },
    fail: (match, fault, times) => {
      const rule = { match, fault, times, hits: 0 };
      rules.push(rule);
      return rule;
    },
    clearFaults: () => {
      rules.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      })
  };
  for (const name of options.buckets ?? []) await server.createBucket(name);
  return server;
}
