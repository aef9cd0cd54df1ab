export const id = 403;
export const ids = [403];
export const modules = {

/***/ 93886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C9: () => (/* binding */ DEFAULT_IDLE_TIMEOUT_MS),
/* harmony export */   P1: () => (/* binding */ idleTimeoutFromEnv),
/* harmony export */   kL: () => (/* binding */ isTimeout),
/* harmony export */   kz: () => (/* binding */ idleGuard)
/* harmony export */ });
/* unused harmony exports IDLE_TIMEOUT_ENV, idleError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/** No bytes for this long fails an S3 or HTTPS connection, request or body read (then retried or resumed). */
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Overrides the idle timeout (milliseconds): for slow links, and for tests that stall on purpose. */
const IDLE_TIMEOUT_ENV = 'BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS';
/** The idle timeout `env` asks for, or undefined for the default; a value that is not a positive integer is a ConfigError. */
function idleTimeoutFromEnv(env) {
    const raw = env[IDLE_TIMEOUT_ENV]?.trim();
    if (!raw)
        return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .x(`${IDLE_TIMEOUT_ENV}: '${raw}' is not a positive number of milliseconds`);
    }
    return Number(raw);
}
/** The error a stalled stream fails with. */
function idleError(ms) {
    return Object.assign(new Error(`no data for ${ms} ms`), { code: 'ETIMEDOUT', name: 'TimeoutError' });
}
/** A timeout noticed by us, Node's sockets or the AWS SDK's handler. */
function isTimeout(err) {
    const e = err;
    return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}
/**
 * The chunks of `stream`, failing with "no data for N ms" when it gives none for `ms`. The caller destroys the
 * stream afterwards (the pending read is then abandoned, its outcome ignored).
 */
async function* idleGuard(stream, ms) {
    const chunks = stream[Symbol.asyncIterator]();
    for (;;) {
        let timer;
        const next = chunks.next();
        next.catch(() => undefined);
        const stalled = new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(idleError(ms)), ms);
        });
        let result;
        try {
            result = await Promise.race([next, stalled]);
        }
        finally {
            clearTimeout(timer);
        }
        if (result.done)
            return;
        yield result.value;
    }
}


/***/ }),

/***/ 25086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ storedStream),
/* harmony export */   l: () => (/* binding */ WHOLE_READ_BYTES)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Stored objects at most this big (compressed, as listed) are read whole, one GET with its resumes, and handed to
 * the decoder as one chunk, which it then inflates in one call (decode/decompress.ts): CloudTrail delivers
 * 5-15 KB files, and for those a chain of streams costs more than the bytes.
 */
const WHOLE_READ_BYTES = 64 * 1024;
/**
 * An object read whole as a stream of its stored bytes in one chunk; or, when the read failed, the bytes read
 * before the failure and then the failure, as the streamed body would have given them.
 */
function storedStream(body) {
    if (body.failure !== undefined) {
        const { bytes, failure } = body;
        return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from((async function* () {
            if (bytes.length > 0)
                yield bytes;
            throw failure;
        })(), { objectMode: false });
    }
    return oneChunk(body.bytes);
}
/** A stream of one buffer (no async iterator or transform in between). */
function oneChunk(bytes) {
    let done = false;
    return new node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable({
        highWaterMark: 0,
        read() {
            if (!done) {
                done = true;
                if (bytes.length > 0)
                    this.push(bytes);
            }
            this.push(null);
        }
    });
}


/***/ }),

/***/ 16137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   oG: () => (/* binding */ writeStepSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony export error */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/**
 * How the action talks to the runner: its inputs, step outputs, log annotations, failure and job summary. These
 * are the few functions of `@actions/core` the action uses, written to behave byte for byte as `@actions/core`
 * 3.0.1 does (`test/workflow-commands.test.ts` checks them against it, hostile values included).
 *
 * Why not import `@actions/core`: importing it loads `@actions/http-client` and undici (for its OIDC client,
 * which the action never calls) and `@actions/exec`: about 45 ms of CPU and 8 MB on every run's critical path,
 * before the first byte is scanned (actions/toolkit#1560). The toolkit packages the action loads later (Octokit,
 * the artifact client) still bring `@actions/core` with them when they are used.
 */




/** The value of input `name` (`INPUT_<NAME>`, spaces as underscores), trimmed; '' when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}
/** Sets step output `name`: appended to $GITHUB_OUTPUT under a random delimiter, or a `::set-output` command outside a runner. */
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
        // A value (or name) holding the delimiter could end the output early and set others: refused, as core does.
        if (name.includes(delimiter))
            throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
        if (value.includes(delimiter))
            throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(filePath))
            throw new Error(`Missing file at path: ${filePath}`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(filePath, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, { encoding: 'utf8' });
        return;
    }
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
    issueCommand('set-output', { name }, value);
}
/** A warning annotation (`::warning title=…::message`). */
function warning(message, properties = {}) {
    // As core: an options object with any key (even one left undefined) yields a space after the command name.
    issueCommand('warning', Object.keys(properties).length > 0 ? { title: properties.title } : {}, message);
}
/** An error annotation. */
function error(message) {
    issueCommand('error', {}, message);
}
/** A line in the step's log. */
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
/** A line shown only when step debug logging is on. */
function debug(message) {
    issueCommand('debug', {}, message);
}
/** Fails the step: exit code 1 and an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Replaces the step's job summary ($GITHUB_STEP_SUMMARY) with `text`. */
async function writeStepSummary(text) {
    const filePath = process.env['GITHUB_STEP_SUMMARY'];
    if (!filePath)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(filePath, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${filePath}'. Check if the file has correct read/write permissions.`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(filePath, text, { encoding: 'utf8' });
}
/**
 * `::command key=value,…::data` on stdout. Data and property values are escaped so that no value can end the
 * command or start another: `%`, CR and LF in both, and `:` and `,` in property values.
 */
function issueCommand(command, properties, message) {
    const pairs = Object.entries(properties).flatMap(([key, value]) => (value ? [`${key}=${escapeProperty(value)}`] : []));
    const head = Object.keys(properties).length > 0 ? `::${command} ${pairs.join(',')}` : `::${command}`;
    process.stdout.write(`${head}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/***/ })

};
