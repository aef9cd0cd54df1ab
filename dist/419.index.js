export const id = 419;
export const ids = [419];
export const modules = {

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

/***/ 24419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Source: () => (/* binding */ S3Source)
});

// UNUSED EXPORTS: MAX_RESUMES, S3_LIST_CONCURRENCY, S3_READ_CONCURRENCY

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(16137);
// EXTERNAL MODULE: ./src/sources/byte-counter.ts
var byte_counter = __webpack_require__(78171);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/sources/cloudtrail-layout.ts

const BUCKET_NAME = /^[a-z0-9][a-z0-9.\-_]{0,254}$/i;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
function parseS3Url(line) {
    const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(line.trim());
    const bucket = match?.[1] ?? '';
    if (!match || !BUCKET_NAME.test(bucket)) {
        throw new errors/* ConfigError */.x(`Input 'source': '${line}' is not a valid S3 location; expected s3://bucket or s3://bucket/prefix/`);
    }
    const segments = (match[2] ?? '').split('/').filter((s) => s.length > 0);
    return { bucket, prefix: segments.length > 0 ? `${segments.join('/')}/` : '' };
}
/**
 * Locates `prefix` inside the CloudTrail layout.
 * Returns undefined when the prefix has no `AWSLogs` segment (the layout may still lie below it),
 * and 'not-cloudtrail' when it does but points somewhere that is not a CloudTrail log folder
 * (CloudTrail-Digest/, CloudTrail-Insight/, another service, or a file-name prefix below a day).
 */
function locateInLayout(prefix) {
    const segments = prefix.split('/').filter((s) => s.length > 0);
    const index = segments.indexOf('AWSLogs');
    if (index < 0)
        return undefined;
    const awsLogsRoot = `${segments.slice(0, index + 1).join('/')}/`;
    const rest = segments.slice(index + 1);
    const position = { awsLogsRoot, dateParts: [] };
    if (rest.length > 0 && ORG_ID.test(rest[0]))
        position.org = rest.shift();
    if (rest.length === 0)
        return position;
    const account = rest.shift();
    if (!ACCOUNT_ID.test(account))
        return 'not-cloudtrail';
    position.account = account;
    if (rest.length === 0)
        return position;
    if (rest.shift() !== 'CloudTrail')
        return 'not-cloudtrail';
    if (rest.length === 0)
        return position;
    position.region = rest.shift();
    if (rest.length > 3)
        return 'not-cloudtrail';
    const datePattern = [/^\d{4}$/, /^\d{2}$/, /^\d{2}$/];
    if (!rest.every((part, i) => datePattern[i].test(part)))
        return 'not-cloudtrail';
    position.dateParts = rest;
    return position;
}
const DAY_MS = 24 * 60 * 60 * 1000;
function formatDay(ms) {
    const d = new Date(ms);
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    const dd = String(d.getUTCDate()).padStart(2, '0');
    return `${d.getUTCFullYear()}/${mm}/${dd}`;
}
/**
 * `YYYY/MM/DD` folders that can hold files with events in [since, until]:
 * the day of `since` through one day past the day of `until`, because files land up to ~15 minutes
 * after their events (an event at 23:55 is in the next day's folder).
 */
function windowDays(since, until) {
    const days = [];
    const first = Math.floor(since / DAY_MS) * DAY_MS;
    const last = Math.floor(until / DAY_MS) * DAY_MS + DAY_MS;
    for (let day = first; day <= last; day += DAY_MS)
        days.push(formatDay(day));
    return days;
}
/** The delivery time in a CloudTrail log file name (`_20261101T1205Z_`), in ms; undefined when absent. */
function deliveryTime(key) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/.exec(name);
    if (!m)
        return undefined;
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
    return Number.isNaN(ms) ? undefined : ms;
}
/**
 * Slack around the window when pruning by delivery time.
 * Before: a file holds events from the minutes before its (minute-truncated) delivery time, so one delivered
 * before `since` holds nothing in the window; 5 minutes of slack covers the truncation and clock skew.
 * After: CloudTrail delivers within about 15 minutes of the event; we allow an hour, so a file delivered more than
 * an hour after `until` is skipped. Files without a timestamp in their name are always read.
 */
const DELIVERED_BEFORE_SINCE_SLACK_MS = 5 * 60 * 1000;
const DELIVERED_AFTER_UNTIL_SLACK_MS = 60 * 60 * 1000;
function deliveredInWindow(key, window) {
    const delivered = deliveryTime(key);
    if (delivered === undefined)
        return true;
    if (window.since !== undefined && delivered < window.since - DELIVERED_BEFORE_SINCE_SLACK_MS)
        return false;
    if (window.until !== undefined && delivered > window.until + DELIVERED_AFTER_UNTIL_SLACK_MS)
        return false;
    return true;
}

;// CONCATENATED MODULE: ./src/sources/read-ahead.ts
/**
 * Flattens groups of pages (one group per listed prefix) in order, while listing up to `width` groups ahead
 * and one page ahead within the group being read. Listing latency then overlaps with reading, and memory stays
 * bounded at about `width` × 2 pages.
 */
