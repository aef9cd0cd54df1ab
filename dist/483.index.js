export const id = 483;
export const ids = [483];
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

/***/ 31483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  githubClient: () => (/* reexport */ githubClient),
  httpTimeoutMs: () => (/* reexport */ httpTimeoutMs),
  publishIssue: () => (/* reexport */ publishIssue),
  publishPrComment: () => (/* reexport */ publishPrComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./src/proxy.ts
var src_proxy = __webpack_require__(28903);
;// CONCATENATED MODULE: ./src/publish/github.ts
/**
 * Octokit plumbing shared by issue mode and the PR comment: the client, bounded retries, pagination.
 *
 * Retries are done here, per request, rather than with @octokit/plugin-retry, so they work with any Octokit the
 * caller passes (tests use a plain `getOctokit`) and so delays can be injected.
 */


/** Default for how long one GitHub API request may take, connection to last byte of the body. */
const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
/** Environment variable overriding DEFAULT_HTTP_TIMEOUT_MS (milliseconds, a positive integer). */
const HTTP_TIMEOUT_ENV = 'BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS';
/**
 * The request timeout from `env` (BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS), else the 30 s default. A value that is
 * not a positive whole number of milliseconds is reported through `warn` and the default is used.
 */
function httpTimeoutMs(env = process.env, warn) {
    const raw = env[HTTP_TIMEOUT_ENV]?.trim();
    if (!raw)
        return DEFAULT_HTTP_TIMEOUT_MS;
    const value = Number(raw);
    if (/^\d+$/.test(raw) && Number.isSafeInteger(value) && value > 0)
        return value;
    warn?.(`${HTTP_TIMEOUT_ENV} must be a positive whole number of milliseconds, got '${raw}'; using ${DEFAULT_HTTP_TIMEOUT_MS} ms.`);
    return DEFAULT_HTTP_TIMEOUT_MS;
}
/** One request got no complete answer within the timeout (it was aborted, so no socket is left open). */
class GitHubTimeoutError extends Error {
    origin;
    timeoutMs;
    name = 'GitHubTimeoutError';
    constructor(origin, timeoutMs) {
        super(`no response from ${origin} within ${timeoutMs} ms`);
        this.origin = origin;
        this.timeoutMs = timeoutMs;
    }
}
const originOf = (url) => {
    try {
        return new URL(String(url)).origin;
    }
    catch {
        return String(url);
    }
};
/**
 * Gives every request made through `octokit` (REST and GraphQL) a timeout: an AbortSignal that fires after
 * `timeoutMs`, covering the connection, the headers and the body. A request that times out is aborted (the
 * socket is closed) and fails with GitHubTimeoutError, which withRetries retries like any network failure.
 */
function applyRequestTimeout(octokit, timeoutMs) {
    octokit.hook.wrap('request', async (request, options) => {
        const controller = new AbortController();
        const url = String(options.url ?? '');
        const timeout = new GitHubTimeoutError(originOf(/^https?:/i.test(url) ? url : options.baseUrl), timeoutMs);
        const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
        const outer = options.request?.signal;
        const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
        // before-after-hook hands inner hooks (auth) the options object it was given, not the one passed on: set
        // the signal on that object (a fresh merge per call; its `request` may be shared, so it is replaced).
        options.request = { ...options.request, signal };
        try {
            const response = await request(options);
            // Octokit reads the body under the same signal but swallows a failed read as an empty body.
            if (controller.signal.aborted)
                throw timeout;
            return response;
        }
        catch (error) {
            if (controller.signal.aborted)
                throw timeout;
            throw error;
        }
        finally {
            clearTimeout(timer);
        }
    });
    return octokit;
}
/**
 * A client for `token`, or null when there is none (the verdict stage then skips issue and comment).
 * `baseUrl` defaults to GITHUB_API_URL as read by `@actions/github` when first imported; `timeoutMs` (per
 * request) to BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS, else 30 s.
 */
function githubClient(token, options = {}) {
    if (!token.trim())
        return null;
    const octokit = (0,github/* getOctokit */.Q)(token.trim(), options.baseUrl ? { baseUrl: options.baseUrl } : {});
    return applyRequestTimeout(octokit, options.timeoutMs ?? httpTimeoutMs());
}
/** An API call that failed for good (after retries, or at once when not retryable). */
class GitHubApiError extends Error {
    operation;
    status;
    attempts;
    name = 'GitHubApiError';
    constructor(message, 
    /** What was being done, e.g. `create issue`. */
    operation, 
    /** HTTP status, when a response came back (never set for network failures and timeouts). */
    status, attempts, options) {
        super(message, options);
        this.operation = operation;
        this.status = status;
        this.attempts = attempts;
        this.kind = options?.kind ?? (status === undefined ? 'network' : 'http');
        this.rateLimitReset = options?.rateLimitReset;
    }
    kind;
    /** When the primary rate limit resets (x-ratelimit-reset), for `rate-limit` failures. */
    rateLimitReset;
}
/**
 * The HTTP status GitHub answered with, if it answered. Octokit reports a request that got no response at
 * all (connection refused, aborted) as status 500 without a `response`; that is not an HTTP status.
 */
function httpStatus(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const e = error;
    if (e.name === 'AbortError' || e.name === 'GitHubTimeoutError')
        return undefined;
    if ('request' in e && !e.response)
        return undefined;
    return typeof e.status === 'number' ? e.status : undefined;
}
function header(error, name) {
    const headers = error?.response?.headers;
    if (!headers)
        return undefined;
    const value = headers[name] ?? headers[name.toLowerCase()];
    return value === undefined || value === null ? undefined : String(value);
}
function errorText(error) {
    const e = error;
    const data = e?.response?.data;
    const parts = [typeof e?.message === 'string' ? e.message : String(error)];
    if (data && typeof data.message === 'string' && !parts[0].includes(data.message))
        parts.push(data.message);
    return parts.join(': ');
}
/** The errors behind `error` (its cause chain and, for AggregateError, its members), `error` first. */
function causes(error) {
    const seen = [];
    const visit = (e) => {
        if (typeof e !== 'object' || e === null || seen.includes(e) || seen.length > 20)
            return;
        seen.push(e);
        visit(e.cause);
        if (Array.isArray(e.errors))
            for (const inner of e.errors)
                visit(inner);
    };
    visit(error);
    return seen;
}
/**
 * The status a proxy refused the CONNECT tunnel with, when that is why a request failed. `@actions/github` sends
 * requests through undici's ProxyAgent (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as `@actions/http-client` decides),
 * which reports a refusal as `Proxy response (407) !== 200 when HTTP Tunneling`.
 */
function proxyRefusalStatus(error) {
    for (const e of causes(error)) {
        const match = typeof e.message === 'string' ? /Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/.exec(e.message) : null;
        if (match)
            return Number(match[1]);
    }
    return undefined;
}
/** `host:port` a request to `url` tunnels to. */
function tunnelTarget(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? 443 : 80)}`;
    }
    catch {
        return url;
    }
}
/**
 * For a request that got no HTTP answer: what happened, e.g. `could not connect to https://api.github.com (ECONNREFUSED)`,
 * with ` (through proxy http://proxy.corp:3128)` when the request went through a proxy.
 */
