export const id = 683;
export const ids = [683];
export const modules = {

/***/ 77360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L6: () => (/* binding */ distinctUsers),
/* harmony export */   LJ: () => (/* binding */ findingsByUser),
/* harmony export */   Wd: () => (/* binding */ activityByUser)
/* harmony export */ });
/* harmony import */ var _intern_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25071);

/** The findings of each user (a null user is its own), in the findings' order; users in order of first appearance. */
function findingsByUser(findings) {
    const byUser = new Map();
    for (const f of findings) {
        const list = byUser.get(f.user);
        if (list)
            list.push(f);
        else
            byUser.set(f.user, [f]);
    }
    return byUser;
}
/** The distinct non-null values of one field over a user's rows, in code-unit order. */
function distinctField(rows, field) {
    if (rows.length === 1) {
        const v = rows[0][field];
        return v === null ? [] : [v];
    }
    const values = [];
    for (const f of rows)
        values.push(f[field]);
    return (0,_intern_js__WEBPACK_IMPORTED_MODULE_0__/* .distinctSorted */ .uQ)(values);
}
/** Every model id of a user's rows, distinct, in code-unit order. */
function distinctModels(rows) {
    if (rows.length === 1)
        return (0,_intern_js__WEBPACK_IMPORTED_MODULE_0__/* .distinctSorted */ .uQ)(rows[0].modelIds);
    const values = [];
    for (const f of rows)
        for (const m of f.modelIds)
            values.push(m);
    return (0,_intern_js__WEBPACK_IMPORTED_MODULE_0__/* .distinctSorted */ .uQ)(values);
}
/**
 * Folds Splunk rows into one line per user (a null user is its own line), most denied calls first. `byUser` is
 * `findingsByUser(findings)`, when the caller has it already.
 */
function activityByUser(findings, byUser = findingsByUser(findings)) {
    const out = [];
    for (const [user, rows] of byUser) {
        let count = 0;
        let firstTime = null;
        let lastTime = null;
        const reasons = [];
        for (const f of rows) {
            count += f.count;
            if (f.firstTime !== null && (firstTime === null || f.firstTime < firstTime))
                firstTime = f.firstTime;
            if (f.lastTime !== null && (lastTime === null || f.lastTime > lastTime))
                lastTime = f.lastTime;
            const reason = reasons.find((r) => r[0] === f.deny_reason);
            if (reason)
                reason[1] += f.count;
            else
                reasons.push([f.deny_reason, f.count]);
        }
        out.push({
            user,
            count,
            firstTime,
            lastTime,
            modelIds: distinctModels(rows),
            srcs: distinctField(rows, 'src'),
            userAgents: distinctField(rows, 'user_agent'),
            accounts: distinctField(rows, 'vendor_account'),
            regions: distinctField(rows, 'vendor_region'),
            findings: rows.length,
            denyReasons: reasons.length < 2 ? reasons : reasons.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        });
    }
    return out.sort((a, b) => b.count - a.count || ((b.lastTime ?? '') < (a.lastTime ?? '') ? -1 : (b.lastTime ?? '') > (a.lastTime ?? '') ? 1 : 0) || ((a.user ?? '') < (b.user ?? '') ? -1 : 1));
}
/** Distinct users among the findings; a finding without a user counts as one more. */
function distinctUsers(findings) {
    return new Set(findings.map((f) => f.user)).size;
}


/***/ }),

/***/ 75683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(16137);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/detection/deny-reason.ts
var deny_reason = __webpack_require__(50902);
// EXTERNAL MODULE: ./src/detection/denied-invocations.ts
var denied_invocations = __webpack_require__(28750);
// EXTERNAL MODULE: ./src/detection/metadata.ts
var metadata = __webpack_require__(48010);
;// CONCATENATED MODULE: ./src/detection/baseline.ts
/**
 * Baselines: known activity, fingerprinted by (user, vendor_account, src, modelId, deny_reason), never times
 * or counts. With a baseline the threshold counts only events whose fingerprint is not in it. Pure: parses and
 * writes the file's text; reading and the atomic write are I/O elsewhere.
 *
 * File format (JSON, stable and diff-friendly: one fingerprint per line, sorted):
 * {"schemaVersion":1,"detection":"c53a8e62-…","fingerprints":[
 *   {"user":"ci-bot","vendor_account":"111122223333","src":"10.0.0.1","modelId":"anthropic.claude-3","deny_reason":"model-access"}
 * ]}
 */




const nullableText = (v) => v === null || typeof v === 'string';
/** The fingerprint keys a baseline file holds. Throws ConfigError naming the input and what is wrong. */
function parseBaseline(text, name) {
    const bad = (why) => new errors/* ConfigError */.x(`Input 'baseline': ${name} is not a baseline file: ${why}.`);
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw bad(`invalid JSON (${error.message})`);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data))
        throw bad('expected an object with "fingerprints"');
    const list = data.fingerprints;
    if (!Array.isArray(list))
        throw bad('"fingerprints" must be a list');
    const keys = new Set();
    list.forEach((entry, i) => {
        const e = (entry ?? {});
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
            throw bad(`fingerprint ${i + 1} is not an object`);
        const fields = ['user', 'vendor_account', 'src', 'modelId'];
        for (const f of fields)
            if (!nullableText(e[f] ?? null))
                throw bad(`fingerprint ${i + 1}: "${f}" must be text or null`);
        if (!deny_reason/* DENY_REASONS */.dk.includes(e.deny_reason))
            throw bad(`fingerprint ${i + 1}: "deny_reason" must be one of ${deny_reason/* DENY_REASONS */.dk.join(', ')}`);
        keys.add((0,denied_invocations/* fingerprintKey */.SV)({
            user: (e.user ?? null),
            vendor_account: (e.vendor_account ?? null),
            src: (e.src ?? null),
            modelId: (e.modelId ?? null),
            deny_reason: e.deny_reason
        }));
    });
    return keys;
}
/** The baseline file's text: what was known plus this run's fingerprints, sorted, one per line. */
function serializeBaseline(known, current) {
    const keys = new Set(known);
    for (const fp of current)
        keys.add((0,denied_invocations/* fingerprintKey */.SV)(fp));
    const lines = [...keys].sort().map((key) => JSON.stringify((0,denied_invocations/* fingerprintOfKey */.TR)(key)));
    return { text: `{"schemaVersion":1,"detection":"${metadata/* DETECTION */.Sm.id}","fingerprints":[\n${lines.join(',\n')}\n]}\n`, fingerprints: keys.size };
}
/**
 * Whether a finding holds an event not in the baseline: one of its fingerprints (its fields with each of its
 * model ids, or with no model id) is unknown. `seen` holds the run's fingerprint keys (DetectionResult.fingerprints):
 * it tells whether the finding's events without a model id exist; without it they are assumed to.
 */
function isNewFinding(finding, known, seen) {
    const base = { user: finding.user, vendor_account: finding.vendor_account, src: finding.src, deny_reason: finding.deny_reason };
    const keys = finding.modelIds.map((modelId) => (0,denied_invocations/* fingerprintKey */.SV)({ ...base, modelId }));
    const noModel = (0,denied_invocations/* fingerprintKey */.SV)({ ...base, modelId: null });
    if (seen === undefined || finding.modelIds.length === 0 || seen.has(noModel))
        keys.push(noModel);
    return keys.some((key) => !known.has(key));
}
/** The keys of a run's fingerprints, for isNewFinding. */
const fingerprintKeys = (fingerprints) => new Set(fingerprints.map(denied_invocations/* fingerprintKey */.SV));
/** Matched events split into known (in the baseline) and new. */
function splitByBaseline(fingerprints, known) {
    let k = 0;
    let n = 0;
    for (const fp of fingerprints) {
        if (known.has((0,denied_invocations/* fingerprintKey */.SV)(fp)))
            k += fp.count;
        else
            n += fp.count;
    }
    return { known: k, new: n };
}

// EXTERNAL MODULE: ./src/detection/suppress.ts
var suppress = __webpack_require__(83968);
// EXTERNAL MODULE: ./src/parallel/prestart.ts
var prestart = __webpack_require__(19452);
;// CONCATENATED MODULE: ./src/config.ts








const ENGINES = ['runner', 'athena', 'cloudtrail-lake'];
/** `date=timestamp,account=account_id,region=region` (the documented organization layout). */
function parsePartitionColumns(value) {
    const pairs = splitList(value);
    if (pairs.length === 0)
        return undefined;
    const out = {};
    for (const pair of pairs) {
        const m = /^(date|account|region)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)$/.exec(pair);
        if (!m)
            throw new errors/* ConfigError */.x(`Input 'athena-partition-columns' takes date=COLUMN, account=COLUMN, region=COLUMN (letters, digits, _); got '${pair}'.`);
        out[m[1]] = m[2];
    }
    if (!out.date)
        throw new errors/* ConfigError */.x("Input 'athena-partition-columns' must name the day partition column (date=timestamp): every query is bounded by it.");
    return { date: out.date, account: out.account, region: out.region };
}
const TIME_UNITS = { '': 1000, s: 1000, m: 60_000, h: 3_600_000 };
/** `600`, `90s`, `10m`, `1h` (a bare number is seconds). */
function parseDuration(name, value, fallbackMs) {
    const v = value.trim();
    if (v === '')
        return fallbackMs;
    const m = /^(\d+(?:\.\d+)?)\s*([smh]?)$/i.exec(v);
    if (!m || Number(m[1]) <= 0)
        throw new errors/* ConfigError */.x(`Input '${name}' must be a duration such as 600, 90s, 10m or 1h; got '${v}'.`);
    return Math.round(Number(m[1]) * TIME_UNITS[m[2].toLowerCase()]);
}
const SIZE_UNITS = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };
/** `0` (no limit), `500000000`, `500MB`, `10GB`, `1TiB`. */
function parseSize(name, value) {
    const v = value.trim();
    if (v === '')
        return 0;
    const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(v);
    if (!m)
        throw new errors/* ConfigError */.x(`Input '${name}' must be a size such as 500MB, 10GB or 1TiB (0 for no limit); got '${v}'.`);
    return Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]);
}
const DEFAULT_ISSUE_TITLE = 'Denied Amazon Bedrock model invocations detected (AWS Bedrock Invoke Model Access Denied)';
/** Splits comma- or newline-separated lists, trimming and dropping blanks. */
function splitList(value) {
    return value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
function parseBoolean(name, value, fallback) {
    const v = value.trim().toLowerCase();
    if (v === '')
        return fallback;
    if (['true', 'yes', 'on', '1'].includes(v))
        return true;
    if (['false', 'no', 'off', '0'].includes(v))
        return false;
    throw new errors/* ConfigError */.x(`Input '${name}' must be true or false, got '${value.trim()}'.`);
}
function parseNonNegativeInt(name, value, fallback, min = 0, max = Number.MAX_SAFE_INTEGER) {
    const v = value.trim();
    if (v === '')
        return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : ' (0 or more)';
        throw new errors/* ConfigError */.x(`Input '${name}' must be a whole number${range}, got '${v}'.`);
    }
    return Number(v);
}
/** More requests in flight than this only adds memory and throttling. */
const MAX_CONCURRENCY = 256;
/**
 * S3 objects read at once when `concurrency` is not set: small objects behind S3's latency need many in flight.
 * 128 rather than 64 once requests cost less CPU (S3 requests without the SDK): 2,016 small objects behind 30 ms
 * took 1.53 s instead of 1.76 s on Node 20 and 1.65 s instead of 1.87 s on Node 24 (medians of 8 and 6 interleaved
 * runs), at 2-9 MB more peak RSS. 192 rather than 128 once small objects went over the source's own keep-alive
 * connections: 1.29 s instead of 1.33 s on Node 24 (medians of 11 interleaved runs, 9 of 11 rounds faster), 1.22 s
 * instead of 1.24 s on Node 20, the same peak RSS; 64 took 1.62 s, 256 was no faster than 192.
 */
const DEFAULT_S3_CONCURRENCY = 192;
/** Scanning threads beyond this only add memory (each holds its own JavaScript heap); defined with the workers. */

