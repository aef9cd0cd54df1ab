import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { openTunnel, proxyFor } from '../proxy.js';

/**
 * Keep-alive HTTP/1.1 connections to one origin that send GETs and read each answer's whole body: the S3 source's
 * direct GETs of small objects (direct-get.ts), on the main thread and in scan worker threads. Only the plainest
 * exchange is taken: a 200 with one Content-Length, no Transfer-Encoding, the body exactly that long and at most
 * the caller's limit, nothing before the request or after the body. Anything else (another status, a malformed or
 * oversized head, a reset, no byte for the idle timeout) gives null and drops the connection; the caller then
 * reads the object through the AWS SDK, whose full HTTP stack, retries and error messages apply.
 *
 * Why not node:http: CloudTrail trails are thousands of 5-15 KB objects, and per request node:http builds a
 * ClientRequest and an IncomingMessage stream, their events, header objects and timers. On 2,016 such objects
 * behind 30 ms of latency (2 cores, loopback S3, Node 20) that cost about 0.5 s of the scan's 2.1 s of CPU; with
 * these connections the scan took 1.23 s instead of 1.49 s (medians of 7 interleaved runs).
 *
 * Connections go where node:http's would: through the CONNECT tunnel of the proxy @actions/http-client picks for
 * the origin (proxy.ts), with TLS verified against Node's CA store (and NODE_EXTRA_CA_CERTS) for https. Idle ones
 * hold no reference on the event loop, like a keep-alive agent's.
 */
export class KeepAliveGets {
  private readonly idle: Connection[] = [];
  private readonly queue: Exchange[] = [];
  private open = 0;
  /** Of those, the ones still connecting (each will take a queued exchange). */
  private connecting = 0;
  /** The last TLS session, offered to the next connection (resumption saves a full handshake). */
  session: Buffer | undefined;
  /**
   * The TLS settings every connection shares (Node's defaults: its CA store and NODE_EXTRA_CA_CERTS). Without it
   * tls.connect() builds a context per connection: 2,016 small objects over TLS took 1.39-1.43 s instead of
   * 1.35-1.38 s, with 35-52 ms more CPU (Node 24, loopback S3, three A/B runs, medians of 7).
   */
  private secureContext: tls.SecureContext | undefined;
  /** The proxy whose tunnels the connections go through, decided once from the environment (proxy.ts). */
  private readonly proxy: URL | undefined;

  constructor(
    readonly origin: Origin,
    private readonly maxSockets: number
  ) {
    const host = origin.hostname.includes(':') ? `[${origin.hostname}]` : origin.hostname;
    this.proxy = proxyFor(`${origin.protocol}//${host}${origin.port === undefined ? '' : `:${origin.port}`}/`);
  }

  /**
   * GETs `target` (the path and query, encoded as sent) with `headers` (host and signature included) and resolves
   * with the whole body of a 200, or null. `onStatus` is told the status as soon as the head is in.
   */
  get(target: string, headers: Readonly<Record<string, string>>, maxBytes: number, onStatus?: (status: number) => void): Promise<Buffer | null> {
    const request = requestHead(target, headers);
    if (request === null) return Promise.resolve(null);
    return new Promise((done) => {
      const exchange: Exchange = { request, maxBytes, onStatus, done, retried: false };
      const connection = this.idle.pop();
      if (connection !== undefined) connection.send(exchange);
      else {
        this.queue.push(exchange);
        this.grow();
      }
    });
  }

  /** Connections open or opening (tests). */
  get connections(): number {
    return this.open;
  }

  /**
   * Opens one TLS connection ahead of the GETs, when none is open and no session is known: the first GETs open
   * connections by the dozen, and each would make a full handshake; with this connection's session they resume it
   * (a full handshake cost Node 24 about 1.3 ms of CPU here, a resumed one 0.8 ms). Nothing for plain HTTP, where
   * connections opened ahead measured no faster.
   */
  warmUp(): void {
    if (this.origin.protocol !== 'https:' || this.open > 0 || this.session !== undefined) return;
    this.openConnection();
  }

  /** A TLS session another thread's connections to this origin got, for this thread's next ones (unless they have one). */
  offerSession(session: Buffer): void {
    this.session ??= session;
  }

  /** The last session, and its copy for another thread. */
  private shared: { session: Buffer; copy: Uint8Array } | undefined;

  /**
   * The session, for another thread's connections to resume: a copy of its own, because the session's bytes may be
   * a view of a larger buffer, which a message would carry whole (measured: 1.44 to 1.50 s and 148 MB over TLS).
   */
  get sessionToShare(): Uint8Array | undefined {
    const session = this.session;
    if (session === undefined) return undefined;
    if (this.shared?.session !== session) this.shared = { session, copy: new Uint8Array(session) };
    return this.shared.copy;
  }

