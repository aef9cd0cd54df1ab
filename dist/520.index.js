export const id = 520;
export const ids = [520];
export const modules = {

/***/ 39520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_HTTP_TIMEOUT_MS: () => (/* binding */ DEFAULT_HTTP_TIMEOUT_MS),
/* harmony export */   GITHUB_TOKEN_LOGIN: () => (/* binding */ GITHUB_TOKEN_LOGIN),
/* harmony export */   GitHubApiError: () => (/* binding */ GitHubApiError),
/* harmony export */   GitHubTimeoutError: () => (/* binding */ GitHubTimeoutError),
/* harmony export */   HTTP_TIMEOUT_ENV: () => (/* binding */ HTTP_TIMEOUT_ENV),
/* harmony export */   MAX_LIST_PAGES: () => (/* binding */ MAX_LIST_PAGES),
/* harmony export */   applyRequestTimeout: () => (/* binding */ applyRequestTimeout),
/* harmony export */   describeNetworkFailure: () => (/* binding */ describeNetworkFailure),
/* harmony export */   githubClient: () => (/* binding */ githubClient),
/* harmony export */   httpStatus: () => (/* binding */ httpStatus),
/* harmony export */   httpTimeoutMs: () => (/* binding */ httpTimeoutMs),
/* harmony export */   isAuthoredBy: () => (/* binding */ isAuthoredBy),
/* harmony export */   isPermissionFailure: () => (/* binding */ isPermissionFailure),
/* harmony export */   isRateLimit: () => (/* binding */ isRateLimit),
/* harmony export */   listAllPages: () => (/* binding */ listAllPages),
/* harmony export */   proxyRefusalStatus: () => (/* binding */ proxyRefusalStatus),
/* harmony export */   rememberIdentity: () => (/* binding */ rememberIdentity),
/* harmony export */   retryDelayMs: () => (/* binding */ retryDelayMs),
/* harmony export */   tokenIdentity: () => (/* binding */ tokenIdentity),
/* harmony export */   withRetries: () => (/* binding */ withRetries)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28903);
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
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token.trim(), options.baseUrl ? { baseUrl: options.baseUrl } : {});
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
    const note = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .proxyNote */ .d1)(url ?? timeout?.origin ?? '');
    if (timeout)
        return `${timeout.message}${note} (request timeout; ${HTTP_TIMEOUT_ENV} changes it)`;
    const where = url ? originOf(url) : 'the GitHub API';
    const refused = proxyRefusalStatus(error);
    const proxy = url ? (0,_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .proxyFor */ .iJ)(url) : undefined;
    if (refused !== undefined && url)
        return (0,_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .proxyRefusalMessage */ .YB)(proxy ? (0,_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .redactProxy */ .YP)(proxy) : '(from HTTPS_PROXY/HTTP_PROXY)', tunnelTarget(url), refused);
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


/***/ })

};
