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
import { ConfigError } from '../errors.js';
import { BEDROCK_RUNTIME_SOURCES, DENIED_ERROR_CODES, INVOKE_EVENT_NAMES } from '../detection/metadata.js';
import { MAX_TEXT_UNITS } from '../decode/cap-text.js';
import type { Selection } from '../detection/types.js';

const DAY_MS = 86_400_000;

/** `db.table` or `table`: letters, digits, underscores; nothing else ever reaches the SQL as an identifier. */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
export const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Which columns partition the table: the documented layouts use `timestamp` (yyyy/MM/dd), `account_id`, `region`. */
export interface PartitionColumns {
  date: string;
  account?: string;
  region?: string;
}

export interface AthenaQueryInput {
  table: string;
  partitions: PartitionColumns;
  selection: Selection;
  /** Only these account ids / regions (partition columns; refused when the table has none). */
  accounts?: string[];
  regions?: string[];
}

/** A query with `?` placeholders and their values, in order. */
export interface SqlQuery {
  sql: string;
  params: string[];
}

/** The Splunk by-fields, in the order the query returns them (after `kind`). */
export const RESULT_COLUMNS = [
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
] as const;

export function quoteIdentifier(name: string): string {
  if (!COLUMN_NAME.test(name)) throw new ConfigError(`'${name}' is not a valid column name (letters, digits and _ only).`);
  return `"${name}"`;
}

export function quoteTable(table: string): string {
  if (!TABLE_NAME.test(table)) {
    throw new ConfigError(`Input 'athena-table' must be table or database.table (letters, digits and _ only); got '${table}'.`);
  }
  return table
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}

/** An Athena ExecutionParameters value: a SQL string literal, quotes doubled. */
export function athenaLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `yyyy/MM/dd` of a UTC instant: the documented partition projection format. */
export function partitionDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}

/** The window the query is bounded by. Refuses an unbounded one: a CloudTrail table holds years. */
export function boundedWindow(selection: Selection): { since: number; until: number } {
  const { since, until } = selection;
  if (since === undefined || until === undefined) {
    throw new ConfigError('An engine query must be bounded: since and until are both needed (refusing to scan the whole table).');
  }
  return { since, until };
}

/** The expressions the query shares between dialects: how the table's columns are spelled. */
interface Dialect {
  /** requestParameters.<key> as text, or NULL. */
  requestParameter(key: string): string;
  /** The event time as a timestamp, or NULL when it can't be read. */
  eventTime: string;
  /** A timestamp from an instant (ISO 8601 UTC text) placed in the query. */
  instant(iso: string, params: string[]): string;
  /** A string value from an input placed in the query. */
  value(v: string, params: string[]): string;
}

const CAP_MARKER_RE = '…\\[truncated: [0-9]+ chars, sha256:[0-9a-f]{12}\\]$';