  /** Opens connections for queued exchanges, up to maxSockets. */
  private grow(): void {
    while (this.queue.length > this.connecting && this.open < this.maxSockets) this.openConnection();
  }

  private openConnection(): void {
    this.open++;
    this.connecting++;
    if (this.origin.protocol === 'https:') this.secureContext ??= tls.createSecureContext();
    new Connection(this, connect(this.origin, this.proxy, this.session, this.secureContext));
  }

  /** A connection is ready for an exchange (`connected`: for the first time): the next queued one, else it waits idle. */
  ready(connection: Connection, connected = false): void {
    if (connected) this.connecting--;
    const next = this.queue.shift();
    if (next !== undefined) connection.send(next);
    else this.idle.push(connection);
  }

  /** A connection closed; `retry` is an exchange it had sent that may go again on a fresh connection. */
  closed(connection: Connection, connected: boolean, retry?: Exchange): void {
    this.open--;
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    if (retry !== undefined) this.queue.unshift(retry);
    if (!connected) {
      this.connecting--;
      // A connection that never opened (a tunnel the proxy refused or never answered) fails the exchange it was
      // opened for, as a refused direct connection does: otherwise each failure would open another attempt for
      // the same queue, forever.
      this.queue.shift()?.done(null);
    }
    this.grow();
  }
}

/** Where the connections go, and how long one may go without a byte (connecting, waiting, mid-body, idle). */
export interface Origin {
  protocol: string;
  hostname: string;
  port?: number;
  idleTimeoutMs: number;
}

interface Exchange {
  request: string;
  maxBytes: number;
  onStatus?: (status: number) => void;
  done: (body: Buffer | null) => void;
  /** Sent once already on a kept-alive connection that closed before answering. */
  retried: boolean;
}

/** Node's default limit on a response head (--max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
/** What node:http refuses to send: a header name that is not a token, a value with control characters, a path with spaces. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const INVALID_TARGET = /[^\x21-\x7e]/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [\t\x20-\x7e\x80-\xff]*)?$/;

/** Header names found to be tokens, so that the names every request and answer repeat are checked once. */
const tokens = new Set<string>();
const isToken = (name: string): boolean => {
  if (tokens.has(name)) return true;
  if (!TOKEN.test(name)) return false;
  // Bounded: a server sending endless distinct names only makes its names be checked each time.
  if (tokens.size < 256) tokens.add(name);
  return true;
};

/** The request's bytes (latin1), or null when node:http would refuse to send it. */
function requestHead(target: string, headers: Readonly<Record<string, string>>): string | null {
  if (!target.startsWith('/') || INVALID_TARGET.test(target)) return null;
  let head = `GET ${target} HTTP/1.1\r\n`;
  for (const name of Object.keys(headers)) {
    const value = headers[name]!;
    if (!isToken(name) || INVALID_VALUE.test(value)) return null;
    head += `${name}: ${value}\r\n`;
  }
  return `${head}\r\n`;
}

function connect(origin: Origin, proxy: URL | undefined, session: Buffer | undefined, secureContext: tls.SecureContext | undefined): Promise<Duplex> | Duplex {
  const https = origin.protocol === 'https:';
  const port = origin.port ?? (https ? 443 : 80);
  const host = origin.hostname;
  const secure = (socket?: Duplex): tls.TLSSocket =>
    tls.connect({
      ...(socket ? { socket } : { host, port }),
      // An IP address is not sent as SNI (as node:https leaves it out).
      ...(net.isIP(host) ? {} : { servername: host }),
      ALPNProtocols: ['http/1.1'],
      session,
      secureContext
    });
  if (proxy !== undefined) return openTunnel(proxy, host, port, origin.idleTimeoutMs).then((tunnel) => (https ? secure(tunnel) : tunnel));
  return https ? secure() : net.connect({ host, port });
}

/** One connection: one exchange at a time, its answer parsed as it arrives. */
class Connection {
  private socket: Duplex | undefined;
  private exchange: Exchange | undefined;
  /** Answers completed on this connection. */
  private served = 0;
  private headChunks: Buffer[] = [];
  private headBytes = 0;
  /** The body's length once the head is in; -1 before. */
  private expected = -1;
  private body: Buffer[] = [];
  private received = 0;
  private keepAlive = true;
  private closed = false;

  constructor(
    private readonly pool: KeepAliveGets,
    socket: Promise<Duplex> | Duplex
  ) {
    if (socket instanceof Promise) socket.then((s) => this.attach(s), () => this.close());
    else this.attach(socket);
  }

