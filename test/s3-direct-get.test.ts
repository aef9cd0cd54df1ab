/**
 * GetObject requests sent without the SDK's middleware once the SDK has sent one (src/sources/s3-direct-get.ts),
 * against the loopback S3 server checking every signature as S3 does (verifySignatures): keys with every kind of
 * character, session credentials, a bucket in another region, and each way a direct request can fail, which must
 * end as the SDK's request would have.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3Source, type S3SourceOptions } from '../src/sources/s3.js';
import { DirectGets } from '../src/sources/s3-direct-get.js';
import { encodeKey, getWholeObject } from '../src/sources/direct-get.js';
import { signGet, signingTemplate } from '../src/sources/sigv4.js';
import { asObject } from './helpers/source-items.js';
import { startS3Server, type RecordedRequest, type S3TestServer } from './helpers/s3-server.js';

const BUCKET = 'direct-gets';
/** Keys with the characters a path encoder gets wrong: spaces, '+', '%', RFC 3986 sub-delimiters, non-ASCII, '//'. */
const KEYS = [
  'flat/a-plain.json.gz',
  'flat/b with space.json.gz',
  'flat/c+plus.json.gz',
  'flat/d%41percent.json.gz',
  "flat/e!'()*sub-delims.json.gz",
  'flat/f-unicode-é-日本.json.gz',
  'flat/g~tilde=equals&amp.json.gz',
  'flat/h#hash?question.json.gz',
  'flat/i:colon;semi@at,comma$dollar.json.gz',
  'flat/j//double-slash.json.gz'
];
const bodyOf = (key: string): Buffer => gzipSync(JSON.stringify({ Records: [{ eventSource: 'sts.amazonaws.com', key }] }));

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** 'sdk' for a GET the SDK sent (it adds an invocation id), 'direct' for the others. */
const sender = (r: RecordedRequest): 'sdk' | 'direct' => (r.headers['amz-sdk-invocation-id'] !== undefined ? 'sdk' : 'direct');
const gets = (s3: S3TestServer): RecordedRequest[] => s3.requests.filter((r) => r.kind === 'get');

