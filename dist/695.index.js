export const id = 695;
export const ids = [695];
export const modules = {

/***/ 55695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEngine: () => (/* binding */ runEngine)
});

// EXTERNAL MODULE: ./src/scan.ts + 2 modules
var scan = __webpack_require__(52130);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/proxy.ts
var proxy = __webpack_require__(28903);
// EXTERNAL MODULE: ./src/detection/metadata.ts
var metadata = __webpack_require__(48010);
// EXTERNAL MODULE: ./src/decode/cap-text.ts
var cap_text = __webpack_require__(32508);
;// CONCATENATED MODULE: ./src/engines/athena-sql.ts
/**
 * The detection as one SQL query, for Amazon Athena (Trino) over the AWS-documented CloudTrail table and for
 * CloudTrail Lake. The query does the selection, the CIM field mapping and the grouping; suppression, the
 * parity drop, capping long values and folding into Splunk rows stay in TypeScript (rows.ts), so they are the
 * very code the runner engine uses.
 *
 * One scan, one GROUP BY: every row the query reads gets a `kind`:
 *   - `match`:   selected and inside the window, grouped by the ten Splunk fields plus modelId
 *                (count, min/max event time), so `suppress` rules on modelId stay exact;
 *   - `outside`: selected but outside the window (within the scanned partitions);
 *   - `near`:    a denied Bedrock invoke call the selection leaves out, grouped by eventSource, eventName,
 *                errorCode (in the dest, signature, result_id columns).
 *
 * Portable subset (Trino and, through the test shim, DuckDB): lower, coalesce, nullif, length, CASE, IN,
 * regexp_extract, regexp_like, json_extract_scalar, from_iso8601_timestamp, to_iso8601, try, replace, concat,
 * LIKE, min, max, count.
 * Values from inputs are `?` parameters (Athena ExecutionParameters); identifiers are validated and quoted.
 */



const DAY_MS = 86_400_000;
/** `db.table` or `table`: letters, digits, underscores; nothing else ever reaches the SQL as an identifier. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The Splunk by-fields, in the order the query returns them (after `kind`). */
const RESULT_COLUMNS = [
    'kind',
    'src',
    'user',
    'user_agent',
    'vendor_account',
    'dest',
    'signature',
    'vendor_region',
    'result',
    'result_id',
    'model_id',
    'events',
    'first_time',
    'last_time'
];
function quoteIdentifier(name) {
    if (!COLUMN_NAME.test(name))
        throw new errors/* ConfigError */.x(`'${name}' is not a valid column name (letters, digits and _ only).`);
    return `"${name}"`;
}
function quoteTable(table) {
    if (!TABLE_NAME.test(table)) {
        throw new errors/* ConfigError */.x(`Input 'athena-table' must be table or database.table (letters, digits and _ only); got '${table}'.`);
    }
    return table
        .split('.')
        .map((part) => `"${part}"`)
        .join('.');
}
/** An Athena ExecutionParameters value: a SQL string literal, quotes doubled. */
function athenaLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/** `yyyy/MM/dd` of a UTC instant: the documented partition projection format. */
function partitionDay(ms) {
    return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}
