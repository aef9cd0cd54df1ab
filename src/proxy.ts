/**
 * Proxy support for the HTTPS and S3 sources: which proxy a URL goes through, an agent that tunnels through it,
 * and error wording that names it.
 *
 * Whether a URL is proxied, and by which proxy, is decided by `@actions/http-client`'s `getProxyUrl`, so the
 * sources follow exactly the rules the runner, `@actions/github` (GitHub API) and `@actions/artifact` follow:
 * `https_proxy`/`HTTPS_PROXY` for https:// URLs, `http_proxy`/`HTTP_PROXY` for http:// URLs (lower case wins),
 * `no_proxy`/`NO_PROXY` (comma-separated host names, `.suffix`, `host:port`, `*`) and loopback hosts bypass it.
 *
 * The tunnel itself is ours rather than http-client's `HttpClient#getAgent` (the `tunnel` package), because that
 * agent keeps no idle connections (each request after the first pays a new CONNECT and TLS handshake), puts no
 * timeout on the CONNECT (a proxy that accepts the connection and never answers hangs the request: Node starts a
 * request's timeout only once it has a socket), reports a refusal as a bare `ECONNRESET`, and is not an
 * `http.Agent`, so the AWS SDK's request handler silently replaces it with a direct agent. Ours is a real
 * `http.Agent`/`https.Agent` whose connections are CONNECT tunnels: pooled and kept alive like any other.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
// The proxy rules alone (`lib/proxy`), not the package's index: that also loads undici and `tunnel` for its own
// client, about 40 ms and 8 MB on every S3 and HTTPS run before its first request.
import { getProxyUrl } from '@actions/http-client/lib/proxy';

/** The proxy `@actions/http-client` would send a request for `url` through, or undefined (none set, or bypassed). */
export function proxyFor(url: string | URL): URL | undefined {
  let href: string;
  try {
    // As http-client's own getProxyUrl(string) does: its rules on the parsed URL, '' when none applies.
    href = getProxyUrl(new URL(String(url)))?.href ?? '';
  } catch {
    return undefined;
  }
  if (!href) return undefined;
  try {
    const proxy = new URL(href);
    return proxy.hostname ? proxy : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy URL for messages: scheme, host and port; credentials become `***@`, any path is dropped. */
export function redactProxy(proxy: URL): string {
  const credentials = proxy.username || proxy.password ? '***@' : '';
  return `${proxy.protocol}//${credentials}${proxy.host}`;
}

/** The proxy environment variable that applies to `url`'s scheme, as http-client reads it (lower case first). */
function configuredProxy(url: URL): string | undefined {
  const env = process.env;
  const value = url.protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
  return value || undefined;
}

/**
 * What to add to an error about `url`: ` (through proxy http://proxy.corp:3128)` when it went through a proxy,
 * ` (not through the proxy: NO_PROXY matches files.example)` when a proxy is set but bypassed for it, else ''.
 */
export function proxyNote(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '';
  }
  const proxy = proxyFor(parsed);
  if (proxy) return ` (through proxy ${redactProxy(proxy)})`;
  if (!configuredProxy(parsed)) return '';
  const host = parsed.hostname.toLowerCase();
  const loopback = host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]';
  return loopback ? ` (not through the proxy: ${parsed.hostname} is a loopback address)` : ` (not through the proxy: NO_PROXY matches ${parsed.hostname})`;
}

const STATUS_HINTS: Record<number, string> = {
  407: 'the proxy wants credentials: put them in the proxy URL (http://user:password@host:port, percent-encoded)',
  403: 'the proxy does not allow this destination; ask for it to be allowed, or add it to NO_PROXY if it is reachable directly',
  502: 'the proxy could not reach the destination',
  503: 'the proxy could not reach the destination',
  504: 'the proxy timed out reaching the destination'
};

/** A proxy refused a CONNECT, could not be reached, or did not answer it. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  /** `ECONNRESET`-like codes for transient failures (retried), `EPROXYREFUSED` for 407/403 and other refusals. */
  readonly code: string;
  constructor(
    message: string,
    /** The proxy, redacted. */
    readonly proxy: string,
    /** `host:port` the tunnel was for. */
    readonly target: string,
    /** The proxy's answer to CONNECT, when it answered. */
    readonly status: number | undefined,
    code: string,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.code = code;
  }
  /** Worth another attempt: the proxy could not be reached or timed out, or answered 502/503/504. */
  get retryable(): boolean {
    return this.code !== 'EPROXYREFUSED';
  }
}

/** The message for a proxy's non-200 answer to CONNECT, e.g. `the proxy http://p:3128 refused to tunnel to h:443: HTTP 407 Proxy Authentication Required (…)`. */
export function proxyRefusalMessage(proxy: string, target: string, status: number): string {
  const reason = http.STATUS_CODES[status];
  const hint = STATUS_HINTS[status];
  return `the proxy ${proxy} refused to tunnel to ${target}: HTTP ${status}${reason ? ` ${reason}` : ''}${hint ? ` (${hint})` : ''}`;
}