/** Reads a file an input names; a missing or unreadable file is a ConfigError naming the input. */
function readInputFile(input, file, shown) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : error.message;
        throw new errors/* ConfigError */.x(`Input '${input}': cannot read ${shown}: ${why}.`);
    }
}
function readBaseline(getInput, workspace) {
    const input = getInput('baseline').trim();
    const updateBaseline = parseBoolean('update-baseline', getInput('update-baseline'), false);
    if (input === '') {
        if (updateBaseline)
            throw new errors/* ConfigError */.x("Input 'update-baseline' needs input 'baseline': the path of the baseline file to write.");
        return { baseline: null, updateBaseline };
    }
    const file = external_node_path_.resolve(workspace, input);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT' && updateBaseline)
            return { baseline: { path: file, input, known: new Set(), existed: false }, updateBaseline };
        if (error.code === 'ENOENT') {
            throw new errors/* ConfigError */.x(`Input 'baseline': ${input} does not exist; set update-baseline: true to create it from this run.`);
        }
        return readInputFile('baseline', file, input);
    }
    return { baseline: { path: file, input, known: parseBaseline(text, input), existed: true }, updateBaseline };
}
/** Reads and validates every input. Throws ConfigError naming the offending input. `now` decides which suppressions have expired. */
async function readConfig(getInput, env = process.env, now = new Date()) {
    const lines = getInput('source')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s.length > 0 && !s.startsWith('#'));
    const sources = lines.filter((s) => !s.startsWith('!'));
    const exclude = lines.filter((s) => s.startsWith('!')).map((s) => s.slice(1).trim());
    if (exclude.some((s) => s.length === 0))
        throw new errors/* ConfigError */.x("Input 'source': a line '!' must be followed by a pattern to exclude.");
    const engineRaw = (getInput('engine') || 'runner').trim().toLowerCase();
    if (!ENGINES.includes(engineRaw))
        throw new errors/* ConfigError */.x(`Input 'engine' must be one of ${ENGINES.join(', ')}; got '${engineRaw}'.`);
    const engine = engineRaw;
    if (engine === 'athena' && !getInput('athena-table').trim())
        throw new errors/* ConfigError */.x("Input 'athena-table' is required with engine: athena (database.table, e.g. security.cloudtrail_logs).");
    if (engine === 'athena' && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(getInput('athena-table').trim())) {
        throw new errors/* ConfigError */.x(`Input 'athena-table' must be table or database.table (letters, digits and _ only); got '${getInput('athena-table').trim()}'.`);
    }
    if (getInput('athena-output-location').trim() && !/^s3:\/\/[^/]+/.test(getInput('athena-output-location').trim())) {
        throw new errors/* ConfigError */.x(`Input 'athena-output-location' must be an s3://bucket/prefix/ URL; got '${getInput('athena-output-location').trim()}'.`);
    }
    if (engine === 'cloudtrail-lake' && !getInput('event-data-store').trim())
        throw new errors/* ConfigError */.x("Input 'event-data-store' is required with engine: cloudtrail-lake (its id or ARN).");
    if (sources.length === 0 && engine === 'runner')
        throw new errors/* ConfigError */.x("Input 'source' is required: a path, glob, s3://bucket/prefix, https:// URL or artifact:NAME.");
    const workspace = external_node_path_.resolve(env.GITHUB_WORKSPACE || process.cwd());
    const eventSources = splitList(getInput('event-sources') || 'bedrock.amazonaws.com');
    if (eventSources.length === 0)
        throw new errors/* ConfigError */.x("Input 'event-sources' must name at least one event source.");
    const eventNames = splitList(getInput('event-names') || 'InvokeModel');
    if (eventNames.length === 0)
        throw new errors/* ConfigError */.x("Input 'event-names' must name at least one event name.");
    const errorCodes = splitList(getInput('error-codes') || 'AccessDenied');
    if (errorCodes.length === 0)
        throw new errors/* ConfigError */.x("Input 'error-codes' must name at least one error code.");
    const thresholdByRaw = (getInput('threshold-by') || 'events').trim().toLowerCase();
    if (!['events', 'findings', 'users'].includes(thresholdByRaw)) {
        throw new errors/* ConfigError */.x(`Input 'threshold-by' must be one of events, findings, users; got '${thresholdByRaw}'.`);
    }
    const reportInput = getInput('report-path').trim();
    const runnerTemp = env.RUNNER_TEMP || external_node_os_.tmpdir();
    const reportPath = reportInput ? external_node_path_.resolve(workspace, reportInput) : external_node_path_.join(runnerTemp, 'bedrock-denied-scan', 'report.json');
    const suppressionsFile = getInput('suppressions-file').trim();
    // The YAML parser is loaded only for a run that has a suppressions file (about 8 ms of start-up otherwise).
    const fileRules = suppressionsFile
        ? (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(430)]).then(__webpack_require__.bind(__webpack_require__, 83430))).parseSuppressionsFile(readInputFile('suppressions-file', external_node_path_.resolve(workspace, suppressionsFile), suppressionsFile), suppressionsFile, now)
        : [];
    const countDenyReasons = (0,deny_reason/* parseDenyReasons */.lL)(splitList(getInput('count-deny-reasons')), (bad) => new errors/* ConfigError */.x(`Input 'count-deny-reasons': unknown deny reason '${bad}'; use all or any of ${deny_reason/* DENY_REASONS */.dk.join(', ')}.`));
    return {
        sources,
        exclude,
        workspace,
        eventSources,
        eventNames,
        errorCodes,
        splunkParity: parseBoolean('splunk-parity', getInput('splunk-parity'), false),
        suppress: [...(0,suppress/* parseSuppressionRules */.Uu)(getInput('suppress')), ...fileRules],
        suppressionsFile,
        countDenyReasons,
        ...readBaseline(getInput, workspace),
        allowIncomplete: parseBoolean('allow-incomplete', getInput('allow-incomplete'), false),
        threshold: parseNonNegativeInt('threshold', getInput('threshold'), 0),
        thresholdBy: thresholdByRaw,
        failOnThreshold: parseBoolean('fail-on-threshold', getInput('fail-on-threshold'), true),
        reportPath,
        since: getInput('since').trim(),
        until: getInput('until').trim(),
        accounts: splitList(getInput('accounts')),
        regions: splitList(getInput('regions')),
        concurrency: parseNonNegativeInt('concurrency', getInput('concurrency'), 8, 1, MAX_CONCURRENCY),
        s3Concurrency: getInput('concurrency').trim() ? undefined : DEFAULT_S3_CONCURRENCY,
        workers: parseNonNegativeInt('workers', getInput('workers') || env.BEDROCK_DENIED_SCAN_WORKERS || '', (0,prestart/* defaultWorkers */.Vs)({ sources, eventSources }), 1, prestart/* MAX_WORKERS */.bP),
        awsRegion: getInput('aws-region').trim(),
        s3Endpoint: getInput('s3-endpoint').trim(),
        artifactRunId: getInput('artifact-run-id').trim(),
        artifactRepository: getInput('artifact-repository').trim(),
        githubToken: getInput('github-token').trim(),
        createIssue: parseBoolean('create-issue', getInput('create-issue'), false),
        issueLabel: getInput('issue-label').trim() || 'bedrock-denied-scan',
        issueTitle: getInput('issue-title').trim() || DEFAULT_ISSUE_TITLE,
        issueAssignees: splitList(getInput('issue-assignees')),
        closeIssueWhenClean: parseBoolean('close-issue-when-clean', getInput('close-issue-when-clean'), true),
        commentOnPr: parseBoolean('comment-on-pr', getInput('comment-on-pr'), true),
        uploadArtifact: parseBoolean('upload-artifact', getInput('upload-artifact'), Boolean(env.ACTIONS_RUNTIME_TOKEN)),
        artifactName: getInput('artifact-name').trim() || 'bedrock-denied-scan-report',
        engine,
        athenaTable: getInput('athena-table').trim(),
        athenaWorkgroup: getInput('athena-workgroup').trim(),
        athenaOutputLocation: getInput('athena-output-location').trim(),
        athenaPartitionColumns: parsePartitionColumns(getInput('athena-partition-columns')),
        athenaEndpoint: getInput('athena-endpoint').trim(),
        eventDataStore: getInput('event-data-store').trim(),
        cloudtrailEndpoint: getInput('cloudtrail-endpoint').trim(),
        queryTimeoutMs: parseDuration('query-timeout', getInput('query-timeout'), 600_000),
        maxScanBytes: parseSize('max-scan-bytes', getInput('max-scan-bytes'))
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/detection/by-user.ts
var by_user = __webpack_require__(77360);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
;// CONCATENATED MODULE: ./src/report/log.ts


const INVISIBLE_CHAR = new RegExp(report_escape/* INVISIBLE */.kH.source, 'u');
/**
 * Log text must not carry workflow commands. The runner reads stdout line by line, trims leading whitespace
 * and runs a line starting with `::` (`::add-mask::`, `::error::`, `::stop-commands::`), and it runs a legacy
 * `##[command]` anywhere in a line. So in a logged value:
 * - a backslash is doubled, so every escape below reads one way only;
 * - control, bidi and invisible characters (line breaks, zero-width spaces, BOM, non-ASCII spaces) become
 *   `\uXXXX` escapes, so a value can neither start a new line nor hide text;
 * - `::` at the start of the value (after spaces) becomes `\u003a:`;
 * - `#` before `[` becomes `\u0023`, so `##[` never appears.
 * The value is cut to at most `maxLength` characters (an escape is never split), ending with `…`.
 */
function logSafe(value, maxLength = 80) {
    if (value === null)
        return '-';
    const units = [];
    let i = 0;
    for (const c of value) {
        i += c.length;
        if (c === '\\')
            units.push('\\\\');
        else if (c === '#' && value[i] === '[')
            units.push('\\u0023');
        else if (INVISIBLE_CHAR.test(c))
            units.push((0,report_escape/* unicodeEscape */.RT)(c));
        else
            units.push(c);
    }
    const first = units.findIndex((u) => u !== ' ');
    if (first >= 0 && units[first] === ':' && units[first + 1] === ':')
        units[first] = '\\u003a';
    let out = '';
    const total = units.reduce((n, u) => n + u.length, 0);
    if (total <= maxLength)
        return units.join('');
    for (const u of units) {
        if (out.length + u.length > maxLength - 1)
            break;
        out += u;
    }
    return out + '…';
}
/** Whitespace the runner trims before looking for `::` (and characters that render as nothing). */
const LEADING_BLANK = /^[\s\p{Cc}\p{Cf}\p{Zs}]*/u;
/**
 * A last pass over text the action prints: no line can start (after trimming) with `::` or contain `##[`,
 * whatever went into it. Text made of `logSafe` values and fixed wording is unchanged by it.
 */
function neutraliseWorkflowCommands(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => {
        const blank = LEADING_BLANK.exec(line)[0];
        const rest = line.slice(blank.length);
        return (rest.startsWith('::') ? blank + '\\u003a' + rest.slice(1) : line).replace(/#(?=\[)/g, '\\u0023');
    })
        .join('\n');
}
function pad(cells) {
    const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
    return cells.map((r) => '  ' + r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}
/** A plain-text rendering of the verdict and the by-user table for the step log and the terminal. */
function renderLog(report, maxUsers = 25) {
    const s = report.scan;
    const t = report.threshold;
    const lines = [
        `Scanned ${s.files} files (${s.filesSkipped} skipped, ${s.filesFailed.length} failed), ${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.durationMs / 1000).toFixed(2)} s.`,
        `${report.matched} denied ${report.selection.eventNames.join('/')} calls by ${report.users} users in ${report.findings.length} findings; threshold ${t.by} > ${t.value}: ${t.exceeded ? 'EXCEEDED' : 'not exceeded'} (observed ${t.observed}).`
    ];
    for (const rule of report.suppressed)
        lines.push(`  suppressed by '${logSafe(rule.rule, 120)}': ${rule.count}`);
    for (const f of s.filesFailed)
        lines.push(`  failed: ${logSafe(f.file, 200)}: ${logSafe(f.error, 300)}`);
    const users = (0,by_user/* activityByUser */.Wd)(report.findings);
    if (users.length > 0) {
        lines.push('', 'Denied Bedrock invocations by user:');
        const rows = users.slice(0, maxUsers).map((u) => [logSafe(u.user, 40), String(u.count), u.firstTime ?? '-', u.lastTime ?? '-', logSafe(u.modelIds.join(','), 60), logSafe(u.srcs.join(','), 40)]);
        lines.push(...pad([['user', 'denied', 'first seen', 'last seen', 'models', 'source IPs'], ...rows]));
        if (users.length > maxUsers)
            lines.push(`  … ${users.length - maxUsers} more users in the report`);
    }
    for (const n of report.nearMisses)
        lines.push(`Near miss: ${n.count} denied calls left out (${logSafe(n.reason, 120)}); include with ${logSafe(n.include, 160)}`);
    return neutraliseWorkflowCommands(lines.join('\n'));
}
/** One warning per owned suppression rule past its expiry: it no longer suppresses, and its owner should know. */
function expiredSuppressionWarnings(rules) {
    return rules
        .filter((rule) => rule.ownership?.expired)
        .map((rule) => {
        const own = rule.ownership;
        return `Suppression ${logSafe(rule.text, 300)} (${logSafe(own.location, 200)}, owner ${logSafe(own.owner, 100)}) expired on ${own.expires} and no longer suppresses.`;
    });
}

;// CONCATENATED MODULE: ./src/publish/baseline-file.ts





/**
 * Writes the baseline file atomically: the text goes to a temporary file next to it, which is then renamed over
 * it, so a reader (or a cancelled run) never sees half a baseline. Creates the folder when needed.
 */
async function writeBaselineFile(file, text) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const temp = external_node_path_.join(external_node_path_.dirname(file), `.${external_node_path_.basename(file)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
    try {
        await (0,promises_.writeFile)(temp, text, { flag: 'wx' });
        await (0,promises_.rename)(temp, file);
    }
    catch (error) {
        await (0,promises_.rm)(temp, { force: true });
        throw error;
    }
}
/**
 * `update-baseline`: merges this run's fingerprints into the baseline file. Returns what was written, or why
 * it could not be (a warning and exit 2: the scan itself is still reported).
 */
async function updateBaselineFile(baseline, fingerprints) {
    const { text, fingerprints: total } = serializeBaseline(baseline.known, fingerprints);
    try {
        await writeBaselineFile(baseline.path, text);
        const added = total - baseline.known.size;
        return { updated: { fingerprints: total, added }, message: `Baseline ${logSafe(baseline.input, 300)} updated: ${total} fingerprints (${added} added).` };
    }
    catch (error) {
        return { failure: `Could not write the baseline ${logSafe(baseline.input, 300)}: ${logSafe(error.message, 300)}` };
    }
}

;// CONCATENATED MODULE: ./src/detection/prefilter.ts

/**
 * The event sources a record must have to matter to the detection: the selection's `event-sources` and the
 * Bedrock runtime sources whose denied invoke calls are counted as near misses whatever the selection says.
 * Lower-cased and de-duplicated; pass it as `prefilter` to decodeCloudTrail / scanSources so the fast path
 * parses every record that could match (it works out safe byte markers, or parses everything).
 */
function prefilterMarkers(selection) {
    return [...new Set([...selection.eventSources, ...metadata/* BEDROCK_RUNTIME_SOURCES */.hr].map((source) => source.toLowerCase()))];
}

;// CONCATENATED MODULE: ./src/detection/window.ts

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DAY_MS = UNIT_MS.d;
/** An ISO 8601 instant (`2026-11-01T00:00:00Z`, `2026-11-01`) or a duration before now (`90m`, `24h`, `7d`, `2w`). */
function parseInstant(input, value, now) {
    const relative = /^(\d+)\s*([smhdw])$/i.exec(value);
    if (relative) {
        const ms = now - Number(relative[1]) * UNIT_MS[relative[2].toLowerCase()];
        // `99999999999d` would reach before any date JavaScript (or CloudTrail, from 2013) knows.
        if (ms < 0)
            throw new errors/* ConfigError */.x(`Input '${input}': '${value}' reaches back before 1970; use a shorter duration or an ISO 8601 date.`);
        return ms;
    }
    if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) {
        // A date or time without a zone means UTC: CloudTrail's eventTime is UTC.
        const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) || value.length === 10 ? value : `${value}Z`;
        const ms = Date.parse(withZone);
        if (!Number.isNaN(ms))
            return ms;
    }
    throw new errors/* ConfigError */.x(`Input '${input}' must be an ISO 8601 instant (2026-11-01T00:00:00Z) or a duration before now (24h, 7d); got '${value}'.`);
}
/**
 * The event-time window. Without `since`, S3 sources default to the last 24 hours (a bucket holds years);
 * other sources scan every event. `until` defaults to now only when some `since` applies.
 */
function resolveWindow(since, until, now, hasS3Source) {
    const window = {};
    if (since)
        window.since = parseInstant('since', since, now);
    else if (hasS3Source)
        window.since = now - DAY_MS;
    // A bare date as `until` means the whole of that day.
    if (until)
        window.until = parseInstant('until', until, now) + (/^\d{4}-\d{2}-\d{2}$/.test(until) ? DAY_MS - 1 : 0);
    if (window.since !== undefined && window.until !== undefined && window.since > window.until) {
        throw new errors/* ConfigError */.x(`Input 'since' (${new Date(window.since).toISOString()}) is after 'until' (${new Date(window.until).toISOString()}).`);
    }
    return window;
}

;// CONCATENATED MODULE: ./src/publish/job-summary.ts

/**
 * Replaces this step's job summary. Written once before any call to GitHub and again when the links are known,
 * so a run killed while publishing still shows its findings. Outside a runner (no GITHUB_STEP_SUMMARY) it does nothing.
 */
async function writeJobSummary(text, env = process.env) {
    if (!env.GITHUB_STEP_SUMMARY)
        return;
    await workflow_commands/* writeStepSummary */.oG(text);
}

;// CONCATENATED MODULE: ./src/publish/json-stream.ts
/**
 * `JSON.stringify(value, null, indent)`, produced in pieces of about `chunkChars` characters, so a large report is
 * written without ever holding its whole text (a 7 MB report built as one string costs several times that in
 * peak memory: the string, its UTF-8 copy and the garbage of building it). The output is byte-identical to
 * JSON.stringify's: the same escaping (each string goes through JSON.stringify), `toJSON()` honoured (Dates),
 * boxed primitives unwrapped, `undefined`, functions and symbols left out of objects and written as `null` in
 * arrays, non-finite numbers as `null`, empty arrays and objects as `[]` and `{}`, and a TypeError for cycles
 * and BigInts. Iterative (an explicit stack), so deep values cannot overflow the call stack.
 */
function* stringifyChunks(value, indent = 2, chunkChars = 64 * 1024) {
    const gap = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
    let out = '';
    const stack = [];
    const open = new Set();
    /** The value as JSON.stringify sees it: toJSON() called, boxed primitives unwrapped. */
    const prepare = (raw, key) => {
        let v = raw;
        if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
            const toJSON = v.toJSON;
            if (typeof toJSON === 'function')
                v = toJSON.call(v, key);
        }
        if (v instanceof Number)
            v = Number(v);
        else if (v instanceof String)
            v = String(v);
        else if (v instanceof Boolean)
            v = v.valueOf();
        return v;
    };
    /** A primitive's text, or undefined when the value is left out (undefined, function, symbol). */
    const primitive = (v) => {
        if (v === null)
            return 'null';
        switch (typeof v) {
            case 'string':
                return JSON.stringify(v);
            case 'number':
                return Number.isFinite(v) ? String(v) : 'null';
            case 'boolean':
                return v ? 'true' : 'false';
            case 'bigint':
                throw new TypeError('Do not know how to serialize a BigInt');
            default:
                return undefined;
        }
    };
    /** Writes `v` (already prepared) if it is a primitive; otherwise opens a frame for it. Returns false if left out. */
    const begin = (v, at) => {
        if (v !== null && typeof v === 'object') {
            if (open.has(v))
                throw new TypeError('Converting circular structure to JSON');
            const array = Array.isArray(v);
            const keys = array ? null : Object.keys(v);
            if (array && v.length === 0) {
                out += '[]';
                return true;
            }
            open.add(v);
            out += array ? '[' : '{';
            stack.push({ object: v, array, keys, index: 0, wrote: false, indent: at });
            return true;
        }
        const text = primitive(v);
        if (text === undefined)
            return false;
        out += text;
        return true;
    };
    const top = prepare(value, '');
    if (!begin(top, ''))
        return; // JSON.stringify(undefined) is undefined: nothing to write
    while (stack.length > 0) {
        if (out.length >= chunkChars) {
            yield out;
            out = '';
        }
        const frame = stack[stack.length - 1];
        const inner = frame.indent + gap;
        if (frame.array) {
            const items = frame.object;
            if (frame.index >= items.length) {
                out += gap ? `\n${frame.indent}]` : ']';
                open.delete(frame.object);
                stack.pop();
                continue;
            }
            const i = frame.index++;
            out += (frame.wrote ? ',' : '') + (gap ? `\n${inner}` : '');
            frame.wrote = true;
            const v = prepare(items[i], String(i));
            if (!begin(v, inner))
                out += 'null';
            continue;
        }
        const keys = frame.keys;
        if (frame.index >= keys.length) {
            out += frame.wrote ? (gap ? `\n${frame.indent}}` : '}') : '}';
            open.delete(frame.object);
            stack.pop();
            continue;
        }
        const key = keys[frame.index++];
        const v = prepare(frame.object[key], key);
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol')
            continue;
        const separator = (frame.wrote ? ',' : '') + (gap ? `\n${inner}` : '');
        out += `${separator}${JSON.stringify(key)}:${gap ? ' ' : ''}`;
        frame.wrote = true;
        begin(v, inner);
    }
    if (out.length > 0)
        yield out;
}

;// CONCATENATED MODULE: ./src/publish/report-file.ts





/**
 * Fails before any scanning when a file the run writes afterwards (the report, the baseline) could not be
 * written (a directory in the way, a read-only folder), so a long scan never ends without it.
 */
async function assertWritable(file, input, what) {
    const dir = external_node_path_.dirname(file);
    try {
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.access)(dir, external_node_fs_.constants.W_OK);
        const existing = await (0,promises_.stat)(file).catch(() => undefined);
        if (existing?.isDirectory())
            throw new Error('it is a directory');
        if (existing)
            await (0,promises_.access)(file, external_node_fs_.constants.W_OK);
    }
    catch (error) {
        const reason = error.code ?? error.message;
        throw new errors/* ConfigError */.x(`Input '${input}': cannot write ${what} to '${file}' (${reason}).`);
    }
}
/**
 * Writes the JSON report (`report-path`), creating its folder: exactly `JSON.stringify(report, null, 2) + '\n'`,
 * streamed in 64 KiB pieces, so a report with thousands of findings never exists as one string in memory.
 */
async function writeReport(reportPath, report) {
    await (0,promises_.mkdir)(external_node_path_.dirname(reportPath), { recursive: true });
    await writeJsonFile(reportPath, report);
}
/** `JSON.stringify(value, null, 2) + '\n'` written to `file` (replacing it) piece by piece. */
async function writeJsonFile(file, value) {
    const handle = await (0,promises_.open)(file, 'w');
    try {
        for (const piece of stringifyChunks(value, 2))
            await handle.write(piece, null, 'utf8');
        await handle.write('\n', null, 'utf8');
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/report/stopped-summary.ts

const HEADLINE = {
    configuration: 'Not scanned: configuration error.',
    query: 'Not scanned: the query engine failed.',
    internal: 'Not scanned: internal error.'
};
/** The whole job summary of a run stopped before it could report: one line saying why (for a configuration error, which input). */
function renderStoppedSummary(message, kind) {
    return `## Bedrock denied-invocation scan\n\n❌ **${HEADLINE[kind]}** ${(0,report_escape/* inert */.tJ)(message.replace(/\s+/g, ' '), 2000)}\n`;
}

