export const id = 917;
export const ids = [917];
export const modules = {

/***/ 28903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H2: () => (/* binding */ proxyAgentFor),
/* harmony export */   T6: () => (/* binding */ ProxyError),
/* harmony export */   X: () => (/* binding */ openTunnel),
/* harmony export */   YB: () => (/* binding */ proxyRefusalMessage),
/* harmony export */   YP: () => (/* binding */ redactProxy),
/* harmony export */   d1: () => (/* binding */ proxyNote),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19783);
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



// The proxy rules alone (`lib/proxy`), not the package's index: that also loads undici and `tunnel` for its own
// client, about 40 ms and 8 MB on every S3 and HTTPS run before its first request.

/** The proxy `@actions/http-client` would send a request for `url` through, or undefined (none set, or bypassed). */
function proxyFor(url) {
    let href;
    try {
        // As http-client's own getProxyUrl(string) does: its rules on the parsed URL, '' when none applies.
        href = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_3__/* .getProxyUrl */ .s)(new URL(String(url)))?.href ?? '';
    }
    catch {
        return undefined;
    }
    if (!href)
        return undefined;
    try {
        const proxy = new URL(href);
        return proxy.hostname ? proxy : undefined;
    }
    catch {
        return undefined;
    }
}
/** The proxy URL for messages: scheme, host and port; credentials become `***@`, any path is dropped. */
function redactProxy(proxy) {
    const credentials = proxy.username || proxy.password ? '***@' : '';
    return `${proxy.protocol}//${credentials}${proxy.host}`;
}
/** The proxy environment variable that applies to `url`'s scheme, as http-client reads it (lower case first). */
function configuredProxy(url) {
    const env = process.env;
    const value = url.protocol === 'https:' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
    return value || undefined;
}
/**
 * What to add to an error about `url`: ` (through proxy http://proxy.corp:3128)` when it went through a proxy,
 * ` (not through the proxy: NO_PROXY matches files.example)` when a proxy is set but bypassed for it, else ''.
 */
