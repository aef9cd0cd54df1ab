/**
 * The keep-alive connections that read small S3 objects whole (src/sources/keep-alive-gets.ts), against loopback
 * TCP servers that answer exactly the bytes each test writes: a well-formed S3 answer in any split, and every way
 * an answer can be wrong, hostile or missing. Anything but the plainest 200 must give null (the caller then reads
 * the object through the AWS SDK) and never a wrong body, a hang or a connection out of step.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import * as https from 'node:https';
import * as net from 'node:net';
import { KeepAliveGets } from '../src/sources/keep-alive-gets.js';
import { createTestCertificate, startConnectProxy, type ConnectProxy } from './helpers/connect-proxy.js';

/** What a test server does with one request: bytes to write (at once or piece by piece), or nothing (a stall), or close. */
type Answer = string | Buffer | { pieces: (string | Buffer)[] } | 'stall' | 'close';

interface Served {
  port: number;
  /** Request heads as received, in order. */
  heads: string[];
  /** Connections accepted. */
  connections: number;
  /** Most connections open at once. */
  peak: number;
  sockets: Set<net.Socket>;
  close(): Promise<void>;
}

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A TCP server that reads request heads and answers each with `answer(index of the request, its connection's index)`. */
async function serve(answer: (request: number, connection: number) => Answer | Promise<Answer>, options: { onConnect?: (socket: net.Socket) => void } = {}): Promise<Served> {
  let requests = 0;
  const served: Served = { port: 0, heads: [], connections: 0, peak: 0, sockets: new Set(), close: async () => undefined };
  const server = net.createServer((socket) => {
    const connection = served.connections++;
    served.sockets.add(socket);
    served.peak = Math.max(served.peak, served.sockets.size);
    socket.on('close', () => served.sockets.delete(socket));
    socket.on('error', () => undefined);
    // The test's own handles must not keep the loop alive (the "idle connections" test counts handles).
    socket.unref();
    options.onConnect?.(socket);
    let pending = '';
    socket.on('data', async (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        served.heads.push(pending.slice(0, end));
        pending = pending.slice(end + 4);
        const reply = await answer(requests++, connection);
        if (reply === 'stall') continue;
        if (reply === 'close') {
          socket.destroy();
          return;
        }
        if (typeof reply === 'object' && 'pieces' in reply) {
          for (const piece of reply.pieces) {
            socket.write(piece);
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        } else socket.write(reply);
      }
    });
  });
  server.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  served.port = (server.address() as net.AddressInfo).port;
  served.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of served.sockets) socket.destroy();
      server.close(() => resolve());
    });
  servers.push(served);
  return served;
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const HEADERS = { host: 'bucket.test', 'x-amz-date': '20261128T120000Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/s3/aws4_request' };

function pool(port: number, options: { maxSockets?: number; idleTimeoutMs?: number } = {}): KeepAliveGets {
  return new KeepAliveGets({ protocol: 'http:', hostname: '127.0.0.1', port, idleTimeoutMs: options.idleTimeoutMs ?? 2_000 }, options.maxSockets ?? 4);
}

const text = (body: Buffer | null): string | null => (body === null ? null : body.toString('utf8'));