// EXTERNAL MODULE: ./src/detection/user-context.ts
var user_context = __webpack_require__(80422);
;// CONCATENATED MODULE: ./src/report/timeline.ts
/**
 * Denied calls over time for the charts: the top users' counted denials per UTC hour (windows up to 3 days) or
 * per UTC day, plus everyone else. Built from the detection's per-user hourly counts, which merge exactly
 * across worker threads; engines (Athena, CloudTrail Lake) do not compute them, so their reports have no
 * timeline and the time chart is omitted.
 */


const timeline_DAY_MS = 24 * user_context/* HOUR_MS */.iQ;
/** Hour buckets when the charted range spans at most this much, else day buckets. */
const HOURLY_MAX_SPAN_MS = 3 * timeline_DAY_MS;
/** Day buckets shown at most (the latest ones); calls before them are counted in `earlier`. */
const MAX_DAY_BUCKETS = 92;
/** Users with a line of their own; the rest are summed as "others". */
const TOP_USERS = 5;
const hourLabel = (hour) => new Date(hour * user_context/* HOUR_MS */.iQ).toISOString().slice(0, 13) + ':00';
const dayLabel = (day) => new Date(day * timeline_DAY_MS).toISOString().slice(0, 10);
/**
 * The timeline of a run, or undefined when no counted call has a time. The range is the event window
 * (`since`/`until`, ms) where set, else the first and last call; a range over 3 days is counted in days,
 * and one needing more than MAX_DAY_BUCKETS days is narrowed to the calls' own days, then to the latest days.
 */
function buildTimeline(perHour, findings, since, until) {
    let first = Infinity;
    let last = -Infinity;
    for (const u of perHour) {
        for (const [hour] of u.hours) {
            if (hour < first)
                first = hour;
            if (hour > last)
                last = hour;
        }
    }
    const untimed = perHour.reduce((n, u) => n + u.untimed, 0);
    if (first === Infinity)
        return undefined;
    const start = since ?? first * user_context/* HOUR_MS */.iQ;
    const end = until ?? last * user_context/* HOUR_MS */.iQ + user_context/* HOUR_MS */.iQ - 1;
    const hourly = end - start <= HOURLY_MAX_SPAN_MS;
    const size = hourly ? user_context/* HOUR_MS */.iQ : timeline_DAY_MS;
    // Bucket of an hour index; the data always lies inside the window, so inside [from, to].
    const bucketOf = (hour) => Math.floor((hour * user_context/* HOUR_MS */.iQ) / size);
    let from = Math.min(Math.floor(start / size), bucketOf(first));
    let to = Math.max(Math.floor(end / size), bucketOf(last));
    if (!hourly && to - from + 1 > MAX_DAY_BUCKETS) {
        from = bucketOf(first);
        to = bucketOf(last);
        if (to - from + 1 > MAX_DAY_BUCKETS)
            from = to - MAX_DAY_BUCKETS + 1;
    }
    const buckets = Array.from({ length: to - from + 1 }, (_, i) => (hourly ? hourLabel(from + i) : dayLabel(from + i)));
    const byUser = new Map(perHour.map((u) => [u.user, u]));
    let earlier = 0;
    const countsOf = (u) => {
        const counts = new Array(buckets.length).fill(0);
        for (const [hour, n] of u?.hours ?? []) {
            const b = bucketOf(hour) - from;
            if (b < 0)
                earlier += n;
            else
                counts[b] += n;
        }
        return counts;
    };
    const sum = (counts) => counts.reduce((n, c) => n + c, 0);
    const order = (0,by_user/* activityByUser */.Wd)(findings).map((a) => a.user);
    // Users with denials per hour but no finding cannot happen; keep them as others rather than lose them.
    const ordered = new Set(order);
    for (const u of perHour)
        if (!ordered.has(u.user))
            order.push(u.user);
    const series = order.slice(0, TOP_USERS).map((user) => {
        const counts = countsOf(byUser.get(user));
        return { user, total: sum(counts), counts };
    });
    const rest = order.slice(TOP_USERS);
    const timeline = { unit: hourly ? 'hour' : 'day', buckets, series, untimed, earlier: 0 };
    if (rest.length > 0) {
        const counts = new Array(buckets.length).fill(0);
        for (const user of rest)
            countsOf(byUser.get(user)).forEach((n, i) => (counts[i] += n));
        timeline.others = { users: rest.length, total: sum(counts), counts };
    }
    timeline.earlier = earlier;
    return timeline;
}

;// CONCATENATED MODULE: ./src/report/json-report.ts






