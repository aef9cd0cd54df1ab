/**
 * The HTTPS and S3 sources behind a proxy: real clients (node https, the AWS SDK) through a real loopback CONNECT
 * proxy. Servers are addressed by made-up host names that never resolve (`files.test`, `s3.test`): only the proxy
 * knows where they are, so a request that bypassed it fails with ENOTFOUND.
 */
import { gzipSync } from 'node:zlib';
import * as net from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { HttpsSource } from '../src/sources/https.js';
import { S3Source } from '../src/sources/s3.js';
import { ConfigError } from '../src/errors.js';
import { proxyFor, proxyNote, redactProxy } from '../src/proxy.js';
import { createTestCertificate, startConnectProxy, type ConnectProxy, type TestCertificate } from './helpers/connect-proxy.js';
import { startHttpServer, type TestHttpServer } from './helpers/http-server.js';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';
import { asObject } from './helpers/source-items.js';

const RECORDS = { Records: [{ eventName: 'InvokeModel', errorCode: 'AccessDenied' }] };
const GZIPPED = gzipSync(JSON.stringify(RECORDS));
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function download(source: HttpsSource): Promise<Buffer> {
  for await (const item of source.objects()) return readAll(await asObject(item).open());
  throw new Error('no object');
}

let cert: TestCertificate;
let files: TestHttpServer;
let proxy: ConnectProxy;
let flaky = 0;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const name of PROXY_VARS) saved[name] = process.env[name];
  cert = createTestCertificate(['files.test', 'mirror.test']);
  files = await startHttpServer((req, res) => {
    const path = (req.url ?? '').replace(/\?.*$/, '');
    if (path === '/trail.json.gz') {
      res.writeHead(200, { 'content-length': GZIPPED.length });
      res.end(GZIPPED);
    } else if (path === '/moved') {
      res.writeHead(302, { location: 'https://mirror.test/trail.json.gz' });
      res.end();
    } else if (path === '/flaky.json.gz') {
      flaky++;
      res.writeHead(flaky === 1 ? 503 : 200);
      res.end(flaky === 1 ? 'busy' : GZIPPED);
    } else if (path === '/stall.json.gz') {
      res.writeHead(200, { 'content-length': 1000 });
      res.write(GZIPPED.subarray(0, 10));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const port = Number(new URL(files.url).port);
  proxy = await startConnectProxy({
    routes: { 'files.test': { port, tls: cert }, 'mirror.test': { port, tls: cert } }
  });
});

afterAll(async () => {
  await proxy.close();
  await files.close();
  cert.remove();
});

beforeEach(() => {
  for (const name of PROXY_VARS) delete process.env[name];
  process.env.HTTPS_PROXY = proxy.url;
  proxy.reset();
  proxy.refuseWith(undefined);
});

afterEach(() => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const source = (url: string, options: ConstructorParameters<typeof HttpsSource>[1] = {}) =>
  new HttpsSource(url, { ca: cert.cert, retryDelaysMs: [5, 5], timeoutMs: 5000, ...options });

describe('which proxy, as @actions/http-client decides', () => {
  test('HTTPS_PROXY for https://, HTTP_PROXY for http://, lower case first; NO_PROXY and loopback bypass it', () => {
    process.env.HTTP_PROXY = 'http://plain.proxy:3128';
    expect(proxyFor('https://files.test/a')?.href).toBe(`${proxy.url}/`);
    expect(proxyFor('http://s3.test:9000/')?.host).toBe('plain.proxy:3128');
    process.env.https_proxy = 'http://lower.proxy:8080';
    expect(proxyFor('https://files.test/a')?.host).toBe('lower.proxy:8080');
    process.env.NO_PROXY = 'internal.corp, .amazonaws.com';
    expect(proxyFor('https://org-trail.s3.us-east-1.amazonaws.com/')).toBeUndefined();
    expect(proxyFor('https://git.internal.corp/')).toBeUndefined();
    expect(proxyFor('https://localhost:8443/')).toBeUndefined();
    expect(proxyFor('https://127.0.0.1:8443/')).toBeUndefined();
    expect(proxyNote('https://git.internal.corp/x')).toBe(' (not through the proxy: NO_PROXY matches git.internal.corp)');
  });

  test('credentials in the proxy URL are redacted in messages', () => {
    expect(redactProxy(new URL('http://alice:s3cr%40t@proxy.corp:3128/'))).toBe('http://***@proxy.corp:3128');
    expect(redactProxy(new URL('http://proxy.corp:3128'))).toBe('http://proxy.corp:3128');
  });
});

describe('HTTPS source through the proxy', () => {
  test('tunnels with CONNECT files.test:443 and downloads the file', async () => {
    const s = source('https://files.test/trail.json.gz?X-Amz-Signature=secret');
    expect(await download(s)).toEqual(GZIPPED);
    expect(proxy.targets).toEqual(['files.test:443']);
    expect(proxy.absoluteRequests).toEqual([]);
    expect(s.describe().details).toMatchObject({ status: 200, attempts: 1, proxy: proxy.url });
    // The loopback server behind the tunnel got the request for the path, query included.
    expect(files.requests.at(-1)!.url).toBe('/trail.json.gz?X-Amz-Signature=secret');
  });

  test('a redirect to another host is tunnelled too', async () => {
    expect(await download(source('https://files.test/moved'))).toEqual(GZIPPED);
    expect(proxy.targets).toEqual(['files.test:443', 'mirror.test:443']);
  });

  test('a 503 is retried through the proxy', async () => {
    flaky = 0;
    const s = source('https://files.test/flaky.json.gz');
    expect(await download(s)).toEqual(GZIPPED);
    expect(s.describe().details).toMatchObject({ attempts: 2, retries: 1 });
    expect(proxy.targets).toEqual(['files.test:443', 'files.test:443']);
  });

  test('the idle timeout still fails a stalled body, and the error says the proxy was used', async () => {
    const s = source('https://files.test/stall.json.gz', { timeoutMs: 300 });
    await expect(download(s)).rejects.toThrow(
      `https://files.test/stall.json.gz: the download broke off after 10 bytes: no data for 300 ms (through proxy ${proxy.url})`
    );
  });

  test('a proxy that accepts the connection and never answers the CONNECT times out', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`;
    try {
      await expect(download(source('https://files.test/trail.json.gz', { timeoutMs: 300 }))).rejects.toThrow(
        `https://files.test/trail.json.gz: download failed after 3 attempts: the proxy http://127.0.0.1:${port} did not answer the CONNECT to files.test:443 within 300 ms`
      );
    } finally {
      silent.close();
    }
  });

  test('NO_PROXY bypasses the proxy: the made-up host then fails DNS, and the error says why no proxy was used', async () => {
    process.env.NO_PROXY = 'example.org,files.test';
    const s = source('https://files.test/trail.json.gz');
    await expect(download(s)).rejects.toThrow(
      /^https:\/\/files\.test\/trail\.json\.gz: download failed after 3 attempts: getaddrinfo (ENOTFOUND|EAI_AGAIN) files\.test \(not through the proxy: NO_PROXY matches files\.test\)$/
    );
    expect(proxy.connects).toEqual([]);
  });

  test('loopback URLs never go through the proxy', async () => {
    const s = new HttpsSource(`${files.url.replace('127.0.0.1', 'localhost')}/trail.json.gz`, { retryDelaysMs: [] });
    expect(await download(s)).toEqual(GZIPPED);
    expect(proxy.connects).toEqual([]);
  });

  test('407 from the proxy: one attempt, an error naming the proxy and the status', async () => {
    proxy.refuseWith(407);
    const s = source('https://files.test/trail.json.gz?sig=1');
    await expect(download(s)).rejects.toThrow(
      `https://files.test/trail.json.gz?…: the proxy ${proxy.url} refused to tunnel to files.test:443: HTTP 407 Proxy Authentication Required ` +
        '(the proxy wants credentials: put them in the proxy URL (http://user:password@host:port, percent-encoded))'
    );
    expect(s.describe().details).toMatchObject({ attempts: 1, retries: 0 });
    expect(proxy.connects).toEqual([{ target: 'files.test:443', proxyAuthorization: undefined, status: 407 }]);
  });

  test('403 from the proxy names the destination as not allowed', async () => {
    proxy.refuseWith(403);
    await expect(download(source('https://files.test/trail.json.gz'))).rejects.toThrow(
      `the proxy ${proxy.url} refused to tunnel to files.test:443: HTTP 403 Forbidden (the proxy does not allow this destination`
    );
    expect(proxy.connects).toHaveLength(1);
  });

  test('502 from the proxy is retried, then named', async () => {
    proxy.refuseWith(502);
    const s = source('https://files.test/trail.json.gz');
    await expect(download(s)).rejects.toThrow(
      `https://files.test/trail.json.gz: download failed after 3 attempts: the proxy ${proxy.url} refused to tunnel to files.test:443: HTTP 502 Bad Gateway (the proxy could not reach the destination)`
    );
    expect(proxy.connects).toHaveLength(3);
  });

  test('credentials in HTTPS_PROXY are sent as Proxy-Authorization (percent-decoded) and never shown', async () => {
    const authed = await startConnectProxy({ routes: { 'files.test': { port: Number(new URL(files.url).port), tls: cert } }, requireAuth: 'alice:p@ss word' });
    try {
      process.env.HTTPS_PROXY = `http://alice:p%40ss%20word@127.0.0.1:${authed.port}`;
      expect(await download(source('https://files.test/trail.json.gz'))).toEqual(GZIPPED);
      expect(authed.connects[0]).toEqual({ target: 'files.test:443', proxyAuthorization: `Basic ${Buffer.from('alice:p@ss word').toString('base64')}`, status: 200 });

      process.env.HTTPS_PROXY = `http://alice:wrong@127.0.0.1:${authed.port}`;
      const failure = download(source('https://files.test/trail.json.gz'));
      await expect(failure).rejects.toThrow(`the proxy http://***@127.0.0.1:${authed.port} refused to tunnel to files.test:443: HTTP 407`);
      await expect(failure).rejects.not.toThrow(/wrong/);
    } finally {
      await authed.close();
    }
  });
});

