/**
 * A forward proxy on 127.0.0.1 for tests, standing in for a corporate proxy (no jest dependency: end-to-end tests
 * point HTTPS_PROXY / HTTP_PROXY of `node dist/index.js` at `url`).
 *
 * - Records every CONNECT target (`files.test:443`) with its Proxy-Authorization, and every absolute-form request
 *   (`GET http://host/path`, which a client sends to a proxy it does not tunnel through): these are answered 502.
 * - Maps made-up host names to loopback ports (`routes`): the names never resolve in DNS, so a client that
 *   bypassed the proxy fails with ENOTFOUND. A CONNECT to a host without a route is answered 502.
 * - Terminates TLS per host (`tls`: key and certificate, see createTestCertificate), so an https:// client talks
 *   to a plain HTTP loopback server behind the tunnel.
 * - Refuses CONNECTs with a status (`refuseWith(407)`), optionally only for some hosts; `requireAuth` answers 407
 *   to CONNECTs without the expected Basic credentials.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';

export interface ProxyRoute {
  /** Loopback port the tunnel is connected to (whatever port the client asked for). */
  port: number;
  /** Terminate TLS for this host with this key and certificate, and forward the plain bytes. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface ConnectRecord {
  /** `host:port` as asked for. */
  target: string;
  proxyAuthorization: string | undefined;
  /** The status the proxy answered with. */
  status: number;
}

export interface ConnectProxyOptions {
  routes?: Record<string, ProxyRoute>;
  /** `user:password`: CONNECTs without these Basic credentials are answered 407. */
  requireAuth?: string;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Every CONNECT, in order. */
  connects: ConnectRecord[];
  /** `host:port` of every CONNECT, in order. */
  readonly targets: string[];
  /** Host names (without port) CONNECTed to, distinct, sorted. */
  readonly hosts: string[];
  /** Absolute-form requests (`GET http://…`): a client that did not tunnel. */
  absoluteRequests: string[];
  route(host: string, route: ProxyRoute): void;
  /** Answer CONNECTs with `status` (all of them, or those to `hosts`); undefined stops refusing. */
  refuseWith(status: number | undefined, hosts?: string[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const routes = new Map(Object.entries(options.routes ?? {}));
  const connects: ConnectRecord[] = [];
  const absoluteRequests: string[] = [];
  const sockets = new Set<net.Socket>();
  let refusal: { status: number; hosts?: string[] } | undefined;

  const server = http.createServer((req, res) => {
    absoluteRequests.push(`${req.method} ${req.url}`);
    res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    res.end('this test proxy only tunnels (CONNECT)');
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    const host = target.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const proxyAuthorization = req.headers['proxy-authorization'];
    const answer = (status: number, extra = '') => {
      connects.push({ target, proxyAuthorization, status });
      client.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${extra}content-length: 0\r\nconnection: close\r\n\r\n`);
    };
    client.on('error', () => undefined);
    if (options.requireAuth !== undefined && proxyAuthorization !== `Basic ${Buffer.from(options.requireAuth).toString('base64')}`) {
      answer(407, 'proxy-authenticate: Basic realm="test proxy"\r\n');
      return;
    }
    if (refusal && (!refusal.hosts || refusal.hosts.includes(host))) {
      answer(refusal.status, refusal.status === 407 ? 'proxy-authenticate: Basic realm="test proxy"\r\n' : '');
      return;
    }
    const route = routes.get(host);
    if (!route) {
      answer(502);
      return;
    }
    const upstream = net.connect(route.port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    upstream.once('connect', () => {
      connects.push({ target, proxyAuthorization, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) client.unshift(head);
      const inner: net.Socket = route.tls ? new tls.TLSSocket(client, { isServer: true, key: route.tls.key, cert: route.tls.cert }) : client;
      inner.on('error', () => upstream.destroy());
      inner.pipe(upstream);
      upstream.pipe(inner);
      inner.on('close', () => upstream.destroy());
      upstream.on('close', () => inner.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    get targets() {
      return connects.map((c) => c.target);
    },
    get hosts() {
      return [...new Set(connects.map((c) => c.target.replace(/:\d+$/, '')))].sort();
    },
    absoluteRequests,
    route(host, route) {
      routes.set(host.toLowerCase(), route);
    },
    refuseWith(status, hosts) {
      refusal = status === undefined ? undefined : { status, hosts: hosts?.map((h) => h.toLowerCase()) };
    },
    reset() {
      connects.length = 0;
      absoluteRequests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}

/** The certificate the loopback servers use over TLS (shared with the S3 benchmark). */
export { createTestCertificate, type TestCertificate } from '../../scripts/test-certificate.mjs';