const iso = (ms) => (ms === undefined ? null : new Date(ms).toISOString());
/** The detection's metadata as the report carries it. */
function detectionMetadata() {
    return {
        id: metadata/* DETECTION */.Sm.id,
        name: metadata/* DETECTION */.Sm.name,
        version: metadata/* DETECTION */.Sm.version,
        mitreAttack: [...metadata/* DETECTION */.Sm.mitreAttack],
        search: metadata/* DETECTION */.Sm.search,
        riskMessage: metadata/* DETECTION */.Sm.riskMessage,
        knownFalsePositives: metadata/* DETECTION */.Sm.knownFalsePositives,
        references: [...metadata/* DETECTION */.Sm.references]
    };
}
/** New fingerprints the report lists at most. */
const MAX_NEW_FINGERPRINTS = 1000;
function baselineSection(detection, baseline) {
    const fingerprints = detection.fingerprints ?? [];
    const seen = detection.fingerprints ? fingerprintKeys(detection.fingerprints) : undefined;
    const fresh = fingerprints.filter((fp) => !baseline.known.has((0,denied_invocations/* fingerprintKey */.SV)(fp)));
    return {
        path: baseline.path,
        ...splitByBaseline(fingerprints, baseline.known),
        newFindings: detection.findings.filter((f) => isNewFinding(f, baseline.known, seen)).length,
        // Stable: most events first, then key order (fingerprints come sorted by key).
        newFingerprints: fresh.sort((a, b) => b.count - a.count).slice(0, MAX_NEW_FINGERPRINTS),
        byUser: baselineByUser(fingerprints, baseline.known)
    };
}
/** New and known calls per user, most new calls first, then most calls, then by name (null user last). */
function baselineByUser(fingerprints, known) {
    const byUser = new Map();
    for (const fp of fingerprints) {
        let entry = byUser.get(fp.user);
        if (!entry)
            byUser.set(fp.user, (entry = { user: fp.user, new: 0, known: 0 }));
        if (known.has((0,denied_invocations/* fingerprintKey */.SV)(fp)))
            entry.known += fp.count;
        else
            entry.new += fp.count;
    }
    return [...byUser.values()].sort((a, b) => b.new - a.new || b.new + b.known - (a.new + a.known) || (a.user === null ? 1 : b.user === null ? -1 : a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}
/** Assembles the machine-readable report from the pipeline's results. */
function buildReport(input) {
    const { selection, totals, detection } = input;
    const timeline = detection.deniedPerHour ? buildTimeline(detection.deniedPerHour, detection.findings, selection.since, selection.until) : undefined;
    return {
        schemaVersion: 1,
        generatedAt: input.now.toISOString(),
        detection: detectionMetadata(),
        selection: {
            eventSources: selection.eventSources,
            eventNames: selection.eventNames,
            errorCodes: selection.errorCodes,
            splunkParity: selection.splunkParity,
            suppress: (selection.suppress ?? []).map((rule) => rule.text),
            since: iso(selection.since),
            until: iso(selection.until)
        },
        scan: {
            sources: input.sources,
            files: totals.files,
            filesSkipped: totals.filesSkipped,
            filesFailed: totals.filesFailed,
            filesDuplicate: totals.filesDuplicate,
            formats: totals.formats,
            records: totals.records,
            bytes: totals.bytes,
            durationMs: input.durationMs,
            peakRssBytes: input.peakRssBytes,
            complete: totals.filesFailed.length === 0
        },
        matched: detection.matched,
        droppedByParity: detection.droppedByParity,
        outsideWindow: detection.outsideWindow,
        suppressed: detection.suppressed,
        denyReasons: (0,deny_reason/* denyReasonCounts */.R1)(detection.findings),
        ...(detection.userContext ? { userContext: detection.userContext } : {}),
        ...(input.baseline ? { baseline: baselineSection(detection, input.baseline) } : {}),
        ...(timeline ? { timeline } : {}),
        nearMisses: detection.nearMisses,
        threshold: input.threshold,
        users: (0,by_user/* distinctUsers */.L6)(detection.findings),
        findings: detection.findings
    };
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
/** The step outputs, as strings, named as in action.yml. */
function stepOutputs(report, reportPath) {
    return {
        'denied-count': String(report.matched),
        'findings-count': String(report.findings.length),
        'user-count': String(report.users),
        'threshold-exceeded': String(report.threshold.exceeded),
        'report-path': reportPath,
        'files-scanned': String(report.scan.files),
        'records-scanned': String(report.scan.records),
        'files-failed': String(report.scan.filesFailed.length),
        'scan-complete': String(report.scan.complete)
    };
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
// EXTERNAL MODULE: ./src/scan.ts + 2 modules
var scan = __webpack_require__(52130);
// EXTERNAL MODULE: ./src/sources/types.ts
var types = __webpack_require__(77991);
;// CONCATENATED MODULE: ./src/sources/exclude.ts
/**
 * `source` lines starting with `!` exclude what they match, as in `@actions/glob` and `actions/upload-artifact`.
 * A pattern is matched against each object's name as the report shows it: a workspace-relative path for
 * local files, `s3://bucket/key`, `artifact:NAME/path`. `*` and `?` stay within one path segment, `**` spans
 * any number of segments, and a pattern that names a folder excludes everything below it.
 *
 * Matching is by segments with a two-pointer wildcard match inside each: O(pattern × name) at worst, never
 * exponential, because object names (S3 keys) can be chosen by whoever writes to the bucket.
 */


/** `*` and `?` within one segment; `?` is one UTF-16 code unit. */
function segmentMatches(pattern, name) {
    let p = 0;
    let n = 0;
    let star = -1;
    let resume = 0;
    while (n < name.length) {
        if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
            p++;
            n++;
        }
        else if (p < pattern.length && pattern[p] === '*') {
            star = p++;
            resume = n;
        }
        else if (star >= 0) {
            p = star + 1;
            n = ++resume;
        }
        else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p] === '*')
        p++;
    return p === pattern.length;
}
/** Whether `name` (segments) matches `pattern` (segments, `**` for any number of them). */
function segmentsMatch(pattern, name) {
    // reachable[j]: the first i pattern segments can match the first j name segments.
    let reachable = new Array(name.length + 1).fill(false);
    reachable[0] = true;
    for (const segment of pattern) {
        const next = new Array(name.length + 1).fill(false);
        if (segment === '**') {
            let any = false;
            for (let j = 0; j <= name.length; j++) {
                any ||= reachable[j];
                next[j] = any;
            }
        }
        else {
            for (let j = 1; j <= name.length; j++)
                next[j] = reachable[j - 1] && segmentMatches(segment, name[j - 1]);
        }
        reachable = next;
    }
    return reachable[name.length];
}
/** A compiled exclusion: the pattern as written, and its segments (with an implicit `/**` for folders). */
class ExclusionPattern {
    text;
    segments;
    constructor(text, workspace) {
        this.text = text;
        let pattern = text.replace(/\\/g, '/');
        if (external_node_path_.isAbsolute(pattern)) {
            const relative = external_node_path_.relative(workspace, pattern);
            if (relative && !relative.startsWith('..') && !external_node_path_.isAbsolute(relative))
                pattern = relative.split(external_node_path_.sep).join('/');
        }
        pattern = pattern.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
        this.segments = [...splitName(pattern), '**'];
    }
    matches(name) {
        return segmentsMatch(this.segments, splitName(name));
    }
}
/** `s3://bucket/key` keeps `s3:` and the bucket as its first segments; empty segments (`//`) are dropped. */
function splitName(name) {
    return name.split('/').filter((s) => s.length > 0);
}
/** A source whose objects matching any exclusion are left out (counted as `excluded` in its figures). */
class ExcludingSource {
    inner;
    exclusions;
    excluded = 0;
    constructor(inner, exclusions) {
        this.inner = inner;
        this.exclusions = exclusions;
    }
    get readConcurrency() {
        return this.inner.readConcurrency;
    }
    async *objects() {
        for await (const item of this.inner.objects()) {
            if (!(0,types/* isSourceGap */.Q)(item) && this.exclusions.some((e) => e.matches(item.name))) {
                this.excluded++;
                continue;
            }
            yield item;
        }
    }
    describe() {
        const inner = this.inner.describe();
        return { ...inner, details: { ...inner.details, excluded: this.excluded } };
    }
}

// EXTERNAL MODULE: ./src/sources/local.ts
var local = __webpack_require__(89765);
// EXTERNAL MODULE: ./src/sources/idle.ts
var idle = __webpack_require__(93886);
;// CONCATENATED MODULE: ./src/sources/index.ts




/** An `s3://` source line (S3 sources default to a 24-hour event window). */
function isS3Source(line) {
    return /^s3:\/\//i.test(line);
}
/**
 * One Source per `source` line: `s3://bucket/prefix/`, `https://...`, `artifact:NAME`, else a local path, directory or glob.
 * `window` (ms since epoch) prunes S3 CloudTrail listings to the day folders that can hold events in it.
 * Throws ConfigError for malformed lines; problems found while listing (no match, missing bucket) surface from objects().
 */
async function createSources(config, window, deps = {}) {
    const exclusions = (config.exclude ?? []).map((pattern) => new ExclusionPattern(pattern, config.workspace));
    const sources = [];
    for (const line of config.sources)
        sources.push(await sourceFor(line, config, window, deps));
    return exclusions.length > 0 ? sources.map((source) => new ExcludingSource(source, exclusions)) : sources;
}
/**
 * The S3, HTTPS and artifact sources are loaded only for a `source` line that needs them: with them come the
 * proxy support and `@actions/http-client` (with undici), about 40 ms of start-up a scan of local files would
 * otherwise pay before its first byte.
 */
async function sourceFor(line, config, window, deps) {
    if (isS3Source(line)) {
        const { S3Source } = await Promise.all(/* import() */[__webpack_require__.e(917), __webpack_require__.e(419)]).then(__webpack_require__.bind(__webpack_require__, 24419));
        return new S3Source(line, window, {
            region: config.awsRegion,
            endpoint: config.s3Endpoint,
            accounts: config.accounts,
            regions: config.regions,
            // Many small objects behind S3's latency need far more GETs in flight than local files (64 unless set).
            listConcurrency: Math.min(16, Math.max(4, config.s3Concurrency ?? config.concurrency)),
            readConcurrency: config.s3Concurrency ?? config.concurrency,
            maxKeys: deps.s3MaxKeys,
            clientConfig: deps.s3ClientConfig,
            client: deps.s3Client,
            env: deps.env,
            idleTimeoutMs: deps.idleTimeoutMs ?? (0,idle/* idleTimeoutFromEnv */.P1)(deps.env ?? process.env),
            warn: deps.warn
        });
    }
    if (/^https?:\/\//i.test(line)) {
        const { HttpsSource } = await __webpack_require__.e(/* import() */ 87).then(__webpack_require__.bind(__webpack_require__, 59087));
        return new HttpsSource(line, {
            retryDelaysMs: deps.httpRetryDelaysMs,
            timeoutMs: deps.idleTimeoutMs ?? (0,idle/* idleTimeoutFromEnv */.P1)(deps.env ?? process.env)
        });
    }
    if (/^artifact:/i.test(line)) {
        const { ArtifactSource } = await __webpack_require__.e(/* import() */ 678).then(__webpack_require__.bind(__webpack_require__, 3678));
        return new ArtifactSource(line, {
            runId: config.artifactRunId,
            repository: config.artifactRepository,
            token: config.githubToken,
            tempDir: deps.tempDir,
            env: deps.env,
            client: deps.artifactClient
        });
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) {
        throw new errors/* ConfigError */.x(`Input 'source': unsupported scheme in '${line.replace(/\?.*$/, '?…')}'; use a path, s3://, https:// or artifact:NAME`);
    }
    return new local/* LocalSource */.Rc(line, config.workspace);
}

;// CONCATENATED MODULE: ./src/verdict/threshold.ts




/**
 * The measure the threshold is compared with, and whether it is strictly greater. Suppressed events are never
 * in `result`'s findings, so never counted. With a scope, only findings of the counted deny reasons count, and
 * with a baseline only new events (events: the new fingerprints' counts; findings and users: findings holding
 * a new fingerprint).
 */
function evaluateThreshold(result, value, by, scope = {}) {
    const reasons = new Set(scope.countDenyReasons ?? deny_reason/* DENY_REASONS */.dk);
    const all = reasons.size === deny_reason/* DENY_REASONS */.dk.length && scope.baseline === undefined;
    let observed;
    if (all) {
        observed = by === 'events' ? result.matched : by === 'findings' ? result.findings.length : (0,by_user/* distinctUsers */.L6)(result.findings);
    }
    else {
        const known = scope.baseline;
        const seen = known && result.fingerprints ? fingerprintKeys(result.fingerprints) : undefined;
        const findings = result.findings.filter((f) => reasons.has(f.deny_reason) && (known === undefined || isNewFinding(f, known, seen)));
        if (by === 'events') {
            observed =
                known !== undefined && result.fingerprints !== undefined
                    ? result.fingerprints.filter((fp) => reasons.has(fp.deny_reason) && !known.has((0,denied_invocations/* fingerprintKey */.SV)(fp))).reduce((n, fp) => n + fp.count, 0)
                    : findings.reduce((n, f) => n + f.count, 0);
        }
        else
            observed = by === 'findings' ? findings.length : (0,by_user/* distinctUsers */.L6)(findings);
    }
    return { observed, exceeded: observed > value };
}
const EXIT_OK = 0;
/** Policy failure: findings exceeded the threshold. */
const EXIT_THRESHOLD = 1;
/** Incomplete scan or configuration error: the result can't be trusted as complete. */
const EXIT_INCOMPLETE = 2;
/**
 * Exit codes: 1 when the threshold is exceeded and fail-on-threshold is on (a breach is certain even when
 * some files failed); otherwise 2 when files failed and allow-incomplete is off, or when an explicitly
 * requested publication (the findings issue) failed; otherwise 0.
 */
function decideVerdict(input) {
    if (input.exceeded && input.failOnThreshold) {
        const incomplete = input.failedFiles > 0 ? ` (and ${input.failedFiles} file(s) could not be scanned)` : '';
        return {
            exitCode: EXIT_THRESHOLD,
            message: `Denied Bedrock invocations exceed the threshold: ${input.observed} ${input.by} > ${input.threshold}${incomplete}.`
        };
    }
    if (input.failedFiles > 0 && !input.allowIncomplete) {
        return {
            exitCode: EXIT_INCOMPLETE,
            message: `Incomplete scan: ${input.failedFiles} file(s) could not be scanned (see the summary and the report); set allow-incomplete: true to accept partial scans.`
        };
    }
    if (input.publishFailure)
        return { exitCode: EXIT_INCOMPLETE, message: input.publishFailure };
    return { exitCode: EXIT_OK, message: '' };
}

;// CONCATENATED MODULE: ./src/main.ts


















/** At most 10 warning annotations show per step; the rest are in the summary and report. */
const MAX_FILE_ANNOTATIONS = 10;
function selectionOf(config) {
    // An engine queries a table holding years: like S3, it defaults to the last 24 hours.
    const window = resolveWindow(config.since, config.until, Date.now(), config.sources.some(isS3Source) || config.engine !== 'runner');
    const { eventSources, eventNames, errorCodes, splunkParity, suppress } = config;
    // An engine's query is always bounded: until defaults to now.
    if (config.engine !== 'runner')
        window.until ??= Date.now();
    return { eventSources, eventNames, errorCodes, splunkParity, suppress, ...window };
}
/**
 * Wires sources → decode → detection → report → publish/verdict. Returns the exit code it also sets.
 * The report, summary, log and outputs are written before any call to GitHub; the links those calls
 * produce are added afterwards, so a publishing stage that hangs or dies loses nothing.
 */
async function run(hooks = {}) {
    const started = Date.now();
    let summaryWritten = false;
    try {
        const config = await readConfig((name) => workflow_commands/* getInput */.V4(name));
        const selection = selectionOf(config);
        for (const warning of expiredSuppressionWarnings(config.suppress))
            workflow_commands/* warning */.$e(warning, { title: 'bedrock-denied-scan: suppression expired' });
        await assertWritable(config.reportPath, 'report-path', 'the report');
        if (config.updateBaseline && config.baseline)
            await assertWritable(config.baseline.path, 'baseline', 'the baseline');
        let detection;
        let totals;
        let sourceDescriptions;
        if (config.engine !== 'runner') {
            // Loaded only now: the Athena and CloudTrail clients are not paid for by runner-engine scans.
            const engines = await __webpack_require__.e(/* import() */ 695).then(__webpack_require__.bind(__webpack_require__, 55695));
            const scanned = await engines.runEngine(config, selection, (message) => workflow_commands/* warning */.$e(message));
            ({ detection, totals } = scanned);
            sourceDescriptions = scanned.sources;
        }
        else {
            const sources = await createSources(config, { since: selection.since, until: selection.until });
            const detector = new denied_invocations/* DeniedInvocations */.r9(selection);
            totals = (0,scan/* emptyScanTotals */.MJ)();
            const scanEnded = hooks.scanning?.({ sources, records: () => totals.records, matched: () => detector.matchedSoFar });
            await (0,scan/* scanSources */.sQ)(sources, {
                concurrency: config.concurrency,
                workers: config.workers,
                prefilter: prefilterMarkers(selection),
                detector,
                totals
            }).finally(() => scanEnded?.());
            detection = detector.result();
            sourceDescriptions = sources.map((s) => s.describe());
        }
        const allReasons = config.countDenyReasons.length === deny_reason/* DENY_REASONS */.dk.length;
        const scope = { countDenyReasons: config.countDenyReasons, baseline: config.baseline?.known };
        const threshold = {
            value: config.threshold,
            by: config.thresholdBy,
            ...(allReasons ? {} : { countDenyReasons: config.countDenyReasons }),
            ...(config.baseline ? { baselineOnly: true } : {}),
            ...evaluateThreshold(detection, config.threshold, config.thresholdBy, scope)
        };
        const report = buildReport({
            baseline: config.baseline ? { path: config.baseline.input, known: config.baseline.known } : undefined,
            selection,
            sources: sourceDescriptions,
            totals,
            detection,
            threshold,
            durationMs: Date.now() - started,
            peakRssBytes: process.resourceUsage().maxRSS * 1024,
            now: new Date()
        });
        let baselineFailure;
        if (config.updateBaseline && config.baseline) {
            const written = await updateBaselineFile(config.baseline, detection.fingerprints ?? []);
            if ('failure' in written) {
                baselineFailure = written.failure;
                workflow_commands/* warning */.$e(written.failure, { title: 'bedrock-denied-scan: baseline not written' });
            }
            else {
                report.baseline.updated = written.updated;
                workflow_commands/* info */.pq(written.message);
            }
        }
        await writeReport(config.reportPath, report);
        hooks.reported?.(report, config.reportPath);
        await writeJobSummary((0,summary/* renderSummary */.Br)(report, config.reportPath));
        summaryWritten = true;
        for (const [name, value] of Object.entries(stepOutputs(report, config.reportPath)))
            workflow_commands/* setOutput */.uH(name, value);
        for (const failure of report.scan.filesFailed.slice(0, MAX_FILE_ANNOTATIONS)) {
            workflow_commands/* warning */.$e(`Could not scan ${logSafe(failure.file, 300)}: ${logSafe(failure.error, 500)}`, { title: 'bedrock-denied-scan: file not scanned' });
        }
        workflow_commands/* info */.pq(renderLog(report));
        // Loaded only now: the GitHub client (Octokit) is most of the bundle's start-up cost.
        const { publishVerdict } = await __webpack_require__.e(/* import() */ 196).then(__webpack_require__.bind(__webpack_require__, 75196));
        const published = await publishVerdict(config, report);
        if (Object.keys(published.outputs).length > 0) {
            await writeReport(config.reportPath, report); // now with the links the publish stage added
            await writeJobSummary((0,summary/* renderSummary */.Br)(report, config.reportPath));
            for (const [name, value] of Object.entries(published.outputs))
                workflow_commands/* setOutput */.uH(name, value);
        }
        const verdict = decideVerdict({
            exceeded: threshold.exceeded,
            failOnThreshold: config.failOnThreshold,
            observed: threshold.observed,
            threshold: config.threshold,
            by: config.thresholdBy,
            failedFiles: report.scan.filesFailed.length,
            allowIncomplete: config.allowIncomplete,
            publishFailure: published.failure ?? baselineFailure
        });
        if (verdict.exitCode !== 0)
            workflow_commands/* setFailed */.C1(verdict.message);
        process.exitCode = verdict.exitCode;
        return verdict.exitCode;
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = error instanceof errors/* ConfigError */.x ? 'configuration' : error instanceof errors/* EngineError */.N ? 'query' : 'internal';
        const failure = kind === 'internal' ? `bedrock-denied-scan failed: ${message}` : message;
        workflow_commands/* setFailed */.C1(failure);
        if (kind === 'internal' && error instanceof Error && error.stack)
            workflow_commands/* debug */.Yz(error.stack);
        if (!summaryWritten)
            await writeJobSummary(renderStoppedSummary(failure, kind)).catch(() => undefined);
        process.exitCode = EXIT_INCOMPLETE;
        return EXIT_INCOMPLETE;
    }
}


/***/ }),

