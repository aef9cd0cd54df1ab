/**
 * The Athena and CloudTrail Lake engines through the real SDK clients, over real HTTP, against the loopback fake
 * that runs the received SQL in DuckDB: lifecycle (QUEUED → RUNNING → SUCCEEDED), throttling retried, small
 * result pages, FAILED and CANCELLED with the reason and query id, query-timeout stopping the query,
 * max-scan-bytes, hostile input values reaching Athena only as ExecutionParameters, and unsafe identifiers refused.
 */
import * as path from 'node:path';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { parseSuppressionRules } from '../src/detection/suppress.js';
import type { Selection } from '../src/detection/types.js';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { ConfigError } from '../src/errors.js';
import { runAthena, type AthenaEngineOptions } from '../src/engines/athena.js';
import { runLake } from '../src/engines/cloudtrail-lake.js';
import { AwsQueryFake } from './helpers/aws-query-fake.js';
import { repoRoot } from './helpers/fixtures.js';
import { decodeFile, loadAthenaTable, loadLakeTable, shimmedConnection } from './helpers/trino-shim.js';
import { withoutRunnerOnlyFields } from '../src/engines/rows.js';

const FIXTURES = ['aggregation-repeats.ndjson', 'identity-types.json', 'case-insensitive-selection.ndjson', 'hostile-strings.json', 'formats/bedrock-case-and-escapes.ndjson'];
const EDS = 'EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE';

let db: Awaited<ReturnType<typeof shimmedConnection>>;
let fake: AwsQueryFake;
let endpoint: string;
let records: CloudTrailRecord[];
const savedEnv = { ...process.env };

const selection: Selection = {
  eventSources: ['bedrock.amazonaws.com'],
  eventNames: ['InvokeModel'],
  errorCodes: ['AccessDenied'],
  splunkParity: false,
  since: Date.parse('2026-11-01T00:00:00Z'),
  until: Date.parse('2026-11-30T23:59:59Z')
};

/** The runner engine's result, less the per-user context and denials per hour, which only the runner engine computes (see rows.ts). */
function runner(s: Selection) {
  const d = new DeniedInvocations(s);
  for (const r of records) d.observe(r);
  return withoutRunnerOnlyFields(d.result());
}

/** Only the window's partitions are read: selected events in other partitions are not seen, so outsideWindow may be lower. */
function expectSameAsRunner(actual: ReturnType<typeof runner>, s: Selection): void {
  const expected = runner(s);
  expect(actual.outsideWindow).toBeLessThanOrEqual(expected.outsideWindow);
  expect({ ...actual, outsideWindow: 0 }).toEqual({ ...expected, outsideWindow: 0 });
}

const env = () => ({ ...process.env, BEDROCK_DENIED_SCAN_ENGINE_POLL_MS: '5' });
const athena = (over: Partial<AthenaEngineOptions> = {}): AthenaEngineOptions => ({
  table: 'security.cloudtrail_logs_org',
  selection,
  accounts: [],
  regions: [],
  region: 'us-east-1',
  endpoint,
  queryTimeoutMs: 20_000,
  maxScanBytes: 0,
  env: env(),
  ...over
});

beforeAll(async () => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' });
  delete process.env.AWS_PROFILE;
  db = await shimmedConnection();
  records = [];
  for (const f of FIXTURES) records.push(...(await decodeFile(path.join(repoRoot, '__fixtures__', f))));
  await loadAthenaTable(db.connection, 'security.cloudtrail_logs_org', records);
  await loadLakeTable(db.connection, EDS, records);
  fake = new AwsQueryFake(db.connection);
  endpoint = await fake.start();
});

afterAll(async () => {
  await fake?.stop();
  db?.close();
  process.env = savedEnv;
});

beforeEach(() => fake.reset());