function describeNetworkFailure(error) {
    const chain = causes(error);
    const url = chain.map((e) => e.request?.url).find((u) => typeof u === 'string');
    const timeout = chain.find((e) => e instanceof GitHubTimeoutError);
    const note = (0,src_proxy/* proxyNote */.d1)(url ?? timeout?.origin ?? '');
    if (timeout)
        return `${timeout.message}${note} (request timeout; ${HTTP_TIMEOUT_ENV} changes it)`;
    const where = url ? originOf(url) : 'the GitHub API';
    const refused = proxyRefusalStatus(error);
    const proxy = url ? (0,src_proxy/* proxyFor */.iJ)(url) : undefined;
    if (refused !== undefined && url)
        return (0,src_proxy/* proxyRefusalMessage */.YB)(proxy ? (0,src_proxy/* redactProxy */.YP)(proxy) : '(from HTTPS_PROXY/HTTP_PROXY)', tunnelTarget(url), refused);
    const code = chain.map((e) => e.code).find((c) => typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c));
    const connect = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
    if (code && connect.has(code))
        return `could not connect to ${where} (${code})${note}`;
    if (code)
        return `the connection to ${where} failed (${code})${note}`;
    const deepest = chain[chain.length - 1];
    const detail = typeof deepest?.message === 'string' && deepest.message ? deepest.message : String(error);
    return `no answer from ${where}: ${detail}${note}`;
}
/** True when a 403/429 is GitHub's primary or secondary rate limit rather than a permission problem. */
function isRateLimit(error) {
    const status = httpStatus(error);
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    return header(error, 'retry-after') !== undefined || header(error, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(errorText(error));
}
const DEFAULT_DELAYS_MS = [1000, 2000, 4000];
/**
 * How long to wait before retrying `error`, or null when it must not be retried.
 * Retried: 5xx, 429, 403 that is a rate limit (retry-after, x-ratelimit-remaining: 0, "rate limit" message),
 * network failures and timeouts (no status). Not retried: other 4xx (permissions, validation, not found).
 */
function retryDelayMs(error, retryIndex, options = {}) {
    const delays = options.delaysMs && options.delaysMs.length > 0 ? options.delaysMs : DEFAULT_DELAYS_MS;
    const backoff = delays[Math.min(retryIndex, delays.length - 1)];
    const maxWait = options.maxWaitMs ?? 60_000;
    const status = httpStatus(error);
    const retryAfter = header(error, 'retry-after');
    const remaining = header(error, 'x-ratelimit-remaining');
    const reset = header(error, 'x-ratelimit-reset');
    if (isRateLimit(error)) {
        let wait = backoff;
        if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()))
            wait = Number(retryAfter.trim()) * 1000;
        else if (remaining === '0' && reset !== undefined && /^\d+$/.test(reset.trim())) {
            wait = Math.max(0, Number(reset.trim()) * 1000 - (options.now ?? Date.now)());
        }
        return wait > maxWait ? null : wait;
    }
    // A proxy that wants credentials or forbids the destination will refuse every attempt.
    const refused = status === undefined ? proxyRefusalStatus(error) : undefined;
    if (refused === 407 || refused === 403)
        return null;
    if (status === undefined || (status >= 500 && status <= 599))
        return backoff;
    return null;
}
/** The final error for `operation`, saying what happened: an HTTP status, a rate limit, a timeout or no connection. */
function finalError(operation, error, tries, options) {
    const status = httpStatus(error);
    const after = tries > 1 ? ` after ${tries} attempts` : '';
    if (status === undefined) {
        const timedOut = causes(error).some((e) => e instanceof GitHubTimeoutError);
        return new GitHubApiError(`GitHub API: ${operation} failed${after}: ${describeNetworkFailure(error)}`, operation, undefined, tries, {
            cause: error,
            kind: timedOut ? 'timeout' : 'network'
        });
    }
    if (isRateLimit(error)) {
        const now = (options.now ?? Date.now)();
        const reset = header(error, 'x-ratelimit-reset');
        const retryAfter = header(error, 'retry-after');
        const secondary = /secondary rate limit/i.test(errorText(error)) || (header(error, 'x-ratelimit-remaining') !== '0' && status === 403);
        let when = 'try again in a few minutes';
        let resetAt;
        if (header(error, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset.trim())) {
            resetAt = new Date(Number(reset.trim()) * 1000);
            when = `the limit resets at ${resetAt.toISOString()} (in ${Math.max(1, Math.ceil((resetAt.getTime() - now) / 60_000))} min)`;
        }
        else if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) {
            when = `GitHub asks to wait ${retryAfter.trim()} s (until ${new Date(now + Number(retryAfter.trim()) * 1000).toISOString()})`;
        }
        const which = secondary ? 'a secondary rate limit' : 'the rate limit';
        return new GitHubApiError(`GitHub API: ${operation} was refused by ${which} (HTTP ${status}${after}: ${errorText(error)}); ${when}. This is not a permission problem.`, operation, status, tries, { cause: error, kind: 'rate-limit', rateLimitReset: resetAt });
    }
    return new GitHubApiError(`GitHub API: ${operation} failed with HTTP ${status}${after}: ${errorText(error)}`, operation, status, tries, { cause: error });
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `call`, retrying transient failures a bounded number of times; throws GitHubApiError at the end. */
async function withRetries(operation, call, options = {}) {
    const retries = options.retries ?? 3;
    const sleep = options.sleep ?? realSleep;
    for (let attempt = 0;; attempt++) {
        try {
            return await call();
        }
        catch (error) {
            const wait = attempt < retries ? retryDelayMs(error, attempt, options) : null;
            if (wait === null)
                throw finalError(operation, error, attempt + 1, options);
            await sleep(wait);
        }
    }
}
/** A failure the permission hint fits: GitHub answered 403/404 and it was not a rate limit. */
function isPermissionFailure(error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404)
        return false;
    return !(error instanceof GitHubApiError ? error.kind === 'rate-limit' : isRateLimit(error));
}
/** Pages listAllPages reads at most (100 items each): 100,000 items. */
const MAX_LIST_PAGES = 1000;
/**
 * Every item of a paginated list, page by page (each page retried on its own), to the last page.
 * Follows the Link header's rel="next" when present, else stops at a short page. `stopAfter` ends the listing
 * after a page on which it returns true (e.g. the oldest item we look for was found). A list longer than
 * `maxPages` (default 1,000 pages) is an error rather than a silently truncated answer.
 */