/***/ 43337:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ chartsSection)
/* harmony export */ });
/* unused harmony exports timeChartMermaid, timeChart, reasonChartMermaid, reasonChart */
/* harmony import */ var _detection_deny_reason_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50902);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14031);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86433);
/**
 * Mermaid charts GitHub renders in job summaries, issue bodies and comments: denied calls over time for the top
 * users, and denied calls by deny reason; each with its numbers in an HTML table for screen readers.
 *
 * Nothing from the logs is ever written inside a Mermaid block: lines are named `user 1`…`user 5` and
 * `others`, reasons come from the fixed DENY_REASONS list, bucket labels are dates the action formats itself
 * and every other value is a number. The names behind `user N` are in a legend table outside the block,
 * escaped like every other value (`inertCode`). Syntax kept to what Mermaid 10 accepts (`xychart-beta`,
 * `pie showData`, an `%%{init}%%` directive for the line colours, which older renderers ignore).
 */



/** Line colours, in order, and the emoji square of the same colour used in the legend. */
const USER_COLOURS = [
    ['🟥', '#dd2e44'],
    ['🟧', '#f4900c'],
    ['🟨', '#fdcb58'],
    ['🟩', '#78b159'],
    ['🟦', '#55acee']
];
const OTHERS_COLOUR = ['🟫', '#c1694f'];
const fence = (lines) => '```mermaid\n' + lines.join('\n') + '\n```\n';
/** Bucket labels as short as the range allows: `09:00` within one day, `11-26 09:00` across days, `11-26` for days within a year. */
function labels(t) {
    if (t.unit === 'hour') {
        const oneDay = t.buckets.every((b) => b.slice(0, 10) === t.buckets[0].slice(0, 10));
        return t.buckets.map((b) => (oneDay ? b.slice(11, 16) : `${b.slice(5, 10)} ${b.slice(11, 16)}`));
    }
    const oneYear = t.buckets.every((b) => b.slice(0, 4) === t.buckets[0].slice(0, 4));
    return t.buckets.map((b) => (oneYear ? b.slice(5, 10) : b));
}
/** What the range is, for titles and captions (our own dates only). */
function rangeText(t) {
    const first = t.buckets[0];
    const last = t.buckets[t.buckets.length - 1];
    if (t.unit === 'hour')
        return first.slice(0, 10) === last.slice(0, 10) ? first.slice(0, 10) : `${first.slice(0, 10)} to ${last.slice(0, 10)}`;
    return first === last ? first : `${first} to ${last}`;
}
function lines(t) {
    const out = t.series.map((s, i) => ({ name: `user ${i + 1}`, emoji: USER_COLOURS[i][0], hex: USER_COLOURS[i][1], who: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .inertCode */ .gQ)(s.user, 100), total: s.total, counts: s.counts }));
    if (t.others)
        out.push({ name: 'others', emoji: OTHERS_COLOUR[0], hex: OTHERS_COLOUR[1], who: (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(t.others.users, 'other user'), total: t.others.total, counts: t.others.counts });
    return out;
}
/** The Mermaid block of the time chart (no log value in it). */
function timeChartMermaid(t) {
    const series = lines(t);
    const per = t.unit === 'hour' ? 'hour' : 'day';
    const max = Math.max(1, ...series.flatMap((l) => l.counts));
    if (t.buckets.length === 1) {
        // One bucket: a line of one point draws nothing, so one bar per line instead.
        return fence([
            'xychart-beta',
            `    title "Denied calls in the ${per} of ${t.unit === 'hour' ? t.buckets[0].replace('T', ' ') : t.buckets[0]} (UTC)"`,
            `    x-axis [${series.map((l) => `"${l.name}"`).join(', ')}]`,
            `    y-axis "Denied calls" 0 --> ${max}`,
            `    bar [${series.map((l) => l.total).join(', ')}]`
        ]);
    }
    const palette = series.map((l) => l.hex).join(', ');
    return fence([
        `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
        'xychart-beta',
        `    title "Denied calls per ${per} (UTC), ${rangeText(t)}"`,
        `    x-axis [${labels(t)
            .map((l) => `"${l}"`)
            .join(', ')}]`,
        `    y-axis "Denied calls" 0 --> ${max}`,
        ...series.map((l) => `    line [${l.counts.join(', ')}]`)
    ]);
}
/** The time chart: Mermaid block, legend (who each line is, escaped), notes, and the numbers as a collapsible table. */
function timeChart(t, options = {}) {
    const series = lines(t);
    const per = t.unit === 'hour' ? 'hour' : 'day';
    const legend = (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .htmlTable */ .I$)(['Line', 'User', 'Denied calls charted'], series.map((l) => [`${t.buckets.length === 1 ? '' : l.emoji + ' '}${l.name}`, l.who, (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(l.total)]));
    const notes = [];
    if (t.earlier > 0)
        notes.push(`${(0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(t.earlier, 'denied call')} before ${t.buckets[0]} ${t.earlier === 1 ? 'is' : 'are'} not charted (only the latest ${t.buckets.length} days are).`);
    if (t.untimed > 0)
        notes.push(`${(0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(t.untimed, 'denied call')} without a readable eventTime ${t.untimed === 1 ? 'is' : 'are'} not charted.`);
    let out = `${timeChartMermaid(t)}\n${legend}`;
    if (notes.length > 0)
        out += `\n_${notes.join(' ')}_\n`;
    if (options.numbers !== false) {
        const rows = t.buckets.map((b, i) => [b, ...series.map((l) => (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(l.counts[i])), (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(series.reduce((n, l) => n + l.counts[i], 0))]);
        out += `\n<details><summary>Denied calls per ${per} as a table</summary>\n\n${(0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .htmlTable */ .I$)([`${t.unit === 'hour' ? 'Hour' : 'Day'} (UTC)`, ...series.map((l) => l.name), 'All'], rows)}\n</details>\n`;
    }
    return out;
}
/** The Mermaid pie of denied calls per deny reason (fixed labels; reasons with no call left out). */
function reasonChartMermaid(denyReasons) {
    const shown = _detection_deny_reason_js__WEBPACK_IMPORTED_MODULE_2__/* .DENY_REASONS */ .dk.filter((r) => (denyReasons[r] ?? 0) > 0);
    return fence(['pie showData', '    title Denied calls by reason', ...shown.map((r) => `    "${r}" : ${denyReasons[r]}`)]);
}
/** The reasons pie and its numbers as a collapsible table; '' when no call was denied. */
function reasonChart(denyReasons, options = {}) {
    const reasons = denyReasons ?? {};
    const shown = _detection_deny_reason_js__WEBPACK_IMPORTED_MODULE_2__/* .DENY_REASONS */ .dk.filter((r) => (reasons[r] ?? 0) > 0);
    if (shown.length === 0)
        return '';
    const total = shown.reduce((n, r) => n + reasons[r], 0);
    let out = reasonChartMermaid(reasons);
    if (options.numbers !== false) {
        const rows = shown.map((r) => [`<code>${r}</code>`, (0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .formatCount */ .B4)(reasons[r]), `${((100 * reasons[r]) / total).toFixed(1)}%`]);
        out += `\n<details><summary>Denied calls by reason as a table</summary>\n\n${(0,_html_js__WEBPACK_IMPORTED_MODULE_1__/* .htmlTable */ .I$)(['Deny reason', 'Denied calls', 'Share'], rows)}\n</details>\n`;
    }
    return out;
}
/**
 * Both charts under `heading` (e.g. `###`), the time chart only when the report has a timeline (the runner
 * engine's); '' when nothing was denied. `numbers: false` leaves out the per-bucket tables (to fit a budget).
 */
function chartsSection(report, heading, options = {}) {
    if (report.matched === 0)
        return '';
    let out = '';
    if (report.timeline)
        out += `${heading} Denied calls over time\n\n${timeChart(report.timeline, options)}\n`;
    const reasons = reasonChart(report.denyReasons, options);
    if (reasons)
        out += `${heading} Denied calls by reason\n\n${reasons}\n`;
    return out;
}


/***/ }),

/***/ 14031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ unicodeEscape),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   gQ: () => (/* binding */ inertCode),
/* harmony export */   kH: () => (/* binding */ INVISIBLE),
/* harmony export */   tJ: () => (/* binding */ inert)
/* harmony export */ });
/* unused harmony exports showInvisible, codeText */
/**
 * Rendering of attacker-controlled strings (user agents, user names, ARNs, error messages, model ids).
 *
 * Output is safe in three contexts at once: HTML (job summary, HTML tables in issue bodies), GitHub Markdown
 * (paragraphs, table cells) and GitHub's post-processing (mentions, autolinks). So:
 * - HTML and Markdown punctuation becomes numeric entities, which CommonMark never reads as markup;
 * - line breaks, other control characters, bidi controls and invisible characters (zero-width spaces and
 *   joiners, word joiner, BOM, tag characters, variation selectors, non-ASCII spaces) become visible escapes
 *   (`\n`, `\u200b`, `\u{e0041}`), so no table row or HTML block ends early and no text hides or reorders;
 * - in free text (`inert`), `@`, URL schemes and issue references (`#1`, `GH-1`) get a zero-width space, so no
 *   mention, team ping, autolink or cross-reference can form;
 * - inside `<code>` (`inertCode`), where GitHub forms no mentions or references, no zero-width space is
 *   added: the characters that could start an autolink (`@`, the `:` of `://`, the `.` of `www.`, the `-`
 *   of `GH-1`) are numeric entities instead, so the element's text is exactly the logged value and copies
 *   back into a `suppress` rule that matches.
 */
const ZWSP = '\u200B';
const ENTITY = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '`': '&#96;',
    '*': '&#42;',
    _: '&#95;',
    '[': '&#91;',
    ']': '&#93;',
    '(': '&#40;',
    ')': '&#41;',
    '!': '&#33;',
    '#': '&#35;',
    '|': '&#124;',
    '~': '&#126;',
    '\\': '&#92;',
    '{': '&#123;',
    '}': '&#125;',
    $: '&#36;',
    '@': '&#64;'
};
const CONTROL = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/**
 * Characters that are invisible, reorder text or break lines: C0/C1 controls, format characters (bidi
 * controls, zero-width space/joiners, word joiner, BOM, tag characters, invisible operators), lone surrogates,
 * line/paragraph separators, non-ASCII spaces, Hangul fillers and variation selectors.
 */
// Combining marks and joiners are listed on purpose, each to be matched on its own.
const INVISIBLE = 
// eslint-disable-next-line no-misleading-character-class
/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u00a0\u034f\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200a\u202f\u205f\u3000\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;
/** `\uXXXX` (lower-case hex), or `\u{XXXXX}` above U+FFFF. */
function unicodeEscape(c) {
    const cp = c.codePointAt(0);
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}
/** Invisible characters as visible escapes (`\n`, `\r`, `\t`, else `\uXXXX`). */
function showInvisible(value) {
    return value.replace(INVISIBLE, (c) => CONTROL[c] ?? unicodeEscape(c));
}
/** Plain HTML escaping, for trusted text placed in HTML. */
function escapeHtml(value) {
    return value.replace(/[&<>"']/g, (c) => ENTITY[c]);
}
/** At most `maxLength` UTF-16 units, then an ellipsis; never half of a surrogate pair. */
function cut(value, maxLength) {
    if (value.length <= maxLength)
        return value;
    let s = value.slice(0, maxLength);
    if (/[\ud800-\udbff]$/.test(s))
        s = s.slice(0, -1);
    return s + '…';
}
/**
 * Makes an untrusted value inert for HTML and Markdown. `null`/`undefined` render as an em dash.
 * Long values are cut at `maxLength` characters with an ellipsis, so one hostile value cannot fill a body.
 */
function inert(value, maxLength = 300) {
    if (value === null || value === undefined)
        return '—';
    return (showInvisible(cut(String(value), maxLength))
        .replace(/[&<>"'`*_[\]()!#|~\\{}$]/g, (c) => ENTITY[c])
        // GitHub links `#123`, `GH-123` and `owner/repo#123` after entity decoding, and cross-references the target.
        .replace(/&#35;(?=\d)/g, '&#35;' + ZWSP)
        .replace(/\bGH-(?=\d)/gi, (m) => m + ZWSP)
        .replace(/@/g, '@' + ZWSP)
        .replace(/:\/\//g, ':' + ZWSP + '//')
        .replace(/www\./gi, (m) => m.slice(0, 3) + ZWSP + '.'));
}
/**
 * The text of an inert value inside `<code>`: its text content (entities decoded) is the value itself, with
 * invisible characters as visible escapes. Safe both in HTML blocks (tables) and inline in a Markdown
 * paragraph or list item, where CommonMark still reads the text between raw tags: Markdown punctuation, `|`
 * and the starts of autolinks are numeric entities, so nothing is emphasised, linked or splits a table cell.
 */
function codeText(value, maxLength = 300) {
    return showInvisible(cut(value, maxLength))
        .replace(/[&<>"'`*_[\]()!#|~\\{}$@]/g, (c) => ENTITY[c])
        .replace(/\b(GH)-(?=\d)/gi, '$1&#45;')
        .replace(/:\/\//g, '&#58;//')
        .replace(/(www)\./gi, '$1&#46;');
}
/** An inert value as a `<code>` element (see `codeText`); `null`/`undefined` render as <em>none</em>. */
function inertCode(value, maxLength = 300) {
    if (value === null || value === undefined)
        return '<em>none</em>';
    return `<code>${codeText(String(value), maxLength)}</code>`;
}


/***/ }),

/***/ 86433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ budgetedTable),
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   I$: () => (/* binding */ htmlTable),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Q0: () => (/* binding */ valueList),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   qn: () => (/* binding */ lazyRows),
/* harmony export */   v7: () => (/* binding */ safeHref)
/* harmony export */ });
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14031);
/** Building blocks for the HTML that job summaries, issue bodies and PR comments share. */

/** A URL the action computed, as an escaped http(s) href, or null when it is anything else. */
function safeHref(url) {
    if (!url)
        return null;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return null;
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD)(parsed.href);
}
const link = (href, text) => `<a href="${href}">${text}</a>`;
/**
 * `n` with thousands separators, exactly as `n.toLocaleString('en-US')` writes it, without loading ICU's locale
 * data for integers (about 14 ms at its first use, a tenth of the action's start-up).
 */
function formatCount(n) {
    if (!Number.isSafeInteger(n) || Object.is(n, -0))
        return n.toLocaleString('en-US');
    const digits = String(Math.abs(n));
    let out = '';
    for (let i = 0; i < digits.length; i++) {
        if (i > 0 && (digits.length - i) % 3 === 0)
            out += ',';
        out += digits[i];
    }
    return n < 0 ? `-${out}` : out;
}
const plural = (n, one, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
/** Values as inert code, at most `max`, then "+N more". */
function valueList(values, max = 5, maxLength = 120) {
    if (values.length === 0)
        return '<em>none</em>';
    const shown = values.slice(0, max).map((v) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .inertCode */ .gQ)(v, maxLength)).join('<br>');
    return values.length > max ? `${shown}<br><em>+${values.length - max} more</em>` : shown;
}
/** `items` as table rows, each rendered by `render` only when the table reaches it. */
function lazyRows(items, render) {
    return { length: items.length, at: (index) => (index >= 0 && index < items.length ? render(items[index]) : undefined) };
}
/**
 * An HTML table, one row per line, with as many rows as fit in `budget` (characters, or whatever `size`
 * measures: the job summary's limit is in UTF-8 bytes); the rest are counted in a note (`more(n)`).
 * Rows are asked for in order and none after the first that does not fit. Returns '' for no rows.
 */
function budgetedTable(headers, rows, budget, more, size = (text) => text.length) {
    if (rows.length === 0)
        return '';
    const open = `<table>\n<tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr>\n`;
    const close = '</table>\n';
    const noteReserve = 200;
    let out = open;
    let used = size(open) + size(close) + noteReserve;
    let shown = 0;
    for (let i = 0; i < rows.length; i++) {
        const row = rows.at(i);
        const line = `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>\n`;
        used += size(line);
        if (used > budget)
            break;
        out += line;
        shown++;
    }
    if (shown === 0)
        return `_${more(rows.length)}_\n`;
    out += close;
    if (shown < rows.length)
        out += `\n_${more(rows.length - shown)}_\n`;
    return out;
}
/** An HTML table, one row per line and no blank line inside: a blank line would end the HTML block in Markdown. */
function htmlTable(headers, rows) {
    return budgetedTable(headers, rows, Infinity, () => '');
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   G: () => (/* binding */ baselineLine),
/* harmony export */   MO: () => (/* binding */ byUserRows),
/* harmony export */   zs: () => (/* binding */ byUserHeaders)
/* harmony export */ });
/* unused harmony exports SUMMARY_LIMIT_BYTES, ownedSuppressions, denyReasonsLine, seenCell, reasonsCell, newKnownCell, userContextSections */
/* harmony import */ var _detection_by_user_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77360);
/* harmony import */ var _detection_metadata_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48010);
/* harmony import */ var _detection_deny_reason_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(50902);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14031);
/* harmony import */ var _html_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86433);
/* harmony import */ var _charts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43337);