describe('direct GETs, signed as the SDK signs them', () => {
  let s3: S3TestServer;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET], pageSize: 4, verifySignatures: true });
    for (const key of KEYS) await s3.putObject(BUCKET, key, bodyOf(key));
    await s3.createBucket('elsewhere', { region: 'eu-west-1' });
    for (const key of KEYS) await s3.putObject('elsewhere', key, bodyOf(key));
  });
  afterAll(async () => {
    await s3.close();
  });
  beforeEach(() => {
    s3.resetRequests();
    s3.clearFaults();
  });

  const source = (options: Partial<S3SourceOptions> = {}, bucket = BUCKET, prefix = 'flat/') =>
    new S3Source(`s3://${bucket}/${prefix}`, {}, {
      endpoint: s3.endpoint,
      region: 'us-east-1',
      clientConfig: { credentials: s3.credentials },
      warn: () => undefined,
      ...options
    });

  /** Every object of `s`, one after another (so the order of requests is known), by key. */
  async function readEvery(s: S3Source): Promise<Map<string, Buffer | Error>> {
    const read = new Map<string, Buffer | Error>();
    for await (const item of s.objects()) {
      const object = asObject(item);
      const key = object.name.replace(/^s3:\/\/[^/]+\//, '');
      read.set(key, await object.open().then(readAll, (error: Error) => error));
    }
    return read;
  }

  test('the oracle: the SDK’s own requests verify, and a request signed with another secret does not', async () => {
    const read = await readEvery(source());
    expect(read.size).toBe(KEYS.length);
    // Listings with a delimiter, and pages after the first (10 keys, pages of 4): queries to canonicalise.
    expect(s3.requests.some((r) => r.kind === 'list' && r.query.includes('delimiter='))).toBe(true);
    expect(s3.requests.some((r) => r.kind === 'list' && r.query.includes('continuation-token='))).toBe(true);
    expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));

    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const scope = `${date.slice(0, 8)}/us-east-1/s3/aws4_request`;
    const payload = createHash('sha256').update('').digest('hex');
    const canonical = ['GET', `/${BUCKET}/flat/a-plain.json.gz`, '', `host:127.0.0.1:${s3.port}\nx-amz-content-sha256:${payload}\nx-amz-date:${date}\n`, 'host;x-amz-content-sha256;x-amz-date', payload].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const sign = (secret: string) => {
      let key = createHmac('sha256', `AWS4${secret}`).update(date.slice(0, 8)).digest();
      for (const part of ['us-east-1', 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
      return createHmac('sha256', key).update(toSign).digest('hex');
    };
    const status = (secret: string) =>
      new Promise<number>((resolve, reject) => {
        const headers = {
          'x-amz-content-sha256': payload,
          'x-amz-date': date,
          authorization: `AWS4-HMAC-SHA256 Credential=${s3.credentials.accessKeyId}/${scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${sign(secret)}`
        };
        http.get(`${s3.endpoint}/${BUCKET}/flat/a-plain.json.gz`, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    expect(await status(s3.credentials.secretAccessKey)).toBe(200);
    expect(await status('another-secret')).toBe(403);
    expect(s3.requests.slice(-2).map((r) => r.signature)).toEqual(['valid', 'invalid']);
  });

  test('after the first listing, every object is read with a direct GET that S3 accepts, whatever its key', async () => {
    const s = source();
    const read = await readEvery(s);
    expect([...read.keys()].sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    const sent = gets(s3);
    // With static credentials, a region and a plain endpoint, the shape is built before the SDK loads (on trial until
    // S3 answers it): no listing and no GET went through the SDK.
    expect(sent.map(sender)).toEqual(KEYS.map(() => 'direct'));
    const lists = s3.requests.filter((r) => r.kind === 'list').map(sender);
    expect(lists.length).toBeGreaterThan(4);
    expect(lists).toEqual(lists.map(() => 'direct'));
    expect(sent.map((r) => r.signature)).toEqual(sent.map(() => 'valid'));
    // The same user agent as the SDK's requests, so S3 access logs and CloudTrail data events show the tool.
    expect(new Set(sent.map((r) => r.headers['user-agent']))).toEqual(new Set([sent[0]!.headers['user-agent']]));
    expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, bytesRead: KEYS.reduce((n, k) => n + bodyOf(k).length, 0), retries: 0, resumes: 0 });
  });

  test('before the SDK loads: with static credentials, a region and a plain endpoint, every request is direct and names the tool', async () => {
    const env = { AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey, AWS_SESSION_TOKEN: 'env/token+odd=chars' };
    const s = source({ clientConfig: {}, env });
    const read = await readEvery(s);
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    expect(s3.requests.map(sender)).toEqual(s3.requests.map(() => 'direct'));
    for (const r of s3.requests) {
      expect(r.signature).toBe('valid');
      expect(r.headers['user-agent']).toMatch(/^bedrock-denied-scan\/\d+\.\d+\.\d+ lang\/js md\/nodejs#/);
      expect(r.headers['x-amz-security-token']).toBe('env/token+odd=chars');
    }
    expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: 0 });
  });

  test.each([
    ['credentials from a provider (the SDK resolves them)', (): Partial<S3SourceOptions> => ({ clientConfig: { credentials: async () => ({ ...s3.credentials }) } })],
    ['no region known without the SDK', (): Partial<S3SourceOptions> => ({ region: '', clientConfig: { credentials: s3.credentials, region: async () => 'us-east-1' }, env: {} })]
  ])('without what that needs (%s), the SDK sends the first listing', async (_name, options) => {
    const read = await readEvery(source(options()));
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    expect(sender(s3.requests[0]!)).toBe('sdk');
    expect(s3.requests.filter((r) => /^bedrock-denied-scan\//.test(String(r.headers['user-agent'])))).toEqual([]);
  });

  test('session credentials: the token is sent and signed', async () => {
    const credentials = { ...s3.credentials, sessionToken: 'session/token+with=odd chars' };
    const read = await readEvery(source({ clientConfig: { credentials } }));
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    const sent = gets(s3);
    expect(sent.filter((r) => sender(r) === 'direct')).toHaveLength(KEYS.length);
    for (const r of sent) {
      expect(r.signature).toBe('valid');
      expect(r.headers['x-amz-security-token']).toBe(credentials.sessionToken);
      expect(String(r.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
    }
  });

  test('a bucket in another region: direct GETs are signed for the region the SDK was redirected to', async () => {
    const read = await readEvery(source({}, 'elsewhere'));
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    const direct = gets(s3).filter((r) => sender(r) === 'direct');
    // The first listing was redirected: the shape comes from the listing S3 answered, in eu-west-1.
    expect(direct).toHaveLength(KEYS.length);
    for (const r of direct) {
      expect(r.signature).toBe('valid');
      expect(String(r.headers.authorization)).toContain('/eu-west-1/s3/aws4_request');
    }
  });

  test('a direct GET answered 500: read through the SDK instead (one retry), which teaches the shape again', async () => {
    s3.fail({ kind: 'get', key: KEYS[2] }, { status: 500 }, 1);
    const s = source();
    const read = await readEvery(s);
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    const sent = gets(s3).map((r) => `${sender(r)} ${r.key}`);
    expect(sent.slice(0, 5)).toEqual([`direct ${KEYS[0]}`, `direct ${KEYS[1]}`, `direct ${KEYS[2]}`, `sdk ${KEYS[2]}`, `direct ${KEYS[3]}`]);
    expect(sent).toHaveLength(KEYS.length + 1);
    expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: 1 });
  });

  test('a listing’s shape that S3 refuses on the first GET: that object is read through the SDK, whose GET teaches the shape', async () => {
    // As an S3-compatible store might answer a GET it wants signed otherwise than its listings.
    s3.fail({ kind: 'get', key: KEYS[0] }, { status: 400, code: 'InvalidRequest' }, 1);
    const s = source();
    const read = await readEvery(s);
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    const sent = gets(s3).map((r) => `${sender(r)} ${r.key}`);
    expect(sent).toEqual([`direct ${KEYS[0]}`, `sdk ${KEYS[0]}`, ...KEYS.slice(1).map((k) => `direct ${k}`)]);
    expect(gets(s3).map((r) => r.signature)).toEqual(gets(s3).map(() => 'valid'));
    expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: 1 });
  });

  test('objects read at once after a direct listing: that listing confirmed the shape, so no GET waits for another', async () => {
    s3.latencyMs = 40;
    try {
      const s = source();
      const objects = [];
      for await (const item of s.objects()) objects.push(asObject(item));
      expect(s3.requests.filter((r) => r.kind === 'list').map(sender)).toEqual(s3.requests.filter((r) => r.kind === 'list').map(() => 'direct'));
      const bodies = await Promise.all(objects.map((object) => object.open().then(readAll)));
      expect(bodies).toEqual(objects.map((o) => bodyOf(o.name.replace(/^s3:\/\/[^/]+\//, ''))));
      const sent = gets(s3);
      expect(sent.map(sender)).toEqual(KEYS.map(() => 'direct'));
      // All sent before the first could be answered (40 ms of latency): none waited for a GET trying the shape.
      for (const r of sent) expect(r.at).toBeLessThan(sent[0]!.at + 35);
      expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: 0 });
    } finally {
      s3.latencyMs = 0;
    }
  });

  test('objects read at once, no listing having confirmed the shape: one GET tries it and the others wait for its answer, refused or not', async () => {
    for (const refused of [false, true]) {
      s3.resetRequests();
      s3.clearFaults();
      s3.latencyMs = 40;
      // A store that answers direct listings with something else than a listing (each a retry, then through the
      // SDK, whose listing suggests a shape again): no listing confirms a shape, which the first GET must try.
      s3.fail((r) => r.kind === 'list' && r.headers['amz-sdk-invocation-id'] === undefined, { status: 200, code: 'NotAListing' });
      if (refused) s3.fail({ kind: 'get', key: KEYS[0] }, { status: 400, code: 'InvalidRequest' }, 1);
      try {
        const s = source();
        const objects = [];
        for await (const item of s.objects()) objects.push(asObject(item));
        const bodies = await Promise.all(objects.map((object) => object.open().then(readAll)));
        expect(bodies).toEqual(objects.map((o) => bodyOf(o.name.replace(/^s3:\/\/[^/]+\//, ''))));
        const [first, ...rest] = gets(s3);
        expect(sender(first!)).toBe('direct');
        // Nothing else was sent before the first GET was answered (40 ms of latency).
        for (const r of rest) expect(r.at).toBeGreaterThanOrEqual(first!.at + 35);
        if (refused) {
          // The waiters went through the SDK (as before any shape was known); the refused object among them.
          expect(rest.filter((r) => r.key === first!.key).map(sender)).toEqual(['sdk']);
          expect(rest).toHaveLength(KEYS.length);
        } else expect(rest.map(sender)).toEqual(KEYS.slice(1).map(() => 'direct'));
        expect(rest.map((r) => r.signature)).toEqual(rest.map(() => 'valid'));
        const directListings = s3.requests.filter((r) => r.kind === 'list' && sender(r) === 'direct').length;
        expect(directListings).toBeGreaterThan(0);
        expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: directListings + (refused ? 1 : 0) });
      } finally {
        s3.latencyMs = 0;
        s3.clearFaults();
      }
    }
  });

  test('a direct GET with no answer: given up after the idle timeout, then read through the SDK', async () => {
    s3.fail({ kind: 'get', key: KEYS[3] }, { stall: 'response' }, 1);
    const s = source({ idleTimeoutMs: 300 });
    const read = await readEvery(s);
    for (const key of KEYS) expect(read.get(key)).toEqual(bodyOf(key));
    expect(gets(s3).filter((r) => r.key === KEYS[3]).map(sender)).toEqual(['direct', 'sdk']);
    expect(s.describe().details).toMatchObject({ objectsRead: KEYS.length, retries: 1 });
  });

  test('access denied on a direct GET: the object fails with the message the SDK path gives, and the rest are read', async () => {
    s3.fail({ kind: 'get', key: KEYS[4] }, { status: 403 });
    const read = await readEvery(source());
    expect((read.get(KEYS[4]) as Error).message).toBe(
      `s3://${BUCKET}/${KEYS[4]}: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::${BUCKET}/${KEYS[4]} (Access Denied)`
    );
    for (const key of KEYS.filter((k) => k !== KEYS[4])) expect(read.get(key)).toEqual(bodyOf(key));
    // The SDK does not retry a 403: one direct request, one through the SDK.
    expect(gets(s3).filter((r) => r.key === KEYS[4]).map(sender)).toEqual(['direct', 'sdk']);
  });

  /**
   * A client, its agent and its DirectGets, given to `body` and destroyed after it; `taught`: the SDK has read
   * KEYS[0] first, so the direct GET's shape is known.
   */
  async function withDirectGets(
    options: { idleTimeoutMs?: number; sessionToken?: string; taught?: boolean },
    body: (it: { client: S3Client; agent: http.Agent; direct: DirectGets }) => Promise<void>
  ): Promise<void> {
    const agent = new http.Agent({ keepAlive: true });
    const credentials = { ...s3.credentials, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) };
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials, requestHandler: { httpAgent: agent } });
    const direct = new DirectGets(client, agent, options.idleTimeoutMs ?? 5_000);
    try {
      if (options.taught !== false) await readAll((await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEYS[0] }))).Body as Readable);
      await body({ client, agent, direct });
    } finally {
      client.destroy();
      agent.destroy();
    }
  }

  test('credentials that cannot be resolved outside the SDK: direct GETs stop for good, nothing is sent, nothing counted', async () => {
    await withDirectGets({ taught: false }, async ({ client, direct }) => {
      expect(direct.ready).toBe(false);
      expect(await direct.get(KEYS[1]!)).toEqual({ failed: 'unsent' });
      await readAll((await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEYS[0] }))).Body as Readable);
      expect(direct.ready).toBe(true);
      (client.config as unknown as { credentials: () => Promise<never> }).credentials = () => Promise.reject(new Error('a provider that fails here'));
      const before = s3.requests.length;
      expect(await direct.getWhole(KEYS[2]!, 1024 * 1024)).toEqual({ failed: 'unsent' });
      expect(direct.ready).toBe(false);
      expect(await direct.plan()).toBeUndefined();
      expect(s3.requests.length).toBe(before);
    });
  });

  test('a plan survives structured cloning and reads the object over keep-alive connections of its own, as a worker thread does', async () => {
    const elsewhere = 4; // maxSockets of the worker's own pool
    await withDirectGets({ sessionToken: 'token/with+odd=chars' }, async ({ direct }) => {
      const plan = structuredClone(await direct.plan());
      expect(plan).toBeDefined();
      s3.resetRequests();
      for (const key of KEYS) expect(await getWholeObject(plan!, key, elsewhere, 1024 * 1024)).toEqual(bodyOf(key));
      expect(gets(s3).map(sender)).toEqual(KEYS.map(() => 'direct'));
      expect(gets(s3).map((r) => r.headers['x-amz-security-token'])).toEqual(KEYS.map(() => 'token/with+odd=chars'));
      expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
      // Anything but a whole 200 body is null, for the caller to read again through the SDK.
      s3.fail({ kind: 'get', key: KEYS[1] }, { status: 500 }, 1);
      s3.fail({ kind: 'get', key: KEYS[2] }, { resetAfterBytes: 10 }, 1);
      expect(await getWholeObject(plan!, KEYS[1]!, elsewhere, 1024 * 1024)).toBeNull();
      expect(await getWholeObject(plan!, KEYS[2]!, elsewhere, 1024 * 1024)).toBeNull();
      expect(await getWholeObject(plan!, KEYS[3]!, elsewhere, 10)).toBeNull();
      // A key no URL can carry (a lone surrogate): null, nothing thrown.
      expect(await getWholeObject(plan!, 'flat/\uD800lone', elsewhere, 1024 * 1024)).toBeNull();
      expect(await getWholeObject({ ...plan!, credentials: { ...plan!.credentials, secretAccessKey: 'another-secret' } }, KEYS[4]!, elsewhere, 1024 * 1024)).toBeNull();
      expect(s3.requests.at(-1)!.signature).toBe('invalid');
    });
  });

  test('a listing’s shape on trial: the first plan tries it, the next waits for the answer, at most the idle timeout', async () => {
    await withDirectGets({ taught: false, idleTimeoutMs: 200 }, async ({ client, direct }) => {
      expect(direct.ready).toBe(false);
      await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'flat/' }));
      expect(direct.ready).toBe(true);
      const trial = await direct.plan();
      expect(trial).toMatchObject({ pathPrefix: `/${BUCKET}/`, search: 'x-id=GetObject' });
      // Its outcome never reported (a worker thread that stopped): the next caller gives up waiting, for the SDK.
      const started = Date.now();
      expect(await direct.plan()).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      // Reported at last: confirmed, and every caller gets it without waiting.
      const waiting = direct.plan();
      direct.succeeded();
      expect(await waiting).toBe(trial);
      expect(await direct.plan()).toBe(trial);
      // A later failure forgets it as any learned shape, and listings teach no new trial.
      direct.forget();
      await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'flat/' }));
      expect(direct.ready).toBe(false);
    });
  });

  test('a plan carries the credentials the provider gives now: refreshed credentials and a corrected clock reach the next plan', async () => {
    await withDirectGets({}, async ({ client, direct }) => {
      const first = await direct.plan();
      expect(await direct.plan()).toBe(first);
      const config = client.config as unknown as { credentials: () => Promise<unknown>; systemClockOffset: number };
      const { accessKeyId, secretAccessKey } = s3.credentials;
      config.credentials = async () => ({ accessKeyId, secretAccessKey, sessionToken: 'refreshed' });
      expect((await direct.plan())!.credentials).toEqual({ accessKeyId, secretAccessKey, sessionToken: 'refreshed' });
      config.systemClockOffset = 120_000;
      expect((await direct.plan())!.clockOffsetMs).toBe(120_000);
    });
  });

  test('a body that stalls on a whole read is given up after the idle timeout: null, not a hang', async () => {
    await withDirectGets({ idleTimeoutMs: 300 }, async ({ direct }) => {
      const plan = (await direct.plan())!;
      s3.fail({ kind: 'get', key: KEYS[1] }, { stall: 'headers', afterBytes: 5 }, 1);
      s3.fail({ kind: 'get', key: KEYS[2] }, { stall: 'response' }, 1);
      const started = Date.now();
      expect(await getWholeObject(plan, KEYS[1]!, 4, 1024 * 1024)).toBeNull();
      expect(await getWholeObject(plan, KEYS[2]!, 4, 1024 * 1024)).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  test('a body that breaks off on a direct GET is resumed from the byte reached (through the SDK, pinned to the ETag)', async () => {
    const small = 'large/a-small.json.gz';
    const big = 'large/b-big.json.gz';
    const body = gzipSync(JSON.stringify({ Records: Array.from({ length: 3000 }, (_, i) => ({ eventSource: 'sts.amazonaws.com', i, pad: `${i}`.repeat(40) })) }), { level: 0 });
    await s3.putObject(BUCKET, small, bodyOf(small));
    await s3.putObject(BUCKET, big, body);
    s3.fail({ kind: 'get', key: big }, { resetAfterBytes: 70_000 }, 1);
    const s = source({}, BUCKET, 'large/');
    const read = await readEvery(s);
    expect(read.get(small)).toEqual(bodyOf(small));
    expect(read.get(big)).toEqual(body);
    const sent = gets(s3).filter((r) => r.key === big);
    expect(sent.map(sender)).toEqual(['direct', 'sdk']);
    expect(sent[1]!.headers.range).toBe('bytes=70000-');
    expect(sent[1]!.headers['if-match']).toBe(s3.etag(BUCKET, big));
    expect(s.describe().details).toMatchObject({ objectsRead: 2, resumes: 1, retries: 0 });
  });
});

describe('sigv4: the signature the SDK’s own signer gives, header for header', () => {
  test('every key, both regions, with and without a session token, odd header values', async () => {
    const payload = createHash('sha256').update('').digest('hex');
    const date = new Date(Date.UTC(2026, 10, 28, 23, 59, 58, 765));
    let compared = 0;
    for (const sessionToken of [undefined, 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=']) {
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', ...(sessionToken ? { sessionToken } : {}) };
      const client = new S3Client({ region: 'us-east-1', credentials });
      try {
        const config = client.config as unknown as { signer(scheme: unknown): Promise<{ sign(request: unknown, options: unknown): Promise<{ headers: Record<string, string> }> }> };
        for (const region of ['us-east-1', 'eu-west-1']) {
          const signer = await config.signer({ name: 'sigv4', signingName: 's3', signingRegion: region, properties: {} });
          for (const key of KEYS) {
            const headers = {
              host: `trail-bucket.s3.${region}.amazonaws.com`,
              'x-amz-content-sha256': payload,
              'x-amz-user-agent': 'aws-sdk-js/3.1175.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#24.11.0 api/s3#3.1175.0',
              'user-agent': 'aws-sdk-js/3.1175.0 ua/2.1',
              'x-amz-checksum-mode': 'ENABLED',
              'X-Odd-Header': '  two   inner   spaces  ',
              'proxy-authorization': 'never signed'
            };
            const path = `/${encodeKey(key)}`;
            const ours = signGet(signingTemplate(headers, { 'x-id': 'GetObject' }, region, 's3'), path, credentials, date);
            const theirs = await signer.sign(
              { method: 'GET', protocol: 'https:', hostname: headers.host, path, query: { 'x-id': 'GetObject' }, headers: { ...headers } },
              { signingDate: date, signingRegion: region, signingService: 's3' }
            );
            expect(ours.authorization).toBe(theirs.headers.authorization);
            expect(ours['x-amz-date']).toBe(theirs.headers['x-amz-date']);
            expect(ours['x-amz-security-token']).toBe(theirs.headers['x-amz-security-token']);
            compared++;
          }
        }
      } finally {
        client.destroy();
      }
    }
    expect(compared).toBe(2 * 2 * KEYS.length);
  });

  test('the signing time to the second, however the requests it signs fall: across seconds, back in time, past midnight', () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    const template = signingTemplate({ host: 'trail-bucket.s3.us-east-1.amazonaws.com', 'x-amz-content-sha256': createHash('sha256').update('').digest('hex') }, { 'x-id': 'GetObject' }, 'us-east-1', 's3');
    const at = (iso: string) => signGet(template, '/key', credentials, new Date(iso));
    const times = ['2026-11-28T23:59:58.001Z', '2026-11-28T23:59:58.999Z', '2026-11-28T23:59:59.000Z', '2026-11-28T23:59:58.500Z', '2026-11-29T00:00:00.000Z', '2026-11-28T23:59:59.999Z'];
    const signed = times.map(at);
    expect(signed.map((h) => h['x-amz-date'])).toEqual(['20261128T235958Z', '20261128T235958Z', '20261128T235959Z', '20261128T235958Z', '20261129T000000Z', '20261128T235959Z']);
    expect(signed.map((h) => /Credential=AKIDEXAMPLE\/(\d{8})\//.exec(h.authorization!)![1])).toEqual(['20261128', '20261128', '20261128', '20261128', '20261129', '20261128']);
    // The same second signs the same: the date is the only thing that varies between these requests.
    expect(signed[0]!.authorization).toBe(signed[1]!.authorization);
    expect(signed[0]!.authorization).toBe(signed[3]!.authorization);
    expect(signed[2]!.authorization).toBe(signed[5]!.authorization);
  });
});

describe('a scan worker thread reads without the SDK', () => {
  test('nothing the worker thread imports, however indirectly, is the AWS SDK', async () => {
    const { readFileSync } = await import('node:fs');
    const { dirname, resolve } = await import('node:path');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      // Type-only imports are erased; every other static or dynamic import is followed.
      const source = readFileSync(file, 'utf8').replace(/^import type [^;]+;$/gm, '');
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
        else packages.add(specifier);
      }
    };
    visit(resolve('src/parallel/worker.ts'));
    expect(seen.has(resolve('src/sources/remote.ts'))).toBe(true);
    expect([...packages].filter((name) => /^@(aws-sdk|smithy)\//.test(name))).toEqual([]);
  });
});
