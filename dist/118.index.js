export const id = 118;
export const ids = [118];
export const modules = {

/***/ 28903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H2: () => (/* binding */ proxyAgentFor),
/* harmony export */   T6: () => (/* binding */ ProxyError),
/* harmony export */   YB: () => (/* binding */ proxyRefusalMessage),
/* harmony export */   YP: () => (/* binding */ redactProxy),
/* harmony export */   d1: () => (/* binding */ proxyNote),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export openTunnel */
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

/***/ 53960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g2: () => (/* binding */ encodeKey),
/* harmony export */   nj: () => (/* binding */ getWholeObject),
/* harmony export */   te: () => (/* binding */ getListing),
/* harmony export */   yD: () => (/* binding */ sendDirectGet)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _sigv4_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70485);



/** An object key as the SDK puts it in a GetObject path (each segment encoded, slashes kept). */
function encodeKey(key) {
    return key.split('/').map(_sigv4_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeUri */ .o$).join('/');
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
    const headers = (0,_sigv4_js__WEBPACK_IMPORTED_MODULE_2__/* .signGet */ .Iv)(template, path, plan.credentials, new Date(Date.now() + plan.clockOffsetMs));
    const req = (plan.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request)({ method: 'GET', host: plan.hostname, port: plan.port, path: search ? `${path}?${search}` : path, headers, agent }, onResponse);
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
 * whose errors are worded. The body is gathered from 'data' events, without a stream iterator or idle-guard
 * generator per object; the idle timeout stays armed through the body.
 */
function getWholeObject(plan, key, agent, maxBytes, 
/** Told the status as soon as the answer's headers are in. */
onStatus) {
    return wholeBody((onResponse) => startDirectGet(plan, key, agent, onResponse), maxBytes, true, onStatus);
}
/**
 * A ListObjectsV2 page's body: the plan's request at the bucket's root (its path prefix) with `query`, a name=value
 * list already in SigV4's canonical form (sorted by name, each part escaped), which is also what is sent. A 200
 * answer read to its end (with or without a Content-Length: S3 sends listings chunked), at most `maxBytes`; else
 * null, for the caller to list the page through the SDK.
 */
function getListing(plan, query, agent, maxBytes) {
    const template = { ...plan.template, canonicalQuery: query };
    return wholeBody((onResponse) => startSignedGet(plan, plan.pathPrefix, query, template, agent, onResponse), maxBytes, false);
}
/**
 * The body of the GET `start` sends, when it is answered 200 and read to its end: as long as its Content-Length
 * says (which `lengthRequired` makes mandatory) and at most `maxBytes`; else null.
 */
function wholeBody(start, maxBytes, lengthRequired, onStatus) {
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
                onStatus?.(res.statusCode ?? 0);
                const header = res.headers['content-length'];
                const declared = header === undefined ? undefined : Number(header);
                const acceptable = declared === undefined ? !lengthRequired : Number.isSafeInteger(declared) && declared <= maxBytes;
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
/** `20261128T090348Z`: the signing time, to the second. */
function amzDate(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
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
/** Derived signing keys by secret, day, region and service: one HMAC chain per day, not per request. */
const signingKeys = new Map();
function signingKey(secret, day, region, service) {
    const id = `${day}\n${region}\n${service}\n${secret}`;
    let key = signingKeys.get(id);
    if (key === undefined) {
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', `AWS4${secret}`).update(day).digest();
        for (const part of [region, service, 'aws4_request'])
            key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(part).digest();
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
    const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonicalRequest).digest('hex')}`;
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