/** GitHub drops a step summary over 1 MiB entirely; stay well below it. */
const SUMMARY_LIMIT_BYTES = (/* unused pure expression or super */ null && (1024 * 1024));
const SUMMARY_BUDGET_BYTES = 900 * 1024;
const megabytes = (bytes) => (bytes / 1_000_000).toFixed(bytes >= 10_000_000 ? 0 : 1);
const seconds = (ms) => (ms / 1000).toFixed(ms >= 10_000 ? 0 : 2);
const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/** A table cut to `budget` UTF-8 bytes, saying how many rows were left for the report file. */
const tableWithin = (budget, headers, rows, what) => (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .budgetedTable */ .$U)(headers, rows, budget, (n) => `${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(n, `more ${what}`, `more ${what}s`)} in the report file.`, utf8Bytes);
function verdictLine(report) {
    const t = report.threshold;
    const measure = `${t.observed} ${t.by} &gt; ${t.value}`;
    const status = t.exceeded ? `🔴 **Threshold exceeded** (${measure})` : `🟢 **Within threshold** (${t.observed} ${t.by}, threshold ${t.value})`;
    const incomplete = report.scan.complete ? '' : ` · ⚠️ **Incomplete scan**: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.scan.filesFailed.length, 'file')} could not be scanned`;
    return `${status}: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.matched, 'denied call')} by ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.users, 'user')} in ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.findings.length, 'finding')}${incomplete}\n\n`;
}
/** What each source read, from the figures its describe() gives (unknown keys are left to the report). */
const SOURCE_FIGURES = [
    ['prefixesListedCount', 'day prefix listed', 'day prefixes listed'],
    ['objectsListed', 'object listed', 'objects listed'],
    ['objectsSkippedByDeliveryTime', 'skipped by delivery time', 'skipped by delivery time'],
    ['objectsRead', 'object read', 'objects read'],
    ['filesListed', 'file found', 'files found'],
    ['filesRead', 'file read', 'files read'],
    ['notRegularFiles', 'not a regular file (never opened)', 'not regular files (never opened)'],
    ['prefixesNotListed', 'prefix that could not be listed', 'prefixes that could not be listed'],
    ['excluded', 'excluded by a ! line', 'excluded by ! lines'],
    ['retries', 'retry', 'retries'],
    ['resumes', 'download resumed', 'downloads resumed']
];
function sourceLine(source) {
    const d = source.details;
    // Zero counts of rare events (resumes, unreadable prefixes) are noise; the listing counts always show.
    const rare = new Set(['notRegularFiles', 'prefixesNotListed', 'resumes', 'excluded']);
    const figures = SOURCE_FIGURES.filter(([key]) => typeof d[key] === 'number' && !(rare.has(key) && d[key] === 0)).map(([key, one, many]) => (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(d[key], one, many));
    if (typeof d.bytesRead === 'number')
        figures.push(`${megabytes(d.bytesRead)} MB read`);
    // Engines (athena, cloudtrail-lake): the query, what it scanned and what that costs at list price.
    if (typeof d.queryId === 'string') {
        figures.push(`query ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(d.queryId, 100)}${typeof d.consoleUrl === 'string' && /^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\//.test(d.consoleUrl) ? ` ([console](${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(d.consoleUrl)}))` : ''}`);
        if (typeof d.dataScannedBytes === 'number')
            figures.push(`${megabytes(d.dataScannedBytes)} MB scanned`);
        if (typeof d.engineTimeMs === 'number')
            figures.push(`engine time ${seconds(d.engineTimeMs)} s`);
        if (typeof d.costUsd === 'number')
            figures.push(`about $${d.costUsd.toFixed(4)} at $5 per TB`);
    }
    if (d.layout === 'flat')
        figures.push('no CloudTrail layout found: every object under the prefix was listed, and files delivered outside the window were skipped');
    if (typeof d.artifact === 'string')
        figures.push(`artifact ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(d.artifact, 100)}${typeof d.runId === 'string' || typeof d.runId === 'number' ? ` of run ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(String(d.runId))}` : ''}`);
    const warnings = Array.isArray(d.warnings) ? d.warnings.filter((w) => typeof w === 'string') : [];
    const warned = warnings.length ? warnings.slice(0, 5).map((w) => `\n- ⚠️ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(w, 400)}`).join('') : '';
    return `Scanned ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(source.location, 200)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(source.kind)})${figures.length ? ': ' + figures.join(', ') : ''}${warned}`;
}
function scanFigures(report) {
    const s = report.scan;
    const window = report.selection.since || report.selection.until
        ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.selection.since ?? 'any time')} → ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.selection.until ?? 'now')}`
        : 'all events';
    const rows = [
        [
            (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.files),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.records),
            megabytes(s.bytes),
            seconds(s.durationMs),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.filesSkipped),
            (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.filesFailed.length),
            window
        ]
    ];
    let out = (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .htmlTable */ .I$)(['Files', 'Records', 'MB', 'Seconds', 'Skipped (digest, insight)', 'Failed', 'Event window'], rows);
    for (const source of s.sources)
        out += `\n${sourceLine(source)}\n`;
    if (report.outsideWindow > 0)
        out += `\n${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.outsideWindow, 'matching event')} fell outside the event window (or had no readable eventTime) and were not counted.\n`;
    const inline = report.suppressed.filter((s) => s.owner === undefined);
    const suppressed = inline.reduce((n, s) => n + s.count, 0);
    if (inline.length > 0) {
        const rules = inline.map((s) => `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(s.rule, 200)}: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.count)}`).join(' · ');
        out += `\n\`suppress\` left ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(suppressed, 'matching event')} out of the findings (${rules}).\n`;
    }
    out += ownedSuppressions(report);
    out += denyReasonsLine(report);
    out += baselineLine(report);
    if (report.droppedByParity > 0) {
        out += `\n\`splunk-parity\` dropped ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(report.droppedByParity, 'matching event')} with an empty by-field, as Splunk's \`stats by\` does.\n`;
    }
    return out + '\n';
}
/** `suppressions-file` rules: events each left out, who owns it, why, until when; expired and stale ones flagged. */
function ownedSuppressions(report, budget = 100_000) {
    const owned = report.suppressed.filter((s) => s.owner !== undefined);
    if (owned.length === 0)
        return '';
    const total = owned.reduce((n, s) => n + s.count, 0);
    const rows = owned.map((s) => [
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(s.rule, 200) + (s.location ? `<br><sub>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(s.location, 200)}</sub>` : ''),
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(s.count),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(s.owner ?? '', 100),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(s.reason ?? '', 300),
        s.expired ? `⚠️ **expired** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(s.expires ?? '')}` : (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(s.expires ?? 'never'),
        s.expired ? 'expired: no longer suppresses' : s.count === 0 ? '💤 stale: matched nothing' : 'active'
    ]);
    const flagged = owned.filter((s) => s.expired).length;
    const stale = owned.filter((s) => !s.expired && s.count === 0).length;
    const notes = [flagged ? (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(flagged, 'expired rule') : '', stale ? (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(stale, 'stale rule') : ''].filter(Boolean).join(', ');
    return (`\n\`suppressions-file\` left ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(total, 'matching event')} out of the findings${notes ? ` (${notes})` : ''}.\n\n` +
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .budgetedTable */ .$U)(['Rule', 'Events', 'Owner', 'Reason', 'Expires', 'Status'], rows, budget, (n) => `${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(n, 'more rule')} in the report file.`, utf8Bytes));
}
/** Events per deny reason, as a table (zero rows left out). */
function denyReasonsLine(report) {
    const rows = _detection_deny_reason_js__WEBPACK_IMPORTED_MODULE_4__/* .DENY_REASONS */ .dk.filter((r) => (report.denyReasons?.[r] ?? 0) > 0).map((r) => [
        `<code>${r}</code>`,
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(report.denyReasons[r]),
        !report.threshold.countDenyReasons || report.threshold.countDenyReasons.includes(r) ? 'yes' : 'no'
    ]);
    if (rows.length === 0)
        return '';
    return `\n**Why denied** (from each errorMessage):\n\n${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .htmlTable */ .I$)(['Deny reason', 'Denied calls', 'Counted by the threshold'], rows)}`;
}
/** New and known events against the baseline. */
function baselineLine(report) {
    const b = report.baseline;
    if (!b)
        return '';
    const updated = b.updated ? ` Baseline updated: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(b.updated.fingerprints, 'fingerprint')} (${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(b.updated.added)} added).` : '';
    return `\n**Baseline** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(b.path, 200)}: 🆕 ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(b.new, 'new denied call')} in ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(b.newFindings, 'finding')}, ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(b.known, 'known call')} (only new calls count towards the threshold).${updated}\n`;
}
/** `first<br>last` (one time when equal), or a dash; inert, as a report literal may carry anything. */
function seenCell(first, last) {
    if (first === null && last === null)
        return '—';
    if (first === last)
        return (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(first, 40);
    return `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(first, 40)}<br>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(last, 40)}`;
}
/** A user's calls per deny reason, most first. */
const reasonsCell = (reasons) => reasons.length === 0 ? '<em>none</em>' : reasons.map(([r, n]) => `<code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(r)}</code> ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(n)}`).join('<br>');
/** A user's new and known calls against the baseline. */
function newKnownCell(entry) {
    if (!entry)
        return '—';
    const parts = [entry.new > 0 ? `🆕 ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(entry.new)} new` : '', entry.known > 0 ? `${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(entry.known)} known` : ''].filter(Boolean);
    return parts.join('<br>') || '—';
}
/** The by-user table's headers: six columns with a baseline, five without. */
const byUserHeaders = (baseline) => [
    'User',
    'Denied calls',
    'First / last seen (UTC)',
    'Models',
    'Deny reasons',
    ...(baseline ? ['New / known'] : [])
];
/** One row per user (user, calls, first/last seen, models, deny reasons, and new/known with a baseline), rendered as a table reaches it. */
function byUserRows(report, userLength = 300) {
    const split = new Map((report.baseline?.byUser ?? []).map((b) => [b.user, b]));
    return (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .lazyRows */ .qn)((0,_detection_by_user_js__WEBPACK_IMPORTED_MODULE_5__/* .activityByUser */ .Wd)(report.findings), (u) => [
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(u.user, userLength),
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(u.count),
        seenCell(u.firstTime, u.lastTime),
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.modelIds),
        reasonsCell(u.denyReasons),
        ...(report.baseline ? [newKnownCell(split.get(u.user))] : [])
    ]);
}
function byUserTable(report, budget) {
    if (report.findings.length === 0)
        return '### Denied Bedrock invocations by user\n\nNo denied invocations matched.\n\n';
    const table = tableWithin(budget, byUserHeaders(report.baseline !== undefined), byUserRows(report), 'user');
    return `### Denied Bedrock invocations by user\n\n${table}\nSource IPs, user agents, accounts, regions and each user's Splunk rows are in the sections below.\n\n`;
}
/** Rows of one user's Splunk rows shown in their section at most. */
const USER_ROWS_MAX = 20;
/** One user's Splunk rows (without the user column, the full error message is in the Splunk rows below). */
function userFindingsTable(findings) {
    const rows = findings.slice(0, USER_ROWS_MAX).map((f) => [
        String(f.count),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.firstTime ?? '—'),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.lastTime ?? '—'),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.src, 100),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.user_agent, 160),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.vendor_account, 40),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.vendor_region, 40),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.signature, 60),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.result_id, 60),
        `<code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.deny_reason)}</code>`,
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(f.modelIds, 5)
    ]);
    const more = findings.length > USER_ROWS_MAX ? `\n_${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(findings.length - USER_ROWS_MAX, 'more row')} of this user in the report file._\n` : '';
    return (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .htmlTable */ .I$)(['count', 'firstTime', 'lastTime', 'src', 'user_agent', 'vendor_account', 'vendor_region', 'signature', 'result_id', 'deny_reason', 'modelIds'], rows) + more;
}
/**
 * One collapsible section per user: who they are and what they tried next (runner engine), where the calls
 * came from (source IPs, user agents, accounts, regions) and the user's Splunk rows. Users who invoked a model
 * successfully after a denial come first, marked 🚨. Cut to `budget` bytes, saying how many users were left
 * for the report file.
 */