const authority = (host: string, port: number) => `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;

/** Opens a CONNECT tunnel to `host:port` through `proxy`: the raw socket once the proxy answered 200. */
export function openTunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const target = authority(host, port);
  const shown = redactProxy(proxy);
  const headers: http.OutgoingHttpHeaders = { host: target };
  if (proxy.username || proxy.password) {
    // http-client's DecodedURL (and so the tunnel it builds) sends the percent-decoded credentials.
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const overTls = proxy.protocol === 'https:';
  const proxyHost = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const request = (overTls ? https : http).request({
      host: proxyHost,
      port: Number(proxy.port) || (overTls ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      ...(overTls ? { servername: proxyHost } : {})
    });
    let settled = false;
    const fail = (err: ProxyError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new ProxyError(`the proxy ${shown} did not answer the CONNECT to ${target} within ${timeoutMs} ms`, shown, target, undefined, 'ETIMEDOUT'));
    }, timeoutMs);
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        socket.destroy();
        const transient = status === 502 || status === 503 || status === 504;
        fail(new ProxyError(proxyRefusalMessage(shown, target, status), shown, target, status, transient ? 'ECONNRESET' : 'EPROXYREFUSED'));
        return;
      }
      if (settled) {
        socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('error', (err: NodeJS.ErrnoException) => {
      const code = typeof err.code === 'string' ? err.code : 'ECONNRESET';
      fail(new ProxyError(`could not connect to the proxy ${shown} (${code}: ${err.message})`, shown, target, undefined, code, { cause: err }));
    });
    request.end();
  });
}

export interface TunnelAgentOptions {
  /** Keep idle tunnels open for the next request (default false). */
  keepAlive?: boolean;
  maxSockets?: number;
  /** How long the proxy may take to answer a CONNECT (default 30 s). */
  connectTimeoutMs?: number;
}

/** TLS settings a request or agent may carry, passed on to the TLS session inside the tunnel. */
const TLS_KEYS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'ciphers',
  'ecdhCurve',
  'minVersion',
  'maxVersion',
  'secureOptions',
  'secureProtocol',
  'secureContext',
  'rejectUnauthorized',
  'checkServerIdentity',
  'ALPNProtocols',
  'crl',
  'sigalgs',
  'session'
] as const;

type ConnectionOptions = http.ClientRequestArgs & tls.ConnectionOptions;
type ConnectionCallback = (err: Error | null, stream: Duplex) => void;
const noSocket = undefined as unknown as Duplex;

function targetOf(options: ConnectionOptions, defaultPort: number): { host: string; port: number } {
  const host = String(options.host ?? options.hostname ?? 'localhost');
  return { host, port: Number(options.port) || defaultPort };
}

/** An `http.Agent` for http:// URLs whose connections are CONNECT tunnels through `proxy`. */
class HttpTunnelAgent extends http.Agent {
  constructor(
    readonly proxy: URL,
    private readonly connectTimeoutMs: number,
    options: http.AgentOptions
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions, callback?: ConnectionCallback): undefined {
    const { host, port } = targetOf(options, 80);
    openTunnel(this.proxy, host, port, this.connectTimeoutMs).then(
      (socket) => callback?.(null, socket),
      (err: Error) => callback?.(err, noSocket)
    );
    // Node's Agent waits for the callback when createConnection returns nothing.
    return undefined;
  }
}

/** An `https.Agent` for https:// URLs whose connections are TLS sessions inside CONNECT tunnels through `proxy`. */
class HttpsTunnelAgent extends https.Agent {
  constructor(
    readonly proxy: URL,
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions, callback?: ConnectionCallback): undefined {
    const { host, port } = targetOf(options, 443);
    openTunnel(this.proxy, host, port, this.connectTimeoutMs).then(
      (socket) => {
        const secure: tls.ConnectionOptions = { socket };
        for (const key of TLS_KEYS) {
          if (options[key] !== undefined) (secure as Record<string, unknown>)[key] = options[key];
        }
        // Node computes servername for the agent ('' for an IP address, which must not be sent as SNI).
        const servername = options.servername ?? host;
        if (servername && !/^[\d.]+$|:/.test(servername)) secure.servername = servername;
        callback?.(null, tls.connect(secure));
      },
      (err: Error) => callback?.(err, noSocket)
    );
    return undefined;
  }
}

/**
 * An agent that tunnels requests for `url`'s scheme through the proxy `@actions/http-client` picks for `url`, or
 * undefined when `url` is not proxied (use the default agent). The agent serves any host, but the choice was
 * made for `url`: use one per destination.
 */
export function proxyAgentFor(url: string | URL, options: TunnelAgentOptions = {}): (http.Agent & { proxy: URL }) | undefined {
  const parsed = new URL(String(url));
  const proxy = proxyFor(parsed);
  if (!proxy) return undefined;
  const agentOptions = { keepAlive: options.keepAlive ?? false, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
  const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
  return parsed.protocol === 'https:'
    ? new HttpsTunnelAgent(proxy, connectTimeoutMs, agentOptions)
    : new HttpTunnelAgent(proxy, connectTimeoutMs, agentOptions);
}