describe('Athena engine', () => {
  test('QUEUED → RUNNING → SUCCEEDED through throttling and small pages: the runner engine\u2019s result', async () => {
    fake.reset({ queuedPolls: 2, runningPolls: 2, pageSize: 2, throttle: { StartQueryExecution: 2, GetQueryExecution: 1, GetQueryResults: 1 }, dataScannedBytes: 5 * 1024 ** 3 });
    const run = await runAthena(athena());
    expectSameAsRunner(run.detection, selection);
    expect(run.detection.findings.length).toBeGreaterThan(3);
    const d = run.source.details;
    expect(run.source.kind).toBe('athena');
    expect(d.queryId).toMatch(/^athena-query-/);
    expect(d.consoleUrl).toContain(`#/query-editor/history/${String(d.queryId)}`);
    expect(d.dataScannedBytes).toBe(5 * 1024 ** 3);
    expect(d.costUsd).toBeCloseTo((5 / 1024) * 5, 6);
    expect(d.engineTimeMs).toBe(2345);
    expect(d.resultPages).toBeGreaterThan(2);
    expect(d.partitions).toEqual({ date: 'timestamp', account: 'account_id', region: 'region' });
    const ops = fake.operations();
    expect(ops.filter((o) => o === 'StartQueryExecution')).toHaveLength(3); // 2 throttled + 1
    expect(ops.filter((o) => o === 'GetQueryExecution').length).toBeGreaterThanOrEqual(5);
    // Bounded: the partition predicate is on the window's days, as parameters.
    const start = fake.calls.find((c) => c.target === 'StartQueryExecution')!.body;
    expect(String(start.QueryString)).toMatch(/"timestamp" >= \? AND "timestamp" <= \?/);
    expect(start.ExecutionParameters).toEqual(expect.arrayContaining(["'2026/11/01'", "'2026/12/01'"]));
  });

  test('the SDK\u2019s own AWS_ENDPOINT_URL_ATHENA points the client; accounts and regions become partition predicates', async () => {
    process.env.AWS_ENDPOINT_URL_ATHENA = endpoint;
    try {
      const s = { ...selection, suppress: parseSuppressionRules("user=build-bot\nmodelId=anthropic.*") };
      const run = await runAthena(athena({ endpoint: undefined, env: env(), selection: s, accounts: ['111122223333'], regions: ['us-east-1'] }));
      const expected = runner(s);
      // Only the account's and region's partitions: the fixtures' other accounts and regions are left out.
      expect(run.detection.matched).toBeLessThanOrEqual(expected.matched);
      const sql = String(fake.calls.find((c) => c.target === 'StartQueryExecution')!.body.QueryString);
      expect(sql).toContain('"account_id" IN (?)');
      expect(sql).toContain('"region" IN (?)');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_ATHENA;
    }
  });

  test('quotes, comments and UNION in every input reach Athena only as ExecutionParameters', async () => {
    const hostile = ["x' OR '1'='1", "InvokeModel'; DROP TABLE t; --", 'a /* c */ b', "' UNION SELECT 'match', NULL --", 'te\\st"quote'];
    const s: Selection = {
      ...selection,
      eventSources: ['bedrock.amazonaws.com', ...hostile],
      eventNames: ['InvokeModel', ...hostile],
      errorCodes: ['AccessDenied', ...hostile],
      suppress: parseSuppressionRules(`user="x' OR 1=1 --"`)
    };
    const run = await runAthena(athena({ selection: s, accounts: hostile, regions: hostile, partitions: { date: 'timestamp', account: 'account_id', region: 'region' } }));
    const start = fake.calls.find((c) => c.target === 'StartQueryExecution')!.body;
    const sql = String(start.QueryString);
    for (const h of hostile) expect(sql).not.toContain(h);
    expect(sql).not.toMatch(/UNION|DROP/i);
    expect((start.ExecutionParameters as string[]).filter((p) => p.includes("''")).length).toBeGreaterThan(5);
    // Nothing matches a hostile account: the query ran (literals parsed back exactly) and found nothing.
    expect(run.detection.findings).toEqual([]);
    const without = await runAthena(athena({ selection: s }));
    expectSameAsRunner(without.detection, s);
  });

  test('unsafe table and column names are refused before any request', async () => {
    for (const table of ['security.logs; DROP TABLE x', 'a"b', 'security.logs --', 'x UNION SELECT 1', 'a.b.c']) {
      await expect(runAthena(athena({ table }))).rejects.toThrow(ConfigError);
    }
    await expect(runAthena(athena({ partitions: { date: 'timestamp" OR 1=1 --' } }))).rejects.toThrow(ConfigError);
    expect(fake.calls.filter((c) => c.target === 'StartQueryExecution')).toHaveLength(0);
  });

  test('an unbounded query is refused', async () => {
    await expect(runAthena(athena({ selection: { ...selection, since: undefined } }))).rejects.toThrow(/bounded/);
    await expect(runAthena(athena({ selection: { ...selection, until: undefined } }))).rejects.toThrow(/bounded/);
  });

  test('single-account table (metadata: timestamp only) with accounts asks for athena-partition-columns', async () => {
    fake.reset({ partitionKeys: ['timestamp'] });
    await expect(runAthena(athena({ accounts: ['111122223333'] }))).rejects.toThrow(/athena-partition-columns/);
    fake.reset({ partitionKeys: ['timestamp'] });
    expectSameAsRunner((await runAthena(athena())).detection, selection);
  });

  test('FAILED and CANCELLED give the reason and the query id', async () => {
    fake.reset({ fail: { state: 'FAILED', reason: 'HIVE_BAD_DATA: Error parsing field value' } });
    await expect(runAthena(athena())).rejects.toThrow(/Athena query athena-query-\d+ FAILED: HIVE_BAD_DATA/);
    fake.reset({ fail: { state: 'CANCELLED', reason: 'Query cancelled by user' } });
    await expect(runAthena(athena())).rejects.toThrow(/athena-query-\d+ CANCELLED: Query cancelled by user/);
  });

  test('a slow query is stopped at query-timeout, naming the query id', async () => {
    fake.reset({ slow: true });
    await expect(runAthena(athena({ queryTimeoutMs: 300 }))).rejects.toThrow(/query athena-query-\d+ did not finish within 0 s \(query-timeout\); it was stopped/);
    expect(fake.operations()).toContain('StopQueryExecution');
  });

  test('max-scan-bytes stops a query observed to scan more', async () => {
    fake.reset({ slow: true, dataScannedBytes: 2e9 });
    await expect(runAthena(athena({ maxScanBytes: 1e9 }))).rejects.toThrow(/scanned 2000000000 bytes, more than max-scan-bytes \(1000000000\)/);
    expect(fake.operations()).toContain('StopQueryExecution');
  });

  test('max-scan-bytes: the workgroup per-query cutoff is read before the query starts; without one (or unreadable) a warning says the limit is only observed', async () => {
    // No max-scan-bytes: no GetWorkGroup (no extra permission needed).
    fake.reset({ queuedPolls: 0, runningPolls: 0 });
    await runAthena(athena());
    expect(fake.operations()).not.toContain('GetWorkGroup');

    // The fake has no GetWorkGroup: unreadable, so the query runs with a warning naming the workgroup control.
    fake.reset({ queuedPolls: 0, runningPolls: 0 });
    const warnings: string[] = [];
    const run = await runAthena(athena({ maxScanBytes: 1e12, workgroup: 'security', warn: (m) => warnings.push(m) }));
    expect(warnings.join('\n')).toMatch(/max-scan-bytes \(1000000000000\) is enforced by polling.*workgroup 'security' \(BytesScannedCutoffPerQuery\).*Could not read the workgroup/s);
    const ops = fake.operations();
    expect(ops.indexOf('GetWorkGroup')).toBeLessThan(ops.indexOf('StartQueryExecution'));
    expect((run.source.details as Record<string, unknown>).workgroupCutoffBytes).toBeUndefined();

    // A workgroup whose cutoff is within max-scan-bytes: Athena enforces it; no warning, the cutoff in the details.
    const target = fake as unknown as { handle(target: string, body: string): Promise<[number, unknown]> };
    const handle = target.handle.bind(fake);
    target.handle = async (t, body) =>
      t.endsWith('.GetWorkGroup') ? [200, { WorkGroup: { Name: 'security', State: 'ENABLED', Configuration: { BytesScannedCutoffPerQuery: 5e11 } } }] : handle(t, body);
    try {
      for (const [max, warned] of [
        [1e12, false],
        [1e11, true]
      ] as const) {
        fake.reset({ queuedPolls: 0, runningPolls: 0 });
        warnings.length = 0;
        const ok = await runAthena(athena({ maxScanBytes: max, workgroup: 'security', warn: (m) => warnings.push(m) }));
        expect((ok.source.details as Record<string, unknown>).workgroupCutoffBytes).toBe(5e11);
        expect(warnings.some((w) => /Its cutoff is 500000000000 bytes/.test(w))).toBe(warned);
      }
    } finally {
      delete (target as { handle?: unknown }).handle;
    }
  });
});