function userContextSections(report, budget) {
    const contexts = report.userContext ?? [];
    const findingsOf = (0,_detection_by_user_js__WEBPACK_IMPORTED_MODULE_5__/* .findingsByUser */ .LJ)(report.findings ?? []);
    const activity = (0,_detection_by_user_js__WEBPACK_IMPORTED_MODULE_5__/* .activityByUser */ .Wd)(report.findings ?? [], findingsOf);
    const activityOf = new Map(activity.map((a) => [a.user, a]));
    const contextOf = new Map(contexts.map((c) => [c.user, c]));
    // The context's order (🚨 first), then users only the findings know (engine runs: all of them).
    const order = [...contexts.map((c) => c.user), ...activity.map((a) => a.user).filter((u) => !contextOf.has(u))];
    if (order.length === 0)
        return '';
    const flagged = contexts.filter((u) => u.succeededAfterDenial.length > 0).length;
    let out = `### Who they are and what they tried next

`;
    if (flagged > 0)
        out += `🚨 **${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(flagged, 'user')} invoked a model successfully after being denied.**

`;
    if (report.userContext === undefined)
        out += `_Identity, credentials, reconnaissance and successful invokes after a denial are computed by the runner engine only._

`;
    let used = utf8Bytes(out) + 300;
    let shown = 0;
    for (const user of order) {
        const u = contextOf.get(user);
        const a = activityOf.get(user);
        const rows = [];
        let head;
        if (u) {
            const reconTotal = Object.values(u.recon).reduce((n, c) => n + c, 0);
            const after = u.succeededAfterDenial;
            head =
                `${after.length > 0 ? '🚨 ' : ''}${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(u.user, 100)}: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(u.denied, 'denied call')} · ${u.credentialKinds.map((k) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(k)).join(', ')}` +
                    (reconTotal > 0 ? ` · ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(reconTotal, 'recon call')}` : '') +
                    (after.length > 0 ? ` · **succeeded after denial** (${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(after.length, 'model')})` : '');
            rows.push(['Identity types', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.identityTypes)], ['Credential kinds', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.credentialKinds)], ['Access keys', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.accessKeyIds)], ['Role sessions', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.roleSessionNames)], ['MFA', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(u.mfaAuthenticated)], ['Source IPs', u.sourceIps.length === 0 ? '<em>none</em>' : u.sourceIps.slice(0, 10).map((s) => `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(s.address, 100)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(s.kind)})`).join('<br>') + (u.sourceIps.length > 10 ? `<br><em>+${u.sourceIps.length - 10} more</em>` : '')]);
            if (a)
                rows.push(['User agents', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a.userAgents, 3, 160)], ['Accounts', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a.accounts)], ['Regions', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a.regions)]);
            rows.push(['Reconnaissance', reconTotal === 0 ? '<em>none</em>' : Object.entries(u.recon).map(([n, c]) => `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(n)}: ${c}`).join('<br>')], ['Succeeded after denial', after.length === 0 ? '<em>none</em>' : after.slice(0, 10).map((s) => `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(s.modelId ?? '(no model id)', 120)} ×${s.count}, last ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(s.lastTime)}`).join('<br>')], [
                'Event history',
                u.eventHistoryLinks.length === 0 ? '<em>no access key</em>' : u.eventHistoryLinks.map((l) => { const href = (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .safeHref */ .v7)(l.url); return href ? (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .link */ .nf)(href, (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(l.accessKeyId)) : ''; }).join('<br>')
            ]);
        }
        else {
            head = `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(user, 100)}: ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(a?.count ?? 0, 'denied call')}`;
            rows.push(['Source IPs', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a?.srcs ?? [], 10, 100)], ['User agents', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a?.userAgents ?? [], 3, 160)], ['Accounts', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a?.accounts ?? [])], ['Regions', (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(a?.regions ?? [])]);
        }
        const own = findingsOf.get(user) ?? [];
        const splunk = own.length > 0 ? `\n${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(own.length, 'Splunk row')}:\n\n${userFindingsTable(own)}` : '';
        const section = `<details><summary>${head}</summary>

${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .htmlTable */ .I$)(['', ''], rows)}${splunk}
</details>

`;
        used += utf8Bytes(section);
        if (used > budget)
            break;
        out += section;
        shown++;
    }
    if (shown < order.length)
        out += `_${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(order.length - shown, 'more user')} in the report file._

`;
    return out;
}
function findingRows(findings, budget) {
    if (findings.length === 0)
        return '';
    const rows = (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .lazyRows */ .qn)(findings, (f) => [
        String(f.count),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.firstTime ?? '—'),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.lastTime ?? '—'),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.src, 100),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.user, 100),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.user_agent, 200),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.vendor_account, 40),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(f.vendor_product),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.dest, 60),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.signature, 60),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.vendor_region, 40),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.result, 600),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.result_id, 60),
        (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .valueList */ .Q0)(f.modelIds, 10)
    ]);
    const headers = ['count', 'firstTime', 'lastTime', 'src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id', 'modelIds'];
    return `<details><summary>All ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .plural */ .LS)(findings.length, 'finding')} as Splunk rows</summary>\n\n${tableWithin(budget, headers, rows, 'row')}\n</details>\n\n`;
}
function nearMisses(report, budget) {
    if (report.nearMisses.length === 0)
        return '';
    const rows = (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .lazyRows */ .qn)(report.nearMisses, (n) => [(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(n.reason, 200), String(n.count), (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(n.include, 300)]);
    return `### Near misses\n\nDenied Bedrock invoke calls that the current selection leaves out:\n\n${tableWithin(budget, ['Left out because', 'Events', 'Input that includes them'], rows, 'reason')}\n`;
}
function failures(report, budget) {
    const failed = report.scan.filesFailed;
    if (failed.length === 0)
        return '';
    const rows = (0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .lazyRows */ .qn)(failed, (f) => [(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inertCode */ .gQ)(f.file, 300), (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(f.error, 500)]);
    return `### ⚠️ Files that could not be scanned\n\nEvery other file was scanned.\n\n${tableWithin(budget, ['File', 'Error'], rows, 'file')}\n`;
}
function footer(report, reportPath) {
    const d = report.detection;
    const mitre = d.mitreAttack
        .map((id) => {
        const url = (0,_detection_metadata_js__WEBPACK_IMPORTED_MODULE_0__/* .mitreTechniqueUrl */ .hv)(id);
        return url ? `[${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(id)}](${url})` : (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .tJ)(id, 40);
    })
        .join(', ');
    const links = report.links ?? {};
    const published = [
        [links.artifactUrl, 'report artifact'],
        [links.issueUrl, 'findings issue'],
        [links.commentUrl, 'pull-request comment']
    ]
        .map(([url, text]) => [(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .safeHref */ .v7)(url), text])
        .filter(([href]) => href !== null)
        .map(([href, text]) => ` · ${(0,_html_js__WEBPACK_IMPORTED_MODULE_2__/* .link */ .nf)(href, text)}`)
        .join('');
    return (`---\n\n**Detection:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(d.name)} (\`${d.id}\`) · MITRE ATT&CK ${mitre} · ` +
        `selection \`eventSource=${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.selection.eventSources.join('|'))} eventName=${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.selection.eventNames.join('|'))} errorCode=${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.selection.errorCodes.join('|'))}\`\n\n` +
        `**Known false positives:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(d.knownFalsePositives)}\n\n` +
        `Full report: \`${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(reportPath)}\`${published}\n`);
}
/**
 * The job summary as HTML/Markdown. Every value from the logs goes through `inert`. The fixed parts come
 * first; the tables share what is left of a budget well under GitHub's 1 MiB limit (failures and near misses
 * a tenth each, the by-user table half of the rest, the Splunk rows what remains), and each says how many
 * rows were left for the report file.
 */
function renderSummary(report, reportPath) {
    const head = `## Bedrock denied-invocation scan\n\n${verdictLine(report)}${scanFigures(report)}`;
    const foot = footer(report, reportPath);
    let remaining = SUMMARY_BUDGET_BYTES - utf8Bytes(head) - utf8Bytes(foot) - 1_000;
    const failed = failures(report, remaining / 10);
    const missed = nearMisses(report, remaining / 10);
    remaining -= utf8Bytes(failed) + utf8Bytes(missed);
    const charts = (0,_charts_js__WEBPACK_IMPORTED_MODULE_3__/* .chartsSection */ .$m)(report, '###');
    remaining -= utf8Bytes(charts);
    const users = byUserTable(report, remaining / 3);
    remaining -= utf8Bytes(users);
    const context = userContextSections(report, remaining / 2);
    remaining -= utf8Bytes(context);
    return head + failed + charts + users + context + missed + findingRows(report.findings, remaining) + foot;
}


/***/ }),

/***/ 52130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MJ: () => (/* binding */ emptyScanTotals),
  sQ: () => (/* binding */ scanSources)
});

// UNUSED EXPORTS: BYTES_IN_FLIGHT, BYTES_REQUESTED, MAIN_THREAD_OBJECT_BYTES, MAIN_THREAD_REMOTE_COST

// EXTERNAL MODULE: ./src/decode/index.ts + 7 modules
var decode = __webpack_require__(96024);
// EXTERNAL MODULE: ./src/parallel/describe-error.ts
var describe_error = __webpack_require__(32721);
// EXTERNAL MODULE: ./src/parallel/entry.ts
var parallel_entry = __webpack_require__(61831);
// EXTERNAL MODULE: ./src/detection/suppress.ts
var detection_suppress = __webpack_require__(83968);
;// CONCATENATED MODULE: ./src/parallel/release.ts
/**
 * Destroys a source stream once its file is done (read to the end, or abandoned after a decode error, which
 * otherwise left the file open) and waits, briefly, for its 'close', so a source's figures (bytes read) are
 * complete when the scan returns, whichever thread decoded the file.
 */
async function releaseStream(stream) {
    if (stream === undefined)
        return;
    if (stream.closed)
        return;
    await new Promise((resolve) => {
        const timer = setTimeout(resolve, 1000);
        timer.unref();
        stream.once('close', () => {
            clearTimeout(timer);
            resolve();
        });
        stream.destroy();
    });
}

// EXTERNAL MODULE: ./src/parallel/prestart.ts
var prestart = __webpack_require__(19452);
;// CONCATENATED MODULE: ./src/parallel/pool.ts




/** Chunks a file may have in flight to its worker before the main thread waits for them to be read. */
const WINDOW_CHUNKS = 8;
/**
 * Source chunks are gathered into messages of about this many bytes: an S3 or HTTPS body arrives in 16-64 KiB
 * pieces, and a window of 8 such pieces left the worker waiting on the main thread's acknowledgements (measured:
 * a worker idle 40% of an S3 scan of large objects). Local files are read in chunks of this size already.
 */
const MESSAGE_BYTES = 256 * 1024;
/** One worker thread and the files it is reading. */
class Lane {
    worker;
    jobs = new Map();
    dead = false;
    constructor(worker, config, onGone) {
        this.worker = worker;
        // Its first message: the worker reads no file before it (messages are handled in order).
        this.worker.postMessage({ t: 'init', config });
        this.worker.ref();
        this.worker.on('message', (message) => {
            const job = this.jobs.get(message.id);
            if (job === undefined)
                return;
            if (message.t === 'ack') {
                job.inflight--;
                const wake = job.wake;
                job.wake = null;
                wake?.();
                return;
            }
            this.jobs.delete(message.id);
            job.finished = true;
            job.wake?.();
            job.resolve({ result: message.result, error: message.error, counted: message.counted, parsed: message.parsed, partial: message.partial, bytesRead: message.bytesRead, declined: message.declined });
        });
        let reason = 'exited';
        this.worker.on('error', (error) => (reason = `failed: ${(0,describe_error/* describeError */.U)(error)}`));
        this.worker.on('exit', (code) => {
            this.dead = true;
            onGone(this);
            // A worker that stops fails only the files it was reading; their records are not counted (unknown).
            for (const [id, job] of this.jobs) {
                this.jobs.delete(id);
                job.finished = true;
                job.wake?.();
                job.resolve({ error: `worker thread ${reason}${code ? ` (exit code ${code})` : ''} while reading this file`, counted: 0, parsed: 0, partial: emptyPartial() });
            }
        });
    }
    post(message, transfer) {
        if (!this.dead)
            this.worker.postMessage(message, transfer);
    }
}
function emptyPartial() {
    return { matched: 0, droppedByParity: 0, outsideWindow: 0, suppressed: [], groups: [], nearMisses: [], fingerprints: [], users: [] };
}
/**
 * Spreads files over `threads` scanning threads: the main thread itself (lane 0, which scans in process exactly
 * as a one-thread run does) and up to threads - 1 worker threads, started when first needed. Each file goes to
 * the thread reading the fewest files. Sources stay on the main thread: a worker's file is streamed to it as
 * transferred byte chunks (still compressed), WINDOW_CHUNKS at most in flight. Each worker file's detection
 * comes back as a partial and is merged into `detector`, so the result equals a one-thread run's.
 */
class ScanPool {
    script;
    detector;
    decode;
    lanes;
    mainActive = 0;
    nextId = 1;
    constructor(threads, script, detector, decode) {
        this.script = script;
        this.detector = detector;
        this.decode = decode;
        this.lanes = Array.from({ length: Math.max(0, threads - 1) }, () => null);
    }
    /**
     * Index of the least busy thread: -1 for the main thread (preferred on ties), else a worker lane. `mainCost`
     * weighs the main thread's files in flight against a worker's, for work a worker does entirely by itself.
     */
    pick(mainCost = 1) {
        let best = -1;
        let load = this.mainActive * mainCost;
        for (let i = 0; i < this.lanes.length; i++) {
            const lane = this.lanes[i];
            const active = lane === null || lane === undefined || lane.dead ? 0 : lane.jobs.size;
            if (active < load) {
                best = i;
                load = active;
            }
        }
        return best;
    }
    /** Runs `inProcess` on the main thread, counted as that thread's load. */
    async onMain(inProcess) {
        this.mainActive++;
        try {
            return await inProcess();
        }
        finally {
            this.mainActive--;
        }
    }
    lane(index) {
        let lane = this.lanes[index];
        if (lane === null || lane === undefined || lane.dead) {
            const { suppress, ...selection } = this.detector.selection;
            const config = {
                selection,
                suppressRules: (suppress ?? []).map(detection_suppress/* ruleToPlain */.EO),
                strategy: this.decode.strategy,
                prefilter: this.decode.prefilter
            };
            lane = new Lane((0,prestart/* takePrestartedWorker */._Z)() ?? (0,prestart/* startScanWorker */.q0)(this.script), config, () => undefined);
            this.lanes[index] = lane;
        }
        return lane;
    }
    /**
     * Streams `open()`'s bytes to worker lane `index` and waits for the outcome; the file's detection partial is
     * merged before returning. A failing source stream fails the file with the stream's error.
     */
    async onWorker(index, open) {
        const lane = this.lane(index);
        const { id, job, outcome } = this.startJob(lane);
        lane.post({ t: 'open', id });
        let parts = [];
        let gathered = 0;
        const send = async () => {
            // A copy the worker owns: a stream's buffer may be a view of a larger, shared one.
            const copy = new Uint8Array(gathered);
            let at = 0;
            for (const part of parts) {
                copy.set(part, at);
                at += part.length;
            }
            parts = [];
            gathered = 0;
            job.inflight++;
            lane.post({ t: 'chunk', id, data: copy.buffer }, [copy.buffer]);
            while (job.inflight >= WINDOW_CHUNKS && !job.finished)
                await new Promise((resolve) => (job.wake = resolve));
        };
        let sourceError;
        let stream;
        try {
            stream = await open();
            for await (const chunk of stream) {
                if (job.finished)
                    break;
                const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
                parts.push(bytes);
                gathered += bytes.length;
                if (gathered >= MESSAGE_BYTES)
                    await send();
            }
            if (gathered > 0 && !job.finished)
                await send();
            lane.post({ t: 'end', id });
        }
        catch (error) {
            sourceError = error;
            // The bytes read before the failure are decoded (and their records counted), as in the main thread.
            if (gathered > 0 && !job.finished)
                await send();
            lane.post({ t: 'abort', id });
        }
        finally {
            await releaseStream(stream);
        }
        const result = await outcome;
        if (sourceError !== undefined)
            result.error = (0,describe_error/* describeError */.U)(sourceError);
        this.detector.merge(result.partial);
        return result;
    }
    /**
     * Has worker lane `index` read an object itself (`read`, from `SourceObject.remote`: a small S3 object, listed by
     * this thread) and waits for the outcome: the request and its CPU are the worker's. The file's detection partial
     * and the object's bytes read are counted for the source before returning; a read the worker declined (its request failed) is
     * reported to the source, and the caller reads the object on this thread.
     */
    async onWorkerRemote(index, read, remote) {
        const lane = this.lane(index);
        const { id, outcome } = this.startJob(lane);
        lane.post({ t: 'open', id, remote: read });
        const result = await outcome;
        if (result.declined) {
            remote.declined();
            return result;
        }
        if (result.bytesRead !== undefined)
            remote.absorb(result.bytesRead);
        this.detector.merge(result.partial);
        return result;
    }
    startJob(lane) {
        const id = this.nextId++;
        let resolveOutcome;
        const outcome = new Promise((resolve) => (resolveOutcome = resolve));
        const job = { inflight: 0, finished: false, wake: null, resolve: resolveOutcome };
        lane.jobs.set(id, job);
        return { id, job, outcome };
    }
    /** Stops every worker thread, the pre-started ones no lane took included. */
    async close() {
        (0,prestart/* stopPrestartedWorkers */.Wj)();
        await Promise.all(this.lanes.map((lane) => (lane === null || lane.dead ? undefined : lane.worker.terminate())));
    }
}

