import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { SignatureV4 } from '@smithy/signature-v4';
import { S3Source } from '../src/sources/s3.js';
import { FastGetter, encodeKeyPath, type RecordedGet } from '../src/sources/s3-fast-get.js';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';
import { asObject } from './helpers/source-items.js';

const BUCKET = 'direct';
/** Keys S3 encodes in different ways: spaces, '+', '=', '!', '*', quotes, unicode, a '%' and repeated slashes. */
const KEYS = [
  'logs/a.json.gz',
  'logs/with space.json',
  'logs/plus+equals=bang!star*.json',
  "logs/quote'paren(1).json",
  'logs/unicode é 中文 😀.json',
  'logs/percent%20not-a-space.json',
  'logs//double//slash.json',
  'logs/tilde~dash-under_dot.json'
];

let s3: S3TestServer;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET] });
  for (const key of KEYS) await s3.putObject(BUCKET, key, Buffer.from(`body of ${key}`));
});
afterAll(() => s3.close());

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function source(env: NodeJS.ProcessEnv = {}): S3Source {
  return new S3Source(`s3://${BUCKET}/logs/`, {}, {
    endpoint: s3.endpoint,
    region: 'us-east-1',
    clientConfig: { credentials: s3.credentials, maxAttempts: 3 },
    readConcurrency: 1,
    env,
    warn: () => undefined
  });
}

/** Reads every object in listing order, one at a time; returns key → bytes. */
async function readEach(src: S3Source): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for await (const item of src.objects()) {
    const object = asObject(item);
    bodies.set(object.name.slice(`s3://${BUCKET}/`.length), (await readAll(await object.open())).toString('utf8'));
  }
  return bodies;
}

/** sha256 / HMAC-SHA256 in the shape smithy's signer takes. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** What the AWS SDK's own signer (smithy SignatureV4, as S3 uses it) makes of a request the server received. */
async function sdkAuthorization(request: { path: string; query: string; headers: Record<string, string | string[] | undefined> }): Promise<string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization' || name === 'connection' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const amzDate = headers['x-amz-date'];
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signer = new SignatureV4({ credentials: s3.credentials, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const rawPath = request.path;
  const query = Object.fromEntries(new URLSearchParams(request.query));
  const [host, port] = headers.host.split(':');
  const signed = await signer.sign(
    { method: 'GET', protocol: 'http:', hostname: host, port: Number(port), path: rawPath, query, headers, body: undefined },
    { signingDate }
  );
  return (signed.headers as Record<string, string>).authorization;
}

describe('direct S3 GETs (learned from the SDK)', () => {
  test('after the first object, every object is read directly, with the stored bytes, whatever its key', async () => {
    s3.resetRequests();
    const src = source();
    const bodies = await readEach(src);
    expect([...bodies.keys()].sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(bodies.get(key)).toBe(`body of ${key}`);
    expect(src.describe().details).toMatchObject({ objectsRead: KEYS.length, objectsReadDirect: KEYS.length - 1, retries: 0 });
    // One GET per object: nothing was fetched twice.
    expect(s3.objectGets().sort()).toEqual(KEYS.map((k) => `${BUCKET}/${k}`).sort());
  });

  test("direct requests carry the SDK's headers and a signature the SDK's own signer agrees with", async () => {
    s3.resetRequests();
    await readEach(source());
    const gets = s3.requests.filter((r) => r.kind === 'get');
    expect(gets).toHaveLength(KEYS.length);
    const names = (r: (typeof gets)[number]) => Object.keys(r.headers).filter((n) => n !== 'connection').sort();
    const viaSdk = gets[0];
    for (const get of gets) {
      expect(names(get)).toEqual(names(viaSdk));
      // The server records the decoded path; the SDK encodes each key segment as encodeKeyPath does (the first
      // test shows the two agree: learning requires the SDK's path to end with encodeKeyPath(key)).
      const rawPath = `/${BUCKET}/${encodeKeyPath(get.key)}`;
      expect(await sdkAuthorization({ path: rawPath, query: get.query, headers: get.headers })).toBe(get.headers.authorization);
    }
  });

  test('a direct GET answered with an error turns the direct path off; the SDK reads that object and the rest', async () => {
    s3.resetRequests();
    // The 4th GET (the 3rd direct one) fails once with a 500.
    let gets = 0;
    s3.fail((r) => r.kind === 'get' && ++gets === 4, { status: 500 }, 1);
    const src = source();
    const bodies = await readEach(src);
    for (const key of KEYS) expect(bodies.get(key)).toBe(`body of ${key}`);
    // 2 read directly before the failure; the failed one and the rest went through the SDK.
    expect(src.describe().details).toMatchObject({ objectsRead: KEYS.length, objectsReadDirect: 2 });
    expect(s3.objectGets()).toHaveLength(KEYS.length + 1);
  });

  test('BEDROCK_DENIED_SCAN_S3_DIRECT_GET=0 keeps every GET in the SDK', async () => {
    const src = source({ BEDROCK_DENIED_SCAN_S3_DIRECT_GET: '0' });
    const bodies = await readEach(src);
    expect(bodies.size).toBe(KEYS.length);
    expect(src.describe().details).toMatchObject({ objectsRead: KEYS.length, objectsReadDirect: 0 });
  });

  test('learn() refuses a recorded request it cannot re-sign to the same Authorization', async () => {
    s3.resetRequests();
    await readEach(source({ BEDROCK_DENIED_SCAN_S3_DIRECT_GET: '0' }));
    const first = s3.requests.find((r) => r.kind === 'get')!;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(first.headers)) if (typeof value === 'string' && name !== 'connection') headers[name] = value;
    const [hostname, port] = headers.host.split(':');
    const recorded: RecordedGet = {
      key: first.key,
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: `/${BUCKET}/${encodeKeyPath(first.key)}`,
      query: Object.fromEntries(new URLSearchParams(first.query)),
      headers
    };
    const credentials = async () => s3.credentials;
    expect(await FastGetter.learn(recorded, undefined, credentials, 1000)).toBeDefined();
    const tampered = headers.authorization.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
    expect(await FastGetter.learn({ ...recorded, headers: { ...headers, authorization: tampered } }, undefined, credentials, 1000)).toBeUndefined();
    expect(await FastGetter.learn(recorded, undefined, async () => ({ ...s3.credentials, secretAccessKey: 'other' }), 1000)).toBeUndefined();
    expect(await FastGetter.learn({ ...recorded, key: 'another/key' }, undefined, credentials, 1000)).toBeUndefined();
  });
});