function proxyNote(url) {
    let parsed;
    try {
        parsed = new URL(String(url));
    }
    catch {
        return '';
    }
    const proxy = proxyFor(parsed);
    if (proxy)
        return ` (through proxy ${redactProxy(proxy)})`;
    if (!configuredProxy(parsed))
        return '';
    const host = parsed.hostname.toLowerCase();
    const loopback = host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]';
    return loopback ? ` (not through the proxy: ${parsed.hostname} is a loopback address)` : ` (not through the proxy: NO_PROXY matches ${parsed.hostname})`;
}
const STATUS_HINTS = {
    407: 'the proxy wants credentials: put them in the proxy URL (http://user:password@host:port, percent-encoded)',
    403: 'the proxy does not allow this destination; ask for it to be allowed, or add it to NO_PROXY if it is reachable directly',
    502: 'the proxy could not reach the destination',
    503: 'the proxy could not reach the destination',
    504: 'the proxy timed out reaching the destination'
};
/** A proxy refused a CONNECT, could not be reached, or did not answer it. */
class ProxyError extends Error {
    proxy;
    target;
    status;
    name = 'ProxyError';
    /** `ECONNRESET`-like codes for transient failures (retried), `EPROXYREFUSED` for 407/403 and other refusals. */
    code;
    constructor(message, 
    /** The proxy, redacted. */
    proxy, 
    /** `host:port` the tunnel was for. */
    target, 
    /** The proxy's answer to CONNECT, when it answered. */
    status, code, options) {
        super(message, options);
        this.proxy = proxy;
        this.target = target;
        this.status = status;
        this.code = code;
    }
    /** Worth another attempt: the proxy could not be reached or timed out, or answered 502/503/504. */
    get retryable() {
        return this.code !== 'EPROXYREFUSED';
    }
}
/** The message for a proxy's non-200 answer to CONNECT, e.g. `the proxy http://p:3128 refused to tunnel to h:443: HTTP 407 Proxy Authentication Required (…)`. */
function proxyRefusalMessage(proxy, target, status) {
    const reason = node_http__WEBPACK_IMPORTED_MODULE_0__.STATUS_CODES[status];
    const hint = STATUS_HINTS[status];
    return `the proxy ${proxy} refused to tunnel to ${target}: HTTP ${status}${reason ? ` ${reason}` : ''}${hint ? ` (${hint})` : ''}`;
}
const authority = (host, port) => `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
/** Opens a CONNECT tunnel to `host:port` through `proxy`: the raw socket once the proxy answered 200. */
function openTunnel(proxy, host, port, timeoutMs) {
    const target = authority(host, port);
    const shown = redactProxy(proxy);
    const headers = { host: target };
    if (proxy.username || proxy.password) {
        // http-client's DecodedURL (and so the tunnel it builds) sends the percent-decoded credentials.
        const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
        headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    const overTls = proxy.protocol === 'https:';
    const proxyHost = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
    return new Promise((resolve, reject) => {
        const request = (overTls ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request({
            host: proxyHost,
            port: Number(proxy.port) || (overTls ? 443 : 80),
            method: 'CONNECT',
            path: target,
            headers,
            agent: false,
            ...(overTls ? { servername: proxyHost } : {})
        });
        let settled = false;
        const fail = (err) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            request.destroy();
            reject(err);
        };
        const timer = setTimeout(() => {
            fail(new ProxyError(`the proxy ${shown} did not answer the CONNECT to ${target} within ${timeoutMs} ms`, shown, target, undefined, 'ETIMEDOUT'));
        }, timeoutMs);
        request.once('connect', (response, socket, head) => {
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
            if (head.length > 0)
                socket.unshift(head);
            resolve(socket);
        });
        request.once('error', (err) => {
            const code = typeof err.code === 'string' ? err.code : 'ECONNRESET';
            fail(new ProxyError(`could not connect to the proxy ${shown} (${code}: ${err.message})`, shown, target, undefined, code, { cause: err }));
        });
        request.end();
    });
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
];
const noSocket = undefined;
function targetOf(options, defaultPort) {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    return { host, port: Number(options.port) || defaultPort };
}
/** An `http.Agent` for http:// URLs whose connections are CONNECT tunnels through `proxy`. */
class HttpTunnelAgent extends node_http__WEBPACK_IMPORTED_MODULE_0__.Agent {
    proxy;
    connectTimeoutMs;
    constructor(proxy, connectTimeoutMs, options) {
        super(options);
        this.proxy = proxy;
        this.connectTimeoutMs = connectTimeoutMs;
    }
    createConnection(options, callback) {
        const { host, port } = targetOf(options, 80);
        openTunnel(this.proxy, host, port, this.connectTimeoutMs).then((socket) => callback?.(null, socket), (err) => callback?.(err, noSocket));
        // Node's Agent waits for the callback when createConnection returns nothing.
        return undefined;
    }
}
/** An `https.Agent` for https:// URLs whose connections are TLS sessions inside CONNECT tunnels through `proxy`. */
class HttpsTunnelAgent extends node_https__WEBPACK_IMPORTED_MODULE_1__.Agent {
    proxy;
    connectTimeoutMs;
    constructor(proxy, connectTimeoutMs, options) {
        super(options);
        this.proxy = proxy;
        this.connectTimeoutMs = connectTimeoutMs;
    }
    createConnection(options, callback) {
        const { host, port } = targetOf(options, 443);
        openTunnel(this.proxy, host, port, this.connectTimeoutMs).then((socket) => {
            const secure = { socket };
            for (const key of TLS_KEYS) {
                if (options[key] !== undefined)
                    secure[key] = options[key];
            }
            // Node computes servername for the agent ('' for an IP address, which must not be sent as SNI).
            const servername = options.servername ?? host;
            if (servername && !/^[\d.]+$|:/.test(servername))
                secure.servername = servername;
            callback?.(null, node_tls__WEBPACK_IMPORTED_MODULE_2__.connect(secure));
        }, (err) => callback?.(err, noSocket));
        return undefined;
    }
}
/**
 * An agent that tunnels requests for `url`'s scheme through the proxy `@actions/http-client` picks for `url`, or
 * undefined when `url` is not proxied (use the default agent). The agent serves any host, but the choice was
 * made for `url`: use one per destination.
 */
function proxyAgentFor(url, options = {}) {
    const parsed = new URL(String(url));
    const proxy = proxyFor(parsed);
    if (!proxy)
        return undefined;
    const agentOptions = { keepAlive: options.keepAlive ?? false, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
    const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
    return parsed.protocol === 'https:'
        ? new HttpsTunnelAgent(proxy, connectTimeoutMs, agentOptions)
        : new HttpTunnelAgent(proxy, connectTimeoutMs, agentOptions);
}


/***/ }),

/***/ 14917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g2: () => (/* binding */ encodeKey),
  te: () => (/* binding */ getListing),
  nj: () => (/* binding */ getWholeObject),
  kK: () => (/* binding */ offerTlsSession),
  yD: () => (/* binding */ sendDirectGet),
  Rd: () => (/* binding */ tlsSessionOf),
  GU: () => (/* binding */ warmUpGets)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
// EXTERNAL MODULE: ./src/proxy.ts
var src_proxy = __webpack_require__(28903);
;// CONCATENATED MODULE: ./src/sources/keep-alive-gets.ts



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
class KeepAliveGets {
    origin;
    maxSockets;
    idle = [];
    queue = [];
    open = 0;
    /** Of those, the ones still connecting (each will take a queued exchange). */
    connecting = 0;
    /** The last TLS session, offered to the next connection (resumption saves a full handshake). */
    session;
    /**
     * The TLS settings every connection shares (Node's defaults: its CA store and NODE_EXTRA_CA_CERTS). Without it
     * tls.connect() builds a context per connection: 2,016 small objects over TLS took 1.39-1.43 s instead of
     * 1.35-1.38 s, with 35-52 ms more CPU (Node 24, loopback S3, three A/B runs, medians of 7).
     */
    secureContext;
    /** The proxy whose tunnels the connections go through, decided once from the environment (proxy.ts). */
    proxy;
    constructor(origin, maxSockets) {
        this.origin = origin;
        this.maxSockets = maxSockets;
        const host = origin.hostname.includes(':') ? `[${origin.hostname}]` : origin.hostname;
        this.proxy = (0,src_proxy/* proxyFor */.iJ)(`${origin.protocol}//${host}${origin.port === undefined ? '' : `:${origin.port}`}/`);
    }
    /**
     * GETs `target` (the path and query, encoded as sent) with `headers` (host and signature included) and resolves
     * with the whole body of a 200, or null. `onStatus` is told the status as soon as the head is in.
     */
    get(target, headers, maxBytes, onStatus) {
        const request = requestHead(target, headers);
        if (request === null)
            return Promise.resolve(null);
        return new Promise((done) => {
            const exchange = { request, maxBytes, onStatus, done, retried: false };
            const connection = this.idle.pop();
            if (connection !== undefined)
                connection.send(exchange);
            else {
                this.queue.push(exchange);
                this.grow();
            }
        });
    }
    /** Connections open or opening (tests). */
    get connections() {
        return this.open;
    }
    /**
     * Opens one TLS connection ahead of the GETs, when none is open and no session is known: the first GETs open
     * connections by the dozen, and each would make a full handshake; with this connection's session they resume it
     * (a full handshake cost Node 24 about 1.3 ms of CPU here, a resumed one 0.8 ms). Nothing for plain HTTP, where
     * connections opened ahead measured no faster.
     */
    warmUp() {
        if (this.origin.protocol !== 'https:' || this.open > 0 || this.session !== undefined)
            return;
        this.openConnection();
    }
    /** A TLS session another thread's connections to this origin got, for this thread's next ones (unless they have one). */
    offerSession(session) {
        this.session ??= session;
    }
    /** The last session, and its copy for another thread. */
    shared;
    /**
     * The session, for another thread's connections to resume: a copy of its own, because the session's bytes may be
     * a view of a larger buffer, which a message would carry whole (measured: 1.44 to 1.50 s and 148 MB over TLS).
     */
    get sessionToShare() {
        const session = this.session;
        if (session === undefined)
            return undefined;
        if (this.shared?.session !== session)
            this.shared = { session, copy: new Uint8Array(session) };
        return this.shared.copy;
    }
    /** Opens connections for queued exchanges, up to maxSockets. */
    grow() {
        while (this.queue.length > this.connecting && this.open < this.maxSockets)
            this.openConnection();
    }
    openConnection() {
        this.open++;
        this.connecting++;
        if (this.origin.protocol === 'https:')
            this.secureContext ??= external_node_tls_.createSecureContext();
        new Connection(this, connect(this.origin, this.proxy, this.session, this.secureContext));
    }
    /** A connection is ready for an exchange (`connected`: for the first time): the next queued one, else it waits idle. */
    ready(connection, connected = false) {
        if (connected)
            this.connecting--;
        const next = this.queue.shift();
        if (next !== undefined)
            connection.send(next);
        else
            this.idle.push(connection);
    }
    /** A connection closed; `retry` is an exchange it had sent that may go again on a fresh connection. */
    closed(connection, connected, retry) {
        this.open--;
        const at = this.idle.indexOf(connection);
        if (at >= 0)
            this.idle.splice(at, 1);
        if (retry !== undefined)
            this.queue.unshift(retry);
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
/** Node's default limit on a response head (--max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
/** What node:http refuses to send: a header name that is not a token, a value with control characters, a path with spaces. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const INVALID_TARGET = /[^\x21-\x7e]/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [\t\x20-\x7e\x80-\xff]*)?$/;
/** Header names found to be tokens, so that the names every request and answer repeat are checked once. */
const tokens = new Set();
const isToken = (name) => {
    if (tokens.has(name))
        return true;
    if (!TOKEN.test(name))
        return false;
    // Bounded: a server sending endless distinct names only makes its names be checked each time.
    if (tokens.size < 256)
        tokens.add(name);
    return true;
};
/** The request's bytes (latin1), or null when node:http would refuse to send it. */
function requestHead(target, headers) {
    if (!target.startsWith('/') || INVALID_TARGET.test(target))
        return null;
    let head = `GET ${target} HTTP/1.1\r\n`;
    for (const name of Object.keys(headers)) {
        const value = headers[name];
        if (!isToken(name) || INVALID_VALUE.test(value))
            return null;
        head += `${name}: ${value}\r\n`;
    }
    return `${head}\r\n`;
}
function connect(origin, proxy, session, secureContext) {
    const https = origin.protocol === 'https:';
    const port = origin.port ?? (https ? 443 : 80);
    const host = origin.hostname;
    const secure = (socket) => external_node_tls_.connect({
        ...(socket ? { socket } : { host, port }),
        // An IP address is not sent as SNI (as node:https leaves it out).
        ...(external_node_net_.isIP(host) ? {} : { servername: host }),
        ALPNProtocols: ['http/1.1'],
        session,
        secureContext
    });
    if (proxy !== undefined)
        return (0,src_proxy/* openTunnel */.X)(proxy, host, port, origin.idleTimeoutMs).then((tunnel) => (https ? secure(tunnel) : tunnel));
    return https ? secure() : external_node_net_.connect({ host, port });
}
/** One connection: one exchange at a time, its answer parsed as it arrives. */
class Connection {
    pool;
    socket;
    exchange;
    /** Answers completed on this connection. */
    served = 0;
    headChunks = [];
    headBytes = 0;
    /** The body's length once the head is in; -1 before. */
    expected = -1;
    body = [];
    received = 0;
    keepAlive = true;
    closed = false;
    constructor(pool, socket) {
        this.pool = pool;
        if (socket instanceof Promise)
            socket.then((s) => this.attach(s), () => this.close());
        else
            this.attach(socket);
    }
    attach(socket) {
        if (this.closed) {
            socket.destroy();
            return;
        }
        this.socket = socket;
        const s = socket;
        s.setNoDelay?.(true);
        // No byte for this long, whether connecting, waiting for an answer, mid-body or idle, ends the connection.
        s.setTimeout?.(this.pool.origin.idleTimeoutMs, () => this.close(false));
        socket.on('data', (chunk) => this.onData(chunk));
        socket.on('error', () => this.close(true));
        socket.on('close', () => this.close(true));
        socket.on('end', () => this.close(true));
        if (socket instanceof external_node_tls_.TLSSocket)
            socket.on('session', (session) => (this.pool.session = session));
        this.rest(true);
    }
    /** Waits for (or takes) the next exchange; idle, the connection keeps the process alive no longer. */
    rest(connected = false) {
        this.socket.unref?.();
        this.pool.ready(this, connected);
    }
    send(exchange) {
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
        this.socket.ref?.();
        this.socket.write(exchange.request, 'latin1');
    }
    onData(chunk) {
        const exchange = this.exchange;
        // Bytes nobody asked for: the connection is out of step.
        if (exchange === undefined)
            return this.close();
        if (this.expected < 0) {
            this.headChunks.push(chunk);
            this.headBytes += chunk.length;
            const all = this.headChunks.length === 1 ? chunk : Buffer.concat(this.headChunks, this.headBytes);
            const end = all.indexOf(HEAD_END);
            if (end < 0) {
                if (this.headBytes > MAX_HEAD_BYTES)
                    this.close();
                else
                    this.headChunks = [all];
                return;
            }
            if (end > MAX_HEAD_BYTES || !this.readHead(all.toString('latin1', 0, end), exchange))
                return this.close();
            chunk = all.subarray(end + HEAD_END.length);
        }
        if (chunk.length > 0) {
            this.body.push(chunk);
            this.received += chunk.length;
        }
        if (this.received > this.expected)
            return this.close();
        if (this.received < this.expected)
            return;
        const body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.received);
        this.exchange = undefined;
        this.body = [];
        this.served++;
        if (this.keepAlive)
            this.rest();
        else
            this.close();
        exchange.done(body);
    }
    /** Takes the head of a 200 with a usable Content-Length; false for anything else. */
    readHead(head, exchange) {
        const lines = head.split('\r\n');
        const status = STATUS_LINE.exec(lines[0]);
        if (status === null)
            return false;
        const code = Number(status[2]);
        exchange.onStatus?.(code);
        if (code !== 200)
            return false;
        let length = -1;
        let connection = '';
        for (let i = 1; i < lines.length; i++) {
            const line = lines[i];
            const colon = line.indexOf(':');
            const field = line.slice(0, colon);
            // No folded lines, no empty or non-token names, no control characters.
            if (colon <= 0 || !isToken(field))
                return false;
            const value = line.slice(colon + 1).trim();
            if (INVALID_VALUE.test(value))
                return false;
            const name = field.toLowerCase();
            if (name === 'content-length') {
                if (length >= 0 || !/^\d{1,15}$/.test(value))
                    return false;
                length = Number(value);
            }
            else if (name === 'transfer-encoding')
                return false;
            else if (name === 'connection')
                connection = value.toLowerCase();
        }
        if (length < 0 || length > exchange.maxBytes)
            return false;
        this.expected = length;
        this.keepAlive = status[1] === '1' ? !/(^|[\s,])close($|[\s,])/.test(connection) : /(^|[\s,])keep-alive($|[\s,])/.test(connection);
        return true;
    }
    /**
     * Ends the connection; an exchange it had sent fails, or goes again once if the server closed (`byPeer`) a
     * kept-alive connection without a byte of answer.
     */
    close(byPeer = false) {
        if (this.closed)
            return;
        this.closed = true;
        this.socket?.destroy();
        const exchange = this.exchange;
        this.exchange = undefined;
        // A server may close a kept-alive connection just as a request goes out on it: that request never reached it.
        const stale = byPeer && exchange !== undefined && this.served > 0 && this.expected < 0 && this.headBytes === 0 && !exchange.retried;
        if (stale)
            exchange.retried = true;
        this.pool.closed(this, this.socket !== undefined, stale ? exchange : undefined);
        if (!stale)
            exchange?.done(null);
    }
}
const pools = new Map();
/**
 * This thread's connections to `origin`, by protocol, host, port, idle timeout, `maxSockets` and the proxy
 * variables as they are now (the proxy is decided from them, once per pool: not parsed again per request).
 */
