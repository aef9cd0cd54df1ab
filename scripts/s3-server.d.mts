// Types for s3-server.mjs (the loopback S3 server of the tests and the S3 benchmark).
import type { IncomingHttpHeaders } from 'node:http';

export type RequestKind = 'list' | 'get' | 'head' | 'head-bucket' | 'put' | 'create-bucket' | 'other';

/** What fault matchers see of a request. */
export interface S3Request {
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
  headers: IncomingHttpHeaders;
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
  match: FaultMatcher | ((request: S3Request) => boolean);
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
  headers: IncomingHttpHeaders;
  /** When it arrived: milliseconds since the server started. */
  at: number;
  /** With `verifySignatures`: whether its SigV4 signature checked out ('none': not signed). */
  signature?: 'valid' | 'invalid' | 'none';
}

export interface S3TestServer {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`) */
  endpoint: string;
  port: number;
  /** Any credentials work unless `verifySignatures` is set (then these); also what a child process needs in AWS_* env. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  requests: RecordedRequest[];
  /** `bucket/key` of every GET-object request seen so far (ranged ones included). */
  objectGets(): string[];
  /** Number of ListObjectsV2 requests seen so far. */
  listRequests(): number;
  /** The `prefix` of every ListObjectsV2 request on `bucket` ('' for none), in order. */
  listedPrefixes(bucket: string): string[];
  /** Forgets the requests seen so far, and the handshakes. */
  resetRequests(): void;
  /** With `tls`: the TLS handshakes so far, full ones and those that resumed an earlier session. */
  handshakes: { full: number; resumed: number };
  /** Largest page any listing returns, whatever max-keys asks for (default 1000, as S3). */
  pageSize: number;
  /** Delay before every request is answered (default 0). */
  latencyMs: number;
  /** A bucket in `region` (default us-east-1): requests signed for another region get 301 PermanentRedirect. */
  createBucket(bucket: string, options?: { region?: string }): Promise<void>;
  /** Requests answered 301 PermanentRedirect (signed for the wrong region). */
  redirects(): number;
  putObject(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  /** The stored object's ETag (quoted, as S3 sends it). */
  etag(bucket: string, key: string): string;
  /** Adds a fault rule; returns it so tests can read `hits`. The first matching rule with hits left applies. */
  fail(match: FaultRule['match'], fault: Fault, times?: number): FaultRule;
  clearFaults(): void;
  close(): Promise<void>;
}

export const S3_TEST_CREDENTIALS: { accessKeyId: string; secretAccessKey: string };

/** UTF-8 binary order, as S3 lists keys. */
export function byteOrder(a: string, b: string): number;

/**
 * `verifySignatures`: check every request's SigV4 signature against S3_TEST_CREDENTIALS' secret, answering 403
 * SignatureDoesNotMatch when it fails (default: not checked).
 */
export function startS3Server(options?: {
  buckets?: string[];
  pageSize?: number;
  latencyMs?: number;
  verifySignatures?: boolean;
  /** Serve over TLS with this certificate (for the IP 127.0.0.1): the endpoint is then https://127.0.0.1:port. */
  tls?: { key: string; cert: string };
}): Promise<S3TestServer>;