async function listAllPages(operation, fetchPage, options = {}) {
    const perPage = options.perPage ?? 100;
    const maxPages = options.maxPages ?? MAX_LIST_PAGES;
    const items = [];
    for (let page = 1;; page++) {
        const response = await withRetries(`${operation} (page ${page})`, () => fetchPage(page, perPage), options);
        const data = Array.isArray(response.data) ? response.data : [];
        items.push(...data);
        if (options.stopAfter && (await options.stopAfter(data)))
            break;
        const link = response.headers.link;
        const hasNext = link !== undefined ? /rel="next"/.test(link) : data.length === perPage;
        if (!hasNext)
            break;
        if (page >= maxPages) {
            throw new GitHubApiError(`GitHub API: ${operation} has more than ${maxPages * perPage} items; not reading further`, operation, undefined, 1, {
                kind: 'http'
            });
        }
    }
    return items;
}
/** The identity behind GITHUB_TOKEN, assumed when GitHub will not say who an installation token is. */
const GITHUB_TOKEN_LOGIN = 'github-actions[bot]';
const identities = new WeakMap();
const isDenied = (error) => [401, 403, 404].includes(httpStatus(error) ?? 0);
async function lookUpIdentity(octokit, retry) {
    // GraphQL `viewer` answers for every kind of token, installation tokens included.
    try {
        const viewer = await withRetries('identify the token (GraphQL viewer)', async () => {
            try {
                return await octokit.graphql('query { viewer { login } }');
            }
            catch (error) {
                if (error?.name === 'GraphqlResponseError')
                    return null; // answered, with errors: not retryable
                throw error;
            }
        }, retry);
        const login = viewer?.viewer?.login;
        if (typeof login === 'string' && login)
            return { login, source: 'viewer' };
    }
    catch (error) {
        if (!isDenied(error))
            throw error;
    }
    // REST GET /user answers for user tokens (PAT, OAuth) and refuses installation tokens with 403.
    try {
        const { data } = await withRetries('identify the token (GET /user)', () => octokit.rest.users.getAuthenticated(), retry);
        if (typeof data.login === 'string' && data.login)
            return { login: data.login, source: 'user' };
    }
    catch (error) {
        if (!isDenied(error))
            throw error;
    }
    return { login: GITHUB_TOKEN_LOGIN, source: 'default' };
}
/**
 * The identity behind `octokit`'s token, looked up once per client (GraphQL `viewer`, else `GET /user`, else
 * the GITHUB_TOKEN bot) and cached. Only issues and comments this identity wrote count as the action's own.
 */
