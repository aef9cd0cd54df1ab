/**
 * The loopback S3 server's own S3 semantics, where the S3 source (through the AWS SDK) relies on them: every other
 * S3 test trusts this server to answer as AWS S3 does. Requests go through the real SDK client.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  type ListObjectsV2CommandInput,
  type ListObjectsV2CommandOutput
} from '@aws-sdk/client-s3';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';

const BUCKET = 'semantics';
/** A folder tree: under `logs/`, entries in order are a/, b/, c.json, d/, e.json. */
const TREE = ['logs/a/1', 'logs/a/2', 'logs/a/3', 'logs/b/1', 'logs/c.json', 'logs/d/1', 'logs/d/2', 'logs/e.json', 'other/x'];
const BODY = Buffer.from(Array.from({ length: 100 }, (_, i) => i));

let s3: S3TestServer;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET] });
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials, maxAttempts: 1 });
  for (const key of TREE) await s3.putObject(BUCKET, key, `body of ${key}`);
  await s3.putObject(BUCKET, 'bytes/100.bin', BODY);
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});
beforeEach(() => {
  s3.pageSize = 1000;
  s3.latencyMs = 0;
  s3.clearFaults();
  s3.resetRequests();
});

const list = (input: Omit<ListObjectsV2CommandInput, 'Bucket'>, bucket = BUCKET) => client.send(new ListObjectsV2Command({ Bucket: bucket, ...input }));
const keys = (page: ListObjectsV2CommandOutput) => (page.Contents ?? []).map((c) => c.Key);
const prefixes = (page: ListObjectsV2CommandOutput) => (page.CommonPrefixes ?? []).map((c) => c.Prefix);
/** Every page of a listing, following NextContinuationToken by hand. */
async function pages(input: Omit<ListObjectsV2CommandInput, 'Bucket'>): Promise<ListObjectsV2CommandOutput[]> {
  const out: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await list({ ...input, ContinuationToken: token });
    out.push(page);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: { name: string; $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode })
  );