describe('S3 source through the proxy (real SDK)', () => {
  let s3: S3TestServer;
  const BUCKET = 'proxied-trail';
  const keys = Array.from({ length: 7 }, (_, i) => `logs/file-${i}.json.gz`);

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET], pageSize: 3 });
    for (const key of keys) await s3.putObject(BUCKET, key, GZIPPED);
  });
  afterAll(async () => {
    await s3.close();
  });
  beforeEach(() => {
    proxy.route('s3.test', { port: s3.port });
    process.env.HTTP_PROXY = proxy.url;
    s3.resetRequests();
  });

  const s3Source = (options: Partial<ConstructorParameters<typeof S3Source>[2]> = {}) =>
    new S3Source(`s3://${BUCKET}/logs/`, {}, {
      endpoint: `http://s3.test:${s3.port}`,
      region: 'us-east-1',
      clientConfig: { credentials: s3.credentials },
      warn: () => undefined,
      ...options
    });

  test('lists and reads every object through CONNECT tunnels that are kept alive', async () => {
    const source = s3Source();
    const bodies: Buffer[] = [];
    for await (const item of source.objects()) bodies.push(await readAll(await asObject(item).open()));
    expect(bodies).toHaveLength(keys.length);
    for (const body of bodies) expect(body).toEqual(GZIPPED);
    expect(s3.objectGets().sort()).toEqual(keys.map((k) => `${BUCKET}/${k}`).sort());
    // Every request went through the proxy, as a tunnel to s3.test (HTTP_PROXY, for the http:// endpoint).
    expect(proxy.hosts).toEqual(['s3.test']);
    expect(new Set(proxy.targets)).toEqual(new Set([`s3.test:${s3.port}`]));
    expect(proxy.absoluteRequests).toEqual([]);
    // The listings and 7 GETs went over fewer tunnels: idle tunnels are reused (keep-alive).
    expect(s3.requests.length).toBeGreaterThanOrEqual(10);
    expect(proxy.connects.length).toBeLessThan(s3.requests.length / 2);
    expect(source.describe().details).toMatchObject({ objectsRead: 7, retries: 0, proxy: proxy.url });
    // GETs are sent without the SDK's middleware (s3-direct-get.ts, in the shape the first listing taught): small
    // objects over keep-alive connections of their own (keep-alive-gets.ts), through tunnels too (s3.test resolves
    // only through the proxy).
    expect(s3.requests.filter((r) => r.kind === 'get' && r.headers['amz-sdk-invocation-id'] === undefined)).toHaveLength(7);
  });

  test('a proxy answering 407 stops the source with an error naming the proxy and the status', async () => {
    proxy.refuseWith(407, ['s3.test']);
    const source = s3Source();
    const run = async () => {
      for await (const item of source.objects()) void item;
    };
    await expect(run()).rejects.toThrow(ConfigError);
    await expect(run()).rejects.toThrow(
      `s3://${BUCKET}/logs/: the proxy ${proxy.url} refused to tunnel to s3.test:${s3.port}: HTTP 407 Proxy Authentication Required`
    );
    expect(s3.requests).toEqual([]);
  });

  test('an object read failing in the tunnel says the proxy was used', async () => {
    const source = s3Source({ idleTimeoutMs: 400, maxResumes: 0 });
    const first = [];
    for await (const item of source.objects()) first.push(asObject(item));
    s3.fail({ kind: 'get' }, { stall: 'response' });
    await expect(first[0]!.open().then(readAll)).rejects.toThrow(`(through proxy ${proxy.url})`);
    s3.clearFaults();
  });
});
