export const id = 200;
export const ids = [200];
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

/***/ 72200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
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
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/detection/suppressions-file.ts
/**
 * The `suppressions-file` input: a YAML file of owned, reasoned, expiring suppression rules, reviewed like code.
 *
 * ```yaml
 * suppressions:
 *   - match: { user: ci-deployer, src: 10.20.0.0/16 }   # all conditions must hold
 *     reason: deploy pipeline probes model access after each rollout
 *     owner: platform-team
 *     expires: 2027-03-31                               # optional: last day it suppresses
 * ```
 * Pure: parses text into rules (no I/O), so it is tested on strings. Every error names the file and line.
 */




const RULE_KEYS = ['match', 'reason', 'owner', 'expires'];
/** `field=value` as the inline `suppress` input writes it, quoting values with spaces or quotes. */
function conditionText(field, value) {
    return /[\s"\\]/.test(value) || value === '' ? `${field}="${value.replace(/["\\]/g, '\\$&')}"` : `${field}=${value}`;
}
/** The UTC day `YYYY-MM-DD` of `now`. */
const dayOf = (now) => now.toISOString().slice(0, 10);
/**
 * Parses a suppressions file. `name` is how errors and the report name it (the path as the input gave it);
 * `now` decides which rules have expired (a rule suppresses through its `expires` day, UTC).
 */
function parseSuppressionsFile(text, name, now) {
    const lines = new dist/* LineCounter */.HN();
    const fail = (offset, message) => {
        const line = offset === undefined ? 1 : lines.linePos(offset).line;
        throw new errors/* ConfigError */.x(`Input 'suppressions-file': ${name} line ${line}: ${message}`);
    };
    const at = (node) => {
        const n = node;
        return n?.range?.[0] ?? n?.key?.range?.[0];
    };
    // failsafe: every scalar is a string, so account ids keep their leading zeros and dates stay as written.
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) {
        const error = doc.errors[0];
        fail(error.pos[0], `not valid YAML: ${error.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    if (root === null || ((0,dist/* isScalar */.jn)(root) && (root.value === '' || root.value === null)))
        return [];
    if (!(0,dist/* isMap */.jh)(root))
        return fail(at(root), "expected a mapping with a 'suppressions' list");
    for (const pair of root.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
        if (key !== 'suppressions')
            fail(at(pair), `unknown key '${key}'; the file has one key, 'suppressions'`);
    }
    const list = root.get('suppressions', true);
    if (list === undefined || list === null || ((0,dist/* isScalar */.jn)(list) && (list.value === '' || list.value === null)))
        return [];
    if (!(0,dist/* isSeq */.oP)(list))
        return fail(at(list), "'suppressions' must be a list of rules");
    const today = dayOf(now);
    const rules = [];
    for (const item of list.items) {
        const start = at(item);
        if (!(0,dist/* isMap */.jh)(item))
            fail(start, 'each rule must be a mapping with match, reason and owner');
        const entry = item;
        const values = {};
        let match;
        for (const pair of entry.items) {
            const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
            if (!RULE_KEYS.includes(key))
                fail(at(pair), `unknown key '${key}' in a rule; use ${RULE_KEYS.join(', ')}`);
            if (key === 'match') {
                if (!(0,dist/* isMap */.jh)(pair.value))
                    fail(at(pair), "'match' must be a mapping of field: value");
                match = pair.value;
            }
            else {
                if (!(0,dist/* isScalar */.jn)(pair.value))
                    fail(at(pair), `'${key}' must be text`);
                values[key] = String(pair.value.value ?? '').trim();
            }
        }
        if (match === undefined || match.items.length === 0)
            fail(start, "a rule needs 'match' with at least one field");
        for (const key of ['reason', 'owner'])
            if (!values[key])
                fail(start, `a rule needs a non-empty '${key}'`);
        let expires = null;
        if (values.expires !== undefined && values.expires !== '') {
            expires = values.expires;
            const valid = /^\d{4}-\d{2}-\d{2}$/.test(expires) && new Date(`${expires}T00:00:00Z`).toISOString().slice(0, 10) === expires;
            if (!valid)
                fail(start, `'expires' must be a date YYYY-MM-DD, got '${expires}'`);
        }
        const conditions = [];
        const texts = [];
        for (const pair of match.items) {
            const field = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
            if (!suppress/* SUPPRESSIBLE_FIELDS */.cK.includes(field))
                fail(at(pair), `unknown field '${field}'; use one of ${suppress/* SUPPRESSIBLE_FIELDS */.cK.join(', ')}`);
            if (!(0,dist/* isScalar */.jn)(pair.value))
                fail(at(pair), `the value of '${field}' must be text`);
            const value = String(pair.value.value ?? '');
            if (field === 'deny_reason' && !value.includes('*') && !deny_reason/* DENY_REASONS */.dk.includes(value.toLowerCase())) {
                fail(at(pair), `unknown deny_reason '${value}'; use one of ${deny_reason/* DENY_REASONS */.dk.join(', ')}`);
            }
            try {
                conditions.push({ field: field, pattern: (0,suppress/* patternFor */.uG)(field, value) });
            }
            catch (error) {
                fail(at(pair), error.message);
            }
            texts.push(conditionText(field, value));
        }
        const line = start === undefined ? 1 : lines.linePos(start).line;
        rules.push({
            text: texts.join(' '),
            conditions,
            ownership: { reason: values.reason, owner: values.owner, expires, expired: expires !== null && expires < today, location: `${name}:${line}` }
        });
    }
    return rules;
}

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
/** S3 objects read at once when `concurrency` is not set: small objects behind S3's latency need many in flight. */
const DEFAULT_S3_CONCURRENCY = 64;
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
function readConfig(getInput, env = process.env, now = new Date()) {
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
    const fileRules = suppressionsFile ? parseSuppressionsFile(readInputFile('suppressions-file', external_node_path_.resolve(workspace, suppressionsFile), suppressionsFile), suppressionsFile, now) : [];
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
        workers: parseNonNegativeInt('workers', getInput('workers') || env.BEDROCK_DENIED_SCAN_WORKERS || '', (0,prestart/* defaultWorkers */.Vs)(), 1, prestart/* MAX_WORKERS */.bP),
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
    await core/* summary */.z.emptyBuffer().addRaw(text).write({ overwrite: true });
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
;// CONCATENATED MODULE: ./src/sources/local.ts



function newLocalFileCounters() {
    return { filesListed: 0, filesRead: 0, bytesRead: 0, notRegularFiles: 0 };
}
const GLOB_CHARACTERS = /[*?[]/;
/** Byte-order comparison; localeCompare would make the order depend on the runner's locale. */
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function toPosix(p) {
    return p.split(external_node_path_.sep).join('/');
}
/** Workspace-relative with `/`, or absolute when the file lies outside `baseDir`. */
function relativeName(baseDir, absolutePath) {
    const rel = external_node_path_.relative(baseDir, absolutePath);
    if (rel === '' || rel.startsWith('..') || external_node_path_.isAbsolute(rel))
        return toPosix(absolutePath);
    return toPosix(rel);
}
/**
 * Every file under `dir`, depth first, in byte order of their paths.
 * Directory entries sort as `name/` so `a/b` comes after `a-b` exactly as a sorted path list would have it.
 * Symbolic links to files are followed; links to directories are not (they can form cycles).
 */
async function* walkDirectory(dir) {
    const entries = await promises_.readdir(dir, { withFileTypes: true });
    const keyed = [];
    for (const entry of entries) {
        const full = external_node_path_.join(dir, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            const target = await promises_.stat(full).catch(() => undefined);
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
    const glob = await __webpack_require__.e(/* import() */ 324).then(__webpack_require__.bind(__webpack_require__, 43324));
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: true });
    // @actions/glob yields in traversal order; collect this one line's matches (paths only) to sort them.
    const matches = await globber.glob();
    matches.sort((a, b) => compareNames(toPosix(a), toPosix(b)));
    for (const match of matches) {
        // A FIFO or device would block or never end when opened: only regular files (or links to them) are read.
        const target = await promises_.stat(match).catch(() => undefined);
        if (target?.isFile())
            yield match;
        else
            counters.notRegularFiles++;
    }
}
/** Absolute paths of the files one `source` line names: a file, a directory (recursively) or a glob. */
async function* filesForLine(line, baseDir, counters) {
    const absolute = external_node_path_.resolve(baseDir, line);
    const stat = await promises_.stat(absolute).catch(() => undefined);
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
        yield* globFiles(external_node_path_.isAbsolute(line) ? line : external_node_path_.join(baseDir, line), counters);
    }
}
/**
 * Lazily yields the files a `source` line names, as SourceObjects identified by their real path (so a file
 * named twice, or through a symlink, is read once). A line that turns out to match nothing is yielded as a
 * gap: named as not scanned, while every other line is still scanned.
 */
async function* localFileObjects(line, baseDir, counters, options = {}) {
    const nameFor = options.nameFor ?? ((p) => relativeName(baseDir, p));
    let matched = 0;
    for await (const file of filesForLine(line, baseDir, counters)) {
        matched++;
        counters.filesListed++;
        // The size lets the scan keep small files on the main thread and weigh bytes in flight (scan.ts).
        const [identity, stat] = await Promise.all([promises_.realpath(file).catch(() => file), promises_.stat(file).catch(() => undefined)]);
        yield {
            name: nameFor(file),
            identity,
            ...(stat?.isFile() ? { size: stat.size } : {}),
            open: () => openCountedFile(file, counters)
        };
    }
    if (matched === 0) {
        const notRegular = counters.notRegularFiles > 0 ? ` (${counters.notRegularFiles} match(es) are not regular files and were not read)` : '';
        yield { gap: true, name: line, error: (options.noMatchMessage ?? `no files match '${line}'`) + notRegular };
    }
}
function openCountedFile(file, counters) {
    return new Promise((resolve, reject) => {
        const stream = external_node_fs_.createReadStream(file, { highWaterMark: 256 * 1024 });
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

;// CONCATENATED MODULE: ./src/sources/artifact.ts





/** `artifact:NAME`: a workflow artifact, downloaded to a temp dir and read as local files. */
class ArtifactSource {
    line;
    options;
    artifactName;
    findBy;
    counters = newLocalFileCounters();
    downloadPath;
    artifactId;
    artifactBytes;
    constructor(line, options = {}) {
        this.line = line;
        this.options = options;
        this.artifactName = line.slice('artifact:'.length).trim();
        if (!this.artifactName)
            throw new errors/* ConfigError */.x(`Input 'source': '${line}' names no artifact; use artifact:NAME`);
        this.findBy = this.resolveFindBy();
    }
    /** Another run (or repository) is read through the public API, which needs a run id and a token. */
    resolveFindBy() {
        const env = this.options.env ?? process.env;
        const runId = (this.options.runId ?? '').trim();
        const repository = (this.options.repository ?? '').trim();
        if (!runId) {
            if (repository) {
                throw new errors/* ConfigError */.x(`Input 'artifact-run-id' is required when 'artifact-repository' is set (reading '${this.line}')`);
            }
            return undefined;
        }
        if (!/^\d+$/.test(runId))
            throw new errors/* ConfigError */.x(`Input 'artifact-run-id' must be a workflow run id (a number), got '${runId}'`);
        const ownerAndName = repository || env.GITHUB_REPOSITORY || '';
        const match = /^([^/\s]+)\/([^/\s]+)$/.exec(ownerAndName);
        if (!match) {
            throw new errors/* ConfigError */.x(repository
                ? `Input 'artifact-repository' must be owner/name, got '${repository}'`
                : `Input 'artifact-repository' is required (owner/name) when GITHUB_REPOSITORY is not set`);
        }
        const token = (this.options.token ?? '').trim();
        if (!token) {
            throw new errors/* ConfigError */.x(`Input 'github-token' is required to download '${this.line}' from run ${runId} (it needs actions:read)`);
        }
        return { token, workflowRunId: Number(runId), repositoryOwner: match[1], repositoryName: match[2] };
    }
    objects() {
        return this.generateObjects();
    }
    async *generateObjects() {
        const dir = await this.download();
        yield* localFileObjects('.', dir, this.counters, {
            nameFor: (file) => `artifact:${this.artifactName}/${relativeName(dir, file)}`,
            noMatchMessage: `artifact '${this.artifactName}' contains no files`
        });
    }
    async download() {
        const env = this.options.env ?? process.env;
        const client = this.options.client ?? new (await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(656)]).then(__webpack_require__.bind(__webpack_require__, 56656))).DefaultArtifactClient();
        const base = this.options.tempDir ?? env.RUNNER_TEMP ?? external_node_os_.tmpdir();
        await promises_.mkdir(base, { recursive: true });
        const dir = await promises_.mkdtemp(external_node_path_.join(base, 'bedrock-denied-scan-artifact-'));
        const where = this.findBy
            ? `run ${this.findBy.workflowRunId} of ${this.findBy.repositoryOwner}/${this.findBy.repositoryName}`
            : 'this workflow run';
        let found;
        try {
            found = await client.getArtifact(this.artifactName, this.findBy ? { findBy: this.findBy } : undefined);
        }
        catch (err) {
            throw this.translate(err, where);
        }
        this.artifactId = found.artifact.id;
        this.artifactBytes = found.artifact.size;
        let result;
        try {
            result = await client.downloadArtifact(found.artifact.id, {
                path: dir,
                expectedHash: found.artifact.digest,
                ...(this.findBy ? { findBy: this.findBy } : {})
            });
        }
        catch (err) {
            throw this.translate(err, where);
        }
        if (result.digestMismatch) {
            throw new Error(`${this.line}: the downloaded artifact does not match its recorded digest ${found.artifact.digest ?? ''}`);
        }
        this.downloadPath = result.downloadPath ?? dir;
        return this.downloadPath;
    }
    translate(err, where) {
        const name = err?.name ?? '';
        const message = err?.message ?? String(err);
        if (name === 'ArtifactNotFoundError') {
            return new errors/* ConfigError */.x(`Input 'source': artifact '${this.artifactName}' was not found in ${where} (expired, or never uploaded?)`);
        }
        if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)) {
            return new errors/* ConfigError */.x(`Input 'source': '${this.line}' from the current run needs the Actions runtime, available only inside a workflow job; ` +
                `set 'artifact-run-id' and 'github-token' to read another run's artifact`);
        }
        if (/\b(401|403)\b|Bad credentials|Resource not accessible/i.test(message)) {
            return new errors/* ConfigError */.x(`Input 'github-token': cannot read artifacts of ${where}; the token needs actions:read (${message})`);
        }
        return new Error(`${this.line}: ${message}`, { cause: err });
    }
    describe() {
        return {
            kind: 'artifact',
            location: this.line,
            details: {
                artifact: this.artifactName,
                artifactId: this.artifactId ?? null,
                artifactBytes: this.artifactBytes ?? null,
                runId: this.findBy?.workflowRunId ?? null,
                repository: this.findBy ? `${this.findBy.repositoryOwner}/${this.findBy.repositoryName}` : null,
                downloadPath: this.downloadPath ?? null,
                ...this.counters
            }
        };
    }
}

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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./src/sources/byte-counter.ts

/**
 * Passes `stream` through unchanged, calling `onBytes` for every chunk.
 * A Transform rather than a 'data' listener on the source, which would switch it to flowing mode before the reader attaches.
 * Errors on the source reach the reader through pipeline(), which destroys the returned stream with them.
 */
function countBytes(stream, onBytes) {
    const counter = new external_node_stream_.Transform({
        highWaterMark: 64 * 1024,
        transform(chunk, _encoding, callback) {
            onBytes(chunk.length);
            callback(null, chunk);
        }
    });
    (0,external_node_stream_.pipeline)(stream, counter, () => {
        // Errors are already forwarded to `counter` by pipeline(); nothing else to do.
    });
    return counter;
}

// EXTERNAL MODULE: ./src/proxy.ts
var proxy = __webpack_require__(28903);
;// CONCATENATED MODULE: ./src/sources/idle.ts

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
        throw new errors/* ConfigError */.x(`${IDLE_TIMEOUT_ENV}: '${raw}' is not a positive number of milliseconds`);
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

;// CONCATENATED MODULE: ./src/sources/https.ts








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
        throw new errors/* ConfigError */.x(`Input '${inputName}': '${redactUrl(raw)}' is not a valid URL`);
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:' && isLoopback(url))
        return url;
    if (url.protocol === 'http:') {
        throw new errors/* ConfigError */.x(`Input '${inputName}': '${redactUrl(raw)}' uses plain http://, which is insecure; use https://`);
    }
    throw new errors/* ConfigError */.x(`Input '${inputName}': unsupported URL scheme in '${redactUrl(raw)}'`);
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
        this.identity = `url-sha256:${(0,external_node_crypto_.createHash)('sha256').update(this.url.toString()).digest('hex')}`;
    }
    get timeoutMs() {
        return this.options.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
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
                return countBytes(external_node_stream_.Readable.from(this.guardedBody(response), { objectMode: false }), (n) => {
                    this.bytesRead += n;
                });
            }
            catch (err) {
                if (err instanceof RetryableStatus || isConnectionError(err)) {
                    lastProblem = err.message;
                    continue;
                }
                if (err instanceof proxy/* ProxyError */.T6)
                    throw new Error(`${this.name}: ${err.message}`, { cause: err });
                throw err;
            }
        }
        throw new Error(`${this.name}: download failed after ${maxAttempts} attempts: ${lastProblem}${this.note(lastProblem)}`);
    }
    /** ` (through proxy …)` for the latest request, unless `message` already names the proxy. */
    note(message = '') {
        return /\bthe proxy\b/.test(message) ? '' : (0,proxy/* proxyNote */.d1)(this.lastUrl);
    }
    /** The proxy (redacted) the URL's requests went through, if any. */
    agentProxy() {
        const agent = this.agents.get(`${this.url.protocol}//${this.url.host}`);
        return agent?.proxy ? (0,proxy/* redactProxy */.YP)(agent.proxy) : undefined;
    }
    agentFor(url) {
        const origin = `${url.protocol}//${url.host}`;
        if (!this.agents.has(origin))
            this.agents.set(origin, (0,proxy/* proxyAgentFor */.H2)(url, { connectTimeoutMs: this.timeoutMs }));
        return this.agents.get(origin);
    }
    /** The response body, failing with a named error when it gives no bytes for the idle timeout. */
    async *guardedBody(response) {
        let received = 0;
        try {
            for await (const chunk of idleGuard(response, this.timeoutMs)) {
                received += chunk.length;
                yield chunk;
            }
        }
        catch (err) {
            const problem = isTimeout(err) ? `no data for ${this.timeoutMs} ms` : err.message;
            throw new Error(`${this.name}: the download broke off after ${received} bytes: ${problem}${this.note(problem)}`, { cause: err });
        }
        finally {
            response.destroy();
        }
    }
    /** Resolves with a 2xx response whose body has not been read yet. */
    get(url, redirects) {
        const client = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
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
const cloudtrail_layout_DAY_MS = 24 * 60 * 60 * 1000;
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
    const first = Math.floor(since / cloudtrail_layout_DAY_MS) * cloudtrail_layout_DAY_MS;
    const last = Math.floor(until / cloudtrail_layout_DAY_MS) * cloudtrail_layout_DAY_MS + cloudtrail_layout_DAY_MS;
    for (let day = first; day <= last; day += cloudtrail_layout_DAY_MS)
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

;// CONCATENATED MODULE: ./src/sources/whole-body.ts

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
        return external_node_stream_.Readable.from((async function* () {
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
    return new external_node_stream_.Readable({
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

;// CONCATENATED MODULE: ./src/sources/s3.ts









/** Ranged GETs that resume a broken-off object body. */
const MAX_RESUMES = 3;
/**
 * Objects read at once from S3 unless `concurrency` is set. CloudTrail delivers a 5-15 KB file every few minutes
 * per account and region, so a window is thousands of small objects, each waiting S3's time to first byte (tens
 * of ms): 8 at a time leaves the scan waiting on the network. Memory stays bounded because the scan also caps the
 * compressed bytes in flight (scan.ts), so big objects are still read about 8 at a time.
 */
const S3_READ_CONCURRENCY = 64;
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
function errorName(err) {
    const e = err;
    return e?.name || e?.Code || 'Error';
}
/** `Code: message`, with timeouts worded the same whichever layer noticed them. */
function describeFailure(err, idleTimeoutMs) {
    if (isTimeout(err))
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
    bytesRead = 0;
    retries = 0;
    resumes = 0;
    prefixesNotListed = 0;
    warnings = [];
    /** The proxy requests go through (redacted), when one does. */
    proxy;
    /** ` (through proxy …)` (or why not) for network errors. */
    proxyNoteText = '';
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
        return this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
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
        for await (const listed of readAheadInOrder(this.listingGroups(), width)) {
            if (isGap(listed)) {
                yield listed;
                continue;
            }
            const name = `s3://${this.bucket}/${listed.key}`;
            const { key, size } = listed;
            if (size !== undefined && size <= WHOLE_READ_BYTES) {
                // CloudTrail's 5-15 KB files: read whole, then decoded in one go (whole-body.ts).
                yield { name, size, identity: name, open: () => this.readWhole(key).then(storedStream) };
                continue;
            }
            yield { name, size, identity: name, open: () => this.open(key) };
        }
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
        const env = this.options.env ?? process.env;
        const endpoint = this.options.endpoint || undefined;
        const customEndpoint = endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
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
            // Nothing may hang: no connection within the idle timeout, or no bytes for that long on an open socket
            // (waiting for headers or mid-body), fails the attempt; the SDK retries it within maxAttempts.
            requestHandler: { connectionTimeout: this.idleTimeoutMs, socketTimeout: this.idleTimeoutMs },
            ...this.options.clientConfig
        };
        const region = this.options.region || (await this.resolveRegion(base, S3Client));
        // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, decided as @actions/http-client decides for the endpoint's URL: the
        // custom endpoint, else the bucket's regional virtual-hosted URL.
        const endpointUrl = this.endpointUrl(customEndpoint, region);
        // One kept-alive connection per request in flight (GETs and listings), so requests never queue for a socket
        // behind the SDK's default of 50, and connections are reused from object to object.
        const maxSockets = this.readConcurrency + this.listConcurrency;
        const proxyAgent = endpointUrl ? (0,proxy/* proxyAgentFor */.H2)(endpointUrl, { keepAlive: true, maxSockets, connectTimeoutMs: this.idleTimeoutMs }) : undefined;
        if (proxyAgent)
            this.proxy = (0,proxy/* redactProxy */.YP)(proxyAgent.proxy);
        if (endpointUrl)
            this.proxyNoteText = (0,proxy/* proxyNote */.d1)(endpointUrl);
        const handler = (base.requestHandler ?? {});
        // Only an options object can take agents; a handler instance passed in clientConfig is used as it is.
        if (endpointUrl && handler.constructor === Object) {
            const https = new URL(endpointUrl).protocol === 'https:';
            const { Agent } = https ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
            const agent = proxyAgent ?? new Agent({ keepAlive: true, maxSockets });
            base.requestHandler = { ...handler, [https ? 'httpsAgent' : 'httpAgent']: agent };
        }
        return new S3Client({ ...base, region });
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
    async *listPages(prefix, delimiter) {
        const client = await this.client();
        const { ListObjectsV2Command } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(711)]).then(__webpack_require__.t.bind(__webpack_require__, 53711, 19));
        let continuationToken;
        do {
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
            continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (continuationToken);
    }
    /**
     * A prefix whose listing failed after the SDK's retries (5xx, throttling, timeouts): named as not scanned while
     * the rest of the source is read. Errors that make the whole source unusable (missing bucket, credentials,
     * access denied) are ConfigErrors and are rethrown instead.
     */
    listingGap(prefix, err, what) {
        if (err instanceof errors/* ConfigError */.x)
            throw err;
        const cause = err?.cause ?? err;
        const attempts = cause?.$metadata?.attempts;
        this.prefixesNotListed++;
        return {
            gap: true,
            name: `s3://${this.bucket}/${prefix}`,
            error: `listing failed${attempts ? ` after ${attempts} attempts` : ''} (${describeFailure(cause, this.idleTimeoutMs)}); ${what}`
        };
    }
    /** Names of the immediate sub-folders of `prefix` (which ends with '/'), then a gap if the listing broke off. */
    async *childFolders(prefix) {
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
            yield this.listingGap(prefix, err, `the folders below it were not scanned${before}`);
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
        (this.options.warn ?? ((m) => core/* warning */.$e(m, { title: 'bedrock-denied-scan: S3 layout not recognised' })))(message);
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
    /** Day folders (`.../<region>/YYYY/MM/DD/`) that can hold events in the window, and folders that could not be listed. */
    async *dayPrefixes(position) {
        const fixed = position.dateParts.join('/');
        const { since } = this.window;
        const until = this.window.until ?? Date.now();
        for await (const accountFolder of this.accountFolders(position)) {
            if (isGap(accountFolder)) {
                yield accountFolder;
                continue;
            }
            for await (const regionFolder of this.regionFolders(accountFolder, position)) {
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
    }
    // ---- reading ----
    /** One GetObject: the whole object, or from `offset` on when resuming (only if it still has `etag`). */
    async getObject(key, resume) {
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
    /** A small object's bytes, read whole (resumes and all), and the failure that cut the read short, if any. */
    async readWhole(key) {
        const first = await this.getObject(key);
        this.objectsRead++;
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
        return failure === undefined ? { bytes } : { bytes, failure };
    }
    async open(key) {
        const first = await this.getObject(key);
        this.objectsRead++;
        const body = external_node_stream_.Readable.from(this.resumingBody(key, first), { objectMode: false });
        return countBytes(body, (n) => {
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
                for await (const chunk of idleGuard(current.body, this.idleTimeoutMs)) {
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
function createSources(config, window, deps = {}) {
    const exclusions = (config.exclude ?? []).map((pattern) => new ExclusionPattern(pattern, config.workspace));
    const sources = config.sources.map((line) => sourceFor(line, config, window, deps));
    return exclusions.length > 0 ? sources.map((source) => new ExcludingSource(source, exclusions)) : sources;
}
function sourceFor(line, config, window, deps) {
    if (isS3Source(line)) {
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
            idleTimeoutMs: deps.idleTimeoutMs ?? idleTimeoutFromEnv(deps.env ?? process.env),
            warn: deps.warn
        });
    }
    if (/^https?:\/\//i.test(line)) {
        return new HttpsSource(line, {
            retryDelaysMs: deps.httpRetryDelaysMs,
            timeoutMs: deps.idleTimeoutMs ?? idleTimeoutFromEnv(deps.env ?? process.env)
        });
    }
    if (/^artifact:/i.test(line)) {
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
    return new LocalSource(line, config.workspace);
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
        const config = readConfig((name) => core/* getInput */.V4(name));
        const selection = selectionOf(config);
        for (const warning of expiredSuppressionWarnings(config.suppress))
            core/* warning */.$e(warning, { title: 'bedrock-denied-scan: suppression expired' });
        await assertWritable(config.reportPath, 'report-path', 'the report');
        if (config.updateBaseline && config.baseline)
            await assertWritable(config.baseline.path, 'baseline', 'the baseline');
        let detection;
        let totals;
        let sourceDescriptions;
        if (config.engine !== 'runner') {
            // Loaded only now: the Athena and CloudTrail clients are not paid for by runner-engine scans.
            const engines = await __webpack_require__.e(/* import() */ 695).then(__webpack_require__.bind(__webpack_require__, 55695));
            const scanned = await engines.runEngine(config, selection, (message) => core/* warning */.$e(message));
            ({ detection, totals } = scanned);
            sourceDescriptions = scanned.sources;
        }
        else {
            const sources = createSources(config, { since: selection.since, until: selection.until });
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
                core/* warning */.$e(written.failure, { title: 'bedrock-denied-scan: baseline not written' });
            }
            else {
                report.baseline.updated = written.updated;
                core/* info */.pq(written.message);
            }
        }
        await writeReport(config.reportPath, report);
        hooks.reported?.(report, config.reportPath);
        await writeJobSummary((0,summary/* renderSummary */.Br)(report, config.reportPath));
        summaryWritten = true;
        for (const [name, value] of Object.entries(stepOutputs(report, config.reportPath)))
            core/* setOutput */.uH(name, value);
        for (const failure of report.scan.filesFailed.slice(0, MAX_FILE_ANNOTATIONS)) {
            core/* warning */.$e(`Could not scan ${logSafe(failure.file, 300)}: ${logSafe(failure.error, 500)}`, { title: 'bedrock-denied-scan: file not scanned' });
        }
        core/* info */.pq(renderLog(report));
        // Loaded only now: the GitHub client (Octokit) is most of the bundle's start-up cost.
        const { publishVerdict } = await __webpack_require__.e(/* import() */ 196).then(__webpack_require__.bind(__webpack_require__, 75196));
        const published = await publishVerdict(config, report);
        if (Object.keys(published.outputs).length > 0) {
            await writeReport(config.reportPath, report); // now with the links the publish stage added
            await writeJobSummary((0,summary/* renderSummary */.Br)(report, config.reportPath));
            for (const [name, value] of Object.entries(published.outputs))
                core/* setOutput */.uH(name, value);
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
            core/* setFailed */.C1(verdict.message);
        process.exitCode = verdict.exitCode;
        return verdict.exitCode;
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = error instanceof errors/* ConfigError */.x ? 'configuration' : error instanceof errors/* EngineError */.N ? 'query' : 'internal';
        const failure = kind === 'internal' ? `bedrock-denied-scan failed: ${message}` : message;
        core/* setFailed */.C1(failure);
        if (kind === 'internal' && error instanceof Error && error.stack)
            core/* debug */.Yz(error.stack);
        if (!summaryWritten)
            await writeJobSummary(renderStoppedSummary(failure, kind)).catch(() => undefined);
        process.exitCode = EXIT_INCOMPLETE;
        return EXIT_INCOMPLETE;
    }
}


/***/ }),

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
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44942);
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




/** The proxy `@actions/http-client` would send a request for `url` through, or undefined (none set, or bypassed). */
function proxyFor(url) {
    let href;
    try {
        href = (0,_actions_http_client__WEBPACK_IMPORTED_MODULE_3__/* .getProxyUrl */ .s_)(String(url));
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

// UNUSED EXPORTS: BYTES_IN_FLIGHT, MAIN_THREAD_OBJECT_BYTES

// EXTERNAL MODULE: ./src/decode/index.ts + 8 modules
var decode = __webpack_require__(57010);
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
            job.resolve({ result: message.result, error: message.error, counted: message.counted, parsed: message.parsed, partial: message.partial });
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
    /** Index of the least busy thread: -1 for the main thread (preferred on ties), else a worker lane. */
    pick() {
        let best = -1;
        let load = this.mainActive;
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
        const id = this.nextId++;
        let resolveOutcome;
        const outcome = new Promise((resolve) => (resolveOutcome = resolve));
        const job = { inflight: 0, finished: false, wake: null, resolve: resolveOutcome };
        lane.jobs.set(id, job);
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
    /** Stops every worker thread, the pre-started ones no lane took included. */
    async close() {
        await Promise.all([...this.lanes.map((lane) => (lane === null || lane.dead ? undefined : lane.worker.terminate())), (0,prestart/* stopPrestartedWorkers */.Wj)()]);
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
 * OBJECT_WEIGHT_CAP; one of unknown size counts the cap). With many objects in flight (S3 reads 64 at a time) this
 * keeps big objects to about 8 at once, as a local scan reads them, while small ones fill every slot.
 */
const BYTES_IN_FLIGHT = 16 * 1024 * 1024;
const OBJECT_WEIGHT_CAP = 2 * 1024 * 1024;
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
        // partial coming back) as to decode itself, so it stays on the main thread.
        const small = object.size !== undefined && object.size < MAIN_THREAD_OBJECT_BYTES;
        const lane = pool === null || small ? -1 : pool.pick();
        if (pool === null)
            return scanInProcess(object);
        if (lane < 0)
            return pool.onMain(() => scanInProcess(object));
        const outcome = await pool.onWorker(lane, () => object.open());
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
            await budget.acquire(weight);
            try {
                await scanOne(item);
            }
            finally {
                budget.release(weight);
            }
        }
    };
    // A source may ask for more objects at once than `concurrency` (S3, unless `concurrency` was set).
    const width = Math.max(1, options.concurrency, ...sources.map((source) => source.readConcurrency ?? 0));
    const budget = new ByteBudget(Math.max(BYTES_IN_FLIGHT, OBJECT_WEIGHT_CAP));
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

/***/ 77991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ isSourceGap)
/* harmony export */ });
const isSourceGap = (item) => 'gap' in item && item.gap === true;


/***/ })

};