/** The window the query is bounded by. Refuses an unbounded one: a CloudTrail table holds years. */
function boundedWindow(selection) {
    const { since, until } = selection;
    if (since === undefined || until === undefined) {
        throw new errors/* ConfigError */.x('An engine query must be bounded: since and until are both needed (refusing to scan the whole table).');
    }
    return { since, until };
}
const CAP_MARKER_RE = '…\\[truncated: [0-9]+ chars, sha256:[0-9a-f]{12}\\]$';
/** The shared query: `table` and `where` are already safe SQL. */
function detectionSql(d, table, where, selection, window, params) {
    const list = (values) => `(${[...new Set(values.map((v) => v.toLowerCase()))].map((v) => d.value(v, params)).join(', ')})`;
    // Parameters are positional: build the clauses in the order they appear in the SQL text.
    const parts = [];
    const selected = `lower(eventsource) IN ${list(selection.eventSources)} AND lower(eventname) IN ${list(selection.eventNames)} AND lower(errorcode) IN ${list(selection.errorCodes)}`;
    const bedrock = `bedrock.amazonaws.com`;
    const nearMiss = `lower(eventsource) IN ${list(metadata/* BEDROCK_RUNTIME_SOURCES */.hr)} AND lower(errorcode) IN ${list(metadata/* DENIED_ERROR_CODES */.qR)}` +
        ` AND (lower(eventsource) <> ${d.value(bedrock, params)} OR lower(eventname) IN ${list(metadata/* INVOKE_EVENT_NAMES */.lE)})`;
    const inWindow = `t IS NOT NULL AND t >= ${d.instant(new Date(window.since).toISOString(), params)} AND t <= ${d.instant(new Date(window.until).toISOString(), params)}`;
    const arn = `coalesce(nullif(useridentity.arn, ''), nullif(${d.requestParameter('roleArn')}, ''))`;
    parts.push(`SELECT kind, src, "user", user_agent, vendor_account, dest, signature, vendor_region, "result", result_id, model_id,`, `  count(*) AS events, to_iso8601(min(t)) AS first_time, to_iso8601(max(t)) AS last_time`, `FROM (`, `  SELECT`, `    CASE WHEN sel AND inw THEN 'match' WHEN sel THEN 'outside' WHEN near AND inw THEN 'near' END AS kind,`, `    CASE WHEN sel AND inw THEN sourceipaddress END AS src,`, `    CASE WHEN sel AND inw THEN coalesce(nullif(useridentity.username, ''), nullif(useridentity.sessioncontext.sessionissuer.username, ''),`, `      CASE WHEN arn IS NULL THEN NULL WHEN length(arn) > ${cap_text/* MAX_TEXT_UNITS */.rn} OR regexp_like(arn, '${CAP_MARKER_RE}') THEN arn`, `        ELSE nullif(regexp_extract(arn, '[^:/]*$'), '') END) END AS "user",`, `    CASE WHEN sel AND inw THEN useragent END AS user_agent,`, `    CASE WHEN sel AND inw THEN coalesce(nullif(useridentity.accountid, ''), recipientaccountid) END AS vendor_account,`, `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN eventsource END AS dest,`, `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN eventname END AS signature,`, `    CASE WHEN sel AND inw THEN awsregion END AS vendor_region,`, `    CASE WHEN sel AND inw THEN errormessage END AS "result",`, `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN errorcode END AS result_id,`, `    CASE WHEN sel AND inw THEN model_id END AS model_id,`, `    CASE WHEN sel AND inw THEN t END AS t`, `  FROM (`, `    SELECT *, coalesce(${selected}, false) AS sel, coalesce(${nearMiss}, false) AS near, coalesce(${inWindow}, false) AS inw`, `    FROM (`, `      SELECT sourceipaddress, useridentity, useragent, recipientaccountid, eventsource, eventname, awsregion, errormessage, errorcode,`, `        ${arn} AS arn, ${d.requestParameter('modelId')} AS model_id, ${d.eventTime} AS t`, `      FROM ${table}`, `      WHERE ${where.join(' AND ')}`, `    ) AS rows_in_window`, `  ) AS flagged`, `) AS classified`, `WHERE kind IS NOT NULL`, `GROUP BY kind, src, "user", user_agent, vendor_account, dest, signature, vendor_region, "result", result_id, model_id`);
    return parts.join('\n');
}
/** Reorders `?` parameters to match text order: built clause by clause, they must follow the SQL. */
function ordered(build) {
    // Each call site appends to `params` as it renders, but the rendering order of template pieces is not the
    // text order; so render with numbered placeholders first, then renumber in text order.
    const values = [];
    const sql = build(values);
    const params = [];
    const text = sql.replace(/\?(\d+)\?/g, (_, i) => {
        params.push(values[Number(i)]);
        return '?';
    });
    return { sql: text, params };
}
const numbered = (value, params) => {
    params.push(value);
    return `?${params.length - 1}?`;
};
function partitionPlan(input) {
    const window = boundedWindow(input.selection);
    const accounts = input.accounts ?? [];
    const regions = input.regions ?? [];
    if (accounts.length > 0 && !input.partitions.account) {
        throw new errors/* ConfigError */.x("Input 'accounts' needs an account partition column: set 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region).");
    }
    if (regions.length > 0 && !input.partitions.region) {
        throw new errors/* ConfigError */.x("Input 'regions' needs a region partition column: set 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region).");
    }
    const first = Date.parse(partitionDay(window.since).replace(/\//g, '-'));
    const last = Date.parse(partitionDay(window.until + DAY_MS).replace(/\//g, '-'));
    return { firstDay: partitionDay(first), lastDay: partitionDay(last), days: Math.round((last - first) / DAY_MS) + 1, accounts, regions };
}
/** Athena over the documented CloudTrail table (eventtime a string, requestparameters JSON text). */
function athenaQuery(input) {
    const window = boundedWindow(input.selection);
    const table = quoteTable(input.table);
    const plan = partitionPlan(input);
    const { accounts, regions } = plan;
    const dialect = {
        requestParameter: (key) => `json_extract_scalar(requestparameters, '$.${key}')`,
        // ISO 8601 as CloudTrail writes it, or with a space and no zone as some exports do (read as UTC, as on a
        // runner, where TZ is UTC); anything else (or a date that does not exist) is an unreadable time.
        eventTime: `CASE WHEN regexp_like(eventtime, '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z?$')` +
            ` THEN try(from_iso8601_timestamp(concat(replace(eventtime, ' ', 'T'), CASE WHEN eventtime LIKE '%Z' THEN '' ELSE 'Z' END))) END`,
        instant: (iso, params) => `from_iso8601_timestamp(${numbered(iso, params)})`,
        value: numbered
    };
    return ordered((params) => {
        // Files arrive up to ~15 minutes after their events: one day past `until`, as the S3 source lists.
        const where = [
            `${quoteIdentifier(input.partitions.date)} >= ${numbered(plan.firstDay, params)}`,
            `${quoteIdentifier(input.partitions.date)} <= ${numbered(plan.lastDay, params)}`
        ];
        if (accounts.length > 0)
            where.push(`${quoteIdentifier(input.partitions.account)} IN (${accounts.map((a) => numbered(a, params)).join(', ')})`);
        if (regions.length > 0)
            where.push(`${quoteIdentifier(input.partitions.region)} IN (${regions.map((r) => numbered(r, params)).join(', ')})`);
        return detectionSql(dialect, table, where, input.selection, window, params);
    });
}
/** An event data store id or ARN, the only identifier CloudTrail Lake takes as a table. */
const EVENT_DATA_STORE = /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?([A-Za-z0-9-]{1,128})$/;
/** CloudTrail Lake accepts no parameters: values must be plain, and are checked strictly before being quoted. */
const LAKE_VALUE = /^[A-Za-z0-9._:/@+=,-]{1,256}$/;
function lakeLiteral(value) {
    if (!LAKE_VALUE.test(value)) {
        throw new errors/* ConfigError */.x(`CloudTrail Lake takes no query parameters, so values are limited to letters, digits and ._:/@+=,-; refusing '${value}'.`);
    }
    return athenaLiteral(value);
}
/** The event data store's id from an id or an ARN. */
function eventDataStoreId(input) {
    const m = EVENT_DATA_STORE.exec(input.trim());
    if (!m)
        throw new errors/* ConfigError */.x(`Input 'event-data-store' must be an event data store id or ARN; got '${input}'.`);
    return m[2];
}
/**
 * CloudTrail Lake: the table is the event data store id, eventTime a timestamp, requestParameters a map
 * (element_at gives NULL for a missing key), column names as CloudTrail spells them (case-insensitive).
 * No partitions: Lake prunes on eventTime, which the query always bounds.
 */
function lakeQuery(input) {
    const window = boundedWindow(input.selection);
    const id = eventDataStoreId(input.eventDataStore);
    const lakeInstant = (iso) => `'${iso.slice(0, 23).replace('T', ' ')}'`;
    const dialect = {
        requestParameter: (key) => `element_at(requestparameters, '${key}')`,
        eventTime: 'eventtime',
        instant: (iso) => `timestamp ${lakeInstant(iso)}`,
        value: (v) => lakeLiteral(v)
    };
    const where = [
        `eventtime >= timestamp ${lakeInstant(new Date(window.since).toISOString())}`,
        // Lake has no delivery lag to allow for: it indexes by event time.
        `eventtime <= timestamp ${lakeInstant(new Date(window.until).toISOString())}`
    ];
    if (input.accounts?.length)
        where.push(`recipientaccountid IN (${input.accounts.map(lakeLiteral).join(', ')})`);
    if (input.regions?.length)
        where.push(`awsregion IN (${input.regions.map(lakeLiteral).join(', ')})`);
    const sql = detectionSql(dialect, id, where, input.selection, window, []);
    return { sql, params: [] };
}

;// CONCATENATED MODULE: ./src/engines/lifecycle.ts

/** Athena's list price: $5 per TB scanned (10 MB minimum per query). CloudTrail Lake's Lake query price is the same. */
const USD_PER_TB = 5;
const TB = 1024 ** 4;
const MIN_BILLED = 10 * 1024 ** 2;
function costUsd(bytesScanned) {
    return Math.round((Math.max(bytesScanned, bytesScanned > 0 ? MIN_BILLED : 0) / TB) * USD_PER_TB * 1e6) / 1e6;
}

/** Poll intervals (overridable for tests: BEDROCK_DENIED_SCAN_ENGINE_POLL_MS). */
function pollOptions(timeoutMs, env = process.env) {
    const first = Number(env.BEDROCK_DENIED_SCAN_ENGINE_POLL_MS);
    const pollMs = Number.isFinite(first) && first > 0 ? first : 500;
    return { pollMs, maxPollMs: Math.max(pollMs, 5000), timeoutMs };
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Polls `status` until it says done (returns a value) or the deadline passes (then `stop` is called and the
 * error names the query). `status` returns undefined while the query is queued or running.
 */
async function pollUntilDone(queryId, options, status, stop) {
    const deadline = Date.now() + options.timeoutMs;
    let wait = options.pollMs;
    for (let polls = 1;; polls++) {
        const value = await status();
        if (value !== undefined)
            return { value, polls };
        if (Date.now() + wait > deadline) {
            await stop().catch(() => undefined);
            throw new errors/* EngineError */.N(`query ${queryId} did not finish within ${Math.round(options.timeoutMs / 1000)} s (query-timeout); it was stopped`);
        }
        await sleep(wait);
        wait = Math.min(options.maxPollMs, Math.ceil(wait * 1.5));
    }
}

// EXTERNAL MODULE: ./src/detection/denied-invocations.ts
var denied_invocations = __webpack_require__(28750);
// EXTERNAL MODULE: ./src/detection/deny-reason.ts
var deny_reason = __webpack_require__(50902);
// EXTERNAL MODULE: ./src/detection/fields.ts
var detection_fields = __webpack_require__(89994);
// EXTERNAL MODULE: ./src/detection/suppress.ts
var suppress = __webpack_require__(83968);
;// CONCATENATED MODULE: ./src/engines/rows.ts
/**
 * From the engine query's rows (athena-sql.ts) to the same DetectionResult the runner engine produces.
 * Everything past the SQL is the runner's own code: values are capped with capText, `suppress` rules are
 * applied per (group, modelId) with matchingRule, the parity drop follows, and the rows are folded into Splunk
 * rows by DeniedInvocations.merge (count sum, min firstTime, max lastTime, distinct sorted modelIds, the
 * report's order). Near-miss reasons come from the detector's own wording.
 */





const BY_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id'];
const capped = (value) => (value === null ? null : (0,cap_text/* capText */.yA)(value));
/** An ISO 8601 instant as to_iso8601 gives it (Lake's timestamps have no zone: they are UTC), in ms. */
function millis(value) {
    if (value === null || value === '')
        return null;
    const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
    if (Number.isNaN(ms))
        throw new Error(`the engine returned a time that is not ISO 8601: '${value}'`);
    return ms;
}
function count(value) {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0)
        throw new Error(`the engine returned a count that is not a whole number: '${String(value)}'`);
    return n;
}
/** Folds the query's rows into the detection's result, exactly as the runner engine would have counted them. */
function detectionFromRows(rows, selection) {
    const rules = selection.suppress ?? [];
    // No per-user context (recon, credentials): the query brings back only the denied calls' rows.
    const partial = { matched: 0, droppedByParity: 0, outsideWindow: 0, suppressed: rules.map(() => 0), groups: [], nearMisses: [], fingerprints: [], users: [] };
    const fingerprints = new Map();
    // Near-miss wording (reason, the input that would include them) is the detector's: ask a window-less one.
    const wording = new denied_invocations/* DeniedInvocations */.r9({ ...selection, since: undefined, until: undefined, suppress: [] });
    const nearMissOf = (row) => {
        const probe = new denied_invocations/* DeniedInvocations */.r9(wording.selection);
        probe.observe({ eventSource: row.dest, eventName: row.signature, errorCode: row.result_id });
        return probe.partial().nearMisses[0];
    };
    for (const row of rows) {
        const events = count(row.events);
        if (row.kind === 'outside') {
            partial.outsideWindow += events;
            continue;
        }
        if (row.kind === 'near') {
            const near = nearMissOf(row);
            if (near === undefined)
                throw new Error(`the engine returned a near miss the detection does not recognise: ${JSON.stringify([row.dest, row.signature, row.result_id])}`);
            partial.nearMisses.push({ ...near, count: events });
            continue;
        }
        if (row.kind !== 'match')
            throw new Error(`the engine returned a row of unknown kind '${String(row.kind)}'`);
        const fields = {
            src: capped(row.src),
            user: capped(row.user),
            user_agent: capped(row.user_agent),
            vendor_account: capped(row.vendor_account),
            vendor_product: detection_fields/* VENDOR_PRODUCT */.ZD,
            dest: capped(row.dest),
            signature: capped(row.signature),
            vendor_region: capped(row.vendor_region),
            result: capped(row.result),
            result_id: capped(row.result_id)
        };
        const modelId = capped(row.model_id);
        if (rules.length > 0) {
            const rule = (0,suppress/* matchingRule */.wn)(rules, fields, modelId);
            if (rule) {
                partial.suppressed[rules.indexOf(rule)] += events;
                continue;
            }
        }
        if (selection.splunkParity && BY_FIELDS.some((f) => fields[f] === null)) {
            partial.droppedByParity += events;
            continue;
        }
        partial.matched += events;
        // The rows are grouped by the ten fields and the model, so the baseline's fingerprints are exact too.
        const fingerprint = (0,denied_invocations/* fingerprintKey */.SV)({ user: fields.user, vendor_account: fields.vendor_account, src: fields.src, modelId, deny_reason: (0,deny_reason/* denyReasonOf */.YG)(fields.result) });
        fingerprints.set(fingerprint, (fingerprints.get(fingerprint) ?? 0) + events);
        partial.groups.push({
            fields,
            count: events,
            first: millis(row.first_time),
            last: millis(row.last_time),
            modelIds: modelId === null ? [] : [modelId]
        });
    }
    partial.fingerprints = [...fingerprints];
    const detector = new denied_invocations/* DeniedInvocations */.r9(selection);
    detector.merge(partial);
    return withoutRunnerOnlyFields(detector.result());
}
/**
 * What only the runner engine computes: per-user context (recon calls, credentials, successful invokes) needs
 * every Bedrock record, not the denied calls' aggregates, and denials per hour need every event's time, while the
 * query groups by the ten fields and the model. An engine leaves them out (README) rather than report them empty.
 */
const RUNNER_ONLY_FIELDS = ['userContext', 'deniedPerHour'];
function withoutRunnerOnlyFields(result) {
    const copy = { ...result };
    for (const field of RUNNER_ONLY_FIELDS)
        delete copy[field];
    return copy;
}

;// CONCATENATED MODULE: ./src/engines/athena.ts





const IDLE_TIMEOUT_MS = 30_000;
/** An Athena client on the SDK's chain (credentials, region, AWS_ENDPOINT_URL_ATHENA), through the proxy if any. */
async function athenaClient(options) {
    const { AthenaClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(204)]).then(__webpack_require__.t.bind(__webpack_require__, 32204, 19));
    const env = options.env ?? process.env;
    const config = {
        region: options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
        endpoint: options.endpoint || undefined,
        retryMode: 'standard',
        maxAttempts: 5,
        requestHandler: { connectionTimeout: IDLE_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS }
    };
    const region = typeof config.region === 'string' && config.region ? config.region : 'us-east-1';
    config.region = region;
    const url = options.endpoint || env.AWS_ENDPOINT_URL_ATHENA || env.AWS_ENDPOINT_URL || `https://athena.${region}.amazonaws.com`;
    const agent = (0,proxy/* proxyAgentFor */.H2)(url, { keepAlive: true, connectTimeoutMs: IDLE_TIMEOUT_MS });
    if (agent)
        config.requestHandler = { ...config.requestHandler, [new URL(url).protocol === 'https:' ? 'httpsAgent' : 'httpAgent']: agent };
    return new AthenaClient(config);
}
/** Partition columns from the table's metadata: the documented layouts name them timestamp, account_id, region. */
async function detectPartitions(client, options) {
    const [database, table] = options.table.includes('.') ? options.table.split('.') : [undefined, options.table];
    if (!database)
        return { date: 'timestamp' };
    const { GetTableMetadataCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(204)]).then(__webpack_require__.t.bind(__webpack_require__, 32204, 19));
    try {
        const out = await client.send(new GetTableMetadataCommand({ CatalogName: options.catalog || 'AwsDataCatalog', DatabaseName: database, TableName: table }));
        const keys = (out.TableMetadata?.PartitionKeys ?? []).map((k) => (k.Name ?? '').toLowerCase());
        const date = ['timestamp', 'day', 'date', 'dt'].find((k) => keys.includes(k));
        if (!date) {
            throw new errors/* ConfigError */.x(`Table ${options.table} has no day partition column the action knows (partition keys: ${keys.join(', ') || 'none'}); ` +
                "name it with 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region): the action never scans a table unbounded.");
        }
        return {
            date,
            account: ['account_id', 'account', 'accountid'].find((k) => keys.includes(k)),
            region: keys.includes('region') ? 'region' : undefined
        };
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.x)
            throw error;
        options.warn?.(`Could not read the metadata of ${options.table} (${error instanceof Error ? error.message : String(error)}); assuming the documented partition column "timestamp".`);
        return { date: 'timestamp' };
    }
}
/**
 * What bounds the bytes a query may scan, checked before it starts (only when max-scan-bytes is set).
 *
 * Athena gives no byte estimate before a query runs: EXPLAIN is free but plans without reading the data (its
 * cost estimates need table statistics the CloudTrail table does not have), EXPLAIN ANALYZE runs the query and is
 * billed. An estimate from partitions x bytes per partition needs the bytes, i.e. listing the log bucket under every
 * partition, which is the runner engine's work. So max-scan-bytes is enforced here only by polling: the query is
 * stopped once observed above it, which can be after it has scanned more (one poll interval, up to 5 s, of
 * scanning). The hard, pre-emptive limit is the workgroup's per-query data usage control
 * (BytesScannedCutoffPerQuery), which Athena enforces itself by cancelling the query: read it and say which applies.
 */
async function workgroupCutoff(client, options) {
    if (options.maxScanBytes <= 0)
        return undefined;
    const workgroup = options.workgroup || 'primary';
    const advice = `max-scan-bytes (${options.maxScanBytes}) is enforced by polling: a query is stopped once observed to scan more, possibly after it has. ` +
        `For a hard limit, set the per-query data usage control of workgroup '${workgroup}' (BytesScannedCutoffPerQuery) to at most that: Athena then cancels the query itself.`;
    try {
        const { GetWorkGroupCommand } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(204)]).then(__webpack_require__.t.bind(__webpack_require__, 32204, 19));
        const out = await client.send(new GetWorkGroupCommand({ WorkGroup: workgroup }));
        const cutoff = out.WorkGroup?.Configuration?.BytesScannedCutoffPerQuery;
        if (cutoff === undefined || cutoff === null)
            options.warn?.(`${advice} (It has none.)`);
        else if (cutoff > options.maxScanBytes)
            options.warn?.(`${advice} (Its cutoff is ${cutoff} bytes.)`);
        return cutoff ?? undefined;
    }
    catch (error) {
        options.warn?.(`${advice} (Could not read the workgroup: ${error instanceof Error ? error.message : String(error)}.)`);
        return undefined;
    }
}
function consoleUrl(region, queryId) {
    return `https://${region}.console.aws.amazon.com/athena/home?region=${region}#/query-editor/history/${encodeURIComponent(queryId)}`;
}
async function runAthena(options) {
    quoteTable(options.table); // validate before any request
    const client = await athenaClient(options);
    const sdk = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(204)]).then(__webpack_require__.t.bind(__webpack_require__, 32204, 19));
    try {
        const partitions = options.partitions ?? (await detectPartitions(client, options));
        const query = athenaQuery({ table: options.table, partitions, selection: options.selection, accounts: options.accounts, regions: options.regions });
        const cutoff = await workgroupCutoff(client, options);
        const region = await client.config.region();
        const started = await client.send(new sdk.StartQueryExecutionCommand({
            QueryString: query.sql,
            ExecutionParameters: query.params.length > 0 ? query.params.map(athenaLiteral) : undefined,
            WorkGroup: options.workgroup || undefined,
            QueryExecutionContext: { Catalog: options.catalog || undefined },
            ResultConfiguration: options.outputLocation ? { OutputLocation: options.outputLocation } : undefined
        }));
        const queryId = started.QueryExecutionId;
        if (!queryId)
            throw new errors/* EngineError */.N('Athena StartQueryExecution returned no query id');
        const stop = async () => {
            await client.send(new sdk.StopQueryExecutionCommand({ QueryExecutionId: queryId }));
        };
        let last;
        const { polls } = await pollUntilDone(queryId, pollOptions(options.queryTimeoutMs, options.env), async () => {
            const out = await client.send(new sdk.GetQueryExecutionCommand({ QueryExecutionId: queryId }));
            last = out.QueryExecution;
            const state = last?.Status?.State;
            const scanned = last?.Statistics?.DataScannedInBytes ?? 0;
            if (options.maxScanBytes > 0 && scanned > options.maxScanBytes) {
                if (state !== 'SUCCEEDED')
                    await stop().catch(() => undefined);
                throw new errors/* EngineError */.N(`query ${queryId} scanned ${scanned} bytes, more than max-scan-bytes (${options.maxScanBytes}); it was stopped`);
            }
            if (state === 'SUCCEEDED')
                return state;
            if (state === 'FAILED' || state === 'CANCELLED') {
                const reason = last?.Status?.StateChangeReason ?? last?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
                throw new errors/* EngineError */.N(`Athena query ${queryId} ${state}: ${reason}`);
            }
            return undefined;
        }, stop);
        const rows = [];
        let pages = 0;
        let header;
        let token;
        do {
            const page = await client.send(new sdk.GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: token, MaxResults: 1000 }));
            pages++;
            const names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
            let data = page.ResultSet?.Rows ?? [];
            if (header === undefined) {
                header = names.length > 0 ? names : (data[0]?.Data ?? []).map((d) => d.VarCharValue ?? '');
                data = data.slice(1); // the first row of the first page is the header
                const missing = RESULT_COLUMNS.filter((c) => !header.includes(c));
                if (missing.length > 0)
                    throw new errors/* EngineError */.N(`Athena query ${queryId} returned no column ${missing.join(', ')}`);
            }
            for (const row of data) {
                const values = row.Data ?? [];
                rows.push(Object.fromEntries(header.map((name, i) => [name, values[i]?.VarCharValue ?? null])));
            }
            token = page.NextToken;
        } while (token);
        const stats = last?.Statistics ?? {};
        const scanned = stats.DataScannedInBytes ?? 0;
        const details = {
            engine: 'athena',
            queryId,
            consoleUrl: consoleUrl(region, queryId),
            state: last?.Status?.State ?? 'SUCCEEDED',
            workgroup: options.workgroup || last?.WorkGroup || 'primary',
            table: options.table,
            partitions,
            ...(cutoff !== undefined ? { workgroupCutoffBytes: cutoff } : {}),
            region,
            dataScannedBytes: scanned,
            engineTimeMs: stats.EngineExecutionTimeInMillis ?? 0,
            totalTimeMs: stats.TotalExecutionTimeInMillis ?? 0,
            costUsd: costUsd(scanned),
            polls,
            resultPages: pages,
            resultRows: rows.length
        };
        return { detection: detectionFromRows(rows, options.selection), source: { kind: 'athena', location: options.table, details } };
    }
    finally {
        client.destroy();
    }
}