function tokenIdentity(octokit, retry = {}) {
    let identity = identities.get(octokit);
    if (!identity) {
        identity = lookUpIdentity(octokit, retry);
        identities.set(octokit, identity);
        identity.catch(() => identities.delete(octokit));
    }
    return identity;
}
/** Records the author GitHub gave to something this client just wrote: that is the token's identity. */
function rememberIdentity(octokit, author) {
    if (typeof author?.login === 'string' && author.login)
        identities.set(octokit, Promise.resolve({ login: author.login, source: 'written' }));
}
/** True when `author` is `identity` (GraphQL may name a bot without the `[bot]` suffix REST adds). */
function isAuthoredBy(author, identity) {
    if (typeof author?.login !== 'string')
        return false;
    const login = author.login.toLowerCase();
    const ours = identity.login.toLowerCase();
    return login === ours || (author.type === 'Bot' && login === `${ours}[bot]`);
}

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(16137);
// EXTERNAL MODULE: ./src/detection/by-user.ts
var by_user = __webpack_require__(77360);
// EXTERNAL MODULE: ./src/detection/metadata.ts
var metadata = __webpack_require__(48010);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/html.ts
var html = __webpack_require__(86433);
// EXTERNAL MODULE: ./src/report/charts.ts
var report_charts = __webpack_require__(43337);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/report/findings-markdown.ts
/**
 * Markdown bodies shared by the findings issue and the sticky PR comment.
 *
 * Every value that comes from the logs goes through `inert`/`inertCode`; links are built only from our own
 * constants (MITRE ATT&CK, detection references) or from URLs the action computed (run, artifact).
 * Tables are HTML with one row per line and no blank line inside, so Markdown never ends the block early.
 * Every body is built against a character budget so it stays under GitHub's 65,536-character limit.
 */






/** What we aim to stay under: the API limit with room for a line or two added by callers. */
/** Body and comment limit of the GitHub API (characters). */
const GITHUB_BODY_LIMIT = 65_536;
const BODY_BUDGET = GITHUB_BODY_LIMIT - 1_536;
/** Only characters that cannot end an HTML comment or inject anything. */
const markerId = (detectionId) => detectionId.replace(/[^A-Za-z0-9._-]/g, '');
/** Hidden marker naming the detection in the issue body this action owns. */
function issueMarker(detectionId) {
    return `<!-- bedrock-denied-scan:${markerId(detectionId)} -->`;
}
/** Hidden marker of the sticky PR comment (distinct from the issue marker). */
function prCommentMarker(detectionId) {
    return `<!-- bedrock-denied-scan:pr-comment:${markerId(detectionId)} -->`;
}
/** Where each user's calls came from: source IPs, user agents, accounts, regions (kept out of the main table's width). */
function sourceRows(findings) {
    return (0,html/* lazyRows */.qn)((0,by_user/* activityByUser */.Wd)(findings), (u) => [(0,report_escape/* inertCode */.gQ)(u.user, 120), (0,html/* valueList */.Q0)(u.srcs), (0,html/* valueList */.Q0)(u.userAgents, 3, 160), (0,html/* valueList */.Q0)(u.accounts, 3, 40), (0,html/* valueList */.Q0)(u.regions, 3, 40)]);
}
/** Denied calls by error code and message (the message says which policy denied). */
function reasonRows(findings) {
    const byReason = new Map();
    for (const f of findings) {
        const key = JSON.stringify([f.result_id, f.result]);
        const entry = byReason.get(key) ?? { code: f.result_id, message: f.result, count: 0 };
        entry.count += f.count;
        byReason.set(key, entry);
    }
    return [...byReason.values()]
        .sort((a, b) => b.count - a.count || String(a.message).localeCompare(String(b.message)))
        .map((r) => [(0,report_escape/* inertCode */.gQ)(r.code, 60), (0,report_escape/* inertCode */.gQ)(r.message, 400), (0,html/* formatCount */.B4)(r.count)]);
}
const BY_NOUN = { events: 'denied calls', findings: 'findings', users: 'users' };
/** One paragraph: exceeded or not, with the numbers. */
function verdictParagraph(report) {
    const t = report.threshold;
    const noun = BY_NOUN[t.by] ?? 'events';
    const status = t.exceeded
        ? `🔴 **Threshold exceeded**: ${(0,html/* formatCount */.B4)(t.observed)} ${noun}, threshold ${(0,html/* formatCount */.B4)(t.value)}.`
        : `🟢 **Within threshold**: ${(0,html/* formatCount */.B4)(t.observed)} ${noun}, threshold ${(0,html/* formatCount */.B4)(t.value)}.`;
    const figures = ` ${(0,html/* plural */.LS)(report.matched, 'denied call')} by ${(0,html/* plural */.LS)(report.users, 'user')} in ${(0,html/* plural */.LS)(report.findings.length, 'finding')}; scanned ${(0,html/* plural */.LS)(report.scan.files, 'file')}, ${(0,html/* plural */.LS)(report.scan.records, 'record')}.`;
    const incomplete = report.scan.complete
        ? ''
        : ` ⚠️ **Incomplete scan**: ${(0,html/* plural */.LS)(report.scan.filesFailed.length, 'file')} could not be scanned, so these figures may be low.`;
    return status + figures + incomplete + '\n';
}
function selectionLine(report) {
    const s = report.selection;
    const join = (values) => values.map((v) => (0,report_escape/* inertCode */.gQ)(v, 80)).join(', ');
    const window = s.since || s.until ? ` · window ${(0,report_escape/* inert */.tJ)(s.since ?? 'any time', 40)} → ${(0,report_escape/* inert */.tJ)(s.until ?? 'now', 40)}` : '';
    return `Selection: eventSource ${join(s.eventSources)} · eventName ${join(s.eventNames)} · errorCode ${join(s.errorCodes)}${window}\n`;
}
/** Links to the run and the report artifact, when known. */
function linksParagraph(runUrl, report) {
    const parts = [];
    const run = (0,html/* safeHref */.v7)(runUrl ?? report.links?.runUrl);
    if (run)
        parts.push((0,html/* link */.nf)(run, 'Workflow run'));
    const artifact = (0,html/* safeHref */.v7)(report.links?.artifactUrl);
    if (artifact)
        parts.push((0,html/* link */.nf)(artifact, 'Report artifact (JSON + CSV)'));
    return parts.length > 0 ? parts.join(' · ') + '\n' : '';
}
/** Detection metadata, collapsed: MITRE ids (linked only when known), false-positive guidance, the SPL. */
function detectionDetails(report) {
    const d = report.detection;
    const mitre = d.mitreAttack
        .slice(0, 20)
        .map((id) => {
        const url = (0,metadata/* mitreTechniqueUrl */.hv)(id);
        return url ? (0,html/* link */.nf)(url, `${(0,report_escape/* escapeHtml */.ZD)(id)} ${(0,report_escape/* escapeHtml */.ZD)(metadata/* MITRE_TECHNIQUES */.u1[id])}`) : (0,report_escape/* inert */.tJ)(id, 40);
    })
        .join(', ');
    const ourReferences = new Set(metadata/* DETECTION */.Sm.references);
    const references = d.references
        .slice(0, 20)
        .map((r) => (ourReferences.has(r) && (0,html/* safeHref */.v7)(r) ? (0,html/* link */.nf)((0,html/* safeHref */.v7)(r), (0,report_escape/* escapeHtml */.ZD)(r)) : (0,report_escape/* inertCode */.gQ)(r, 200)))
        .join('<br>');
    return [
        '<details><summary>About this detection</summary>',
        '',
        `<b>${(0,report_escape/* inert */.tJ)(d.name, 200)}</b> (Splunk ESCU ${(0,report_escape/* inertCode */.gQ)(d.id, 60)}, version ${Number(d.version) || 0})<br>`,
        `MITRE ATT&amp;CK: ${mitre || '<em>none</em>'}<br>`,
        `Known false positives: ${(0,report_escape/* inert */.tJ)(d.knownFalsePositives, 2000)}<br>`,
        `Splunk search: ${(0,report_escape/* inertCode */.gQ)(d.search, 2000)}<br>`,
        `References:<br>${references || '<em>none</em>'}`,
        '',
        '</details>',
        ''
    ].join('\n');
}
const STATE_VALUE_MAX = 256;
const STATE_LIST_MAX = 5_000;
const STATE_BLOCK_MAX = 20_000;
const STATE_PREFIX = '<!-- bedrock-denied-scan-state:';
const distinct = (values) => [...new Set([...values].filter((v) => typeof v === 'string' && v !== '').map((v) => v.slice(0, STATE_VALUE_MAX)))].sort();
/** The users, source IPs and models of a report, as kept between runs. */
function stateOf(report) {
    return {
        v: 1,
        generatedAt: report.generatedAt,
        events: report.matched,
        users: distinct(report.findings.map((f) => f.user)),
        sourceIps: distinct(report.findings.map((f) => f.src)),
        models: distinct(report.findings.flatMap((f) => f.modelIds))
    };
}
/** The state as a hidden HTML comment of base64 JSON, at most `maxChars` long (lists cut from the end if needed). */
function encodeStateBlock(state, maxChars = STATE_BLOCK_MAX) {
    const current = { ...state, users: [...state.users], sourceIps: [...state.sourceIps], models: [...state.models] };
    for (;;) {
        const block = `${STATE_PREFIX}${Buffer.from(JSON.stringify(current), 'utf8').toString('base64')} -->`;
        if (block.length <= maxChars)
            return block;
        const longest = ['users', 'sourceIps', 'models'].reduce((a, b) => (current[b].length > current[a].length ? b : a));
        if (current[longest].length === 0)
            return `${STATE_PREFIX} -->`;
        // Drop a tenth of the longest list at a time: a few passes even for huge reports.
        current[longest] = current[longest].slice(0, Math.floor(current[longest].length * 0.9));
        current.truncated = true;
    }
}
const stringList = (value) => {
    if (!Array.isArray(value) || value.length > STATE_LIST_MAX)
        return null;
    if (!value.every((v) => typeof v === 'string' && v.length <= STATE_VALUE_MAX))
        return null;
    return value;
};
/**
 * The state from an issue body, or null when absent or not exactly what we write: anyone with write access
 * can edit the body, so everything is checked and the values are only ever compared, never rendered.
 */
