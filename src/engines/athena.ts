/**
 * The Athena engine: StartQueryExecution (values as ExecutionParameters) → poll GetQueryExecution with backoff
 * until SUCCEEDED, FAILED or CANCELLED, or the query-timeout (then StopQueryExecution) → page GetQueryResults
 * (the first row of the first page is the header) → rows.ts. The SDK client is loaded only here, when used.
 */
import type { AthenaClient, AthenaClientConfig, QueryExecution } from '@aws-sdk/client-athena';
import { ConfigError } from '../errors.js';
import { proxyAgentFor } from '../proxy.js';
import { athenaLiteral, athenaQuery, quoteTable, RESULT_COLUMNS, type PartitionColumns } from './athena-sql.js';
import { costUsd, EngineError, pollOptions, pollUntilDone, type EngineDetails, type EngineQueryOptions, type EngineRun } from './lifecycle.js';
import { detectionFromRows, type EngineRow } from './rows.js';

/** `max-scan-bytes` is also checked against the workgroup's own cutoff (see workgroupCutoff). */
export interface AthenaEngineOptions extends EngineQueryOptions {
  table: string;
  workgroup?: string;
  outputLocation?: string;
  catalog?: string;
  /** Given by `athena-partition-columns`; otherwise read from GetTableMetadata, else the documented `timestamp`. */
  partitions?: PartitionColumns;
  /** Warnings for the summary. */
  warn?(message: string): void;
}

const IDLE_TIMEOUT_MS = 30_000;

/** An Athena client on the SDK's chain (credentials, region, AWS_ENDPOINT_URL_ATHENA), through the proxy if any. */
async function athenaClient(options: AthenaEngineOptions): Promise<AthenaClient> {
  const { AthenaClient } = await import('@aws-sdk/client-athena');
  const env = options.env ?? process.env;
  const config: AthenaClientConfig = {
    region: options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    endpoint: options.endpoint || undefined,
    retryMode: 'standard',
    maxAttempts: 5,
    requestHandler: { connectionTimeout: IDLE_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS }
  };
  const region = typeof config.region === 'string' && config.region ? config.region : 'us-east-1';
  config.region = region;
  const url = options.endpoint || env.AWS_ENDPOINT_URL_ATHENA || env.AWS_ENDPOINT_URL || `https://athena.${region}.amazonaws.com`;
  const agent = proxyAgentFor(url, { keepAlive: true, connectTimeoutMs: IDLE_TIMEOUT_MS });
  if (agent) config.requestHandler = { ...(config.requestHandler as object), [new URL(url).protocol === 'https:' ? 'httpsAgent' : 'httpAgent']: agent } as AthenaClientConfig['requestHandler'];
  return new AthenaClient(config);
}

