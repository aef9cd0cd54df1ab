/**
 * The one place where DuckDB is made to read the engine's Trino SQL, and the tables it reads: shaped like the
 * AWS-documented Athena CloudTrail table (struct `useridentity`, `requestparameters` as JSON text, `eventtime`
 * as text, partition `timestamp` as `yyyy/MM/dd`, plus `account_id`/`region` for organization trails) and like
 * a CloudTrail Lake event data store (`eventtime` a timestamp, `requestparameters` a map).
 *
 * The shim, in full:
 *   json_extract_scalar(j, p)   -> json_extract_string, NULL for objects and arrays (as Trino)
 *   regexp_like(s, p)           -> regexp_matches (both search, not full match)
 *   from_iso8601_timestamp(s)   -> CAST(s AS TIMESTAMPTZ)
 *   to_iso8601(t)               -> strftime(t, '%Y-%m-%dT%H:%M:%S.%gZ') (the session is UTC)
 *   try(x)                      -> try(x) (DuckDB has it too: NULL instead of an error)
 *   element_at(map, k)          -> map_extract_value (NULL for a missing key, as Trino) — text rewrite, Lake only
 *   FROM <event data store id>  -> FROM "<id>" — text rewrite, Lake only (DuckDB cannot read an unquoted uuid)
 * Everything else (lower, coalesce, nullif, length, regexp_extract, CASE, IN, GROUP BY) is the same SQL.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { decodeCloudTrail } from '../../src/decode/index.js';
import type { CloudTrailRecord } from '../../src/decode/types.js';

export const SHIM_MACROS = [
  `CREATE OR REPLACE MACRO json_extract_scalar(j, p) AS CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`,
  `CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p)`,
  `CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`,
  `CREATE OR REPLACE MACRO to_iso8601(t) AS strftime(t, '%Y-%m-%dT%H:%M:%S.%gZ')`
];

/** The text rewrites (Lake SQL only). */
export function lakeSqlForDuckDb(sql: string): string {
  return sql.replace(/\belement_at\(/g, 'map_extract_value(').replace(/\bFROM ([A-Za-z0-9-]+)\n/, 'FROM "$1"\n');
}

const STR = 'VARCHAR';
const IDENTITY =
  'STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, accesskeyid VARCHAR, username VARCHAR, ' +
  'sessioncontext STRUCT(sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR)))';

/** The documented table's columns this project reads, and a few more so the shape is realistic. */
const ATHENA_COLUMNS: Record<string, string> = {
  eventversion: STR,
  useridentity: IDENTITY,
  eventtime: STR,
  eventsource: STR,
  eventname: STR,
  awsregion: STR,
  sourceipaddress: STR,
  useragent: STR,
  errorcode: STR,
  errormessage: STR,
  requestparameters: STR,
  responseelements: STR,
  eventid: STR,
  eventtype: STR,
  recipientaccountid: STR,
  timestamp: STR,
  account_id: STR,
  region: STR
};

/** A string column as the JSON SerDe fills it: strings as written, numbers and booleans as text, else NULL. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function object(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A JSON-text column (requestparameters): the JSON as written, NULL when absent. */
const jsonText = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

function identityOf(value: unknown): Record<string, unknown> | null {
  const id = object(value);
  if (!id) return null;
  const issuer = object(object(id.sessionContext)?.sessionIssuer);
  return {
    type: text(id.type),
    principalid: text(id.principalId),
    arn: text(id.arn),
    accountid: text(id.accountId),
    invokedby: text(id.invokedBy),
    accesskeyid: text(id.accessKeyId),
    username: text(id.userName),
    sessioncontext: issuer
      ? { sessionissuer: { type: text(issuer.type), principalid: text(issuer.principalId), arn: text(issuer.arn), accountid: text(issuer.accountId), username: text(issuer.userName) } }
      : null
  };
}

/** `yyyy/MM/dd` of the event (CloudTrail delivers within minutes), or `fallbackDay` when it has no readable time. */
function dayOf(record: CloudTrailRecord, fallbackDay: string): string {
  const ms = typeof record.eventTime === 'string' ? Date.parse(record.eventTime) : NaN;
  return Number.isNaN(ms) ? fallbackDay : new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}

export function athenaRow(record: CloudTrailRecord, fallbackDay: string): Record<string, unknown> {
  return {
    eventversion: text(record.eventVersion),
    useridentity: identityOf(record.userIdentity),
    eventtime: text(record.eventTime),
    eventsource: text(record.eventSource),
    eventname: text(record.eventName),
    awsregion: text(record.awsRegion),
    sourceipaddress: text(record.sourceIPAddress),
    useragent: text(record.userAgent),
    errorcode: text(record.errorCode),
    errormessage: text(record.errorMessage),
    requestparameters: jsonText(record.requestParameters),
    responseelements: jsonText(record.responseElements),
    eventid: text(record.eventID),
    eventtype: text(record.eventType),
    recipientaccountid: text(record.recipientAccountId),
    timestamp: dayOf(record, fallbackDay),
    account_id: text(record.recipientAccountId) ?? '000000000000',
    region: text(record.awsRegion) ?? 'us-east-1'
  };
}

export async function shimmedConnection(): Promise<{ connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const macro of SHIM_MACROS) await connection.run(macro);
  await connection.run(`SET TimeZone = 'UTC'`);
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/** Loads rows (plain objects) into a table with the given column types, through a temporary NDJSON file. */
async function loadRows(connection: DuckDBConnection, table: string, columns: Record<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bds-duck-'));
  try {
    const file = path.join(dir, 'rows.ndjson');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const spec = Object.entries(columns)
      .map(([name, type]) => `'${name}': '${type}'`)
      .join(', ');
    const select = rows.length === 0 ? `SELECT * FROM read_json('${file}', columns = {${spec}}, format = 'newline_delimited') LIMIT 0` : `SELECT * FROM read_json('${file}', columns = {${spec}}, format = 'newline_delimited')`;
    await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${select}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The documented Athena table (organization layout: `timestamp`, `account_id`, `region`) holding `records`. */
export async function loadAthenaTable(connection: DuckDBConnection, table: string, records: CloudTrailRecord[], fallbackDay = '2026/11/26'): Promise<void> {
  if (table.includes('.')) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${table.split('.')[0]}`);
  await loadRows(connection, table, ATHENA_COLUMNS, records.map((r) => athenaRow(r, fallbackDay)));
}

/** A CloudTrail Lake event data store (`eventtime` TIMESTAMP, `requestparameters` MAP) holding `records`. */
export async function loadLakeTable(connection: DuckDBConnection, id: string, records: CloudTrailRecord[]): Promise<void> {
  const rows = records.map((r) => {
    const row = athenaRow(r, '2026/11/26');
    const ms = typeof r.eventTime === 'string' ? Date.parse(r.eventTime) : NaN;
    const params = object(r.requestParameters);
    return {
      ...row,
      eventtime: Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('T', ' ').replace('Z', ''),
      requestparameters: params
        ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : v === null ? null : JSON.stringify(v)]))
        : null
    };
  });
  const columns = { ...ATHENA_COLUMNS, eventtime: 'TIMESTAMP', requestparameters: 'MAP(VARCHAR, VARCHAR)' };
  await loadRows(connection, `"${id}"`, columns, rows);
}

/** Runs a query with `?` parameters bound as text, returning every row as strings (or null), as Athena does. */
export async function runQuery(connection: DuckDBConnection, sql: string, params: string[] = []): Promise<{ columns: string[]; rows: (string | null)[][] }> {
  const reader = await connection.runAndReadAll(sql, params.length > 0 ? params : undefined);
  const columns = reader.columnNames();
  const rows = reader.getRows().map((row) => row.map((v) => (v === null || v === undefined ? null : typeof v === 'object' ? String(v) : String(v))));
  return { columns, rows };
}

/** Every record of a file, through the project's decoder (any format it recognises). */
export async function decodeFile(file: string): Promise<CloudTrailRecord[]> {
  const records: CloudTrailRecord[] = [];
  await decodeCloudTrail(createReadStream(file), { prefilter: null, onRecord: (r) => records.push(r) });
  return records;
}