function parseStateBlock(body) {
    if (typeof body !== 'string')
        return null;
    const start = body.indexOf(STATE_PREFIX);
    if (start < 0)
        return null;
    const end = body.indexOf(' -->', start);
    if (end < 0 || end - start > STATE_BLOCK_MAX)
        return null;
    const encoded = body.slice(start + STATE_PREFIX.length, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length === 0)
        return null;
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    }
    catch {
        return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return null;
    const o = parsed;
    if (o.v !== 1)
        return null;
    const users = stringList(o.users);
    const sourceIps = stringList(o.sourceIps);
    const models = stringList(o.models);
    if (!users || !sourceIps || !models)
        return null;
    const generatedAt = typeof o.generatedAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(o.generatedAt) ? o.generatedAt : null;
    const events = typeof o.events === 'number' && Number.isSafeInteger(o.events) && o.events >= 0 ? o.events : null;
    return { v: 1, generatedAt, events, users, sourceIps, models, ...(o.truncated === true ? { truncated: true } : {}) };
}
function deltaSince(previous, current) {
    const minus = (now, before) => {
        const seen = new Set(before ?? []);
        return now.filter((v) => !seen.has(v));
    };
    return {
        previous,
        newUsers: previous ? minus(current.users, previous.users) : [],
        newSourceIps: previous ? minus(current.sourceIps, previous.sourceIps) : [],
        newModels: previous ? minus(current.models, previous.models) : []
    };
}
/** Inert values joined by commas, cut to fit `budget` characters with "+N more". */
function inlineValues(values, budget) {
    if (values.length === 0)
        return 'none';
    let out = '';
    let shown = 0;
    for (const v of values) {
        const piece = (shown > 0 ? ', ' : '') + (0,report_escape/* inertCode */.gQ)(v, 120);
        if (out.length + piece.length + 40 > budget && shown > 0)
            break;
        out += piece;
        shown++;
    }
    return shown < values.length ? `${out} <em>+${values.length - shown} more</em>` : out;
}
/** One line each for the new users, source IPs and models, each cut to `budget` characters. */
function newValueLines(delta, budget) {
    return [
        `- New users (${delta.newUsers.length}): ${inlineValues(delta.newUsers, budget)}`,
        `- New source IPs (${delta.newSourceIps.length}): ${inlineValues(delta.newSourceIps, budget)}`,
        `- New models (${delta.newModels.length}): ${inlineValues(delta.newModels, budget)}`
    ];
}
/** The "what changed" list: new users, source IPs and models since the previous report. */
function deltaLines(delta, budget) {
    if (!delta.previous)
        return 'First report for this detection on this issue (or the previous state was unreadable): every value is new.\n';
    const each = Math.max(200, Math.floor(budget / 3) - 60);
    const since = delta.previous.generatedAt ? ` since the report of ${delta.previous.generatedAt}` : ' since the previous report';
    const events = delta.previous.events !== null ? ` (previous report: ${(0,html/* plural */.LS)(delta.previous.events, 'denied call')})` : '';
    return [`Changes${since}${events}:`, ...newValueLines(delta, each), ''].join('\n');
}
/**
 * The full body: marker, verdict, changes, tables, links, detection details, state. Fixed parts are laid out
 * first; the tables then get what is left of the budget (reasons at most a third, users the rest).
 */