;// CONCATENATED MODULE: ./src/engines/cloudtrail-lake.ts




const cloudtrail_lake_IDLE_TIMEOUT_MS = 30_000;
async function lakeClient(options) {
    const { CloudTrailClient } = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(392)]).then(__webpack_require__.t.bind(__webpack_require__, 57392, 19));
    const env = options.env ?? process.env;
    const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    const config = {
        region,
        endpoint: options.endpoint || undefined,
        retryMode: 'standard',
        maxAttempts: 5,
        requestHandler: { connectionTimeout: cloudtrail_lake_IDLE_TIMEOUT_MS, socketTimeout: cloudtrail_lake_IDLE_TIMEOUT_MS }
    };
    const url = options.endpoint || env.AWS_ENDPOINT_URL_CLOUDTRAIL || env.AWS_ENDPOINT_URL || `https://cloudtrail.${region}.amazonaws.com`;
    const agent = (0,proxy/* proxyAgentFor */.H2)(url, { keepAlive: true, connectTimeoutMs: cloudtrail_lake_IDLE_TIMEOUT_MS });
    if (agent)
        config.requestHandler = { ...config.requestHandler, [new URL(url).protocol === 'https:' ? 'httpsAgent' : 'httpAgent']: agent };
    return new CloudTrailClient(config);
}
async function runLake(options) {
    const query = lakeQuery({ eventDataStore: options.eventDataStore, selection: options.selection, accounts: options.accounts, regions: options.regions });
    const client = await lakeClient(options);
    const sdk = await Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(392)]).then(__webpack_require__.t.bind(__webpack_require__, 57392, 19));
    try {
        const region = await client.config.region();
        const started = await client.send(new sdk.StartQueryCommand({ QueryStatement: query.sql }));
        const queryId = started.QueryId;
        if (!queryId)
            throw new errors/* EngineError */.N('CloudTrail Lake StartQuery returned no query id');
        const eventDataStore = eventDataStoreId(options.eventDataStore);
        const stop = async () => {
            await client.send(new sdk.CancelQueryCommand({ QueryId: queryId, EventDataStore: eventDataStore }));
        };
        let last;
        const { polls } = await pollUntilDone(queryId, pollOptions(options.queryTimeoutMs, options.env), async () => {
            last = await client.send(new sdk.DescribeQueryCommand({ QueryId: queryId, EventDataStore: eventDataStore }));
            const state = last.QueryStatus;
            const scanned = last.QueryStatistics?.BytesScanned ?? 0;
            if (options.maxScanBytes > 0 && scanned > options.maxScanBytes) {
                if (state !== 'FINISHED')
                    await stop().catch(() => undefined);
                throw new errors/* EngineError */.N(`query ${queryId} scanned ${scanned} bytes, more than max-scan-bytes (${options.maxScanBytes}); it was stopped`);
            }
            if (state === 'FINISHED')
                return state;
            if (state === 'FAILED' || state === 'CANCELLED' || state === 'TIMED_OUT') {
                throw new errors/* EngineError */.N(`CloudTrail Lake query ${queryId} ${state}: ${last.ErrorMessage ?? 'no reason given'}`);
            }
            return undefined;
        }, stop);
        const rows = [];
        let pages = 0;
        let token;
        do {
            const page = await client.send(new sdk.GetQueryResultsCommand({ QueryId: queryId, EventDataStore: eventDataStore, NextToken: token, MaxQueryResults: 1000 }));
            pages++;
            for (const cells of page.QueryResultRows ?? []) {
                const row = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, null]));
                for (const cell of cells)
                    for (const [k, v] of Object.entries(cell))
                        if (k in row)
                            row[k] = v ?? null;
                rows.push(row);
            }
            token = page.NextToken;
        } while (token);
        const stats = last?.QueryStatistics ?? {};
        const scanned = stats.BytesScanned ?? 0;
        const details = {
            engine: 'cloudtrail-lake',
            queryId,
            consoleUrl: `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/lake/query`,
            state: last?.QueryStatus ?? 'FINISHED',
            eventDataStore,
            region,
            dataScannedBytes: scanned,
            engineTimeMs: stats.ExecutionTimeInMillis ?? 0,
            totalTimeMs: stats.ExecutionTimeInMillis ?? 0,
            costUsd: costUsd(scanned),
            polls,
            resultPages: pages,
            resultRows: rows.length
        };
        return { detection: detectionFromRows(rows, options.selection), source: { kind: 'cloudtrail-lake', location: eventDataStore, details } };
    }
    finally {
        client.destroy();
    }
}

;// CONCATENATED MODULE: ./src/engines/index.ts



async function runEngine(config, selection, warn = () => undefined) {
    const common = {
        selection,
        accounts: config.accounts,
        regions: config.regions,
        region: config.awsRegion || undefined,
        queryTimeoutMs: config.queryTimeoutMs,
        maxScanBytes: config.maxScanBytes
    };
    let run;
    if (config.engine === 'athena') {
        run = await runAthena({
            ...common,
            table: config.athenaTable,
            workgroup: config.athenaWorkgroup,
            outputLocation: config.athenaOutputLocation,
            partitions: config.athenaPartitionColumns,
            endpoint: config.athenaEndpoint,
            warn
        });
    }
    else {
        run = await runLake({ ...common, eventDataStore: config.eventDataStore, endpoint: config.cloudtrailEndpoint });
    }
    const details = run.source.details;
    const totals = (0,scan/* emptyScanTotals */.MJ)();
    // What the engine read, in the report's terms: bytes scanned (compressed, as billed); files and records are the engine's business.
    totals.bytes = details.dataScannedBytes;
    return { detection: run.detection, sources: [run.source], totals };
}


/***/ }),

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