  private attach(socket: Duplex): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.socket = socket;
    const s = socket as net.Socket;
    s.setNoDelay?.(true);
    // No byte for this long, whether connecting, waiting for an answer, mid-body or idle, ends the connection.
    s.setTimeout?.(this.pool.origin.idleTimeoutMs, () => this.close(false));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close(true));
    socket.on('close', () => this.close(true));
    socket.on('end', () => this.close(true));
    if (socket instanceof tls.TLSSocket) socket.on('session', (session: Buffer) => (this.pool.session = session));
    this.rest(true);
  }

  /** Waits for (or takes) the next exchange; idle, the connection keeps the process alive no longer. */
  private rest(connected = false): void {
    (this.socket as net.Socket).unref?.();
    this.pool.ready(this, connected);
  }

  send(exchange: Exchange): void {
    if (this.closed || this.socket === undefined) {
      exchange.done(null);
      return;
    }
    this.exchange = exchange;
    this.headChunks = [];
    this.headBytes = 0;
    this.expected = -1;
    this.body = [];
    this.received = 0;
    (this.socket as net.Socket).ref?.();
    this.socket.write(exchange.request, 'latin1');
  }

  private onData(chunk: Buffer): void {
    const exchange = this.exchange;
    // Bytes nobody asked for: the connection is out of step.
    if (exchange === undefined) return this.close();
    if (this.expected < 0) {
      this.headChunks.push(chunk);
      this.headBytes += chunk.length;
      const all = this.headChunks.length === 1 ? chunk : Buffer.concat(this.headChunks, this.headBytes);
      const end = all.indexOf(HEAD_END);
      if (end < 0) {
        if (this.headBytes > MAX_HEAD_BYTES) this.close();
        else this.headChunks = [all];
        return;
      }
      if (end > MAX_HEAD_BYTES || !this.readHead(all.toString('latin1', 0, end), exchange)) return this.close();
      chunk = all.subarray(end + HEAD_END.length);
    }
    if (chunk.length > 0) {
      this.body.push(chunk);
      this.received += chunk.length;
    }
    if (this.received > this.expected) return this.close();
    if (this.received < this.expected) return;
    const body = this.body.length === 1 ? this.body[0]! : Buffer.concat(this.body, this.received);
    this.exchange = undefined;
    this.body = [];
    this.served++;
    if (this.keepAlive) this.rest();
    else this.close();
    exchange.done(body);
  }

  /** Takes the head of a 200 with a usable Content-Length; false for anything else. */
  private readHead(head: string, exchange: Exchange): boolean {
    const lines = head.split('\r\n');
    const status = STATUS_LINE.exec(lines[0]!);
    if (status === null) return false;
    const code = Number(status[2]);
    exchange.onStatus?.(code);
    if (code !== 200) return false;
    let length = -1;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      // No folded lines, no empty or non-token names, no control characters.
      if (colon <= 0 || !isToken(field)) return false;
      const value = line.slice(colon + 1).trim();
      if (INVALID_VALUE.test(value)) return false;
      const name = field.toLowerCase();
      if (name === 'content-length') {
        if (length >= 0 || !/^\d{1,15}$/.test(value)) return false;
        length = Number(value);
      } else if (name === 'transfer-encoding') return false;
      else if (name === 'connection') connection = value.toLowerCase();
    }
    if (length < 0 || length > exchange.maxBytes) return false;
    this.expected = length;
    this.keepAlive = status[1] === '1' ? !/(^|[\s,])close($|[\s,])/.test(connection) : /(^|[\s,])keep-alive($|[\s,])/.test(connection);
    return true;
  }

  /**
   * Ends the connection; an exchange it had sent fails, or goes again once if the server closed (`byPeer`) a
   * kept-alive connection without a byte of answer.
   */
  private close(byPeer = false): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    const exchange = this.exchange;
    this.exchange = undefined;
    // A server may close a kept-alive connection just as a request goes out on it: that request never reached it.
    const stale = byPeer && exchange !== undefined && this.served > 0 && this.expected < 0 && this.headBytes === 0 && !exchange.retried;
    if (stale) exchange.retried = true;
    this.pool.closed(this, this.socket !== undefined, stale ? exchange : undefined);
    if (!stale) exchange?.done(null);
  }
}

const pools = new Map<string, KeepAliveGets>();

/**
 * This thread's connections to `origin`, by protocol, host, port, idle timeout, `maxSockets` and the proxy
 * variables as they are now (the proxy is decided from them, once per pool: not parsed again per request).
 */
export function keepAliveGetsFor(origin: Origin, maxSockets: number): KeepAliveGets {
  const env = process.env;
  const key = `${origin.protocol} ${origin.hostname} ${origin.port} ${origin.idleTimeoutMs} ${maxSockets}\n${env.https_proxy}\n${env.HTTPS_PROXY}\n${env.http_proxy}\n${env.HTTP_PROXY}\n${env.no_proxy}\n${env.NO_PROXY}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new KeepAliveGets(origin, maxSockets);
    pools.set(key, pool);
  }
  return pool;
}