function renderFindingsBody(report, options) {
    const budget = options.budget ?? BODY_BUDGET;
    const where = options.moreRowsWhere ?? (report.links?.artifactUrl ? 'the report artifact' : 'the JSON report');
    const head = [options.marker, `## ${(0,report_escape/* escapeHtml */.ZD)(options.heading)}`, '', verdictParagraph(report), selectionLine(report)].join('\n');
    const links = linksParagraph(options.runUrl, report);
    const details = detectionDetails(report);
    const state = options.stateBlock ? options.stateBlock + '\n' : '';
    const fixed = head.length + links.length + details.length + state.length + 400;
    let remaining = Math.max(0, budget - fixed);
    const deltaSection = options.delta ? `\n### What changed\n\n${deltaLines(options.delta, Math.min(6_000, Math.floor(remaining / 4)))}` : '';
    remaining -= deltaSection.length;
    // Charts with their numbers when they fit in a quarter of what is left, else without the per-bucket tables.
    let charts = (0,report_charts/* chartsSection */.$m)(report, '###');
    if (charts.length > remaining / 4)
        charts = (0,report_charts/* chartsSection */.$m)(report, '###', { numbers: false });
    if (charts.length > remaining / 4)
        charts = '';
    remaining -= charts.length;
    const split = (0,summary/* baselineLine */.G)(report);
    remaining -= split.length;
    const reasons = (0,html/* budgetedTable */.$U)(['Error code', 'Error message', 'Denied calls'], reasonRows(report.findings), Math.floor(remaining / 4), (n) => `${(0,html/* plural */.LS)(n, 'more row')} in ${where}.`);
    remaining -= reasons.length;
    const users = (0,html/* budgetedTable */.$U)((0,summary/* byUserHeaders */.zs)(report.baseline !== undefined), (0,summary/* byUserRows */.MO)(report, 120), Math.floor((remaining * 2) / 3), (n) => `${(0,html/* plural */.LS)(n, 'more row')} in ${where}.`);
    remaining -= users.length;
    const sources = (0,html/* budgetedTable */.$U)(['User', 'Source IPs', 'User agents', 'Accounts', 'Regions'], sourceRows(report.findings), remaining - 200, (n) => `${(0,html/* plural */.LS)(n, 'more row')} in ${where}.`);
    const sections = [head, deltaSection];
    if (split)
        sections.push(split);
    if (charts)
        sections.push(`\n${charts}`);
    if (users)
        sections.push(`\n### Denied calls by user\n\n${users}`);
    if (reasons)
        sections.push(`\n### Why they were denied\n\n${reasons}`);
    if (sources)
        sections.push(`\n<details><summary>Where each user's calls came from</summary>\n\n${sources}\n</details>\n`);
    if (links)
        sections.push(`\n${links}`);
    sections.push(`\n${details}`);
    if (state)
        sections.push(`\n${state}`);
    const body = sections.join('');
    // Defensive: the budget arithmetic above should make this unreachable.
    if (body.length > budget)
        return [head, `\n_The tables did not fit in a GitHub body; see ${where}._\n`, links, state].join('\n').slice(0, budget);
    return body;
}

;// CONCATENATED MODULE: ./src/report/issue-body.ts
/** What issue mode writes: the issue body and the comments added on update, clean close and duplicate close. */