describe('keep-alive GETs: the plainest exchange', () => {
  test('bodies exactly as long as Content-Length, one after another over one kept-alive connection, the request as given', async () => {
    const server = await serve((i) => ok(`body ${i}`, 'ETag: "abc"\r\nx-amz-request-id: R\r\n'));
    const gets = pool(server.port);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) expect(text(await gets.get(`/bucket/key-${i}?x-id=GetObject`, HEADERS, 1024, (s) => statuses.push(s)))).toBe(`body ${i}`);
    expect(server.connections).toBe(1);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(server.heads[2]).toBe(
      'GET /bucket/key-2?x-id=GetObject HTTP/1.1\r\nhost: bucket.test\r\nx-amz-date: 20261128T120000Z\r\nauthorization: AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/s3/aws4_request'
    );
  });

  test('an answer split anywhere (byte by byte, the body arriving with the head, an empty body) reads the same', async () => {
    const body = 'x'.repeat(300);
    const whole = ok(body);
    const server = await serve((i) =>
      i === 0 ? { pieces: [...whole].map((c) => c) } : i === 1 ? { pieces: [whole.slice(0, 20), whole.slice(20, whole.length - 1), whole.slice(-1)] } : ok('')
    );
    const gets = pool(server.port);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe(body);
    expect(text(await gets.get('/b', HEADERS, 1024))).toBe(body);
    expect(text(await gets.get('/c', HEADERS, 1024))).toBe('');
    expect(server.connections).toBe(1);
  });

  test('GETs at once: at most maxSockets connections, the rest queued for the next free one', async () => {
    const server = await serve(async (i) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ok(`n${i}`);
    });
    const gets = pool(server.port, { maxSockets: 3 });
    const bodies = await Promise.all(Array.from({ length: 12 }, (_, i) => gets.get(`/k${i}`, HEADERS, 1024)));
    expect(bodies.map(text).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`).sort());
    expect(server.connections).toBe(3);
    expect(server.peak).toBe(3);
    expect(gets.connections).toBe(3);
  });

  test('Connection: close, or HTTP/1.0 without keep-alive: the body is taken, the connection is not used again', async () => {
    const server = await serve((i) =>
      i === 0 ? ok('closing', 'Connection: close\r\n') : i === 1 ? 'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold' : 'HTTP/1.0 200 OK\r\nContent-Length: 4\r\nConnection: Keep-Alive\r\n\r\nkept'
    );
    const gets = pool(server.port);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('closing');
    expect(text(await gets.get('/b', HEADERS, 1024))).toBe('old');
    expect(text(await gets.get('/c', HEADERS, 1024))).toBe('kept');
    expect(server.connections).toBe(3);
  });
});

describe('keep-alive GETs: anything else is null, and the connection is dropped', () => {
  const bad: [string, string | Buffer][] = [
    ['an error status (its status is still told)', 'HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nno!'],
    ['a redirect', 'HTTP/1.1 301 Moved Permanently\r\nLocation: http://elsewhere.test/\r\nContent-Length: 0\r\n\r\n'],
    ['no Content-Length', 'HTTP/1.1 200 OK\r\n\r\nbody'],
    ['a chunked body', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n'],
    ['Content-Length and Transfer-Encoding (request smuggling)', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\nbody'],
    ['two Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nbody'],
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: 0x4\r\n\r\nbody'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\nbody'],
    ['more than the caller takes', ok('x'.repeat(1025))],
    ['bytes after the body', `${ok('body')}HTTP/1.1 200 OK\r\n`],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-Folded: a\r\n b\r\n\r\nbody'],
    ['a header name with a space', 'HTTP/1.1 200 OK\r\nContent Length: 4\r\n\r\nbody'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nnonsense\r\n\r\nbody'],
    ['a control character in a header value', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-Evil: a\u0000b\r\n\r\nbody'],
    ['a bare LF between headers', 'HTTP/1.1 200 OK\r\nX-A: 1\nContent-Length: 4\r\n\r\nbody'],
    ['HTTP/2 in the status line', 'HTTP/2 200\r\nContent-Length: 4\r\n\r\nbody'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a status with too many digits', 'HTTP/1.1 2000 OK\r\nContent-Length: 4\r\n\r\nbody'],
    ['a head over 16 KiB', `HTTP/1.1 200 OK\r\nX-Pad: ${'p'.repeat(17 * 1024)}\r\nContent-Length: 4\r\n\r\nbody`],
    ['a head over 16 KiB that never ends', `HTTP/1.1 200 OK\r\nX-Pad: ${'p'.repeat(17 * 1024)}`],
    ['a 100 Continue before the answer', `HTTP/1.1 100 Continue\r\n\r\n${ok('body')}`]
  ];

  test.each(bad)('%s', async (_, reply) => {
    const server = await serve((i) => (i === 0 ? reply : ok('next')));
    const gets = pool(server.port, { idleTimeoutMs: 1_000 });
    const statuses: number[] = [];
    expect(await gets.get('/bad', HEADERS, 1024, (s) => statuses.push(s))).toBeNull();
    // The next GET is answered on a fresh connection: nothing of the bad answer is taken for it.
    expect(text(await gets.get('/next', HEADERS, 1024))).toBe('next');
    expect(server.connections).toBe(2);
    if (_.startsWith('an error status')) expect(statuses).toEqual([403]);
  });

  test('a body cut short by a close: null, not sent again', async () => {
    const server = await serve((i) => (i === 0 ? 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort' : ok('never')), {
      onConnect: (socket) => socket.on('data', () => setTimeout(() => socket.end(), 30))
    });
    const gets = pool(server.port);
    expect(await gets.get('/cut', HEADERS, 1024)).toBeNull();
    expect(server.heads).toHaveLength(1);
  });

  test('no byte for the idle timeout, waiting for the head or mid-body: null within the timeout, not sent again', async () => {
    const server = await serve((i) => (i === 0 ? 'stall' : i === 1 ? 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf' : ok('after')));
    const gets = pool(server.port, { idleTimeoutMs: 200 });
    const started = Date.now();
    expect(await gets.get('/stalled', HEADERS, 1024)).toBeNull();
    expect(await gets.get('/half', HEADERS, 1024)).toBeNull();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(3_000);
    expect(text(await gets.get('/after', HEADERS, 1024))).toBe('after');
    expect(server.heads).toHaveLength(3);
  });

  test('bytes nobody asked for, sent to an idle connection: it is dropped, and the next GET goes on a fresh one', async () => {
    let first: net.Socket | undefined;
    const server = await serve((i) => ok(`n${i}`), { onConnect: (socket) => (first ??= socket) });
    const gets = pool(server.port);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('n0');
    first!.write(ok('unasked'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gets.connections).toBe(0);
    expect(text(await gets.get('/b', HEADERS, 1024))).toBe('n1');
    expect(server.connections).toBe(2);
  });

  test('a connection refused: null for every queued GET, no connection left counted', async () => {
    const server = await serve(() => ok('x'));
    const { port } = server;
    await server.close();
    const gets = pool(port, { maxSockets: 2 });
    expect(await Promise.all([gets.get('/a', HEADERS, 1024), gets.get('/b', HEADERS, 1024), gets.get('/c', HEADERS, 1024)])).toEqual([null, null, null]);
    expect(gets.connections).toBe(0);
  });

  test('a request node:http would refuse to send (a control character in a header, a space in the path) is not sent', async () => {
    const server = await serve(() => ok('x'));
    const gets = pool(server.port);
    expect(await gets.get('/a', { ...HEADERS, 'x-amz-security-token': 'tok\r\nX-Injected: 1' }, 1024)).toBeNull();
    expect(await gets.get('/a b', HEADERS, 1024)).toBeNull();
    expect(await gets.get('/a', { ...HEADERS, 'bad name': 'x' }, 1024)).toBeNull();
    expect(server.heads).toEqual([]);
  });
});

describe('keep-alive GETs: connections over time', () => {
  test('a kept-alive connection the server closed as the next request went out: that request goes once more, on a fresh connection', async () => {
    const server = await serve((i) => (i === 1 ? 'close' : ok(`n${i}`)));
    const gets = pool(server.port);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('n0');
    expect(text(await gets.get('/b', HEADERS, 1024))).toBe('n2');
    expect(server.heads.map((h) => h.split(' ')[1])).toEqual(['/a', '/b', '/b']);
    expect(server.connections).toBe(2);
  });

  test('only once: a request closed without an answer on the fresh connection too is null', async () => {
    const server = await serve((i) => (i === 0 ? ok('n0') : 'close'));
    const gets = pool(server.port);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('n0');
    expect(await gets.get('/b', HEADERS, 1024)).toBeNull();
    expect(server.heads.map((h) => h.split(' ')[1])).toEqual(['/a', '/b', '/b']);
  });

  test('a first request closed without an answer on a new connection is not sent again', async () => {
    const server = await serve(() => 'close');
    const gets = pool(server.port);
    expect(await gets.get('/a', HEADERS, 1024)).toBeNull();
    expect(server.heads).toHaveLength(1);
  });

  test('idle connections keep the process alive no longer; busy ones do', async () => {
    const server = await serve((i) => (i === 0 ? ok('n0') : 'stall'));
    const gets = pool(server.port, { idleTimeoutMs: 300 });
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    // Sockets of the tests before have closed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = sockets();
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('n0');
    expect(gets.connections).toBe(1);
    expect(sockets()).toBe(before);
    const stalled = gets.get('/b', HEADERS, 1024);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets()).toBe(before + 1);
    expect(await stalled).toBeNull();
  });

  test('warmUp() opens nothing for plain HTTP (a connection opened ahead only pays for its TLS session)', async () => {
    const server = await serve(() => ok('ok'));
    const gets = pool(server.port);
    gets.warmUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gets.connections).toBe(0);
    expect(server.connections).toBe(0);
    expect(text(await gets.get('/a', HEADERS, 1024))).toBe('ok');
    expect(server.connections).toBe(1);
  });

  test('https: a certificate Node does not trust is refused (null), never read', async () => {
    // Self-signed, and not in this process's CA store (NODE_EXTRA_CA_CERTS is read at start-up).
    const certificate = createTestCertificate(['127.0.0.1']);
    try {
      let answered = 0;
      const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (_req, res) => {
        answered++;
        res.end('secret');
      });
      server.unref();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as net.AddressInfo).port;
        const gets = new KeepAliveGets({ protocol: 'https:', hostname: '127.0.0.1', port, idleTimeoutMs: 2_000 }, 2);
        expect(await gets.get('/a', HEADERS, 1024)).toBeNull();
        expect(answered).toBe(0);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    } finally {
      certificate.remove();
    }
  });
});

describe('keep-alive GETs through a CONNECT proxy', () => {
  let proxy: ConnectProxy;
  const saved = { ...process.env };
  beforeAll(async () => {
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await proxy.close();
  });
  afterEach(() => {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    proxy.reset();
  });

  test('connections are tunnels through the proxy HTTP_PROXY names, kept alive', async () => {
    const server = await serve((i) => ok(`n${i}`));
    proxy.route('bucket.test', { port: server.port });
    process.env.HTTP_PROXY = proxy.url;
    const gets = new KeepAliveGets({ protocol: 'http:', hostname: 'bucket.test', port: 80, idleTimeoutMs: 2_000 }, 2);
    const bodies = await Promise.all(Array.from({ length: 6 }, (_, i) => gets.get(`/k${i}`, HEADERS, 1024)));
    expect(bodies.map(text).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(proxy.targets).toEqual(['bucket.test:80', 'bucket.test:80']);
    expect(server.connections).toBe(2);
  });

  test('a proxy that refuses every tunnel: null for every GET, queued ones included, and no endless attempts', async () => {
    const server = await serve(() => ok('never'));
    proxy.route('bucket.test', { port: server.port });
    proxy.refuseWith(502);
    process.env.HTTP_PROXY = proxy.url;
    const gets = new KeepAliveGets({ protocol: 'http:', hostname: 'bucket.test', port: 80, idleTimeoutMs: 2_000 }, 2);
    const bodies = await Promise.all(Array.from({ length: 5 }, (_, i) => gets.get(`/k${i}`, HEADERS, 1024)));
    expect(bodies).toEqual([null, null, null, null, null]);
    // One CONNECT per GET at most, however the failures fell.
    expect(proxy.connects.length).toBeLessThanOrEqual(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.connects.length).toBeLessThanOrEqual(5);
    expect(gets.connections).toBe(0);
    expect(server.heads).toEqual([]);
  });
});