describe('CloudTrail Lake engine', () => {
  const lake = (s: Selection = selection, over: Record<string, unknown> = {}) =>
    runLake({ eventDataStore: `arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/${EDS}`, selection: s, accounts: [], regions: [], region: 'us-east-1', endpoint, queryTimeoutMs: 20_000, maxScanBytes: 0, env: env(), ...over });

  test('StartQuery → DescribeQuery → paged GetQueryResults through throttling: the runner engine\u2019s result', async () => {
    fake.reset({ queuedPolls: 1, runningPolls: 2, pageSize: 3, throttle: { StartQuery: 1, DescribeQuery: 2 } });
    const s = { ...selection, splunkParity: true, eventNames: ['InvokeModel', 'Converse'] };
    const run = await lake(s);
    expectSameAsRunner(run.detection, s);
    expect(run.source.kind).toBe('cloudtrail-lake');
    expect(run.source.details.resultPages).toBeGreaterThan(1);
    expect(run.source.details.eventDataStore).toBe(EDS);
  });

  test('values Lake cannot take as parameters are refused, not spliced', async () => {
    await expect(lake({ ...selection, eventNames: ["InvokeModel' OR '1'='1"] })).rejects.toThrow(/takes no query parameters/);
    await expect(lake(selection, { eventDataStore: 'eds; DROP' })).rejects.toThrow(ConfigError);
    expect(fake.calls).toHaveLength(0);
  });

  test('FAILED, TIMED_OUT-like stop at query-timeout', async () => {
    fake.reset({ fail: { state: 'FAILED', reason: 'Query failed: column not found' } });
    await expect(lake()).rejects.toThrow(/CloudTrail Lake query lake-query-\d+ FAILED: Query failed/);
    fake.reset({ slow: true });
    await expect(lake(selection, { queryTimeoutMs: 200 })).rejects.toThrow(/lake-query-\d+ did not finish/);
    expect(fake.operations()).toContain('CancelQuery');
  });
});