function issueBody(report, ctx, delta) {
    return renderFindingsBody(report, {
        marker: issueMarker(report.detection.id),
        heading: 'Denied Amazon Bedrock model invocations',
        runUrl: ctx.runUrl,
        delta,
        stateBlock: encodeStateBlock(stateOf(report))
    });
}
const runLink = (ctx) => {
    const href = (0,html/* safeHref */.v7)(ctx.runUrl);
    return href ? (0,html/* link */.nf)(href, 'this run') : 'this run';
};
/** Short comment added on each update, so watchers are notified of what changed. */
function deltaComment(report, ctx, delta) {
    const head = `${issueMarker(report.detection.id)}\n🔴 Still exceeded in ${runLink(ctx)}: ${(0,html/* plural */.LS)(report.matched, 'denied call')} by ${(0,html/* plural */.LS)(report.users, 'user')} (threshold ${report.threshold.value} ${report.threshold.by}, observed ${report.threshold.observed}).`;
    if (!delta.previous)
        return `${head}\nThe previous state was missing or unreadable, so every value is reported as new in the issue body.\n`;
    const total = delta.newUsers.length + delta.newSourceIps.length + delta.newModels.length;
    if (total === 0)
        return `${head}\nNo new users, source IPs or models since the previous report.\n`;
    return [head, ...newValueLines(delta, 6_000), ''].join('\n');
}
function closingComment(report, ctx) {
    const t = report.threshold;
    return `${issueMarker(report.detection.id)}\n🟢 Clean run: ${runLink(ctx)} found ${(0,html/* plural */.LS)(report.matched, 'denied call')} (observed ${t.observed} ${t.by}, threshold ${t.value}). Closing.\n`;
}
/** Posted on an issue that an overlapping run opened too; the older issue carries on. */
function duplicateComment(report, olderNumber) {
    return `${issueMarker(report.detection.id)}\nDuplicate of #${olderNumber} (opened by an overlapping run); closing.\n`;
}
/** The body of the first issue: every value is new. */
function firstIssueBody(report, ctx) {
    return issueBody(report, ctx, deltaSince(null, stateOf(report)));
}

;// CONCATENATED MODULE: ./src/publish/issue.ts
/**
 * Issue mode: one open issue per detection, owned by this action: it carries the label and the hidden marker
 * and was opened by the identity behind the token (anyone can paste the marker into an issue of their own).
 *
 * The issue is found by listing open issues with the label (read-after-write consistent), never with the
 * search API (eventually consistent, so overlapping runs would open duplicates). If two runs still race and
 * both create, the later one closes its own issue as a duplicate of the older one.
 */




/**
 * Issue mode was requested and could not be completed (after retries). main.ts turns it into a warning and
 * exit code 2; the summary and the JSON report are already written by then.
 */
class IssuePublishError extends Error {
    status;
    name = 'IssuePublishError';
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
    }
}
const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'Denied Amazon Bedrock model invocations found by bedrock-denied-scan';
/**
 * Open issues carrying the label and our marker and opened by the token's identity, oldest first. Every page
 * of the label listing is read; the identity is looked up only when some issue carries the marker.
 */
