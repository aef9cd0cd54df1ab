import { gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import { createSources } from '../src/sources/index.js';
import { redactUrl } from '../src/sources/https.js';
import { ConfigError } from '../src/errors.js';
import type { Source } from '../src/sources/types.js';
import { crc32, startHttpServer, type TestHttpServer } from './helpers/http-server.js';
import { asObject } from './helpers/source-items.js';

const GZIPPED = gzipSync(JSON.stringify({ Records: [{ eventName: 'InvokeModel', errorCode: 'AccessDenied' }] }));
const PLAIN = Buffer.from('{"eventName":"InvokeModel"}\n{"eventName":"Converse"}\n');

function configFor(sources: string[]): ActionConfig {
  return { sources, workspace: process.cwd(), concurrency: 4, accounts: [], regions: [] } as unknown as ActionConfig;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function only(source: Source) {
  const objects = [];
  for await (const object of source.objects()) objects.push(asObject(object));
  expect(objects).toHaveLength(1);
  return objects[0];
}

let server: TestHttpServer;
let flakyHits = 0;

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const path = (req.url ?? '').replace(/\?.*$/, '');
    if (path === '/trail.json.gz') {
      // Served as stored bytes, not as Content-Encoding: the decode layer gunzips.
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': GZIPPED.length });
      res.end(GZIPPED);
    } else if (path === '/events.ndjson') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(PLAIN);
    } else if (path === '/flaky.json.gz') {
      flakyHits++;
      if (flakyHits === 1) req.socket.destroy();
      else {
        res.writeHead(200);
        res.end(GZIPPED);
      }
    } else if (path === '/dead.json.gz') {
      req.socket.destroy();
    } else if (path === '/busy.json.gz') {
      res.writeHead(503);
      res.end('busy');
    } else if (path === '/moved.json.gz') {
      res.writeHead(302, { location: '/trail.json.gz?X-Amz-Signature=redirected' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
});

afterAll(async () => {
  await server?.close();
});

describe('HTTPS source', () => {
  test('a gzip body comes back byte for byte, named without its query', async () => {
    const [source] = await createSources(configFor([`${server.url}/trail.json.gz?X-Amz-Signature=secret&X-Amz-Credential=AKIA`]), {});
    const object = await only(source);
    expect(object.name).toBe(`${server.url}/trail.json.gz?…`);
    expect(await readAll(await object.open())).toEqual(GZIPPED);
    expect(source.describe()).toEqual({
      kind: 'https',
      location: `${server.url}/trail.json.gz?…`,
      details: { url: `${server.url}/trail.json.gz?…`, status: 200, attempts: 1, retries: 0, objectsRead: 1, bytesRead: GZIPPED.length }
    });
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('identity');
  });

  test('a plain body comes back unchanged', async () => {
    const [source] = await createSources(configFor([`${server.url}/events.ndjson`]), {});
    const object = await only(source);
    expect(object.name).toBe(`${server.url}/events.ndjson`);
    expect(await readAll(await object.open())).toEqual(PLAIN);
  });

  test('redirects are followed', async () => {
    const [source] = await createSources(configFor([`${server.url}/moved.json.gz`]), {});
    expect(await readAll(await (await only(source)).open())).toEqual(GZIPPED);
  });

  test('a 404 names the URL with its query redacted and is not retried', async () => {
    const before = server.requests.length;
    const [source] = await createSources(configFor([`${server.url}/missing.json.gz?sig=topsecret`]), {}, { httpRetryDelaysMs: [1, 1] });
    const error = await (await only(source)).open().catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${server.url}/missing.json.gz?…: HTTP 404 Not Found`);
    expect((error as Error).message).not.toContain('topsecret');
    expect(server.requests.length - before).toBe(1);
  });

  test('a dropped connection is retried, then succeeds', async () => {
    flakyHits = 0;
    const [source] = await createSources(configFor([`${server.url}/flaky.json.gz`]), {}, { httpRetryDelaysMs: [10, 10] });
    expect(await readAll(await (await only(source)).open())).toEqual(GZIPPED);
    expect(flakyHits).toBe(2);
    expect(source.describe().details).toMatchObject({ attempts: 2, retries: 1 });
  });

  test('a connection that always drops fails clearly after every attempt', async () => {
    const [source] = await createSources(configFor([`${server.url}/dead.json.gz?token=abc`]), {}, { httpRetryDelaysMs: [10, 10] });
    const error = await (await only(source)).open().catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${server.url}/dead.json.gz?…: download failed after 3 attempts: socket hang up`);
    expect(source.describe().details).toMatchObject({ attempts: 3, retries: 2, objectsRead: 0 });
  });

  test('a 503 is retried and then reported', async () => {
    const [source] = await createSources(configFor([`${server.url}/busy.json.gz`]), {}, { httpRetryDelaysMs: [5] });
    const error = await (await only(source)).open().catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${server.url}/busy.json.gz: download failed after 2 attempts: HTTP 503 Service Unavailable`);
  });

  test('plain http:// to a non-loopback host is refused as insecure', async () => {
    await expect(createSources(configFor(['http://example.com/logs.json.gz?sig=1']), {})).rejects.toThrow(ConfigError);
    await expect(createSources(configFor(['http://example.com/logs.json.gz?sig=1']), {})).rejects.toThrow(
      "Input 'source': 'http://example.com/logs.json.gz?…' uses plain http://, which is insecure; use https://"
    );
    await expect(createSources(configFor(['ftp://example.com/x']), {})).rejects.toThrow(
      "Input 'source': unsupported scheme in 'ftp://example.com/x'; use a path, s3://, https:// or artifact:NAME"
    );
  });

  test('redactUrl drops the query and any user info', () => {
    expect(redactUrl('https://user:pw@host.example/a/b.json?X-Amz-Signature=1#frag')).toBe('https://host.example/a/b.json?…');
    expect(redactUrl('https://host.example/a')).toBe('https://host.example/a');
  });

  test('crc32 helper matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

/** Bytes that do not compress or repeat: a body cut short of its declared length. */
const BROKEN = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24));

describe('HTTPS source that stalls', () => {
  let stalling: TestHttpServer;
  beforeAll(async () => {
    stalling = await startHttpServer((req, res) => {
      if ((req.url ?? '').startsWith('/broken-body.bin')) {
        // 200 KB sent in pieces, then the connection is cut short of the declared length.
        res.writeHead(200, { 'content-length': BROKEN.length + 1000 });
        let at = 0;
        const next = (): void => {
          if (at >= BROKEN.length) {
            res.socket?.destroy();
            return;
          }
          res.write(BROKEN.subarray(at, (at += 16_384)), next);
        };
        next();
        return;
      }
      if ((req.url ?? '').startsWith('/stalled-body.json.gz')) {
        res.writeHead(200, { 'content-length': GZIPPED.length });
        res.write(GZIPPED.subarray(0, 10)); // then nothing
      }
      // '/silent.json.gz': never answers
    });
  });
  afterAll(async () => {
    await stalling?.close();
  });

  test('a body that stops after its headers fails with a named error after the idle timeout', async () => {
    const [source] = await createSources(configFor([`${stalling.url}/stalled-body.json.gz?sig=x`]), {}, { idleTimeoutMs: 300, httpRetryDelaysMs: [1] });
    const error = await readAll(await (await only(source)).open()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${stalling.url}/stalled-body.json.gz?…: the download broke off after 10 bytes: no data for 300 ms`);
  }, 20_000);

  test('a body that breaks off reaches even a slow reader up to the byte its error names: nothing read ahead is dropped', async () => {
    const [source] = await createSources(configFor([`${stalling.url}/broken-body.bin`]), {}, { idleTimeoutMs: 5000, httpRetryDelaysMs: [1] });
    const received: Buffer[] = [];
    const error = await (async () => {
      for await (const chunk of await (await only(source)).open()) {
        received.push(chunk as Buffer);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })().catch((e: unknown) => e);
    // Every byte the source received (the count its error gives) reached the reader, in order. (What Node's HTTP
    // client still held when the connection closed is not the source's to give.)
    const reached = Number(/the download broke off after (\d+) bytes/.exec((error as Error).message)?.[1]);
    expect(reached).toBeGreaterThan(0);
    expect(Buffer.concat(received).equals(BROKEN.subarray(0, reached))).toBe(true);
    expect(source.describe().details).toMatchObject({ bytesRead: reached });
  }, 20_000);

  test('a server that never answers is retried, then fails after every attempt', async () => {
    const [source] = await createSources(configFor([`${stalling.url}/silent.json.gz`]), {}, { idleTimeoutMs: 300, httpRetryDelaysMs: [1] });
    const error = await (await only(source)).open().catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${stalling.url}/silent.json.gz: download failed after 2 attempts: no data for 300 ms`);
    expect(stalling.requests.filter((r) => r.url === '/silent.json.gz')).toHaveLength(2);
  }, 20_000);

  test('the idle timeout comes from BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS, and a bad value is a ConfigError', async () => {
    const [source] = await createSources(configFor([`${stalling.url}/stalled-body.json.gz`]), {}, { env: { BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '250' } });
    const error = await readAll(await (await only(source)).open()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${stalling.url}/stalled-body.json.gz: the download broke off after 10 bytes: no data for 250 ms`);
    await expect(createSources(configFor([`${stalling.url}/x`]), {}, { env: { BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '5s' } })).rejects.toThrow(
      new ConfigError("BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '5s' is not a positive number of milliseconds")
    );
  }, 20_000);

  test('objects are identified by their full URL (hashed), so distinct queries are never merged', async () => {
    const identity = async (url: string) => (await only((await createSources(configFor([url]), {}))[0])).identity;
    const a = await identity(`${server.url}/download?id=1&X-Amz-Signature=s1`);
    const b = await identity(`${server.url}/download?id=2&X-Amz-Signature=s1`);
    expect(a).toMatch(/^url-sha256:[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(await identity(`${server.url}/download?id=1&X-Amz-Signature=s1`)).toBe(a);
  });
});
