import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

/**
 * AWS Signature Version 4 for the S3 source's direct GETs (s3-direct-get.ts): the same canonical request, string to
 * sign and derived key as the SDK's signer (@smithy/signature-v4 configured for S3: the path is signed as sent, not
 * escaped again), for a request without a body whose headers the SDK already chose. The SDK's signer, called per
 * request, cost about as much CPU as the rest of the request (its request clone, header sort and promise chain:
 * about 15 KB of garbage per GET); this signs from strings prepared once per request shape.
 * test/s3-direct-get.test.ts holds it to the SDK's signer, header for header, and the loopback S3 server checks
 * every signature as S3 does.
 */

/** Credentials as the SDK's provider resolves them (plain data: they also travel to scan worker threads). */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Headers the SDK never signs (its ALWAYS_UNSIGNABLE_HEADERS), and `proxy-*` / `sec-*` as it leaves them out. */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id'
]);
const isSignable = (lowerName: string): boolean => !UNSIGNABLE.has(lowerName) && !lowerName.startsWith('proxy-') && !lowerName.startsWith('sec-');

/** SHA-256 of no bytes: the payload hash of a request without a body. */
const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** RFC 3986 escaping as SigV4 wants it for query names and values. */
export const escapeUri = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The last second amzDate() formatted, and how (requests sent in the same second share it). */
let formattedSecond = Number.NaN;
let formatted = '';

/** `20261128T090348Z`: the signing time, to the second. */
export function amzDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== formattedSecond) {
    formatted = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    formattedSecond = second;
  }
  return formatted;
}

/**
 * A GET's constant part, prepared once per request shape: the headers that do not change from request to request
 * (host, payload hash, user agent...) as sent and in canonical form, the payload hash and the canonical query.
 */
export interface SigningTemplate {
  readonly headers: Readonly<Record<string, string>>;
  /** The signable headers among them: lower-case name, trimmed value with runs of spaces as one, sorted by name. */
  readonly canonicalHeaders: readonly (readonly [string, string])[];
  readonly payloadHash: string;
  readonly canonicalQuery: string;
  readonly region: string;
  readonly service: string;
}

const canonicalValue = (value: string): string => value.trim().replace(/\s+/g, ' ');
const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function signingTemplate(headers: Record<string, string>, query: Record<string, string>, region: string, service: string): SigningTemplate {
  const canonicalQuery = Object.keys(query)
    .filter((name) => name.toLowerCase() !== 'x-amz-signature')
    .sort()
    .map((name) => `${escapeUri(name)}=${escapeUri(query[name]!)}`)
    .join('&');
  let payloadHash = EMPTY_PAYLOAD_HASH;
  const canonicalHeaders: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-amz-content-sha256') payloadHash = String(value);
    if (isSignable(lower)) canonicalHeaders.push([lower, canonicalValue(String(value))]);
  }
  return { headers: { ...headers }, canonicalHeaders: canonicalHeaders.sort(byName), payloadHash, canonicalQuery, region, service };
}

/**
 * Derived signing keys by secret, day, region and service: one HMAC chain per day, not per request. Kept as
 * KeyObjects: on Node 24 an HMAC keyed with a Buffer costs 13 µs (the key's type is checked every time), with a
 * KeyObject 1.7 µs.
 */
const signingKeys = new Map<string, KeyObject>();

function signingKey(secret: string, day: string, region: string, service: string): KeyObject {
  const id = `${day}\n${region}\n${service}\n${secret}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    let derived = createHmac('sha256', `AWS4${secret}`).update(day).digest();
    for (const part of [region, service, 'aws4_request']) derived = createHmac('sha256', derived).update(part).digest();
    key = createSecretKey(derived);
    // Keys of other days or credentials are not needed again.
    if (signingKeys.size >= 16) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/**
 * The headers to send for a GET of `path` (already URI-encoded as sent): the template's, the date, the session
 * token if any, and the Authorization header.
 */
export function signGet(template: SigningTemplate, path: string, credentials: SigningCredentials, date: Date): Record<string, string> {
  const longDate = amzDate(date);
  const day = longDate.slice(0, 8);
  const headers: Record<string, string> = { ...template.headers, 'x-amz-date': longDate };
  const canonical = [...template.canonicalHeaders, ['x-amz-date', longDate] as const];
  if (credentials.sessionToken) {
    headers['x-amz-security-token'] = credentials.sessionToken;
    canonical.push(['x-amz-security-token', canonicalValue(credentials.sessionToken)]);
  }
  canonical.sort(byName);
  const signedHeaders = canonical.map(([name]) => name).join(';');
  const canonicalRequest = `GET\n${path}\n${template.canonicalQuery}\n${canonical.map(([name, value]) => `${name}:${value}\n`).join('')}\n${signedHeaders}\n${template.payloadHash}`;
  const scope = `${day}/${template.region}/${template.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${hash('sha256', canonicalRequest)}`;
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, template.region, template.service)).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