function keepAliveGetsFor(origin, maxSockets) {
    const env = process.env;
    const key = `${origin.protocol} ${origin.hostname} ${origin.port} ${origin.idleTimeoutMs} ${maxSockets}\n${env.https_proxy}\n${env.HTTPS_PROXY}\n${env.http_proxy}\n${env.HTTP_PROXY}\n${env.no_proxy}\n${env.NO_PROXY}`;
    let pool = pools.get(key);
    if (pool === undefined) {
        pool = new KeepAliveGets(origin, maxSockets);
        pools.set(key, pool);
    }
    return pool;
}

// EXTERNAL MODULE: ./src/sources/sigv4.ts
var sigv4 = __webpack_require__(70485);
;// CONCATENATED MODULE: ./src/sources/direct-get.ts




/** An object key as the SDK puts it in a GetObject path (each segment encoded, slashes kept). */
function encodeKey(key) {
    return key.split('/').map(sigv4/* escapeUri */.o$).join('/');
}
/**
 * Signs and sends the GET of `key`, with the idle timeout armed (no answer, or no bytes for that long, destroys the
 * request). Throws for a key no URL can carry (a lone surrogate from a hostile listing).
 */
function startDirectGet(plan, key, agent, onResponse) {
    return startSignedGet(plan, plan.pathPrefix + encodeKey(key), plan.search, plan.template, agent, onResponse);
}
/** Signs and sends a GET of `path` (URI-encoded as sent) with `search` (in canonical form), the idle timeout armed. */
function startSignedGet(plan, path, search, template, agent, onResponse) {
    const headers = (0,sigv4/* signGet */.Iv)(template, path, plan.credentials, new Date(Date.now() + plan.clockOffsetMs));
    const req = (plan.protocol === 'https:' ? external_node_https_.request : external_node_http_.request)({ method: 'GET', host: plan.hostname, port: plan.port, path: search ? `${path}?${search}` : path, headers, agent }, onResponse);
    req.setTimeout(plan.idleTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer for ${plan.idleTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
    return req;
}
/** Sends the GET of `key` and resolves with S3's response (any status), or rejects when none came within the idle timeout. */
function sendDirectGet(plan, key, agent) {
    return new Promise((resolve, reject) => {
        const req = startDirectGet(plan, key, agent, (res) => {
            // The body's own idle guard takes over from here.
            req.setTimeout(0);
            resolve(res);
        });
        req.on('error', reject);
        req.end();
    });
}
/**
 * A small object's bytes: a 200 answer read to its end, exactly Content-Length bytes, at most `maxBytes`; else
 * null (an error status, a reset, a body cut short or longer than expected, no data for the idle timeout, a key no
 * URL can carry). The caller reads the object again through the SDK, whose retries and resumes then apply and
 * whose errors are worded. Sent over this thread's keep-alive connections to the plan's endpoint
 * (keep-alive-gets.ts), at most `maxSockets` of them, rather than through node:http: a lighter exchange per object.
 */
function getWholeObject(plan, key, maxSockets, maxBytes, 
/** Told the status as soon as the answer's head is in. */
onStatus) {
    let target;
    let headers;
    try {
        const path = plan.pathPrefix + encodeKey(key);
        headers = (0,sigv4/* signGet */.Iv)(plan.template, path, plan.credentials, new Date(Date.now() + plan.clockOffsetMs));
        target = plan.search ? `${path}?${plan.search}` : path;
    }
    catch {
        return Promise.resolve(null);
    }
    return keepAliveGetsFor(plan, maxSockets).get(target, headers, maxBytes, onStatus);
}
/** Opens a TLS connection to the plan's endpoint ahead of its GETs, for its session (KeepAliveGets.warmUp). */
function warmUpGets(plan, maxSockets) {
    keepAliveGetsFor(plan, maxSockets).warmUp();
}
/** The TLS session this thread's connections to the plan's endpoint got, if any: for a worker thread's to resume. */
function tlsSessionOf(plan, maxSockets) {
    return plan.protocol === 'https:' ? keepAliveGetsFor(plan, maxSockets).sessionToShare : undefined;
}
/** Another thread's TLS session for the plan's endpoint, for this thread's next connections if they have none. */
function offerTlsSession(plan, maxSockets, session) {
    keepAliveGetsFor(plan, maxSockets).offerSession(Buffer.from(session.buffer, session.byteOffset, session.byteLength));
}
/**
 * A ListObjectsV2 page's body: the plan's request at the bucket's root (its path prefix) with `query`, a name=value
 * list already in SigV4's canonical form (sorted by name, each part escaped), which is also what is sent. A 200
 * answer read to its end (with or without a Content-Length: S3 sends listings chunked), at most `maxBytes`; else
 * null, for the caller to list the page through the SDK.
 */
function getListing(plan, query, agent, maxBytes) {
    const template = { ...plan.template, canonicalQuery: query };
    return wholeBody((onResponse) => startSignedGet(plan, plan.pathPrefix, query, template, agent, onResponse), maxBytes);
}
/**
 * The body of the GET `start` sends, when it is answered 200 and read to its end: as long as its Content-Length
 * says, if it says, and at most `maxBytes`; else null.
 */
function wholeBody(start, maxBytes) {
    return new Promise((resolve) => {
        let settled = false;
        const settle = (bytes) => {
            if (settled)
                return;
            settled = true;
            resolve(bytes);
        };
        let req;
        try {
            req = start((res) => {
                const header = res.headers['content-length'];
                const declared = header === undefined ? undefined : Number(header);
                const acceptable = declared === undefined || (Number.isSafeInteger(declared) && declared <= maxBytes);
                if (res.statusCode !== 200 || !acceptable) {
                    res.resume();
                    settle(null);
                    return;
                }
                const limit = declared ?? maxBytes;
                const chunks = [];
                let received = 0;
                res.on('data', (chunk) => {
                    chunks.push(chunk);
                    received += chunk.length;
                    if (received > limit)
                        req.destroy();
                });
                res.on('end', () => {
                    req.setTimeout(0);
                    const complete = res.complete && (declared === undefined || received === declared);
                    settle(complete ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)) : null);
                });
                res.on('error', () => settle(null));
                res.on('close', () => settle(null));
            });
        }
        catch {
            settle(null);
            return;
        }
        req.on('error', () => settle(null));
        req.end();
    });
}


