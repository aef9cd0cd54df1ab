/**
 * `node dist/index.js` with `engine: athena` (and `cloudtrail-lake`) against the loopback fake, whose table
 * holds the records of __fixtures__/sample-export: the findings, counts, outputs, exit codes and the summary's
 * findings sections equal a runner-engine scan of the same files; the summary names the query and its cost;
 * FAILED and slow queries exit 2 naming the query id.
 */
import * as path from 'node:path';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { AwsQueryFake } from './helpers/aws-query-fake.js';
import { filesBelow, repoRoot } from './helpers/fixtures.js';
import { runAction } from './helpers/run-action.js';
import { decodeFile, loadAthenaTable, loadLakeTable, shimmedConnection } from './helpers/trino-shim.js';

const EDS = 'EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE';
let db: Awaited<ReturnType<typeof shimmedConnection>>;
let fake: AwsQueryFake;
let endpoint: string;


beforeAll(async () => {
  db = await shimmedConnection();
  const records: CloudTrailRecord[] = [];
  for (const f of filesBelow(path.join(repoRoot, '__fixtures__', 'sample-export'))) records.push(...(await decodeFile(f)));
  await loadAthenaTable(db.connection, 'security.cloudtrail_logs_org', records);
  await loadLakeTable(db.connection, EDS, records);
  fake = new AwsQueryFake(db.connection);
  endpoint = await fake.start();
}, 60_000);

afterAll(async () => {
  await fake?.stop();
  db?.close();
});

const window = { since: '2026-11-26T00:00:00Z', until: '2026-11-26' };
const awsEnv = () => ({
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_ATHENA: endpoint,
  AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint,
  BEDROCK_DENIED_SCAN_ENGINE_POLL_MS: '5'
});
/** From the by-user table on, less the per-user context that only the runner engine computes. */
const findingsSections = (summary: string) =>
  summary.slice(summary.indexOf('### Denied Bedrock invocations by user')).replace(/### Who they are and what they tried next\n[\s\S]*?\n(?=### |<details><summary>All )/, '');

describe.each([
  ['athena', { engine: 'athena', 'athena-table': 'security.cloudtrail_logs_org', 'athena-workgroup': 'security' }],
  ['cloudtrail-lake', { engine: 'cloudtrail-lake', 'event-data-store': EDS }]
])('node dist/index.js with engine: %s', (kind, engineInputs) => {
  test.each([
    ['threshold exceeded (exit 1)', {}],
    ['within the threshold (exit 0)', { threshold: '1000' }],
    ['parity, users, suppression', { 'splunk-parity': 'true', 'threshold-by': 'users', suppress: 'modelId=anthropic.claude-3-opus*' }]
  ])('%s: same report, summary and exit code as the runner engine', async (_name, extra: Record<string, string>) => {
    fake.reset({ pageSize: 2, throttle: { GetQueryExecution: 1 } });
    const runnerRun = await runAction({ source: '__fixtures__/sample-export/', ...window, ...extra });
    const engineRun = await runAction({ ...engineInputs, ...window, ...extra }, awsEnv());
    expect(engineRun.stderr).not.toMatch(/Error(?!.*NodeVersionSupport)/);
    expect(engineRun.code).toBe(runnerRun.code);
    expect(runnerRun.report!.findings.length).toBeGreaterThan(0);
    for (const key of ['findings', 'matched', 'droppedByParity', 'suppressed', 'nearMisses', 'threshold', 'users', 'selection'] as const) {
      expect(engineRun.report![key]).toEqual(runnerRun.report![key]);
    }
    for (const output of ['denied-count', 'findings-count', 'user-count', 'threshold-exceeded', 'scan-complete']) {
      expect(engineRun.outputs[output]).toBe(runnerRun.outputs[output]);
    }
    expect(findingsSections(engineRun.summary).replace(engineRun.reportPath, 'REPORT')).toBe(findingsSections(runnerRun.summary).replace(runnerRun.reportPath, 'REPORT'));
    expect(runnerRun.report!.userContext?.length).toBeGreaterThan(0);
    expect(engineRun.report!.userContext).toBeUndefined();
    const source = engineRun.report!.scan.sources[0]!;
    expect(source.kind).toBe(kind);
    expect(source.details.queryId).toMatch(/-query-\d+$/);
    expect(engineRun.summary).toContain(`query <code>${String(source.details.queryId)}</code>`);
    expect(engineRun.summary).toMatch(/123 MB scanned, engine time \d+\.\d+ s, about \$0\.0006 at \$5 per TB/);
  });

  test('a FAILED query exits 2 naming the query id and the reason', async () => {
    fake.reset({ fail: { state: 'FAILED', reason: 'HIVE_CURSOR_ERROR: boom' } });
    const run = await runAction({ ...engineInputs, ...window }, awsEnv());
    expect(run.code).toBe(2);
    expect(run.summary).toMatch(/query -?[a-z]*-query-\d+ FAILED: HIVE_CURSOR_ERROR: boom|query [a-z]+-query-\d+ FAILED/);
    expect(run.summary).toContain('❌ **Not scanned: the query engine failed.** ');
    expect(run.stdout).not.toContain('bedrock-denied-scan failed');
  });

  test('a slow query is stopped at query-timeout: exit 2 naming the query id', async () => {
    fake.reset({ slow: true });
    const run = await runAction({ ...engineInputs, ...window, 'query-timeout': '1s' }, awsEnv());
    expect(run.code).toBe(2);
    expect(run.summary).toMatch(/query [a-z]+-query-\d+ did not finish within 1 s &#40;query-timeout&#41;; it was stopped/);
    expect(fake.operations()).toContain(kind === 'athena' ? 'StopQueryExecution' : 'CancelQuery');
  });
});

test('engine inputs are validated before any request: an unsafe athena-table exits 2 naming the input', async () => {
  fake.reset();
  const run = await runAction({ engine: 'athena', 'athena-table': 'logs; DROP TABLE x', ...window }, awsEnv());
  expect(run.code).toBe(2);
  expect(run.summary).toContain('athena-table');
  expect(fake.calls).toHaveLength(0);
});