/** The shared query: `table` and `where` are already safe SQL. */
function detectionSql(d: Dialect, table: string, where: string[], selection: Selection, window: { since: number; until: number }, params: string[]): string {
  const list = (values: readonly string[]) => `(${[...new Set(values.map((v) => v.toLowerCase()))].map((v) => d.value(v, params)).join(', ')})`;
  // Parameters are positional: build the clauses in the order they appear in the SQL text.
  const parts: string[] = [];
  const selected = `lower(eventsource) IN ${list(selection.eventSources)} AND lower(eventname) IN ${list(selection.eventNames)} AND lower(errorcode) IN ${list(selection.errorCodes)}`;
  const bedrock = `bedrock.amazonaws.com`;
  const nearMiss =
    `lower(eventsource) IN ${list(BEDROCK_RUNTIME_SOURCES)} AND lower(errorcode) IN ${list(DENIED_ERROR_CODES)}` +
    ` AND (lower(eventsource) <> ${d.value(bedrock, params)} OR lower(eventname) IN ${list(INVOKE_EVENT_NAMES)})`;
  const inWindow = `t IS NOT NULL AND t >= ${d.instant(new Date(window.since).toISOString(), params)} AND t <= ${d.instant(new Date(window.until).toISOString(), params)}`;
  const arn = `coalesce(nullif(useridentity.arn, ''), nullif(${d.requestParameter('roleArn')}, ''))`;
  parts.push(
    `SELECT kind, src, "user", user_agent, vendor_account, dest, signature, vendor_region, "result", result_id, model_id,`,
    `  count(*) AS events, to_iso8601(min(t)) AS first_time, to_iso8601(max(t)) AS last_time`,
    `FROM (`,
    `  SELECT`,
    `    CASE WHEN sel AND inw THEN 'match' WHEN sel THEN 'outside' WHEN near AND inw THEN 'near' END AS kind,`,
    `    CASE WHEN sel AND inw THEN sourceipaddress END AS src,`,
    `    CASE WHEN sel AND inw THEN coalesce(nullif(useridentity.username, ''), nullif(useridentity.sessioncontext.sessionissuer.username, ''),`,
    `      CASE WHEN arn IS NULL THEN NULL WHEN length(arn) > ${MAX_TEXT_UNITS} OR regexp_like(arn, '${CAP_MARKER_RE}') THEN arn`,
    `        ELSE nullif(regexp_extract(arn, '[^:/]*$'), '') END) END AS "user",`,
    `    CASE WHEN sel AND inw THEN useragent END AS user_agent,`,
    `    CASE WHEN sel AND inw THEN coalesce(nullif(useridentity.accountid, ''), recipientaccountid) END AS vendor_account,`,
    `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN eventsource END AS dest,`,
    `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN eventname END AS signature,`,
    `    CASE WHEN sel AND inw THEN awsregion END AS vendor_region,`,
    `    CASE WHEN sel AND inw THEN errormessage END AS "result",`,
    `    CASE WHEN (sel AND inw) OR (NOT sel AND near AND inw) THEN errorcode END AS result_id,`,
    `    CASE WHEN sel AND inw THEN model_id END AS model_id,`,
    `    CASE WHEN sel AND inw THEN t END AS t`,
    `  FROM (`,
    `    SELECT *, coalesce(${selected}, false) AS sel, coalesce(${nearMiss}, false) AS near, coalesce(${inWindow}, false) AS inw`,
    `    FROM (`,
    `      SELECT sourceipaddress, useridentity, useragent, recipientaccountid, eventsource, eventname, awsregion, errormessage, errorcode,`,
    `        ${arn} AS arn, ${d.requestParameter('modelId')} AS model_id, ${d.eventTime} AS t`,
    `      FROM ${table}`,
    `      WHERE ${where.join(' AND ')}`,
    `    ) AS rows_in_window`,
    `  ) AS flagged`,
    `) AS classified`,
    `WHERE kind IS NOT NULL`,
    `GROUP BY kind, src, "user", user_agent, vendor_account, dest, signature, vendor_region, "result", result_id, model_id`
  );
  return parts.join('\n');
}

/** Reorders `?` parameters to match text order: built clause by clause, they must follow the SQL. */
function ordered(build: (params: string[]) => string): SqlQuery {
  // Each call site appends to `params` as it renders, but the rendering order of template pieces is not the
  // text order; so render with numbered placeholders first, then renumber in text order.
  const values: string[] = [];
  const sql = build(values);
  const params: string[] = [];
  const text = sql.replace(/\?(\d+)\?/g, (_, i: string) => {
    params.push(values[Number(i)]!);
    return '?';
  });
  return { sql: text, params };
}

const numbered = (value: string, params: string[]): string => {
  params.push(value);
  return `?${params.length - 1}?`;
};

/**
 * The partitions a query reads: day partitions `firstDay`..`lastDay` (yyyy/MM/dd, inclusive; one day past
 * `until`, for files delivered after midnight), and only these accounts / regions when given (empty: all).
 * The query's partition predicates are built from this, and so is the bench's bytes-scanned estimate.
 */
export interface PartitionPlan {
  firstDay: string;
  lastDay: string;
  days: number;
  accounts: string[];
  regions: string[];
}