/***/ }),

/***/ 70485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iv: () => (/* binding */ signGet),
/* harmony export */   k: () => (/* binding */ signingTemplate),
/* harmony export */   o$: () => (/* binding */ escapeUri)
/* harmony export */ });
/* unused harmony export amzDate */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

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
const isSignable = (lowerName) => !UNSIGNABLE.has(lowerName) && !lowerName.startsWith('proxy-') && !lowerName.startsWith('sec-');
/** SHA-256 of no bytes: the payload hash of a request without a body. */
const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** RFC 3986 escaping as SigV4 wants it for query names and values. */
const escapeUri = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** The last second amzDate() formatted, and how (requests sent in the same second share it). */
let formattedSecond = Number.NaN;
let formatted = '';
/** `20261128T090348Z`: the signing time, to the second. */
function amzDate(date) {
    const second = Math.floor(date.getTime() / 1000);
    if (second !== formattedSecond) {
        formatted = date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
        formattedSecond = second;
    }
    return formatted;
}
const canonicalValue = (value) => value.trim().replace(/\s+/g, ' ');
const byName = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
function signingTemplate(headers, query, region, service) {
    const canonicalQuery = Object.keys(query)
        .filter((name) => name.toLowerCase() !== 'x-amz-signature')
        .sort()
        .map((name) => `${escapeUri(name)}=${escapeUri(query[name])}`)
        .join('&');
    let payloadHash = EMPTY_PAYLOAD_HASH;
    const canonicalHeaders = [];
    for (const [name, value] of Object.entries(headers)) {
        const lower = name.toLowerCase();
        if (lower === 'x-amz-content-sha256')
            payloadHash = String(value);
        if (isSignable(lower))
            canonicalHeaders.push([lower, canonicalValue(String(value))]);
    }
    return { headers: { ...headers }, canonicalHeaders: canonicalHeaders.sort(byName), payloadHash, canonicalQuery, region, service };
}
/**
 * Derived signing keys by secret, day, region and service: one HMAC chain per day, not per request. Kept as
 * KeyObjects: on Node 24 an HMAC keyed with a Buffer costs 13 µs (the key's type is checked every time), with a
 * KeyObject 1.7 µs.
 */