async function* readAheadInOrder(groups, width) {
    const pull = (pages) => {
        const next = pages.next();
        // Marks the rejection handled while the promise waits in the window; it is awaited (and rethrown) later.
        next.catch(() => undefined);
        return next;
    };
    const groupIterator = groups[Symbol.asyncIterator]();
    const started = [];
    let groupsDone = false;
    const fill = async () => {
        while (!groupsDone && started.length < Math.max(1, width)) {
            const group = await groupIterator.next();
            if (group.done)
                groupsDone = true;
            else {
                const pages = group.value[Symbol.asyncIterator]();
                started.push({ pages, next: pull(pages) });
            }
        }
    };
    try {
        await fill();
        while (started.length > 0) {
            const head = started[0];
            const page = await head.next;
            if (page.done) {
                started.shift();
                await fill();
                continue;
            }
            head.next = pull(head.pages);
            yield* page.value;
        }
    }
    finally {
        // The consumer stopped early or something failed: stop the listings still running.
        for (const s of started)
            void s.pages.return?.()?.catch(() => undefined);
        void groupIterator.return?.()?.catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./src/sources/direct-get.ts + 1 modules
var direct_get = __webpack_require__(14917);
;// CONCATENATED MODULE: ./src/sources/list-bucket-result.ts
/**
 * The parts of an S3 ListObjectsV2 answer (ListBucketResult XML) the S3 source reads: each object's key and size,
 * the common prefixes, and where the next page starts. For the direct listings of s3-direct-get.ts; the SDK's
 * deserializer cost about 2 ms of CPU per page of 56 keys against 0.3 ms for the request itself.
 *
 * Strict: anything but the plain form S3 sends (a declaration, then elements with text and entity references; no
 * attributes but the namespace, no CDATA, comments, DOCTYPE or URL-encoded keys) gives null, and the caller lists
 * the page through the SDK instead. test/s3-direct-list.test.ts holds the result to the SDK's on awkward keys.
 */
/** Elements open at once, at most (ListBucketResult > Contents > Owner > ID is four). */
const MAX_DEPTH = 8;
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Text with its entity references replaced; null for a reference XML does not define (or a bare '&'). */
function decodeText(raw) {
    if (!raw.includes('&'))
        return raw;
    let out = '';
    let at = 0;
    for (;;) {
        const amp = raw.indexOf('&', at);
        if (amp < 0)
            return out + raw.slice(at);
        const semi = raw.indexOf(';', amp);
        if (semi < 0)
            return null;
        const name = raw.slice(amp + 1, semi);
        let text;
        if (name.startsWith('#x') || name.startsWith('#X'))
            text = codePoint(/^[0-9a-fA-F]{1,6}$/.test(name.slice(2)) ? parseInt(name.slice(2), 16) : NaN);
        else if (name.startsWith('#'))
            text = codePoint(/^[0-9]{1,7}$/.test(name.slice(1)) ? parseInt(name.slice(1), 10) : NaN);
        else
            text = ENTITIES[name];
        if (text === undefined)
            return null;
        out += raw.slice(at, amp) + text;
        at = semi + 1;
    }
}
function codePoint(n) {
    return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : undefined;
}
/** A ListBucketResult document, or null when it is not one in the plain form described above. */
function parseListBucketResult(xml) {
    let at = 0;
    // The declaration, and whitespace between elements, are all that may stand outside the elements' text.
    if (xml.startsWith('<?xml')) {
        const end = xml.indexOf('?>');
        if (end < 0)
            return null;
        at = end + 2;
    }
    const path = [];
    const page = { objects: [], prefixes: [], isTruncated: false };
    let entry = null;
    let sawTruncated = false;
    let sawRoot = false;
    let text = '';
    while (at < xml.length) {
        const open = xml.indexOf('<', at);
        if (open < 0) {
            if (xml.slice(at).trim() !== '')
                return null;
            break;
        }
        text = xml.slice(at, open);
        const close = xml.indexOf('>', open);
        if (close < 0)
            return null;
        const tag = xml.slice(open + 1, close);
        at = close + 1;
        if (tag.startsWith('/')) {
            const name = tag.slice(1).trim();
            if (path.pop() !== name)
                return null;
            const value = decodeText(text);
            if (value === null)
                return null;
            const parent = path.join('/');
            if (parent === 'ListBucketResult/Contents' && entry !== null) {
                if (name === 'Key')
                    entry.key = value;
                else if (name === 'Size') {
                    if (!/^\d{1,15}$/.test(value))
                        return null;
                    entry.size = Number(value);
                }
            }
            else if (parent === 'ListBucketResult/CommonPrefixes' && name === 'Prefix')
                page.prefixes.push(value);
            else if (parent === 'ListBucketResult') {
                if (name === 'IsTruncated') {
                    if (value !== 'true' && value !== 'false')
                        return null;
                    page.isTruncated = value === 'true';
                    sawTruncated = true;
                }
                else if (name === 'NextContinuationToken')
                    page.nextContinuationToken = value;
                else if (name === 'EncodingType')
                    return null; // keys would be URL-encoded: not asked for, not handled
                else if (name === 'Contents') {
                    if (entry === null || entry.key === undefined)
                        return null;
                    page.objects.push(entry);
                    entry = null;
                }
            }
            continue;
        }
        // Only whitespace may separate a start tag from the one before it.
        if (text.trim() !== '')
            return null;
        if (tag.startsWith('!') || tag.startsWith('?'))
            return null; // comments, CDATA, DOCTYPE, processing instructions
        const selfClosing = tag.endsWith('/');
        const [name, ...attributes] = (selfClosing ? tag.slice(0, -1) : tag).trim().split(/\s+/);
        if (name === undefined || name === '' || /[^A-Za-z0-9_.-]/.test(name))
            return null;
        if (attributes.some((a) => !/^xmlns(:[A-Za-z0-9_.-]+)?=("[^"<&]*"|'[^'<&]*')$/.test(a)))
            return null;
        if (path.length === 0) {
            if (name !== 'ListBucketResult' || sawRoot || selfClosing)
                return null;
            sawRoot = true;
        }
        if (selfClosing) {
            // An empty element: an empty Key or Prefix still counts (the SDK's is '' too).
            const parent = path.join('/');
            if (parent === 'ListBucketResult/Contents' && entry !== null && name === 'Key')
                entry.key = '';
            else if (parent === 'ListBucketResult/CommonPrefixes' && name === 'Prefix')
                page.prefixes.push('');
            continue;
        }
        // S3's elements nest four deep at most; a hostile answer nesting thousands would make this loop quadratic.
        if (path.length >= MAX_DEPTH)
            return null;
        path.push(name);
        if (path.length === 2 && name === 'Contents')
            entry = { key: undefined };
    }
    if (path.length !== 0 || !sawRoot || !sawTruncated)
        return null;
    if (page.isTruncated && !page.nextContinuationToken)
        return null;
    return page;
}

// EXTERNAL MODULE: ./src/sources/sigv4.ts
var sigv4 = __webpack_require__(70485);
;// CONCATENATED MODULE: ./src/sources/s3-direct-get.ts



/** Connections for small objects read whole when the client's pool sets no limit. */
const DEFAULT_MAX_SOCKETS = 64;
/**
 * Plain GetObject requests sent straight over the client's own connection pool, signed with the client's own
 * credentials and clock-skew offset (sigv4.ts), in the shape of the last one the SDK sent: same endpoint, path
 * style, query, constant headers, signing scheme and region. Only a 200 answer is taken; anything else (an error
 * status, a redirect, a reset, no answer within the idle timeout) is dropped and the caller repeats the request
 * through the SDK, whose retries, region redirects, clock-skew correction and error messages then apply, and whose
 * next success re-teaches the shape. plan() gives the same request as plain data for a scan worker thread, which
 * then reads small objects without loading the SDK at all (direct-get.ts).
 *
 * Why: the SDK's middleware stack costs about 0.8 ms of CPU per request, against 0.3 ms for a request signed the
 * same way and sent over node:http (Node 24, loopback S3); CloudTrail trails are thousands of 5-15 KB objects, so
 * that difference was the largest part of an S3 scan's CPU. Measured with 2,016 such objects behind 30 ms of
 * latency on 2 cores: 2.4 s instead of 3.0 s, 1.3 s less CPU.
 *
 * Before any GET, the first listing S3 answered gives a trial shape: a GetObject goes to the same endpoint with the
 * same signing and constant headers, at the listing's path plus the key. A listing sent directly in that shape and
 * answered with a ListBucketResult confirms it (S3 took the endpoint, credentials, signing and headers); until then
 * one GET tries it while the others wait for its answer (a wrong guess costs one request, not one per object in
 * flight); a 200 confirms it, anything else drops it and the SDK teaches the shape as above. Why: the scan's first
 * objects no longer wait for the SDK's first GetObjects (a cold middleware stack, about 1 ms of CPU each, 64 at once
 * on the thread that also parses the listings): on 2,016 small objects the first GETs went out about 0.1 s after
 * their listing came back.
 */
class DirectGets {
    agent;
    idleTimeoutMs;
    /** The shape of GETs S3 has answered with 200. */
    shape;
    /**
     * The shape a listing (or the S3 source, before the SDK loads) suggests, until a direct listing or a GET confirms
     * it; `outcome` is set once a GET tries it, and settles when that GET is answered.
     */
    trial;
    /** A listing taught a trial shape once already: later ones teach nothing (a failed guess is not guessed again). */
    trialTaught = false;
    /** The shape whose direct listing failed: its later pages are listed through the SDK. */
    listingFailedFor;
    /** Set when the credentials could not be resolved here: every GET then goes through the SDK. */
    unusable = false;
    lastPlan;
    /** Where credentials and the clock offset come from: the client's configuration once there is a client. */
    signing;
    constructor(client, 
    /** The agent the client's request handler was given (`httpAgent` or `httpsAgent`, proxy tunnels included). */
    agent, idleTimeoutMs, 
    /** Credentials to sign with until a client is taught (see suggest()). */
    signing) {
        this.agent = agent;
        this.idleTimeoutMs = idleTimeoutMs;
        this.signing = signing;
        if (client !== undefined)
            this.teach(client);
    }
    /**
     * A shape to try before the SDK has sent anything (the S3 source builds it from the endpoint, region and static
     * credentials it knows without loading the SDK): on trial like a listing's, for listings and GETs alike.
     */
    suggest(shape) {
        if (this.shape !== undefined || this.trial !== undefined || this.trialTaught)
            return;
        this.trialTaught = true;
        this.trial = { shape };
        // While the layout is listed: a TLS session for the GETs' connections to resume.
        (0,direct_get/* warmUpGets */.GU)({ ...shape, idleTimeoutMs: this.idleTimeoutMs }, this.maxSockets);
    }
    /** The TLS session this thread's GETs of `plan` got, if any (a worker thread's connections resume it). */
    tlsSession(plan) {
        return (0,direct_get/* tlsSessionOf */.Rd)(plan, this.maxSockets);
    }
    /** Learns from `client`'s requests from now on, and signs with its credentials and clock offset. */
    teach(client) {
        const config = client.config;
        this.signing = { credentials: () => config.credentials(), clockOffsetMs: () => config.systemClockOffset ?? 0 };
        // Sees every attempt the SDK sends, signed, with S3's answer (an error status throws past it).
        const recordShape = (next, context) => async (args) => {
            const result = await next(args);
            const input = args.input;
            const status = result.response.statusCode;
            if (context.commandName === 'GetObjectCommand' && status === 200 && input.Range === undefined && input.IfMatch === undefined) {
                this.learn(args.request, String(input.Key));
            }
            else if (context.commandName === 'ListObjectsV2Command' && status === 200 && !this.trialTaught && this.shape === undefined) {
                this.learnFromListing(args.request);
            }
            return result;
        };
        // Last in the step that signs (an absolute position: a middleware placed relative to the signer's name would
        // break every request of a future SDK that renamed it); learn() checks that what it sees is signed.
        client.middlewareStack.add(recordShape, { step: 'finalizeRequest', priority: 'low', name: 'bedrockDeniedScanDirectGetShape', override: true });
    }
    /**
     * Whether a GET can be sent directly: the SDK has sent one successfully and nothing has failed since, or a listing
     * suggested a shape that no GET has yet been refused with.
     */
    get ready() {
        return (this.shape !== undefined || this.trial !== undefined) && !this.unusable;
    }
    /**
     * The GET as plain data with the client's current credentials (its provider refreshes them before they expire),
     * or undefined when no GET can be sent directly now. With only a trial shape, the first caller gets it to try
     * (and must report how that went: succeeded(), or forget()); later callers wait for that answer, at most the idle
     * timeout or TRIAL_WAIT_MS (a try whose answer does not come back, as from a stalled request or a worker thread that
     * stopped, then just means the SDK).
     */
    async plan() {
        return (await this.planOfShape())?.plan;
    }
    /**
     * Reserves the GET that tries a listing's shape for `key`, read on this thread (get or getWhole), where the answer
     * is known as soon as the body is in rather than once a worker thread has decoded the object too: true when there
     * was such a GET to make (the caller then reads `key` here), false otherwise.
     */
    claimTrial(key) {
        const trial = this.trial;
        if (this.shape !== undefined || trial === undefined || trial.outcome !== undefined || this.unusable)
            return false;
        trying(trial, key);
        return true;
    }
    /** plan(), with the shape it was made from; `key` is the object it is for, when known (see claimTrial). */
    async planOfShape(key) {
        if (this.unusable)
            return undefined;
        let shape = this.shape;
        const trial = this.trial;
        const claimedByCaller = trial?.key !== undefined && trial.key === key;
        if (shape === undefined && trial !== undefined && !claimedByCaller) {
            if (trial.outcome !== undefined) {
                let timer;
                const waited = new Promise((resolve) => (timer = setTimeout(resolve, Math.min(this.idleTimeoutMs, TRIAL_WAIT_MS), false)));
                const confirmed = await Promise.race([trial.outcome, waited]);
                clearTimeout(timer);
                return confirmed ? this.planOfShape(key) : undefined;
            }
            trying(trial);
        }
        shape ??= trial?.shape;
        if (shape === undefined)
            return undefined;
        const plan = await this.planFor(shape);
        return plan === undefined ? undefined : { plan, shape };
    }
    /** The plan of `shape` with the client's current credentials; undefined (and no direct request ever again) when they cannot be resolved here. */
    async planFor(shape) {
        try {
            if (this.signing === undefined)
                throw new TypeError('no credentials');
            const resolved = await this.signing.credentials();
            const offset = this.signing.clockOffsetMs();
            // The same plan while nothing changed (the provider hands out the same credentials until it refreshes them).
            const last = this.lastPlan;
            if (last !== undefined && last.shape === shape && last.resolved === resolved && last.plan.clockOffsetMs === offset)
                return last.plan;
            const credentials = { accessKeyId: resolved.accessKeyId, secretAccessKey: resolved.secretAccessKey, ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}) };
            if (typeof credentials.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string')
                throw new TypeError('no credentials');
            const plan = { ...shape, credentials, clockOffsetMs: offset, idleTimeoutMs: this.idleTimeoutMs };
            this.lastPlan = { shape, resolved, plan };
            return plan;
        }
        catch {
            this.unusable = true;
            this.forget(shape);
            return undefined;
        }
    }
    /**
     * A ListObjectsV2 page requested directly in the learned shape (a trial one too: it came from a listing) at the
     * bucket's root, or why it must be listed through the SDK: `sent` when a request went out and anything but a whole
     * 200 ListBucketResult came back (then listings in that shape go through the SDK, which words the errors), `unsent`
     * when no shape is known yet.
     */
    async list(params) {
        const shape = this.shape ?? this.trial?.shape;
        if (shape === undefined || this.unusable || shape === this.listingFailedFor)
            return { failed: 'unsent' };
        const plan = await this.planFor(shape);
        if (plan === undefined)
            return { failed: 'unsent' };
        // The query in SigV4's canonical form (sorted by name, escaped), which is also how it is sent.
        const parts = [
            ['continuation-token', params.continuationToken],
            ['delimiter', params.delimiter],
            ['list-type', '2'],
            ['max-keys', params.maxKeys === undefined ? undefined : String(params.maxKeys)],
            ['prefix', params.prefix]
        ];
        const query = parts
            .filter(([, value]) => value !== undefined)
            .map(([name, value]) => `${name}=${(0,sigv4/* escapeUri */.o$)(value)}`)
            .join('&');
        const body = await (0,direct_get/* getListing */.te)(plan, query, this.agent, LISTING_MAX_BYTES);
        const page = body === null ? null : parseListBucketResult(body.toString('utf8'));
        if (page !== null) {
            // S3 took this endpoint, these credentials, this signing and these headers: a GET of the same shape needs no
            // trial of its own, and the objects this listing names can all be requested at once.
            this.succeeded(shape);
            return { page };
        }
        this.listingFailedFor = shape;
        // A shape no request has confirmed yet is wrong, then (another region, other headers): dropped, and the SDK's
        // next listing may suggest another.
        if (this.trial?.shape === shape && this.shape === undefined) {
            this.forget(shape);
            this.trialTaught = false;
        }
        return { failed: 'sent' };
    }
    /** A direct GET of `shape` (by default, whichever is on trial) was answered with 200: a trial shape is confirmed. */
    succeeded(shape) {
        const trial = this.trial;
        if (trial === undefined || (shape !== undefined && shape !== trial.shape))
            return;
        this.trial = undefined;
        this.shape = trial.shape;
        trial.settle?.(true);
    }
    /**
     * The object's 200 response, or why the request must go through the SDK instead: `sent` when a request went out
     * and failed in any way (the shape is then forgotten until the SDK succeeds again), `unsent` when none could be
     * signed here (then direct GETs stop for good: the credentials could not be resolved outside the SDK).
     */
    async get(key) {
        const planned = await this.planOfShape(key);
        if (planned === undefined)
            return { failed: 'unsent' };
        const { plan, shape } = planned;
        try {
            const response = await (0,direct_get/* sendDirectGet */.yD)(plan, key, this.agent);
            if (response.statusCode === 200) {
                this.succeeded(shape);
                return { response };
            }
            response.resume();
        }
        catch {
            // Sent again through the SDK, which reports what goes wrong.
        }
        this.forget(shape);
        return { failed: 'sent' };
    }
    /** Connections for small objects read whole: as many as the client's pool (the S3 source sizes it for the reads in flight). */
    get maxSockets() {
        return Number.isFinite(this.agent.maxSockets) ? this.agent.maxSockets : DEFAULT_MAX_SOCKETS;
    }
    /** A small object read whole (getWholeObject), or why it must be read through the SDK instead, as get() says. */
    async getWhole(key, maxBytes) {
        const planned = await this.planOfShape(key);
        if (planned === undefined)
            return { failed: 'unsent' };
        const { plan, shape } = planned;
        // A 200 confirms a trial shape at once (S3 took the signature), before the body is in: requests waiting on it go.
        const bytes = await (0,direct_get/* getWholeObject */.nj)(plan, key, this.maxSockets, maxBytes, (status) => status === 200 && this.succeeded(shape));
        if (bytes !== null)
            return { bytes };
        this.forget(shape);
        return { failed: 'sent' };
    }
    /**
     * A direct GET of this shape (by default, of any) failed: send through the SDK until it succeeds again (and
     * re-teaches the shape). A trial shape that failed is dropped for good.
     */
    forget(shape) {
        if (shape === undefined || this.shape === shape)
            this.shape = undefined;
        const trial = this.trial;
        if (trial !== undefined && (shape === undefined || trial.shape === shape)) {
            this.trial = undefined;
            trial.settle?.(false);
        }
    }
    /** Keeps the shape of a GetObject the SDK signed and S3 answered with 200, if it can be replayed for any key. */
    learn(request, key) {
        const encoded = (0,direct_get/* encodeKey */.g2)(key);
        const path = String(request.path ?? '');
        const query = { ...(request.query ?? {}) };
        // A path ending with the key as this code encodes it, and no query but the operation name.
        if (!path.endsWith(`/${encoded}`) || Object.keys(query).some((name) => name !== 'x-id'))
            return;
        const shape = shapeOf(request, path.slice(0, path.length - encoded.length), query);
        if (shape === undefined)
            return;
        this.shape = shape;
        // A GET the SDK sent settles a trial still waiting: its waiters may use the shape S3 just accepted.
        const trial = this.trial;
        this.trial = undefined;
        trial?.settle?.(true);
    }
    /**
     * Keeps, as a trial, the GetObject a ListObjectsV2 the SDK signed and S3 answered with 200 implies: the same
     * request to the listing's path (the bucket's root: `/bucket/` in path style, `/` virtual-hosted) plus the key.
     */
    learnFromListing(request) {
        const path = String(request.path ?? '');
        const shape = shapeOf(request, path.endsWith('/') ? path : `${path}/`, { 'x-id': 'GetObject' });
        if (shape === undefined)
            return;
        this.trialTaught = true;
        this.trial = { shape };
    }
}
/**
 * The constant part of a request the SDK signed, for GETs at `pathPrefix` + key with `query`: undefined unless
 * plain SigV4 (not SigV4a or S3 Express sessions), which is left to the SDK.
 */
function shapeOf(request, pathPrefix, query) {
    const scope = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request,/.exec(String(request.headers?.authorization ?? ''));
    if (scope === null || request.headers['x-amz-s3session-token'] !== undefined)
        return undefined;
    const headers = {};
    for (const [name, value] of Object.entries(request.headers)) {
        if (!PER_REQUEST_HEADERS.has(name.toLowerCase()))
            headers[name] = value;
    }
    return {
        protocol: request.protocol ?? 'https:',
        hostname: request.hostname,
        port: request.port,
        pathPrefix,
        search: new URLSearchParams(query).toString(),
        template: (0,sigv4/* signingTemplate */.k)(headers, query, scope[1], scope[2])
    };
}
/** Marks `trial` as being tried by a GET (of `key`, when the caller reserved it): its waiters wait from now on. */
function trying(trial, key) {
    trial.key = key;
    trial.outcome = new Promise((resolve) => (trial.settle = resolve));
}
/** The largest listing page read directly: S3's 1,000 keys of up to 1,024 bytes each, escaped, fit. */
const LISTING_MAX_BYTES = 16 * 1024 * 1024;
/**
 * The longest a request waits for the answer to the GET trying a listing's shape before going through the SDK: that
 * answer normally takes one round trip; one that stalls must not hold the scan for the whole idle timeout.
 */
const TRIAL_WAIT_MS = 2_000;
/** Headers that belong to one request (signature, date, retry and invocation ids, conditions), never replayed. */
const PER_REQUEST_HEADERS = new Set([
    'authorization',
    'x-amz-date',
    'x-amz-security-token',
    'amz-sdk-invocation-id',
    'amz-sdk-request',
    'range',
    'if-match',
    'if-none-match',
    'content-length'
]);
/**
 * The GET a plain S3 endpoint takes, built without the SDK: `endpoint` (a custom one, or AWS S3's regional one for
 * the bucket), the bucket in the path (path style) or in the host, signed for `region` and S3, with the constant
 * headers the SDK sends (host, payload hash) and `userAgent`.
 */
function plainRequestShape(endpoint, bucket, pathStyle, region, userAgent) {
    const base = endpoint.pathname.replace(/\/+$/, '');
    const headers = { host: endpoint.host, 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH, 'user-agent': userAgent };
    const query = { 'x-id': 'GetObject' };
    return {
        protocol: endpoint.protocol,
        hostname: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: endpoint.port === '' ? undefined : Number(endpoint.port),
        pathPrefix: pathStyle ? `${base}/${(0,sigv4/* escapeUri */.o$)(bucket)}/` : `${base}/`,
        search: new URLSearchParams(query).toString(),
        template: (0,sigv4/* signingTemplate */.k)(headers, query, region, 's3')
    };
}
const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/sources/whole-body.ts
var whole_body = __webpack_require__(25086);
// EXTERNAL MODULE: ./src/proxy.ts
var proxy = __webpack_require__(28903);
// EXTERNAL MODULE: ./src/sources/idle.ts
var idle = __webpack_require__(93886);
;// CONCATENATED MODULE: ./src/sources/s3.ts










/** Ranged GETs that resume a broken-off object body. */
const MAX_RESUMES = 3;
/**
 * Objects read at once from S3 unless `concurrency` is set. CloudTrail delivers a 5-15 KB file every few minutes
 * per account and region, so a window is thousands of small objects, each waiting S3's time to first byte (tens
 * of ms): 8 at a time leaves the scan waiting on the network. Memory stays bounded because the scan also caps the
 * compressed bytes in flight (scan.ts), so big objects are still read about 4 at a time. (config.ts's
 * DEFAULT_S3_CONCURRENCY, which the action passes, says why 192.)
 */
const S3_READ_CONCURRENCY = 192;
/**
 * The most a small object (listed at WHOLE_READ_BYTES or less) may turn out to hold when read whole by a direct
 * GET; a bigger one is read again through the SDK, streamed.
 */
const WHOLE_GET_MAX_BYTES = 1024 * 1024;
/** AWS regions of the commercial partition (`amazonaws.com`): the ones a request built without the SDK may go to. */
const COMMERCIAL_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
/** A bucket name every S3 endpoint takes as it is, in the host or the path. */
const PLAIN_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** What requests sent before the SDK loads call themselves (the SDK's own user agent is learned from its requests). */
const USER_AGENT = `bedrock-denied-scan/${version/* VERSION */.x} lang/js md/nodejs#${process.versions.node}`;
/** Day prefixes listed ahead of the reader by default. */
const S3_LIST_CONCURRENCY = 16;
/** How far below the given prefix to look for `AWSLogs/` folders, and how many folder listings that may cost. */
const AWSLOGS_SEARCH_DEPTH = 3;
const AWSLOGS_SEARCH_MAX_LISTINGS = 100;
/** describe() lists at most this many prefixes (and gives the total). */
const PREFIXES_REPORTED = 50;
const CREDENTIAL_ERRORS = new Set([
    'CredentialsProviderError',
    'InvalidAccessKeyId',
    'ExpiredToken',
    'ExpiredTokenException',
    'InvalidToken',
    'TokenRefreshRequired',
    'SignatureDoesNotMatch'
]);
const isGap = (item) => typeof item === 'object' && 'gap' in item;
async function* single(item) {
    yield item;
}
/** Every item of `items`, as one array. */
async function* allOf(items) {
    const all = [];
    for await (const item of items)
        all.push(item);
    yield all;
}
function errorName(err) {
    const e = err;
    return e?.name || e?.Code || 'Error';
}
/** `Code: message`, with timeouts worded the same whichever layer noticed them. */
function describeFailure(err, idleTimeoutMs) {
    if ((0,idle/* isTimeout */.kL)(err))
        return `no data for ${idleTimeoutMs} ms`;
    const e = err;
    const name = errorName(err);
    const message = e?.message ?? String(err);
    if (name === 'Error' && e?.code && !message.includes(e.code))
        return `${e.code}: ${message}`;
    return name === 'Error' ? message : `${name}: ${message}`;
}
/** `s3://bucket/prefix/`: objects under a CloudTrail layout (pruned to the time window) or, failing that, every object. */
class S3Source {
    line;
    window;
    options;
    bucket;
    prefix;
    accounts;
    regions;
    clientPromise;
    layout;
    trailRoots = [];
    prefixesListed = [];
    prefixesListedCount = 0;
    listRequests = 0;
    objectsListed = 0;
    objectsSkippedByDeliveryTime = 0;
    objectsRead = 0;
    /** Of objectsRead, those a scan worker thread read itself (remotePlan). */
    objectsReadByWorkerThreads = 0;
    bytesRead = 0;
    retries = 0;
    resumes = 0;
    prefixesNotListed = 0;
    warnings = [];
    /** The proxy requests go through (redacted), when one does. */
    proxy;
    /** ` (through proxy …)` (or why not) for network errors. */
    proxyNoteText = '';
    /** GETs sent without the SDK's middleware once it has sent one (s3-direct-get.ts); absent with a client passed in. */
    directGets;
    /** The connection pool for a region's endpoint (transport()). */
    transportFor;
    /** startWithoutSdk(), once. */
    started;
    /** Folder listings started before they were needed, by prefix (prefetchFolders). */
    prefetchedFolders = new Map();
    constructor(line, window, options = {}) {
        this.line = line;
        this.window = window;
        this.options = options;
        const location = parseS3Url(line);
        this.bucket = location.bucket;
        this.prefix = location.prefix;
        this.accounts = options.accounts ?? [];
        this.regions = options.regions ?? [];
        for (const account of this.accounts) {
            if (!ACCOUNT_ID.test(account))
                throw new errors/* ConfigError */.x(`Input 'accounts': '${account}' is not a 12-digit AWS account id`);
        }
    }
    get where() {
        return `s3://${this.bucket}/${this.prefix}`;
    }
    get idleTimeoutMs() {
        return this.options.idleTimeoutMs ?? idle/* DEFAULT_IDLE_TIMEOUT_MS */.C9;
    }
    get readConcurrency() {
        return this.options.readConcurrency ?? S3_READ_CONCURRENCY;
    }
    get listConcurrency() {
        return Math.max(1, this.options.listConcurrency ?? S3_LIST_CONCURRENCY);
    }
    objects() {
        return this.generateObjects();
    }
    async *generateObjects() {
        const width = this.listConcurrency;
        // A worker thread reads small objects itself once direct GETs work (see remotePlan); a client passed in keeps
        // every read on this thread.
        const canHandOver = this.options.client === undefined;
        const absorb = (bytesRead) => {
            // A worker thread read it (which confirms a trial shape it may have been trying).
            this.directGets?.succeeded();
            this.objectsRead++;
            this.objectsReadByWorkerThreads++;
            this.bytesRead += bytesRead;
        };
        const declined = () => {
            // The worker's request was sent and failed: a retry, as on this thread; and the shape is asked again of the SDK.
            this.retries++;
            this.directGets?.forget();
        };
        for await (const listed of readAheadInOrder(this.listingGroups(), width)) {
            if (isGap(listed)) {
                yield listed;
                continue;
            }
            const name = `s3://${this.bucket}/${listed.key}`;
            const { key, size } = listed;
            // CloudTrail's 5-15 KB files are read whole, then decoded in one go (whole-body.ts).
            if (size !== undefined && size <= whole_body/* WHOLE_READ_BYTES */.l) {
                const remote = canHandOver ? { plan: () => this.remotePlan(key), declined, absorb } : undefined;
                yield { name, size, identity: name, open: () => this.readWhole(key), remote };
                continue;
            }
            // Larger ones are streamed, resumed where a body breaks off; the GET may be sent ahead of the read, its
            // answer waiting unread for open().
            let answer;
            const requestAhead = () => {
                answer ??= this.getObject(key);
                answer.catch(() => undefined);
            };
            const open = () => {
                const sent = answer;
                answer = undefined;
                return this.open(key, sent);
            };
            yield { name, size, identity: name, open, requestAhead };
        }
    }
    /**
     * What a scan worker thread needs to read a small object itself (sources/remote.ts): the direct GET as plain
     * data, with the client's current credentials. Undefined until a listing or a GET the SDK sent has taught the
     * request's shape (a listing's only on trial: see DirectGets) or when direct GETs do not work: the object is then
     * read on this thread.
     */
    async remotePlan(key) {
        if (this.directGets?.ready !== true || this.directGets.claimTrial(key))
            return undefined;
        const direct = await this.directGets.plan();
        if (direct === undefined)
            return undefined;
        const session = this.directGets.tlsSession(direct);
        return { key, maxBytes: WHOLE_GET_MAX_BYTES, maxSockets: this.readConcurrency, direct, ...(session ? { session } : {}) };
    }
    describe() {
        const iso = (ms) => (ms === undefined ? null : new Date(ms).toISOString());
        return {
            kind: 's3',
            location: this.line,
            details: {
                bucket: this.bucket,
                prefix: this.prefix,
                layout: this.layout ?? null,
                trailRoots: this.trailRoots,
                window: { since: iso(this.window.since), until: iso(this.window.until) },
                accounts: this.accounts,
                regions: this.regions,
                prefixesListed: this.prefixesListed,
                prefixesListedCount: this.prefixesListedCount,
                listRequests: this.listRequests,
                objectsListed: this.objectsListed,
                objectsSkippedByDeliveryTime: this.objectsSkippedByDeliveryTime,
                objectsRead: this.objectsRead,
                objectsReadByWorkerThreads: this.objectsReadByWorkerThreads,
                bytesRead: this.bytesRead,
                retries: this.retries,
                resumes: this.resumes,
                prefixesNotListed: this.prefixesNotListed,
                warnings: this.warnings,
                ...(this.proxy ? { proxy: this.proxy } : {})
            }
        };
    }
    // ---- client and errors ----
    client() {
        this.clientPromise ??= this.createClient();
        return this.clientPromise;
    }
    async createClient() {
        if (this.options.client)
            return this.options.client;
        const { S3Client } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711)]).then(__webpack_require__.t.bind(__webpack_require__, 53711, 19));
        const endpoint = this.options.endpoint || undefined;
        const customEndpoint = this.customEndpoint();
        const base = {
            // A custom endpoint (ours or the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) means an S3-compatible store,
            // which rarely serves virtual-host-style bucket names.
            forcePathStyle: Boolean(customEndpoint),
            endpoint,
            // A bucket in another region answers 301; let the SDK retry there instead of failing.
            followRegionRedirects: true,
            retryMode: 'standard',
            maxAttempts: 5,
            // CloudTrail objects carry no flexible checksums; skipping them also keeps S3-compatible stores working.
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
            // The middleware stack is resolved once per command class instead of on every request: measured 0.15 ms of
            // CPU per request (2,016 small objects: about 0.3 s); the action never changes a stack after the first request.
            cacheMiddleware: true,
            // Nothing may hang: no connection within the idle timeout, or no bytes for that long on an open socket
            // (waiting for headers or mid-body), fails the attempt; the SDK retries it within maxAttempts.
            requestHandler: { connectionTimeout: this.idleTimeoutMs, socketTimeout: this.idleTimeoutMs },
            ...this.options.clientConfig
        };
        const region = this.options.region || (await this.resolveRegion(base, S3Client));
        const handler = (base.requestHandler ?? {});
        const transport = await this.transport(region);
        // Only an options object can take agents; a handler instance passed in clientConfig is used as it is.
        const agent = handler.constructor === Object ? transport?.agent : undefined;
        if (agent !== undefined) {
            base.requestHandler = { ...handler, [transport.https ? 'httpsAgent' : 'httpAgent']: agent };
        }
        const client = new S3Client({ ...base, region });
        if (agent !== undefined) {
            if (this.directGets === undefined)
                this.directGets = new DirectGets(client, agent, this.idleTimeoutMs);
            else
                this.directGets.teach(client);
        }
        return client;
    }
    /**
     * The connection pool requests go through for `region`'s endpoint (the same one before and after the SDK loads):
     * HTTPS_PROXY / HTTP_PROXY / NO_PROXY decided as @actions/http-client decides for the endpoint's URL (the custom
     * endpoint, else the bucket's regional virtual-hosted URL), and one kept-alive connection per request in flight
     * (GETs and listings), so requests never queue for a socket behind the SDK's default of 50.
     */
    async transport(region) {
        if (this.transportFor?.region === region)
            return this.transportFor.transport;
        const endpointUrl = this.endpointUrl(this.customEndpoint(), region);
        let transport;
        if (endpointUrl !== undefined) {
            const maxSockets = this.readConcurrency + this.listConcurrency;
            const proxyAgent = (0,proxy/* proxyAgentFor */.H2)(endpointUrl, { keepAlive: true, maxSockets, connectTimeoutMs: this.idleTimeoutMs });
            if (proxyAgent)
                this.proxy = (0,proxy/* redactProxy */.YP)(proxyAgent.proxy);
            this.proxyNoteText = (0,proxy/* proxyNote */.d1)(endpointUrl);
            const endpoint = new URL(endpointUrl);
            const https = endpoint.protocol === 'https:';
            const { Agent } = https ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
            transport = { agent: proxyAgent ?? new Agent({ keepAlive: true, maxSockets }), https, endpoint };
        }
        this.transportFor = { region, transport };
        return transport;
    }
    /**
     * Direct requests before the SDK is loaded, when nothing needs it: static credentials (the environment's, which
     * the SDK's chain would take first, or the client settings'), a region given, and a plain endpoint (a custom one,
     * or AWS S3 in the commercial partition without FIPS, dual-stack or acceleration, for a plain bucket name). Their
     * shape is on trial (DirectGets.suggest): anything but a 200 sends the request through the SDK, which then loads
     * and teaches the shape. Why: loading the SDK, building its client and its first request took about 0.13 s before
     * the first listing went out, a quarter of a local scan of 16 large objects.
     */
    async startWithoutSdk() {
        if (this.options.client !== undefined || this.directGets !== undefined)
            return;
        const env = this.options.env ?? process.env;
        const config = this.options.clientConfig ?? {};
        const region = this.options.region || (typeof config.region === 'string' ? config.region : '') || env.AWS_REGION || '';
        const credentials = this.staticCredentials();
        const custom = this.customEndpoint() !== undefined;
        const flagged = (name) => /^true$/i.test(env[name] ?? '');
        const plain = region !== '' &&
            (config.requestHandler === undefined || config.requestHandler.constructor === Object) &&
            config.endpoint === undefined &&
            !config.useFipsEndpoint &&
            !config.useDualstackEndpoint &&
            !config.useAccelerateEndpoint &&
            !flagged('AWS_USE_FIPS_ENDPOINT') &&
            !flagged('AWS_USE_DUALSTACK_ENDPOINT') &&
            (custom || (COMMERCIAL_REGION.test(region) && PLAIN_BUCKET.test(this.bucket)));
        if (credentials === undefined || !plain)
            return;
        const transport = await this.transport(region);
        if (transport === undefined || this.directGets !== undefined)
            return;
        const pathStyle = custom || this.bucket.includes('.');
        const signing = { credentials: async () => credentials, clockOffsetMs: () => 0 };
        this.directGets = new DirectGets(undefined, transport.agent, this.idleTimeoutMs, signing);
        this.directGets.suggest(plainRequestShape(transport.endpoint, this.bucket, pathStyle, region, USER_AGENT));
    }
    /** The S3-compatible endpoint asked for: `s3-endpoint`, else the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL. */
    customEndpoint() {
        const env = this.options.env ?? process.env;
        return this.options.endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
    }
    /**
     * Credentials known without the SDK: the client settings' when they are plain values (a provider function is
     * the SDK's to call: undefined), else the environment's, which the SDK's chain would take first.
     */
    staticCredentials() {
        const env = this.options.env ?? process.env;
        const given = this.options.clientConfig?.credentials;
        if (given !== undefined) {
            if (given === null || typeof given !== 'object' || typeof given.accessKeyId !== 'string' || typeof given.secretAccessKey !== 'string')
                return undefined;
            const token = typeof given.sessionToken === 'string' && given.sessionToken ? { sessionToken: given.sessionToken } : {};
            return { accessKeyId: given.accessKeyId, secretAccessKey: given.secretAccessKey, ...token };
        }
        if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY)
            return undefined;
        return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    }
    /** The region from clientConfig or the SDK's chain (env, profile), else us-east-1. */
    async resolveRegion(base, S3Client) {
        if (typeof base.region === 'string' && base.region)
            return base.region;
        const probe = new S3Client({ ...base, requestHandler: undefined });
        try {
            return (await probe.config.region()) || 'us-east-1';
        }
        catch {
            return 'us-east-1';
        }
        finally {
            probe.destroy();
        }
    }
    /** The URL requests go to: the custom endpoint, else `https://BUCKET.s3.REGION.amazonaws.com` (path-style host for dotted buckets). */
    endpointUrl(customEndpoint, region) {
        if (customEndpoint) {
            try {
                return new URL(customEndpoint).toString();
            }
            catch {
                return undefined;
            }
        }
        const host = this.bucket.includes('.') ? `s3.${region}.amazonaws.com` : `${this.bucket}.s3.${region}.amazonaws.com`;
        return `https://${host}/`;
    }
    noteAttempts(metadata) {
        if (metadata?.attempts && metadata.attempts > 1)
            this.retries += metadata.attempts - 1;
    }
    credentialError(err) {
        const e = err;
        return new errors/* ConfigError */.x(`${this.where}: no valid AWS credentials (${errorName(err)}: ${e?.message ?? ''}). ` +
            'Configure credentials before this step, for example with aws-actions/configure-aws-credentials ' +
            'using OIDC (role-to-assume, and `permissions: id-token: write` in the workflow).');
    }
    /** ` (through proxy …)` for a failure that got no HTTP answer from S3, unless `message` already names the proxy. */
    networkNote(err, message) {
        if (err?.$metadata?.httpStatusCode !== undefined || /\bthe proxy\b/.test(message))
            return '';
        return this.proxyNoteText;
    }
    listError(err) {
        const name = errorName(err);
        const status = err?.$metadata?.httpStatusCode;
        if (name === 'NoSuchBucket')
            return new errors/* ConfigError */.x(`Input 'source': bucket '${this.bucket}' does not exist`);
        if (CREDENTIAL_ERRORS.has(name))
            return this.credentialError(err);
        // A proxy that refuses the tunnel (407, 403) will refuse every request: stop the source, naming it.
        if (err instanceof proxy/* ProxyError */.T6 && !err.retryable)
            return new errors/* ConfigError */.x(`${this.where}: ${err.message}`);
        if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
            return new errors/* ConfigError */.x(`${this.where}: access denied listing objects; the role needs s3:ListBucket on arn:aws:s3:::${this.bucket}`);
        }
        const message = err?.message ?? String(err);
        return new Error(`${this.where}: listing objects failed: ${name}: ${message}${this.networkNote(err, message)}`, {
            cause: err
        });
    }
    getError(err, key) {
        const name = errorName(err);
        const message = err?.message ?? String(err);
        const status = err?.$metadata?.httpStatusCode;
        const object = `s3://${this.bucket}/${key}`;
        if (name === 'NoSuchBucket')
            return new errors/* ConfigError */.x(`Input 'source': bucket '${this.bucket}' does not exist`);
        if (CREDENTIAL_ERRORS.has(name))
            return this.credentialError(err);
        if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
            const kms = /kms/i.test(message) ? ` and kms:Decrypt on the KMS key that encrypts it` : '';
            return new Error(`${object}: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::${this.bucket}/${key}${kms} (${message})`, { cause: err });
        }
        const attempts = err?.$metadata?.attempts;
        const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
        const failure = describeFailure(err, this.idleTimeoutMs);
        return new Error(`${object}: reading the object failed${after}: ${failure}${this.networkNote(err, failure)}`, { cause: err });
    }
    // ---- listing ----
    /**
     * The pages of a listing: requested directly once a shape is known (s3-direct-get.ts, whose listings skip the SDK's
     * deserializer), else, or when that fails, through the SDK, whose retries and error messages then apply.
     */
    async *listPages(prefix, delimiter) {
        this.started ??= this.startWithoutSdk();
        await this.started;
        let continuationToken;
        // A store that hands out a token it gave before would be listed forever: the listing stops there, as a gap.
        const tokens = new Set();
        const next = (truncated, token) => {
            if (!truncated || !token)
                return undefined;
            if (tokens.has(token))
                throw new Error('the listing came back to a page it had already listed (a continuation token repeated)');
            tokens.add(token);
            return token;
        };
        do {
            if (this.directGets !== undefined) {
                const direct = await this.directGets.list({ prefix, delimiter, continuationToken, maxKeys: this.options.maxKeys });
                if ('page' in direct) {
                    this.listRequests++;
                    const { page } = direct;
                    yield {
                        Contents: page.objects.map(({ key, size }) => ({ Key: key, Size: size })),
                        CommonPrefixes: page.prefixes.map((Prefix) => ({ Prefix })),
                        IsTruncated: page.isTruncated,
                        NextContinuationToken: page.nextContinuationToken
                    };
                    continuationToken = next(page.isTruncated, page.nextContinuationToken);
                    continue;
                }
                // Sent but not answered with a listing: counted (a retry), and asked again through the SDK.
                if (direct.failed === 'sent') {
                    this.listRequests++;
                    this.retries++;
                }
            }
            const client = await this.client();
            const { ListObjectsV2Command } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711)]).then(__webpack_require__.t.bind(__webpack_require__, 53711, 19));
            let page;
            try {
                this.listRequests++;
                page = await client.send(new ListObjectsV2Command({
                    Bucket: this.bucket,
                    Prefix: prefix,
                    Delimiter: delimiter,
                    ContinuationToken: continuationToken,
                    MaxKeys: this.options.maxKeys
                }));
            }
            catch (err) {
                this.noteAttempts(err?.$metadata);
                throw this.listError(err);
            }
            this.noteAttempts(page.$metadata);
            yield page;
            continuationToken = next(page.IsTruncated, page.NextContinuationToken);
        } while (continuationToken);
    }
    /**
     * A prefix whose listing failed after the SDK's retries (5xx, throttling, timeouts): named as not scanned while
     * the rest of the source is read. Errors that make the whole source unusable (missing bucket, credentials,
     * access denied) are ConfigErrors and are rethrown instead.
     */
    listingGap(prefix, err, what, counted = true) {
        if (err instanceof errors/* ConfigError */.x)
            throw err;
        const cause = err?.cause ?? err;
        const attempts = cause?.$metadata?.attempts;
        if (counted)
            this.prefixesNotListed++;
        return {
            gap: true,
            name: `s3://${this.bucket}/${prefix}`,
            error: `listing failed${attempts ? ` after ${attempts} attempts` : ''} (${describeFailure(cause, this.idleTimeoutMs)}); ${what}`
        };
    }
    /**
     * Names of the immediate sub-folders of `prefix` (which ends with '/'), then a gap if the listing broke off; from
     * the listing started ahead for it (prefetchFolders) if there is one.
     */
    async *childFolders(prefix) {
        const prefetched = this.prefetchedFolders.get(prefix);
        if (prefetched !== undefined) {
            this.prefetchedFolders.delete(prefix);
            for (const folder of await prefetched) {
                // A failure is counted once the listing is used (one made ahead and not needed is not reported).
                if (isGap(folder))
                    this.prefixesNotListed++;
                yield folder;
            }
            return;
        }
        yield* this.listChildFolders(prefix);
    }
    /**
     * Starts listing `prefix`'s sub-folders now, for childFolders() to take later: one round trip saved when the
     * guess is right, one listing spent when it is wrong. An error is raised only if the listing is used.
     */
    prefetchFolders(prefix) {
        const listing = (async () => {
            const found = [];
            for await (const folder of this.listChildFolders(prefix, false))
                found.push(folder);
            return found;
        })();
        listing.catch(() => undefined);
        this.prefetchedFolders.set(prefix, listing);
    }
    async *listChildFolders(prefix, countGaps = true) {
        let found = 0;
        try {
            for await (const page of this.listPages(prefix, '/')) {
                for (const common of page.CommonPrefixes ?? []) {
                    const child = common.Prefix?.slice(prefix.length).replace(/\/$/, '');
                    if (child) {
                        found++;
                        yield child;
                    }
                }
            }
        }
        catch (err) {
            const before = found > 0 ? ` (the ${found} folders listed before the failure were still read)` : '';
            yield this.listingGap(prefix, err, `the folders below it were not scanned${before}`, countGaps);
        }
    }
    notePrefixListed(prefix) {
        this.prefixesListedCount++;
        if (this.prefixesListed.length < PREFIXES_REPORTED)
            this.prefixesListed.push(prefix);
    }
    /** Every object under `prefix`, page by page, pruned by delivery time when asked; a gap if the listing fails. */
    async *listObjectsUnder(prefix, pruneByDeliveryTime) {
        this.notePrefixListed(prefix);
        let listed = 0;
        try {
            for await (const page of this.listPages(prefix)) {
                const objects = [];
                for (const item of page.Contents ?? []) {
                    if (!item.Key || item.Key.endsWith('/'))
                        continue;
                    this.objectsListed++;
                    listed++;
                    if (pruneByDeliveryTime && !deliveredInWindow(item.Key, this.window)) {
                        this.objectsSkippedByDeliveryTime++;
                        continue;
                    }
                    objects.push({ key: item.Key, size: item.Size });
                }
                yield objects;
            }
        }
        catch (err) {
            const before = listed > 0 ? ` (the ${listed} objects listed before the failure were still read)` : '';
            yield [this.listingGap(prefix, err, `the objects under it were not scanned${before}`)];
        }
    }
    /** A prefix with no CloudTrail layout: everything under it, pruned only by delivery times found in file names. */
    flatListing() {
        this.layout = 'flat';
        return this.listObjectsUnder(this.prefix, this.window.since !== undefined || this.window.until !== undefined);
    }
    warn(message) {
        this.warnings.push(message);
        (this.options.warn ?? ((m) => workflow_commands/* warning */.$e(m, { title: 'bedrock-denied-scan: S3 layout not recognised' })))(message);
    }
    /** One group of pages per prefix to list in full (a gap is a group of its own). */
    async *listingGroups() {
        const position = locateInLayout(this.prefix);
        if (position === 'not-cloudtrail') {
            yield this.flatListing();
            return;
        }
        if (position) {
            this.layout = 'cloudtrail';
            this.trailRoots.push(position.awsLogsRoot);
            for await (const prefix of this.dayPrefixes(position)) {
                yield isGap(prefix) ? single([prefix]) : this.listObjectsUnder(prefix, true);
            }
            return;
        }
        const { roots, gaps } = await this.findAwsLogsRoots();
        if (roots.length === 0 && gaps.length > 0) {
            // Part of the search failed and found nothing elsewhere: the layout is unknown, and reading the whole prefix
            // unpruned could mean a whole trail; name the prefix as not scanned instead.
            const failed = gaps.map((g) => `${g.name}: ${g.error}`).join('; ');
            this.prefixesNotListed++;
            yield single([
                { gap: true, name: this.where, error: `searching for AWSLogs/ below it failed, so nothing under it was read (${failed})` }
            ]);
            return;
        }
        for (const gap of gaps)
            yield single([gap]);
        if (roots.length === 0) {
            // No CloudTrail layout below the prefix: read everything under it.
            const pruned = this.window.since !== undefined || this.window.until !== undefined
                ? ', except files whose CloudTrail delivery time (in the file name) is outside the time window'
                : '';
            this.warn(`${this.where}: no AWSLogs/ folder found within ${AWSLOGS_SEARCH_DEPTH} levels below the prefix, so the CloudTrail ` +
                `layout was not recognised and every object under it is listed and read${pruned}. Point the source at the ` +
                `folder holding AWSLogs/ to have only the window's day folders listed.`);
            yield this.flatListing();
            return;
        }
        this.layout = 'cloudtrail';
        for (const root of roots) {
            this.trailRoots.push(root);
            for await (const prefix of this.dayPrefixes({ awsLogsRoot: root, dateParts: [] })) {
                yield isGap(prefix) ? single([prefix]) : this.listObjectsUnder(prefix, true);
            }
        }
    }
    /**
     * `AWSLogs/` folders below the prefix, searched level by level with delimiter listings and stopping at the
     * shallowest level that has any (a trail prefix is rarely more than a couple of folders deep).
     * Folders whose listing failed come back as gaps.
     */
    async findAwsLogsRoots() {
        // Trails are mostly delivered right under the prefix (the bucket root, or the trail's S3 key prefix): its
        // AWSLogs/ folder is listed beside the search, so that the accounts are known one round trip sooner.
        const guess = `${this.prefix}AWSLogs/`;
        this.prefetchFolders(guess);
        const found = await this.searchAwsLogsRoots();
        if (!found.roots.includes(guess)) {
            // Not needed after all; but an error that makes the whole source unusable (access denied, no valid
            // credentials) is still raised, as the next listing would have raised it.
            const unused = this.prefetchedFolders.get(guess);
            this.prefetchedFolders.delete(guess);
            await unused;
        }
        return found;
    }
    async searchAwsLogsRoots() {
        let frontier = [this.prefix];
        let listings = 0;
        const gaps = [];
        for (let depth = 0; depth < AWSLOGS_SEARCH_DEPTH && frontier.length > 0; depth++) {
            const roots = [];
            const next = [];
            for (const folder of frontier) {
                if (listings++ >= AWSLOGS_SEARCH_MAX_LISTINGS)
                    return { roots, gaps };
                for await (const child of this.childFolders(folder)) {
                    if (isGap(child))
                        gaps.push(child);
                    else if (child === 'AWSLogs')
                        roots.push(`${folder}AWSLogs/`);
                    else
                        next.push(`${folder}${child}/`);
                }
            }
            if (roots.length > 0)
                return { roots, gaps };
            frontier = next;
        }
        return { roots: [], gaps };
    }
    accountAllowed(account) {
        return this.accounts.length === 0 || this.accounts.includes(account);
    }
    regionAllowed(region) {
        return this.regions.length === 0 || this.regions.includes(region);
    }
    /** `.../<account>/` folders, discovering org ids and accounts unless the prefix or the accounts filter fixes them. */
    async *accountFolders(position) {
        const root = position.awsLogsRoot;
        if (position.account) {
            if (this.accountAllowed(position.account)) {
                yield `${root}${position.org ? `${position.org}/` : ''}${position.account}/`;
            }
            return;
        }
        if (position.org) {
            yield* this.orgAccountFolders(`${root}${position.org}/`);
            return;
        }
        for await (const child of this.childFolders(root)) {
            if (isGap(child))
                yield child;
            else if (ORG_ID.test(child))
                yield* this.orgAccountFolders(`${root}${child}/`);
            else if (ACCOUNT_ID.test(child) && this.accountAllowed(child))
                yield `${root}${child}/`;
        }
    }
    async *orgAccountFolders(orgPrefix) {
        if (this.accounts.length > 0) {
            // An organization can have thousands of accounts: go straight to the wanted ones.
            for (const account of this.accounts)
                yield `${orgPrefix}${account}/`;
            return;
        }
        for await (const child of this.childFolders(orgPrefix)) {
            if (isGap(child))
                yield child;
            else if (ACCOUNT_ID.test(child))
                yield `${orgPrefix}${child}/`;
        }
    }
    async *regionFolders(accountFolder, position) {
        // Only CloudTrail/: CloudTrail-Digest/ and CloudTrail-Insight/ are never listed.
        const trailFolder = `${accountFolder}CloudTrail/`;
        if (position.region) {
            if (this.regionAllowed(position.region))
                yield `${trailFolder}${position.region}/`;
            return;
        }
        if (this.regions.length > 0) {
            for (const region of this.regions)
                yield `${trailFolder}${region}/`;
            return;
        }
        for await (const region of this.childFolders(trailFolder))
            yield isGap(region) ? region : `${trailFolder}${region}/`;
    }
    /**
     * Each account's region folders as one group, or an account folder that could not be listed: read ahead in
     * order, so the accounts of an organization trail have their regions listed several at a time rather than one
     * round trip after another (3 accounts: the last one's days were listed 60 ms later at 30 ms per request).
     */
    async *regionFolderGroups(position) {
        for await (const accountFolder of this.accountFolders(position)) {
            yield isGap(accountFolder) ? single([accountFolder]) : allOf(this.regionFolders(accountFolder, position));
        }
    }
    /** Day folders (`.../<region>/YYYY/MM/DD/`) that can hold events in the window, and folders that could not be listed. */
    async *dayPrefixes(position) {
        const fixed = position.dateParts.join('/');
        const { since } = this.window;
        const until = this.window.until ?? Date.now();
        for await (const regionFolder of readAheadInOrder(this.regionFolderGroups(position), this.listConcurrency)) {
            if (isGap(regionFolder)) {
                yield regionFolder;
                continue;
            }
            if (since === undefined) {
                // No lower bound: every day under the region (or under the days the prefix fixes).
                yield fixed ? `${regionFolder}${fixed}/` : regionFolder;
                continue;
            }
            for (const day of windowDays(since, until)) {
                if (fixed && !`${day}/`.startsWith(`${fixed}/`))
                    continue;
                yield `${regionFolder}${day}/`;
            }
        }
    }
    // ---- reading ----
    /** One GetObject: the whole object, or from `offset` on when resuming (only if it still has `etag`). */
    async getObject(key, resume) {
        if (resume === undefined && this.directGets?.ready) {
            const direct = await this.directGets.get(key);
            if ('response' in direct) {
                const { response } = direct;
                const size = Number(response.headers['content-length']);
                return { body: response, etag: response.headers.etag, total: Number.isSafeInteger(size) ? size : undefined };
            }
            // Sent but not answered with 200: counted as a retry, and asked again through the SDK.
            if (direct.failed === 'sent')
                this.retries++;
        }
        const client = await this.client();
        const { GetObjectCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711)]).then(__webpack_require__.t.bind(__webpack_require__, 53711, 19));
        try {
            const response = await client.send(new GetObjectCommand({
                Bucket: this.bucket,
                Key: key,
                Range: resume ? `bytes=${resume.offset}-` : undefined,
                IfMatch: resume?.etag
            }));
            this.noteAttempts(response.$metadata);
            const fromRange = /\/(\d+)$/.exec(response.ContentRange ?? '');
            const total = fromRange ? Number(fromRange[1]) : resume ? undefined : response.ContentLength;
            return { body: response.Body, etag: response.ETag, total };
        }
        catch (err) {
            this.noteAttempts(err?.$metadata);
            if (resume && (errorName(err) === 'PreconditionFailed' || err?.$metadata?.httpStatusCode === 412)) {
                throw new Error(`s3://${this.bucket}/${key}: the object changed while it was being read (its ETag is no longer ${resume.etag}); ` +
                    `the ${resume.offset} bytes read before were kept`, { cause: err });
            }
            const error = this.getError(err, key);
            if (resume && !(error instanceof errors/* ConfigError */.x)) {
                error.message = `${error.message} (resuming at byte ${resume.offset})`;
            }
            throw error;
        }
    }
    /**
     * A small object's bytes, read whole (resumes and all), as one chunk, then the failure that cut the read short, if
     * any; one that turns out bigger than WHOLE_GET_MAX_BYTES is streamed instead.
     */
    async readWhole(key) {
        if (this.directGets?.ready) {
            const direct = await this.directGets.getWhole(key, WHOLE_GET_MAX_BYTES);
            if ('bytes' in direct) {
                this.objectsRead++;
                this.bytesRead += direct.bytes.length;
                // Read over the source's own connections (keep-alive-gets.ts): no one else holds the bytes.
                return (0,whole_body/* storedStream */.E)({ bytes: direct.bytes, owned: true });
            }
            // Sent but not answered in full with 200: counted as a retry, and read again through the SDK.
            if (direct.failed === 'sent')
                this.retries++;
        }
        const first = await this.getObject(key);
        this.objectsRead++;
        // Listed small but grown since (or a store that lies about sizes): streamed, not gathered in memory.
        if (first.total === undefined || first.total > WHOLE_GET_MAX_BYTES) {
            return (0,byte_counter/* countedStream */.R)(this.resumingBody(key, first), (n) => {
                this.bytesRead += n;
            });
        }
        const chunks = [];
        let length = 0;
        let failure;
        try {
            for await (const chunk of this.resumingBody(key, first)) {
                chunks.push(chunk);
                length += chunk.length;
                this.bytesRead += chunk.length;
            }
        }
        catch (error) {
            failure = error;
        }
        const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
        return (0,whole_body/* storedStream */.E)(failure === undefined ? { bytes } : { bytes, failure });
    }
    /** An object's bytes, streamed and resumed; from `answer` when its GET was sent ahead (requestAhead). */
    async open(key, answer) {
        const first = await (answer ?? this.getObject(key));
        this.objectsRead++;
        return (0,byte_counter/* countedStream */.R)(this.resumingBody(key, first), (n) => {
            this.bytesRead += n;
        });
    }
    /**
     * The object's bytes, in order. A body that breaks off (connection reset, no data for the idle timeout, ends
     * short of its length) is resumed with a ranged GET from the byte reached, pinned to the first response's ETag
     * so a changed object is never stitched, up to `maxResumes` times; the reader downstream (the same
     * decompressor) never notices.
     */
    async *resumingBody(key, first) {
        const maxResumes = this.options.maxResumes ?? MAX_RESUMES;
        const { etag, total } = first;
        let current = first;
        let offset = 0;
        for (let resumes = 0;; resumes++) {
            let failure;
            try {
                for await (const chunk of (0,idle/* idleGuard */.kz)(current.body, this.idleTimeoutMs)) {
                    offset += chunk.length;
                    yield chunk;
                }
                if (total === undefined || offset >= total)
                    return;
                failure = new Error(`the body ended after ${offset} of ${total} bytes`);
            }
            catch (err) {
                failure = err;
            }
            finally {
                current.body.destroy();
            }
            const where = total === undefined ? `at byte ${offset}` : `at byte ${offset} of ${total}`;
            if (resumes >= maxResumes) {
                throw new Error(`s3://${this.bucket}/${key}: reading the object failed ${where} after ${resumes} ${resumes === 1 ? 'resume' : 'resumes'} ` +
                    `(ranged GETs from the byte reached): ${describeFailure(failure, this.idleTimeoutMs)}`, { cause: failure });
            }
            this.resumes++;
            current = await this.getObject(key, { offset, etag });
        }
    }
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release version (package.json's; a test keeps them equal). */
const VERSION = '1.0.0';


/***/ })

};
