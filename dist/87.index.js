export const id = 87;
export const ids = [87];
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

/***/ 78171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ countedStream)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);

/**
 * `chunks` as a byte stream, calling `onBytes` for every chunk the reader takes. Nothing is read ahead
 * (highWaterMark 0), so when `chunks` fails, every chunk it gave before has reached the reader: a stream that
 * reads ahead drops what it holds when it fails, which lost up to 64 KiB (and the records in them) of a body that
 * broke off for good, more or less depending on timing.
 */
function countedStream(chunks, onBytes) {
    return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from((async function* () {
        for await (const chunk of chunks) {
            onBytes(chunk.length);
            yield chunk;
        }
    })(), { objectMode: false, highWaterMark: 0 });
}


/***/ }),

/***/ 59087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HttpsSource: () => (/* binding */ HttpsSource)
/* harmony export */ });
/* unused harmony exports redactUrl, checkDownloadUrl */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _byte_counter_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(78171);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28903);
/* harmony import */ var _idle_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(93886);







const DEFAULT_RETRY_DELAYS_MS = [500, 2000];
const MAX_REDIRECTS = 5;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** The URL without credentials: the query (presigned URLs carry a signature there) becomes `?…`, user info is dropped. */
function redactUrl(raw) {
    try {
        const url = new URL(raw);
        const query = url.search ? '?…' : '';
        return `${url.protocol}//${url.host}${url.pathname}${query}`;
    }
    catch {
        return raw.replace(/\?.*$/, '?…');
    }
}
function isLoopback(url) {
    return LOOPBACK_HOSTS.has(url.hostname);
}
/** Throws ConfigError unless `raw` is https://, or http:// to a loopback address (used by tests). */
function checkDownloadUrl(raw, inputName = 'source') {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigError */ .x(`Input '${inputName}': '${redactUrl(raw)}' is not a valid URL`);
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:' && isLoopback(url))
        return url;
    if (url.protocol === 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigError */ .x(`Input '${inputName}': '${redactUrl(raw)}' uses plain http://, which is insecure; use https://`);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigError */ .x(`Input '${inputName}': unsupported URL scheme in '${redactUrl(raw)}'`);
}
/** An HTTP status that the attempt loop should retry. */
class RetryableStatus extends Error {
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** One object per URL, streamed, retried on connection errors, 5xx and 429 until the body starts. */
class HttpsSource {
    options;
    url;
    name;
    identity;
    attempts = 0;
    retries = 0;
    objectsRead = 0;
    bytesRead = 0;
    lastStatus;
    /** The URL of the latest request (a redirect target may be proxied differently from the URL itself). */
    lastUrl;
    /** One agent per origin: a CONNECT tunnel through the proxy `@actions/http-client` picks for it, or none. */
    agents = new Map();
    constructor(line, options = {}) {
        this.options = options;
        this.url = checkDownloadUrl(line);
        this.name = redactUrl(line);
        this.lastUrl = this.url;
        // The full URL, query included: two presigned URLs of one object differ only by their query, but so do two
        // different objects behind one endpoint (`download?id=1`, `download?id=2`); merging those would silently skip
        // a file, while reading one object twice only double-counts it in plain sight. Hashed, so the signature the
        // query carries is not kept in the clear.
        this.identity = `url-sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(this.url.toString()).digest('hex')}`;
    }
    get timeoutMs() {
        return this.options.timeoutMs ?? _idle_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_IDLE_TIMEOUT_MS */ .C9;
    }
    async *objects() {
        yield { name: this.name, identity: this.identity, open: () => this.open() };
    }
    describe() {
        return {
            kind: 'https',
            location: this.name,
            details: {
                url: this.name,
                status: this.lastStatus ?? null,
                attempts: this.attempts,
                retries: this.retries,
                objectsRead: this.objectsRead,
                bytesRead: this.bytesRead,
                ...(this.agentProxy() ? { proxy: this.agentProxy() } : {})
            }
        };
    }
    async open() {
        const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
        const maxAttempts = delays.length + 1;
        let lastProblem = '';
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                this.retries++;
                await sleep(delays[attempt - 2]);
            }
            this.attempts++;
            try {
                const response = await this.get(this.url, 0);
                this.objectsRead++;
                return (0,_byte_counter_js__WEBPACK_IMPORTED_MODULE_3__/* .countedStream */ .R)(this.guardedBody(response), (n) => {
                    this.bytesRead += n;
                });
            }
            catch (err) {
                if (err instanceof RetryableStatus || isConnectionError(err)) {
                    lastProblem = err.message;
                    continue;
                }
                if (err instanceof _proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .ProxyError */ .T6)
                    throw new Error(`${this.name}: ${err.message}`, { cause: err });
                throw err;
            }
        }
        throw new Error(`${this.name}: download failed after ${maxAttempts} attempts: ${lastProblem}${this.note(lastProblem)}`);
    }
    /** ` (through proxy …)` for the latest request, unless `message` already names the proxy. */
    note(message = '') {
        return /\bthe proxy\b/.test(message) ? '' : (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyNote */ .d1)(this.lastUrl);
    }
    /** The proxy (redacted) the URL's requests went through, if any. */
    agentProxy() {
        const agent = this.agents.get(`${this.url.protocol}//${this.url.host}`);
        return agent?.proxy ? (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactProxy */ .YP)(agent.proxy) : undefined;
    }
    agentFor(url) {
        const origin = `${url.protocol}//${url.host}`;
        if (!this.agents.has(origin))
            this.agents.set(origin, (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAgentFor */ .H2)(url, { connectTimeoutMs: this.timeoutMs }));
        return this.agents.get(origin);
    }
    /** The response body, failing with a named error when it gives no bytes for the idle timeout. */
    async *guardedBody(response) {
        let received = 0;
        try {
            for await (const chunk of (0,_idle_js__WEBPACK_IMPORTED_MODULE_6__/* .idleGuard */ .kz)(response, this.timeoutMs)) {
                received += chunk.length;
                yield chunk;
            }
        }
        catch (err) {
            const problem = (0,_idle_js__WEBPACK_IMPORTED_MODULE_6__/* .isTimeout */ .kL)(err) ? `no data for ${this.timeoutMs} ms` : err.message;
            throw new Error(`${this.name}: the download broke off after ${received} bytes: ${problem}${this.note(problem)}`, { cause: err });
        }
        finally {
            response.destroy();
        }
    }
    /** Resolves with a 2xx response whose body has not been read yet. */
    get(url, redirects) {
        const client = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_2__ : node_http__WEBPACK_IMPORTED_MODULE_1__;
        this.lastUrl = url;
        const agent = this.agentFor(url);
        const options = { headers: { 'accept-encoding': 'identity' } };
        if (agent)
            options.agent = agent;
        if (this.options.ca && url.protocol === 'https:')
            options.ca = this.options.ca;
        return new Promise((resolve, reject) => {
            const request = client.get(url, options, (response) => {
                const status = response.statusCode ?? 0;
                this.lastStatus = status;
                if (status >= 200 && status < 300) {
                    // From here the body's own idle guard (guardedBody) watches for a stall.
                    request.setTimeout(0);
                    resolve(response);
                    return;
                }
                response.resume();
                const location = response.headers.location;
                if (status >= 300 && status < 400 && location) {
                    if (redirects >= MAX_REDIRECTS) {
                        reject(new Error(`${this.name}: too many redirects`));
                        return;
                    }
                    let target;
                    try {
                        target = checkDownloadUrl(new URL(location, url).toString());
                    }
                    catch (err) {
                        reject(new Error(`${this.name}: refused redirect: ${err.message}`));
                        return;
                    }
                    this.get(target, redirects + 1).then(resolve, reject);
                    return;
                }
                const problem = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
                if (status >= 500 || status === 429)
                    reject(new RetryableStatus(problem));
                else
                    reject(new Error(`${this.name}: ${problem}${this.note()}`));
            });
            request.setTimeout(this.timeoutMs, () => {
                request.destroy(Object.assign(new Error(`no data for ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
            });
            request.on('error', reject);
        });
    }
}
function isConnectionError(err) {
    const code = err?.code;
    return (typeof code === 'string' &&
        ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET'].includes(code));
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