const signingKeys = new Map();
function signingKey(secret, day, region, service) {
    const id = `${day}\n${region}\n${service}\n${secret}`;
    let key = signingKeys.get(id);
    if (key === undefined) {
        let derived = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', `AWS4${secret}`).update(day).digest();
        for (const part of [region, service, 'aws4_request'])
            derived = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', derived).update(part).digest();
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createSecretKey)(derived);
        // Keys of other days or credentials are not needed again.
        if (signingKeys.size >= 16)
            signingKeys.clear();
        signingKeys.set(id, key);
    }
    return key;
}
/**
 * The headers to send for a GET of `path` (already URI-encoded as sent): the template's, the date, the session
 * token if any, and the Authorization header.
 */
function signGet(template, path, credentials, date) {
    const longDate = amzDate(date);
    const day = longDate.slice(0, 8);
    const headers = { ...template.headers, 'x-amz-date': longDate };
    const canonical = [...template.canonicalHeaders, ['x-amz-date', longDate]];
    if (credentials.sessionToken) {
        headers['x-amz-security-token'] = credentials.sessionToken;
        canonical.push(['x-amz-security-token', canonicalValue(credentials.sessionToken)]);
    }
    canonical.sort(byName);
    const signedHeaders = canonical.map(([name]) => name).join(';');
    const canonicalRequest = `GET\n${path}\n${template.canonicalQuery}\n${canonical.map(([name, value]) => `${name}:${value}\n`).join('')}\n${signedHeaders}\n${template.payloadHash}`;
    const scope = `${day}/${template.region}/${template.service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', canonicalRequest)}`;
    const signature = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', signingKey(credentials.secretAccessKey, day, template.region, template.service)).update(stringToSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}


/***/ }),

/***/ 19783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
/* unused harmony export checkBypass */
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

/***/ })

};