async function findOwnedIssues(octokit, ctx, label, marker, retry) {
    const items = await listAllPages('list open issues', (page, perPage) => octokit.rest.issues.listForRepo({ owner: ctx.owner, repo: ctx.repo, state: 'open', labels: label, per_page: perPage, page }), retry);
    const marked = items.filter((i) => !i.pull_request && typeof i.body === 'string' && i.body.includes(marker));
    if (marked.length === 0)
        return [];
    const identity = await tokenIdentity(octokit, retry);
    return marked.filter((i) => isAuthoredBy(i.user, identity)).sort((a, b) => a.number - b.number);
}
async function ensureLabel(octokit, ctx, label, retry) {
    try {
        await withRetries('get label', () => octokit.rest.issues.getLabel({ owner: ctx.owner, repo: ctx.repo, name: label }), retry);
        return;
    }
    catch (error) {
        if (httpStatus(error) !== 404)
            throw error;
    }
    try {
        await withRetries('create label', () => octokit.rest.issues.createLabel({ owner: ctx.owner, repo: ctx.repo, name: label, color: LABEL_COLOR, description: LABEL_DESCRIPTION }), retry);
    }
    catch (error) {
        // 422 already_exists: another run created it in between.
        if (httpStatus(error) !== 422)
            throw error;
    }
}
const addComment = (octokit, ctx, issueNumber, body, retry) => withRetries('comment on issue', () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, body }), retry);
const closeIssue = (octokit, ctx, issueNumber, reason, retry) => withRetries('close issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, state: 'closed', state_reason: reason }), retry);
async function createIssueWithAssignees(octokit, ctx, opts, body, retry, warn) {
    const create = (assignees) => withRetries('create issue', () => octokit.rest.issues.create({ owner: ctx.owner, repo: ctx.repo, title: opts.title, body, labels: [opts.label], ...(assignees.length ? { assignees } : {}) }), retry);
    try {
        return (await create(opts.assignees)).data;
    }
    catch (error) {
        // An assignee who is not a collaborator makes the whole create fail with 422: open it unassigned.
        if (httpStatus(error) !== 422 || opts.assignees.length === 0)
            throw error;
        warn(`Could not assign the findings issue to ${opts.assignees.join(', ')} (${error.message}); opening it unassigned.`);
        return (await create([])).data;
    }
}
async function updateWithReport(octokit, ctx, issue, report, retry) {
    const delta = deltaSince(parseStateBlock(issue.body), stateOf(report));
    await withRetries('update issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issue.number, body: issueBody(report, ctx, delta) }), retry);
    await addComment(octokit, ctx, issue.number, deltaComment(report, ctx, delta), retry);
    return { action: 'updated', number: issue.number, url: issue.html_url };
}
async function publish(octokit, ctx, report, opts) {
    const retry = opts.retry ?? {};
    const warn = opts.warn ?? workflow_commands/* warning */.$e;
    const marker = issueMarker(report.detection.id);
    const owned = await findOwnedIssues(octokit, ctx, opts.label, marker, retry);
    const open = owned[0];
    if (!report.threshold.exceeded) {
        if (!open)
            return { action: 'none' };
        // Absence of findings in a partial scan proves nothing: keep the issue open.
        if (!report.scan.complete) {
            warn(`Not closing issue #${open.number}: the scan was incomplete (${report.scan.filesFailed.length} file(s) failed).`);
            return { action: 'none', number: open.number, url: open.html_url };
        }
        if (!opts.closeWhenClean)
            return { action: 'none', number: open.number, url: open.html_url };
        await addComment(octokit, ctx, open.number, closingComment(report, ctx), retry);
        await closeIssue(octokit, ctx, open.number, 'completed', retry);
        return { action: 'closed', number: open.number, url: open.html_url };
    }
    if (open)
        return updateWithReport(octokit, ctx, open, report, retry);
    await ensureLabel(octokit, ctx, opts.label, retry);
    const created = await createIssueWithAssignees(octokit, ctx, opts, firstIssueBody(report, ctx), retry, warn);
    // GitHub names the token's identity as the author: the check below needs no lookup.
    rememberIdentity(octokit, created.user);
    // Overlapping runs can both see "no issue" and both create: the newer one steps aside.
    const after = await findOwnedIssues(octokit, ctx, opts.label, marker, retry);
    const oldest = after[0];
    if (oldest && oldest.number < created.number) {
        await addComment(octokit, ctx, created.number, duplicateComment(report, oldest.number), retry);
        await closeIssue(octokit, ctx, created.number, 'not_planned', retry);
        return updateWithReport(octokit, ctx, oldest, report, retry);
    }
    return { action: 'created', number: created.number, url: created.html_url };
}
/**
 * Creates, updates or closes the findings issue for this report.
 * Exceeded: update the open issue (body + a delta comment) or create one. Clean: comment and close the open
 * issue when `closeWhenClean` and the scan was complete. Throws IssuePublishError when the API fails for good.
 */
async function publishIssue(octokit, ctx, report, opts) {
    try {
        return await publish(octokit, ctx, report, opts);
    }
    catch (error) {
        const status = httpStatus(error);
        const hint = isPermissionFailure(error) ? " (give the job 'permissions: issues: write' and check github-token)" : '';
        const message = error instanceof GitHubApiError ? error.message : `GitHub API: ${error?.message ?? String(error)}`;
        throw new IssuePublishError(`Issue mode failed: ${message}${hint}`, status, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/report/pr-comment-body.ts
/** The sticky pull-request comment's text. */


function prCommentBody(report, ctx) {
    const t = report.threshold;
    const heading = t.exceeded
        ? 'Denied Amazon Bedrock model invocations'
        : report.findings.length > 0
            ? 'Denied Amazon Bedrock model invocations: within threshold'
            : 'No denied Amazon Bedrock model invocations';
    const body = renderFindingsBody(report, { marker: prCommentMarker(report.detection.id), heading, runUrl: ctx.runUrl });
    return `${body}\n<sub>Updated in place by bedrock-denied-scan at ${report.generatedAt.replace(/[^0-9TZ:.-]/g, '')} (${(0,html/* plural */.LS)(report.matched, 'denied call')}).</sub>\n`;
}

// EXTERNAL MODULE: ./src/publish/event.ts
var publish_event = __webpack_require__(78183);
;// CONCATENATED MODULE: ./src/publish/pr-comment.ts
/**
 * One sticky comment per detection on the pull request, found by a hidden marker and edited in place. Only a
 * comment written by the identity behind the token is ever edited (anyone can paste the marker into a comment
 * of their own); when there is none, a new comment is created. With several, the oldest is the sticky one.
 *
 * Clean runs: an existing comment is updated to say the run is clean; no comment is created for a clean run
 * (no noise on pull requests that never had findings). Never throws: a PR comment is a courtesy, so any
 * failure (fork tokens are read-only, missing `pull-requests: write`, API outage) is a warning.
 */






const permissionHint = "the token cannot write to this pull request. Add 'permissions: pull-requests: write' (and 'issues: write') to the job; " +
    'pull requests from forks get a read-only token, so no comment can be written there (the job summary still has the report).';
/** Creates or updates the sticky comment. Never throws; failures come back as `skipped` after a warning. */
async function publishPrComment(octokit, ctx, prNumber, report, options = {}) {
    const retry = options.retry ?? {};
    const warn = options.warn ?? workflow_commands/* warning */.$e;
    const marker = prCommentMarker(report.detection.id);
    try {
        // Comments are listed oldest first: the listing stops at the first page holding one of ours.
        let identity;
        let existing;
        await listAllPages('list pull request comments', (page, perPage) => octokit.rest.issues.listComments({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, per_page: perPage, page }), {
            ...retry,
            stopAfter: async (page) => {
                const marked = page.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
                if (marked.length === 0)
                    return false;
                identity ??= await tokenIdentity(octokit, retry);
                existing = marked.find((c) => isAuthoredBy(c.user, identity));
                return existing !== undefined;
            }
        });
        const own = existing;
        const body = prCommentBody(report, ctx);
        if (own) {
            const { data } = await withRetries('update pull request comment', () => octokit.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: own.id, body }), retry);
            return { action: 'updated', id: data.id, url: data.html_url };
        }
        if (!report.threshold.exceeded)
            return { action: 'none', reason: 'clean run and no earlier comment on this pull request' };
        const { data } = await withRetries('create pull request comment', () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, body }), retry);
        rememberIdentity(octokit, data.user);
        return { action: 'created', id: data.id, url: data.html_url };
    }
    catch (error) {
        const message = error?.message ?? String(error);
        const reason = isPermissionFailure(error) ? `${message} (${permissionHint})` : message;
        warn(`Could not comment on pull request #${prNumber}: ${reason}`);
        return { action: 'skipped', reason };
    }
}

;// CONCATENATED MODULE: ./src/publish/github-writes.ts
/**
 * Everything that writes to GitHub's API, as one module the publish stage loads only when an issue or a PR
 * comment will be written (one chunk in the bundle, rather than a copy of the client per importer).
 */





/***/ })

};