/** Partition columns from the table's metadata: the documented layouts name them timestamp, account_id, region. */
async function detectPartitions(client: AthenaClient, options: AthenaEngineOptions): Promise<PartitionColumns> {
  const [database, table] = options.table.includes('.') ? options.table.split('.') : [undefined, options.table];
  if (!database) return { date: 'timestamp' };
  const { GetTableMetadataCommand } = await import('@aws-sdk/client-athena');
  try {
    const out = await client.send(new GetTableMetadataCommand({ CatalogName: options.catalog || 'AwsDataCatalog', DatabaseName: database, TableName: table }));
    const keys = (out.TableMetadata?.PartitionKeys ?? []).map((k) => (k.Name ?? '').toLowerCase());
    const date = ['timestamp', 'day', 'date', 'dt'].find((k) => keys.includes(k));
    if (!date) {
      throw new ConfigError(
        `Table ${options.table} has no day partition column the action knows (partition keys: ${keys.join(', ') || 'none'}); ` +
          "name it with 'athena-partition-columns' (e.g. date=timestamp,account=account_id,region=region): the action never scans a table unbounded."
      );
    }
    return {
      date,
      account: ['account_id', 'account', 'accountid'].find((k) => keys.includes(k)),
      region: keys.includes('region') ? 'region' : undefined
    };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
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
async function workgroupCutoff(client: AthenaClient, options: AthenaEngineOptions): Promise<number | undefined> {
  if (options.maxScanBytes <= 0) return undefined;
  const workgroup = options.workgroup || 'primary';
  const advice =
    `max-scan-bytes (${options.maxScanBytes}) is enforced by polling: a query is stopped once observed to scan more, possibly after it has. ` +
    `For a hard limit, set the per-query data usage control of workgroup '${workgroup}' (BytesScannedCutoffPerQuery) to at most that: Athena then cancels the query itself.`;
  try {
    const { GetWorkGroupCommand } = await import('@aws-sdk/client-athena');
    const out = await client.send(new GetWorkGroupCommand({ WorkGroup: workgroup }));
    const cutoff = out.WorkGroup?.Configuration?.BytesScannedCutoffPerQuery;
    if (cutoff === undefined || cutoff === null) options.warn?.(`${advice} (It has none.)`);
    else if (cutoff > options.maxScanBytes) options.warn?.(`${advice} (Its cutoff is ${cutoff} bytes.)`);
    return cutoff ?? undefined;
  } catch (error) {
    options.warn?.(`${advice} (Could not read the workgroup: ${error instanceof Error ? error.message : String(error)}.)`);
    return undefined;
  }
}

function consoleUrl(region: string, queryId: string): string {
  return `https://${region}.console.aws.amazon.com/athena/home?region=${region}#/query-editor/history/${encodeURIComponent(queryId)}`;
}

export async function runAthena(options: AthenaEngineOptions): Promise<EngineRun> {
  quoteTable(options.table); // validate before any request
  const client = await athenaClient(options);
  const sdk = await import('@aws-sdk/client-athena');
  try {
    const partitions = options.partitions ?? (await detectPartitions(client, options));
    const query = athenaQuery({ table: options.table, partitions, selection: options.selection, accounts: options.accounts, regions: options.regions });
    const cutoff = await workgroupCutoff(client, options);
    const region = await client.config.region();
    const started = await client.send(
      new sdk.StartQueryExecutionCommand({
        QueryString: query.sql,
        ExecutionParameters: query.params.length > 0 ? query.params.map(athenaLiteral) : undefined,
        WorkGroup: options.workgroup || undefined,
        QueryExecutionContext: { Catalog: options.catalog || undefined },
        ResultConfiguration: options.outputLocation ? { OutputLocation: options.outputLocation } : undefined
      })
    );
    const queryId = started.QueryExecutionId;
    if (!queryId) throw new EngineError('Athena StartQueryExecution returned no query id');
    const stop = async () => {
      await client.send(new sdk.StopQueryExecutionCommand({ QueryExecutionId: queryId }));
    };

    let last: QueryExecution | undefined;
    const { polls } = await pollUntilDone(
      queryId,
      pollOptions(options.queryTimeoutMs, options.env),
      async () => {
        const out = await client.send(new sdk.GetQueryExecutionCommand({ QueryExecutionId: queryId }));
        last = out.QueryExecution;
        const state = last?.Status?.State;
        const scanned = last?.Statistics?.DataScannedInBytes ?? 0;
        if (options.maxScanBytes > 0 && scanned > options.maxScanBytes) {
          if (state !== 'SUCCEEDED') await stop().catch(() => undefined);
          throw new EngineError(`query ${queryId} scanned ${scanned} bytes, more than max-scan-bytes (${options.maxScanBytes}); it was stopped`);
        }
        if (state === 'SUCCEEDED') return state;
        if (state === 'FAILED' || state === 'CANCELLED') {
          const reason = last?.Status?.StateChangeReason ?? last?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
          throw new EngineError(`Athena query ${queryId} ${state}: ${reason}`);
        }
        return undefined;
      },
      stop
    );

    const rows: EngineRow[] = [];
    let pages = 0;
    let header: string[] | undefined;
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: token, MaxResults: 1000 }));
      pages++;
      const names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
      let data = page.ResultSet?.Rows ?? [];
      if (header === undefined) {
        header = names.length > 0 ? names : (data[0]?.Data ?? []).map((d) => d.VarCharValue ?? '');
        data = data.slice(1); // the first row of the first page is the header
        const missing = RESULT_COLUMNS.filter((c) => !header!.includes(c));
        if (missing.length > 0) throw new EngineError(`Athena query ${queryId} returned no column ${missing.join(', ')}`);
      }
      for (const row of data) {
        const values = row.Data ?? [];
        rows.push(Object.fromEntries(header.map((name, i) => [name, values[i]?.VarCharValue ?? null])) as EngineRow);
      }
      token = page.NextToken;
    } while (token);

    const stats = last?.Statistics ?? {};
    const scanned = stats.DataScannedInBytes ?? 0;
    const details: EngineDetails = {
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
  } finally {
    client.destroy();
  }
}