export function partitionPlan(input: Pick<AthenaQueryInput, 'partitions' | 'selection' | 'accounts' | 'regions'>): PartitionPlan {
  const window = boundedWindow(input.selection);
  const accounts = input.accounts ?? [];
  const regions = input.regions ?? [];
  if (accounts.length > 0 && !input.partitions.account) {
    throw new ConfigError("Input 'accounts' needs an account partition column: set 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region).");
  }
  if (regions.length > 0 && !input.partitions.region) {
    throw new ConfigError("Input 'regions' needs a region partition column: set 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region).");
  }
  const first = Date.parse(partitionDay(window.since).replace(/\//g, '-'));
  const last = Date.parse(partitionDay(window.until + DAY_MS).replace(/\//g, '-'));
  return { firstDay: partitionDay(first), lastDay: partitionDay(last), days: Math.round((last - first) / DAY_MS) + 1, accounts, regions };
}

/** Athena over the documented CloudTrail table (eventtime a string, requestparameters JSON text). */
export function athenaQuery(input: AthenaQueryInput): SqlQuery {
  const window = boundedWindow(input.selection);
  const table = quoteTable(input.table);
  const plan = partitionPlan(input);
  const { accounts, regions } = plan;
  const dialect: Dialect = {
    requestParameter: (key) => `json_extract_scalar(requestparameters, '$.${key}')`,
    // ISO 8601 as CloudTrail writes it, or with a space and no zone as some exports do (read as UTC, as on a
    // runner, where TZ is UTC); anything else (or a date that does not exist) is an unreadable time.
    eventTime:
      `CASE WHEN regexp_like(eventtime, '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z?$')` +
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
    if (accounts.length > 0) where.push(`${quoteIdentifier(input.partitions.account!)} IN (${accounts.map((a) => numbered(a, params)).join(', ')})`);
    if (regions.length > 0) where.push(`${quoteIdentifier(input.partitions.region!)} IN (${regions.map((r) => numbered(r, params)).join(', ')})`);
    return detectionSql(dialect, table, where, input.selection, window, params);
  });
}

/** An event data store id or ARN, the only identifier CloudTrail Lake takes as a table. */
export const EVENT_DATA_STORE = /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?([A-Za-z0-9-]{1,128})$/;

/** CloudTrail Lake accepts no parameters: values must be plain, and are checked strictly before being quoted. */
const LAKE_VALUE = /^[A-Za-z0-9._:/@+=,-]{1,256}$/;

function lakeLiteral(value: string): string {
  if (!LAKE_VALUE.test(value)) {
    throw new ConfigError(`CloudTrail Lake takes no query parameters, so values are limited to letters, digits and ._:/@+=,-; refusing '${value}'.`);
  }
  return athenaLiteral(value);
}

/** The event data store's id from an id or an ARN. */
export function eventDataStoreId(input: string): string {
  const m = EVENT_DATA_STORE.exec(input.trim());
  if (!m) throw new ConfigError(`Input 'event-data-store' must be an event data store id or ARN; got '${input}'.`);
  return m[2]!;
}

/**
 * CloudTrail Lake: the table is the event data store id, eventTime a timestamp, requestParameters a map
 * (element_at gives NULL for a missing key), column names as CloudTrail spells them (case-insensitive).
 * No partitions: Lake prunes on eventTime, which the query always bounds.
 */
export function lakeQuery(input: { eventDataStore: string; selection: Selection; accounts?: string[]; regions?: string[] }): SqlQuery {
  const window = boundedWindow(input.selection);
  const id = eventDataStoreId(input.eventDataStore);
  const lakeInstant = (iso: string) => `'${iso.slice(0, 23).replace('T', ' ')}'`;
  const dialect: Dialect = {
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
  if (input.accounts?.length) where.push(`recipientaccountid IN (${input.accounts.map(lakeLiteral).join(', ')})`);
  if (input.regions?.length) where.push(`awsregion IN (${input.regions.map(lakeLiteral).join(', ')})`);
  const sql = detectionSql(dialect, id, where, input.selection, window, []);
  return { sql, params: [] };
}