describe('ListObjectsV2', () => {
  test('a delimiter listing paginates: common prefixes count towards the page, and a page ending on one skips its folder', async () => {
    s3.pageSize = 2;
    const all = await pages({ Prefix: 'logs/', Delimiter: '/' });
    expect(all.map((p) => ({ keys: keys(p), prefixes: prefixes(p), count: p.KeyCount, truncated: p.IsTruncated }))).toEqual([
      { keys: [], prefixes: ['logs/a/', 'logs/b/'], count: 2, truncated: true },
      { keys: ['logs/c.json'], prefixes: ['logs/d/'], count: 2, truncated: true },
      { keys: ['logs/e.json'], prefixes: [], count: 1, truncated: false }
    ]);
    expect(all.map((p) => p.NextContinuationToken === undefined)).toEqual([false, false, true]);
    // Each page after the first echoes the token it was asked with.
    expect(all[1]!.ContinuationToken).toBe(all[0]!.NextContinuationToken);
    expect(all[2]!.ContinuationToken).toBe(all[1]!.NextContinuationToken);
    expect(all.every((p) => p.Delimiter === '/' && p.Prefix === 'logs/')).toBe(true);
    expect(s3.listedPrefixes(BUCKET)).toEqual(['logs/', 'logs/', 'logs/']);
  });

  test("the SDK's paginator sees the same entries at any page size, and max-keys below the page size is honoured", async () => {
    const collect = async (pageSize: number, maxKeys?: number) => {
      s3.pageSize = pageSize;
      const seen: { keys: string[]; prefixes: string[]; pages: number } = { keys: [], prefixes: [], pages: 0 };
      for await (const page of paginateListObjectsV2({ client }, { Bucket: BUCKET, Prefix: 'logs/', Delimiter: '/', MaxKeys: maxKeys })) {
        seen.pages++;
        seen.keys.push(...(keys(page) as string[]));
        seen.prefixes.push(...(prefixes(page) as string[]));
      }
      return seen;
    };
    const expected = { keys: ['logs/c.json', 'logs/e.json'], prefixes: ['logs/a/', 'logs/b/', 'logs/d/'] };
    expect(await collect(1000)).toEqual({ ...expected, pages: 1 });
    expect(await collect(1)).toEqual({ ...expected, pages: 5 });
    expect(await collect(3)).toEqual({ ...expected, pages: 2 });
    expect(await collect(1000, 2)).toEqual({ ...expected, pages: 3 });
    // Without a delimiter every key is an entry.
    s3.pageSize = 4;
    const flat = await pages({ Prefix: 'logs/' });
    expect(flat.map(keys)).toEqual([
      ['logs/a/1', 'logs/a/2', 'logs/a/3', 'logs/b/1'],
      ['logs/c.json', 'logs/d/1', 'logs/d/2', 'logs/e.json']
    ]);
    expect(flat.map((p) => p.IsTruncated)).toEqual([true, false]);
  });

  test('start-after starts after any string (a key or not), with or without a delimiter, and is echoed', async () => {
    const after = await list({ Prefix: 'logs/', StartAfter: 'logs/b/1' });
    expect(keys(after)).toEqual(['logs/c.json', 'logs/d/1', 'logs/d/2', 'logs/e.json']);
    expect(after.StartAfter).toBe('logs/b/1');
    expect(keys(await list({ Prefix: 'logs/', StartAfter: 'logs/a/2x' }))).toEqual(['logs/a/3', 'logs/b/1', 'logs/c.json', 'logs/d/1', 'logs/d/2', 'logs/e.json']);
    const delimited = await list({ Prefix: 'logs/', Delimiter: '/', StartAfter: 'logs/c' });
    expect([keys(delimited), prefixes(delimited)]).toEqual([['logs/c.json', 'logs/e.json'], ['logs/d/']]);
    expect(keys(await list({ StartAfter: 'logs/e.json' }))).toEqual(['other/x']);
    expect(await list({ StartAfter: 'zzz' })).toMatchObject({ KeyCount: 0, IsTruncated: false });
    // Paginates from there; a continuation token takes over from start-after.
    s3.pageSize = 2;
    const paged = await pages({ Prefix: 'logs/', StartAfter: 'logs/b/1' });
    expect(paged.map(keys)).toEqual([['logs/c.json', 'logs/d/1'], ['logs/d/2', 'logs/e.json']]);
    const second = await list({ Prefix: 'logs/', StartAfter: 'logs/b/1', ContinuationToken: paged[0]!.NextContinuationToken });
    expect(keys(second)).toEqual(['logs/d/2', 'logs/e.json']);
    expect(second.StartAfter).toBeUndefined();
  });

  test('keys come in UTF-8 binary order (not UTF-16 order), across pages', async () => {
    const unicode = ['uni/～', 'uni/😀', 'uni/é', 'uni/z', 'uni/B', 'uni/a'];
    for (const key of unicode) await s3.putObject(BUCKET, key, key);
    const expected = ['uni/B', 'uni/a', 'uni/z', 'uni/é', 'uni/～', 'uni/😀'];
    // JavaScript's default sort (UTF-16 code units) puts the emoji (a surrogate pair) before U+FF5E; S3 does not.
    expect([...unicode].sort()).not.toEqual(expected);
    expect(keys(await list({ Prefix: 'uni/' }))).toEqual(expected);
    s3.pageSize = 2;
    expect((await pages({ Prefix: 'uni/' })).flatMap(keys)).toEqual(expected);
  });

  test('encoding-type=url encodes keys, prefixes and common prefixes as S3 does', async () => {
    for (const key of ['enc/a b.txt', 'enc/a+b.txt', 'enc/100%.csv', 'enc/한글/x.txt']) await s3.putObject(BUCKET, key, key);
    const page = await list({ Prefix: 'enc/', Delimiter: '/', EncodingType: 'url' });
    expect(s3.requests.at(-1)!.query).toContain('encoding-type=url');
    expect(page.EncodingType).toBe('url');
    expect(keys(page)).toEqual(['enc/100%25.csv', 'enc/a+b.txt', 'enc/a%2Bb.txt']);
    expect(prefixes(page)).toEqual(['enc/%ED%95%9C%EA%B8%80/']);
    // Without it, keys are sent as they are.
    expect(keys(await list({ Prefix: 'enc/', Delimiter: '/' }))).toEqual(['enc/100%.csv', 'enc/a b.txt', 'enc/a+b.txt']);
  });

  test('a continuation token the server did not issue is 400 InvalidArgument; a missing bucket is NoSuchBucket', async () => {
    expect(await errorOf(list({ ContinuationToken: 'not a token!' }))).toEqual({ name: 'InvalidArgument', status: 400 });
    expect(await errorOf(list({}, 'no-such-bucket'))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('GetObject and HeadObject', () => {
  const get = (input: { Range?: string; IfMatch?: string; IfNoneMatch?: string }, key = 'bytes/100.bin') =>
    client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ...input }));
  const read = async (input: { Range?: string; IfMatch?: string }) => {
    const response = await get(input);
    return {
      status: response.$metadata.httpStatusCode,
      range: response.ContentRange,
      length: response.ContentLength,
      body: Buffer.from(await response.Body!.transformToByteArray())
    };
  };
  const md5 = `"${createHash('md5').update(BODY).digest('hex')}"`;

  test('ranges bytes=N-, bytes=N-M and bytes=-N answer 206 with Content-Range; past the end is 416 InvalidRange', async () => {
    expect(await read({})).toEqual({ status: 200, range: undefined, length: 100, body: BODY });
    expect(await read({ Range: 'bytes=10-' })).toEqual({ status: 206, range: 'bytes 10-99/100', length: 90, body: BODY.subarray(10) });
    expect(await read({ Range: 'bytes=10-19' })).toEqual({ status: 206, range: 'bytes 10-19/100', length: 10, body: BODY.subarray(10, 20) });
    expect(await read({ Range: 'bytes=99-99' })).toEqual({ status: 206, range: 'bytes 99-99/100', length: 1, body: BODY.subarray(99) });
    expect(await read({ Range: 'bytes=90-200' })).toEqual({ status: 206, range: 'bytes 90-99/100', length: 10, body: BODY.subarray(90) });
    expect(await read({ Range: 'bytes=-5' })).toEqual({ status: 206, range: 'bytes 95-99/100', length: 5, body: BODY.subarray(95) });
    expect(await errorOf(get({ Range: 'bytes=100-' }))).toEqual({ name: 'InvalidRange', status: 416 });
    // A range S3 cannot parse is ignored: the whole object, 200.
    expect(await read({ Range: 'bytes=20-10' })).toEqual({ status: 200, range: undefined, length: 100, body: BODY });
  });

  test('the ETag is the quoted MD5; If-Match another ETag is 412 PreconditionFailed; If-None-Match the ETag is 304', async () => {
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bytes/100.bin' }));
    expect(head).toMatchObject({ ETag: md5, ContentLength: 100, AcceptRanges: 'bytes' });
    expect(s3.etag(BUCKET, 'bytes/100.bin')).toBe(md5);
    expect(await read({ Range: 'bytes=50-', IfMatch: md5 })).toMatchObject({ status: 206, body: BODY.subarray(50) });
    expect(await errorOf(get({ Range: 'bytes=50-', IfMatch: '"0123456789abcdef0123456789abcdef"' }))).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect((await errorOf(get({ IfNoneMatch: md5 }))).status).toBe(304);
  });

  test('a missing key is NoSuchKey on GET and a bare 404 on HEAD; a missing bucket is NoSuchBucket', async () => {
    expect(await errorOf(get({}, 'bytes/missing'))).toEqual({ name: 'NoSuchKey', status: 404 });
    expect(await errorOf(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bytes/missing' })))).toEqual({ name: 'NotFound', status: 404 });
    expect(await errorOf(client.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('bucket regions', () => {
  test('a request signed for another region than the bucket is 301 PermanentRedirect with x-amz-bucket-region, as S3 answers', async () => {
    await s3.createBucket('far-away', { region: 'ap-southeast-2' });
    await s3.putObject('far-away', 'k', 'v');
    const before = s3.redirects();
    const error = await client.send(new GetObjectCommand({ Bucket: 'far-away', Key: 'k' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 } });
    expect((error as { $response?: { headers: Record<string, string> } }).$response?.headers['x-amz-bucket-region']).toBe('ap-southeast-2');
    const head = await client.send(new HeadBucketCommand({ Bucket: 'far-away' })).catch((e: unknown) => e);
    expect(head).toMatchObject({ $metadata: { httpStatusCode: 301 } });
    expect(s3.redirects()).toBe(before + 2);
    const there = new S3Client({ endpoint: s3.endpoint, region: 'ap-southeast-2', forcePathStyle: true, credentials: s3.credentials, maxAttempts: 1 });
    try {
      const object = await there.send(new GetObjectCommand({ Bucket: 'far-away', Key: 'k' }));
      expect(await object.Body!.transformToString()).toBe('v');
      expect((await there.send(new HeadBucketCommand({ Bucket: 'far-away' }))).BucketRegion).toBe('ap-southeast-2');
    } finally {
      there.destroy();
    }
  });
});

describe('buckets, uploads, faults and latency', () => {
  test('CreateBucket, HeadBucket and PutObject through the SDK (plain and aws-chunked bodies) store what GetObject returns', async () => {
    // The SDK's default checksum behaviour: a CRC32 header for a buffer, an aws-chunked body with a trailer for a stream.
    const sdk = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
    try {
      expect(await errorOf(sdk.send(new HeadBucketCommand({ Bucket: 'made-by-sdk' })))).toEqual({ name: 'NotFound', status: 404 });
      await sdk.send(new CreateBucketCommand({ Bucket: 'made-by-sdk' }));
      expect((await sdk.send(new HeadBucketCommand({ Bucket: 'made-by-sdk' }))).$metadata.httpStatusCode).toBe(200);
      const put = await sdk.send(new PutObjectCommand({ Bucket: 'made-by-sdk', Key: 'dir/plain.bin', Body: BODY }));
      expect(put.ETag).toBe(md5Of(BODY));
      const big = Buffer.alloc(200_000, 'x');
      await sdk.send(new PutObjectCommand({ Bucket: 'made-by-sdk', Key: 'dir/streamed.bin', Body: Readable.from([big.subarray(0, 70_000), big.subarray(70_000)]), ContentLength: big.length }));
      const streamedPut = s3.requests.find((r) => r.kind === 'put' && r.key === 'dir/streamed.bin')!;
      expect(streamedPut.headers['content-encoding']).toContain('aws-chunked');
      for (const [key, body] of [['dir/plain.bin', BODY], ['dir/streamed.bin', big]] as const) {
        const got = await sdk.send(new GetObjectCommand({ Bucket: 'made-by-sdk', Key: key }));
        expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
        expect(got.ETag).toBe(md5Of(body));
      }
      expect(keys(await sdk.send(new ListObjectsV2Command({ Bucket: 'made-by-sdk' })))).toEqual(['dir/plain.bin', 'dir/streamed.bin']);
    } finally {
      sdk.destroy();
    }
  });

  test('latencyMs delays every request; a fault N times is followed by normal answers', async () => {
    s3.latencyMs = 150;
    const started = performance.now();
    await list({ Prefix: 'logs/' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    s3.latencyMs = 0;
    const rule = s3.fail({ kind: 'list', prefix: 'logs/' }, { status: 503 }, 2);
    expect(await errorOf(list({ Prefix: 'logs/' }))).toEqual({ name: 'SlowDown', status: 503 });
    const retrying = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials, maxAttempts: 3 });
    try {
      const page = await retrying.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'logs/' }));
      expect(page.$metadata.attempts).toBe(2);
      expect(rule.hits).toBe(2);
      expect(keys(await list({ Prefix: 'other/' }))).toEqual(['other/x']);
    } finally {
      retrying.destroy();
    }
  });
});

function md5Of(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}
