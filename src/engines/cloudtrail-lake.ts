/**
 * The CloudTrail Lake engine: StartQuery → poll DescribeQuery (QUEUED/RUNNING → FINISHED, or FAILED, CANCELLED,
 * TIMED_OUT) → page GetQueryResults (rows are lists of one-key objects) → rows.ts. Lake takes no parameters:
 * lakeQuery validates every value strictly. The SDK client is loaded only here, when used.
 */
import type { CloudTrailClient, CloudTrailClientConfig, DescribeQueryCommandOutput } from '@aws-sdk/client-cloudtrail';
import { proxyAgentFor } from '../proxy.js';
import { eventDataStoreId, lakeQuery, RESULT_COLUMNS } from './athena-sql.js';
import { costUsd, EngineError, pollOptions, pollUntilDone, type EngineDetails, type EngineQueryOptions, type EngineRun } from './lifecycle.js';
import { detectionFromRows, type EngineRow } from './rows.js';

export interface LakeEngineOptions extends EngineQueryOptions {
  eventDataStore: string;
}

const IDLE_TIMEOUT_MS = 30_000;

async function lakeClient(options: LakeEngineOptions): Promise<CloudTrailClient> {
  const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
  const env = options.env ?? process.env;
  const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
  const config: CloudTrailClientConfig = {
    region,
    endpoint: options.endpoint || undefined,
    retryMode: 'standard',
    maxAttempts: 5,
    requestHandler: { connectionTimeout: IDLE_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS }
  };
  const url = options.endpoint || env.AWS_ENDPOINT_URL_CLOUDTRAIL || env.AWS_ENDPOINT_URL || `https://cloudtrail.${region}.amazonaws.com`;
  const agent = proxyAgentFor(url, { keepAlive: true, connectTimeoutMs: IDLE_TIMEOUT_MS });
  if (agent) config.requestHandler = { ...(config.requestHandler as object), [new URL(url).protocol === 'https:' ? 'httpsAgent' : 'httpAgent']: agent } as CloudTrailClientConfig['requestHandler'];
  return new CloudTrailClient(config);
}

export async function runLake(options: LakeEngineOptions): Promise<EngineRun> {
  const query = lakeQuery({ eventDataStore: options.eventDataStore, selection: options.selection, accounts: options.accounts, regions: options.regions });
  const client = await lakeClient(options);
  const sdk = await import('@aws-sdk/client-cloudtrail');
  try {
    const region = await client.config.region();
    const started = await client.send(new sdk.StartQueryCommand({ QueryStatement: query.sql }));
    const queryId = started.QueryId;
    if (!queryId) throw new EngineError('CloudTrail Lake StartQuery returned no query id');
    const eventDataStore = eventDataStoreId(options.eventDataStore);
    const stop = async () => {
      await client.send(new sdk.CancelQueryCommand({ QueryId: queryId, EventDataStore: eventDataStore }));
    };
    let last: DescribeQueryCommandOutput | undefined;
    const { polls } = await pollUntilDone(
      queryId,
      pollOptions(options.queryTimeoutMs, options.env),
      async () => {
        last = await client.send(new sdk.DescribeQueryCommand({ QueryId: queryId, EventDataStore: eventDataStore }));
        const state = last.QueryStatus;
        const scanned = last.QueryStatistics?.BytesScanned ?? 0;
        if (options.maxScanBytes > 0 && scanned > options.maxScanBytes) {
          if (state !== 'FINISHED') await stop().catch(() => undefined);
          throw new EngineError(`query ${queryId} scanned ${scanned} bytes, more than max-scan-bytes (${options.maxScanBytes}); it was stopped`);
        }
        if (state === 'FINISHED') return state;
        if (state === 'FAILED' || state === 'CANCELLED' || state === 'TIMED_OUT') {
          throw new EngineError(`CloudTrail Lake query ${queryId} ${state}: ${last.ErrorMessage ?? 'no reason given'}`);
        }
        return undefined;
      },
      stop
    );

    const rows: EngineRow[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.GetQueryResultsCommand({ QueryId: queryId, EventDataStore: eventDataStore, NextToken: token, MaxQueryResults: 1000 }));
      pages++;
      for (const cells of page.QueryResultRows ?? []) {
        const row = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, null])) as Record<string, string | null>;
        for (const cell of cells) for (const [k, v] of Object.entries(cell)) if (k in row) row[k] = v ?? null;
        rows.push(row as EngineRow);
      }
      token = page.NextToken;
    } while (token);

    const stats = last?.QueryStatistics ?? {};
    const scanned = stats.BytesScanned ?? 0;
    const details: EngineDetails = {
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
  } finally {
    client.destroy();
  }
}