// EXTERNAL MODULE: ./src/sources/types.ts
var types = __webpack_require__(77991);
;// CONCATENATED MODULE: ./src/scan.ts






function emptyScanTotals() {
    return { files: 0, filesSkipped: 0, filesFailed: [], filesDuplicate: 0, records: 0, bytes: 0, formats: {} };
}
/**
 * Compressed bytes of the objects being read at once (by their listed size, each counting at most
 * OBJECT_WEIGHT_CAP; one of unknown size counts the cap). With many objects in flight (S3 reads 192 at a time) this
 * keeps big objects to about 4 at once while small ones fill every slot. 8 MiB rather than 16: 16 large S3 objects
 * peaked at 128-132 MB instead of 138-148 MB on Node 24 (two threads), about 5% slower; local scans were no slower
 * (one inflating thread takes one file at a time anyway).
 */
const BYTES_IN_FLIGHT = 8 * 1024 * 1024;
const OBJECT_WEIGHT_CAP = 2 * 1024 * 1024;
/**
 * Compressed bytes of the objects requested ahead (SourceObject.requestAhead) and being read, by the same weights:
 * the next objects' requests are sent while the BYTES_IN_FLIGHT being read are decoded. Without it, 16 large S3
 * objects were read in waves: the objects being read, interleaved on each thread, finished together, and both
 * threads then waited out S3's time to first byte for the next ones.
 */
const BYTES_REQUESTED = 2 * BYTES_IN_FLIGHT;
/**
 * How much more an object the main thread reads itself counts against it, when a worker could read it by itself
 * (a small S3 object): the main thread also lists, hands objects over and merges what comes back. With each
 * reading the object it is handed, 2,016 small S3 objects left the main thread with 1.4 s of CPU and the worker
 * with 0.9 s (idle a third of the time); with the main thread reading none, 0.7 s against 1.6 s (Node 24). Three
 * to one measured 2.48 s against 2.57 s (medians of 9 interleaved runs, Node 20; 6 of 9 rounds faster).
 */
const MAIN_THREAD_REMOTE_COST = 3;
/** Objects smaller than this (stored, compressed size) are scanned on the main thread even with worker threads. */
const MAIN_THREAD_OBJECT_BYTES = 32 * 1024;
/** A counting semaphore on bytes: an acquire that fits (or any acquire when nothing is held) goes through at once. */
class ByteBudget {
    limit;
    held = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    async acquire(weight) {
        if (this.waiting.length === 0 && (this.held === 0 || this.held + weight <= this.limit)) {
            this.held += weight;
            return;
        }
        await new Promise((go) => this.waiting.push({ weight, go }));
    }
    release(weight) {
        this.held -= weight;
        while (this.waiting.length > 0) {
            const first = this.waiting[0];
            if (this.held > 0 && this.held + first.weight > this.limit)
                break;
            this.waiting.shift();
            this.held += first.weight;
            first.go();
        }
    }
}
const weightOf = (object) => object.size === undefined || !Number.isFinite(object.size) ? OBJECT_WEIGHT_CAP : Math.min(Math.max(object.size, 1), OBJECT_WEIGHT_CAP);
async function* allObjects(sources) {
    for (const source of sources)
        yield* source.objects();
}
/**
 * Reads every object of every source, `concurrency` at a time (or a source's own `readConcurrency`, with the
 * compressed bytes in flight capped at BYTES_IN_FLIGHT), and feeds the records to `onRecord`.
 * A file that can't be read or decoded is recorded with its reason and the scan goes on; records it
 * yielded before failing stay counted. Errors from listing a source (bad bucket, credentials) propagate.
 */
async function scanSources(sources, options) {
    const totals = options.totals ?? emptyScanTotals();
    const objects = allObjects(sources);
    const seen = new Set();
    const { detector, onRecord } = options;
    const entry = (0,parallel_entry/* workerEntry */.xA)();
    const threads = Math.max(1, Math.floor(options.workers ?? 1));
    const pool = threads > 1 && detector !== undefined && entry !== undefined ? new ScanPool(threads, entry, detector, options) : null;
    const counted = (result) => {
        totals.records += result.records;
        totals.bytes += result.bytes;
        totals.formats[result.format] = (totals.formats[result.format] ?? 0) + 1;
        // Digest and Insights files are recognised by content (the S3 source already leaves their folders out).
        if (result.format === 'digest' || result.format === 'insight')
            totals.filesSkipped++;
    };
    const failed = (object, error, parsed) => {
        const kept = parsed > 0 ? ` (the ${parsed} records parsed before the error were still scanned)` : '';
        totals.filesFailed.push({ file: object.name, error: error + kept });
    };
    const scanInProcess = async (object) => {
        let records = 0;
        let stream;
        try {
            stream = await object.open();
            const result = await (0,decode/* decodeCloudTrail */.gh)(stream, {
                strategy: options.strategy,
                recordDecoder: options.recordDecoder,
                prefilter: options.prefilter,
                onRecord(record) {
                    records++;
                    detector?.observe(record);
                    onRecord?.(record);
                }
            });
            counted(result);
        }
        catch (error) {
            // Records the detection already saw were read: count them, so matched never exceeds records.
            totals.records += (0,decode/* recordsBeforeError */._Q)(error) ?? records;
            failed(object, (0,describe_error/* describeError */.U)(error), records);
        }
        finally {
            await releaseStream(stream);
        }
    };
    const scanOne = async (object) => {
        totals.files++;
        // A small object costs the main thread about as much to hand to a worker (messages, copies, the detection
        // partial coming back) as to decode itself, so it stays on the main thread; unless a worker can read it itself
        // (S3): then the handover is one message, and the worker also makes the request (signed there, without the
        // SDK), whose CPU otherwise kept this thread busy while workers idled. Larger S3 objects are fetched here and
        // streamed to a worker.
        const small = object.size !== undefined && object.size < MAIN_THREAD_OBJECT_BYTES;
        const remote = small ? object.remote : undefined;
        if (pool === null)
            return scanInProcess(object);
        const lane = small && remote === undefined ? -1 : pool.pick(remote === undefined ? 1 : MAIN_THREAD_REMOTE_COST);
        if (lane < 0)
            return pool.onMain(() => scanInProcess(object));
        let outcome;
        if (remote !== undefined) {
            // Until the SDK has read an object here (or while direct GETs fail), the object is read on this thread.
            const read = await remote.plan();
            if (read === undefined)
                return pool.onMain(() => scanInProcess(object));
            outcome = await pool.onWorkerRemote(lane, read, remote);
            if (outcome.declined)
                return pool.onMain(() => scanInProcess(object));
        }
        else {
            outcome = await pool.onWorker(lane, () => object.open());
        }
        if (outcome.result !== undefined)
            counted(outcome.result);
        else {
            totals.records += outcome.counted;
            failed(object, outcome.error ?? 'unknown error', outcome.parsed);
        }
    };
    const worker = async () => {
        for (;;) {
            const next = await objects.next();
            if (next.done)
                return;
            const item = next.value;
            if ((0,types/* isSourceGap */.Q)(item)) {
                totals.filesFailed.push({ file: item.name, error: item.error });
                continue;
            }
            if (item.identity !== undefined) {
                if (seen.has(item.identity)) {
                    totals.filesDuplicate++;
                    continue;
                }
                seen.add(item.identity);
            }
            const weight = weightOf(item);
            const ahead = item.requestAhead !== undefined;
            if (ahead) {
                await requested.acquire(weight);
                item.requestAhead();
            }
            await budget.acquire(weight);
            try {
                await scanOne(item);
            }
            finally {
                budget.release(weight);
                if (ahead)
                    requested.release(weight);
            }
        }
    };
    // A source may ask for more objects at once than `concurrency` (S3, unless `concurrency` was set).
    const width = Math.max(1, options.concurrency, ...sources.map((source) => source.readConcurrency ?? 0));
    const budget = new ByteBudget(Math.max(BYTES_IN_FLIGHT, OBJECT_WEIGHT_CAP));
    const requested = new ByteBudget(Math.max(BYTES_REQUESTED, OBJECT_WEIGHT_CAP));
    try {
        await Promise.all(Array.from({ length: width }, worker));
    }
    finally {
        await pool?.close();
    }
    totals.filesFailed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return totals;
}


/***/ }),

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

/***/ 89765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ relativeName),
/* harmony export */   Rc: () => (/* binding */ LocalSource),
/* harmony export */   ns: () => (/* binding */ newLocalFileCounters),
/* harmony export */   s6: () => (/* binding */ localFileObjects)
/* harmony export */ });
/* unused harmony export fileIdentity */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _whole_body_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(25086);




function newLocalFileCounters() {
    return { filesListed: 0, filesRead: 0, bytesRead: 0, notRegularFiles: 0 };
}
const GLOB_CHARACTERS = /[*?[]/;
/** Byte-order comparison; localeCompare would make the order depend on the runner's locale. */
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function toPosix(p) {
    return p.split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
}
/** Workspace-relative with `/`, or absolute when the file lies outside `baseDir`. */
function relativeName(baseDir, absolutePath) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(baseDir, absolutePath);
    if (rel === '' || rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(rel))
        return toPosix(absolutePath);
    return toPosix(rel);
}
/**
 * Every file under `dir`, depth first, in byte order of their paths.
 * Directory entries sort as `name/` so `a/b` comes after `a-b` exactly as a sorted path list would have it.
 * Symbolic links to files are followed; links to directories are not (they can form cycles).
 */
async function* walkDirectory(dir) {
    const entries = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir(dir, { withFileTypes: true });
    const keyed = [];
    for (const entry of entries) {
        const full = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            const target = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(full).catch(() => undefined);
            isDir = false;
            isFile = target?.isFile() ?? false;
        }
        if (!isDir && !isFile)
            continue;
        keyed.push({ key: isDir ? `${entry.name}/` : entry.name, full, isDir });
    }
    keyed.sort((a, b) => compareNames(a.key, b.key));
    for (const entry of keyed) {
        if (entry.isDir)
            yield* walkDirectory(entry.full);
        else
            yield entry.full;
    }
}
async function* globFiles(pattern, counters) {
    const glob = await Promise.all(/* import() */[__webpack_require__.e(921), __webpack_require__.e(659), __webpack_require__.e(324)]).then(__webpack_require__.bind(__webpack_require__, 43324));
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: true });
    // @actions/glob yields in traversal order; collect this one line's matches (paths only) to sort them.
    const matches = await globber.glob();
    matches.sort((a, b) => compareNames(toPosix(a), toPosix(b)));
    for (const match of matches) {
        // A FIFO or device would block or never end when opened: only regular files (or links to them) are read.
        const target = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(match).catch(() => undefined);
        if (target?.isFile())
            yield match;
        else
            counters.notRegularFiles++;
    }
}
/** Absolute paths of the files one `source` line names: a file, a directory (recursively) or a glob. */
async function* filesForLine(line, baseDir, counters) {
    const absolute = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(baseDir, line);
    const stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) {
        yield absolute;
    }
    else if (stat?.isDirectory()) {
        yield* walkDirectory(absolute);
    }
    else if (stat) {
        counters.notRegularFiles++;
    }
    else if (GLOB_CHARACTERS.test(line)) {
        // @actions/glob resolves relative patterns against process.cwd(); anchor them at the workspace instead.
        yield* globFiles(node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(line) ? line : node_path__WEBPACK_IMPORTED_MODULE_2__.join(baseDir, line), counters);
    }
}
/**
 * Lazily yields the files a `source` line names, as SourceObjects identified by device and inode (fileIdentity), so
 * a file named twice, or through a symlink or hard link, is read once. A line that turns out to match nothing is yielded
 * as a gap: named as not scanned, while every other line is still scanned.
 */
async function* localFileObjects(line, baseDir, counters, options = {}) {
    const nameFor = options.nameFor ?? ((p) => relativeName(baseDir, p));
    let matched = 0;
    for await (const file of filesForLine(line, baseDir, counters)) {
        matched++;
        counters.filesListed++;
        // One stat gives the identity (one call instead of a realpath and a stat: a trail synced to disk is thousands of
        // small files) and the size, which lets the scan keep small files on the main thread and weigh bytes in flight.
        const stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat(file, { bigint: true }).catch(() => undefined);
        const size = stat?.isFile() ? Number(stat.size) : undefined;
        yield {
            name: nameFor(file),
            identity: fileIdentity(stat) ?? (await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath(file).catch(() => file)),
            ...(size !== undefined ? { size } : {}),
            open: () => (size !== undefined && size <= _whole_body_js__WEBPACK_IMPORTED_MODULE_3__/* .WHOLE_READ_BYTES */ .l ? readSmallFile(file, size, counters) : openCountedFile(file, counters))
        };
    }
    if (matched === 0) {
        const notRegular = counters.notRegularFiles > 0 ? ` (${counters.notRegularFiles} match(es) are not regular files and were not read)` : '';
        yield { gap: true, name: line, error: (options.noMatchMessage ?? `no files match '${line}'`) + notRegular };
    }
}
/**
 * A file's device and inode, with its size and modification time (inode numbers are not unique on every file system:
 * overlays of layers on different devices, some FUSE mounts), or null where the file system gives no inode (0: some
 * network file systems and Windows volumes), where the real path is used instead.
 */
function fileIdentity(stat) {
    return stat === undefined || stat.ino === 0n ? null : `file ${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}
/**
 * A small file (a CloudTrail delivery is 5-15 KB) read in one call into a buffer of its listed size, then handed
 * on whole like a small S3 object: three file-system calls and no read stream. One byte more than the listed size
 * is asked for, so a file that grew since it was listed is streamed instead, all of it.
 */
async function readSmallFile(file, size, counters) {
    const handle = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open(file, 'r');
    let bytesRead;
    const buffer = Buffer.allocUnsafe(size + 1);
    try {
        ({ bytesRead } = await handle.read(buffer, 0, size + 1, 0));
    }
    finally {
        await handle.close();
    }
    if (bytesRead > size)
        return openCountedFile(file, counters);
    counters.filesRead++;
    counters.bytesRead += bytesRead;
    return (0,_whole_body_js__WEBPACK_IMPORTED_MODULE_3__/* .storedStream */ .E)({ bytes: buffer.subarray(0, bytesRead), owned: true });
}
function openCountedFile(file, counters) {
    return new Promise((resolve, reject) => {
        const stream = node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream(file, { highWaterMark: 256 * 1024 });
        stream.once('open', () => {
            counters.filesRead++;
            resolve(stream);
        });
        stream.once('error', reject);
        // fs streams know how many bytes they handed out; cheaper than counting chunks.
        stream.once('close', () => {
            counters.bytesRead += stream.bytesRead;
        });
    });
}
/** A file path, directory or glob, relative to the workspace. */
class LocalSource {
    line;
    workspace;
    counters = newLocalFileCounters();
    constructor(line, workspace) {
        this.line = line;
        this.workspace = workspace;
    }
    objects() {
        return localFileObjects(this.line, this.workspace, this.counters);
    }
    describe() {
        return {
            kind: 'local',
            location: this.line,
            details: { ...this.counters }
        };
    }
}


/***/ }),

/***/ 77991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ isSourceGap)
/* harmony export */ });
const isSourceGap = (item) => 'gap' in item && item.gap === true;


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
