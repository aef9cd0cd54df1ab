/**
 * Network faults through `node dist/index.js`: an S3-compatible loopback server (scripts/s3-server.mjs)
 * that stalls, never answers or fails listings, beside good objects. The child gets a 300 ms idle timeout through
 * BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS, so every stall ends quickly; the jest timeouts are generous bounds only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { runAction } from './helpers/run-action.js';
import { putSampleExport, startS3Server, type S3TestServer } from './helpers/s3-server.js';

const BUCKET = 'org-cloudtrail-logs';
const ORG_ROOT = 'AWSLogs/o-abcdefghij/';
const DAY = `${ORG_ROOT}111122223333/CloudTrail/us-east-1/2026/11/26/`;
const WEST_DAY = `${ORG_ROOT}111122223333/CloudTrail/us-west-2/2026/11/26/`;
const STALLED_KEY = `${DAY}111122223333_CloudTrail_us-east-1_20261126T1500Z_Stalled000000000.json.gz`;
const STALLED = gzipSync(
  JSON.stringify({
    Records: [
      {
        eventVersion: '1.09',
        eventTime: '2026-11-26T14:58:00Z',
        eventSource: 'bedrock.amazonaws.com',
        eventName: 'InvokeModel',
        errorCode: 'AccessDenied',
        awsRegion: 'us-east-1',
        sourceIPAddress: '192.0.2.9',
        userIdentity: { type: 'IAMUser', userName: 'stalled-user', accountId: '111122223333' }
      }
    ]
  })
);


let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server({ buckets: [BUCKET], pageSize: 2 });
  await putSampleExport(s3, BUCKET, ORG_ROOT);
  await s3.putObject(BUCKET, STALLED_KEY, STALLED);
});
afterAll(async () => {
  await s3?.close();
});
beforeEach(() => {
  s3.clearFaults();
  s3.resetRequests();
});

const env = (): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  AWS_REGION: 'us-east-1',
  BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '300'
});
const inputs = () => ({
  source: `s3://${BUCKET}/`,
  's3-endpoint': s3.endpoint,
  since: '2026-11-26T00:00:00Z',
  until: '2026-11-26T23:59:59Z',
  'fail-on-threshold': 'false'
});

describe('network faults through node dist/index.js', () => {
  test('a stalled S3 body beside good objects: exit 2, the object named, the good findings reported', async () => {
    s3.fail({ kind: 'get', key: STALLED_KEY }, { stall: 'headers' });
    const run = await runAction(inputs(), env());
    expect(run.code).toBe(2);
    expect(run.report!.scan.filesFailed).toEqual([
      {
        file: `s3://${BUCKET}/${STALLED_KEY}`,
        error: `s3://${BUCKET}/${STALLED_KEY}: reading the object failed at byte 0 of ${STALLED.length} after 3 resumes (ranged GETs from the byte reached): no data for 300 ms`
      }
    ]);
    // The sample export's findings, exactly as without the stalled object (see e2e-s3.test.ts).
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'user-count': '2', 'records-scanned': '15', 'files-failed': '1', 'scan-complete': 'false' });
    expect(run.report!.findings.some((f) => f.user === 'stalled-user')).toBe(false);
    // A direct GET first (given up after the idle timeout, then read through the SDK), and the SDK's read with its 3 resumes.
    expect(s3.requests.filter((r) => r.key === STALLED_KEY).map((r) => r.headers.range ?? null)).toEqual([null, null, 'bytes=0-', 'bytes=0-', 'bytes=0-']);
    expect(run.stdout).toContain(`::warning title=bedrock-denied-scan%3A file not scanned::Could not scan s3://${BUCKET}/${STALLED_KEY}`);
  }, 60_000);

  test('a GetObject that never answers fails after the SDK retries; the rest is scanned', async () => {
    s3.fail({ kind: 'get', key: STALLED_KEY }, { stall: 'response' });
    const run = await runAction(inputs(), env());
    expect(run.code).toBe(2);
    expect(run.report!.scan.filesFailed).toEqual([
      { file: `s3://${BUCKET}/${STALLED_KEY}`, error: `s3://${BUCKET}/${STALLED_KEY}: reading the object failed after 5 attempts: no data for 300 ms` }
    ]);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'files-failed': '1' });
    // A direct GET given up after the idle timeout, then the SDK's 5 attempts.
    expect(s3.objectGets().filter((k) => k === `${BUCKET}/${STALLED_KEY}`)).toHaveLength(6);
  }, 60_000);

  test('bodies that keep breaking off part-way: the records read before the failure count alike in the main thread and in a worker', async () => {
    const day = `${ORG_ROOT}111122223333/CloudTrail/us-east-1/2026/11/25/`;
    const keys = ['A', 'B'].map((k) => `${day}111122223333_CloudTrail_us-east-1_20261125T1200Z_Resets${k}000000000.json.gz`);
    // Hex ids keep the gzip'd object over the reset point and over the size read whole (64 KiB), so that with two
    // threads the second object is streamed to the worker, in messages larger than what arrives before each reset.
    const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
    const records = Array.from({ length: 3000 }, (_, i) => ({ eventVersion: '1.09', eventTime: '2026-11-25T12:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: hex(`e${i}`), requestID: hex(`r${i}`) }));
    const body = gzipSync(JSON.stringify({ Records: records }));
    expect(body.length).toBeGreaterThan(4 * 40_000);
    for (const key of keys) {
      await s3.putObject(BUCKET, key, body);
      s3.fail({ kind: 'get', key }, { resetAfterBytes: 40_000 });
    }
    const runWith = (workers: string) =>
      runAction({ ...inputs(), since: '2026-11-25T00:00:00Z', until: '2026-11-25T23:59:59Z', workers, concurrency: '2' }, env());
    const one = await runWith('1');
    const two = await runWith('2');
    const failed = (run: typeof one) => [...run.report!.scan.filesFailed].sort((a, b) => (a.file < b.file ? -1 : 1));
    expect(failed(one).map((f) => f.file)).toEqual(keys.map((key) => `s3://${BUCKET}/${key}`));
    expect(failed(two)).toEqual(failed(one));
    expect(one.report!.scan.records).toBeGreaterThan(0);
    expect(one.report!.scan.records).toBeLessThan(2 * records.length);
    expect(two.report!.scan.records).toBe(one.report!.scan.records);
  }, 60_000);

  test('a day prefix whose listing keeps failing is named as not scanned; the other day prefixes are read', async () => {
    s3.fail({ kind: 'list', prefix: WEST_DAY }, { status: 500 });
    const run = await runAction({ ...inputs(), 'allow-incomplete': 'false' }, env());
    expect(run.code).toBe(2);
    expect(run.report!.scan.filesFailed).toEqual([
      {
        file: `s3://${BUCKET}/${WEST_DAY}`,
        error: 'listing failed after 5 attempts (InternalError: We encountered an internal error. Please try again.); the objects under it were not scanned'
      }
    ]);
    // Both us-east-1 files and the stalled-user one (no fault here) are read; the us-west-2 day is not.
    expect(run.report!.scan.files).toBe(3);
    expect(run.report!.findings.every((f) => f.vendor_region === 'us-east-1')).toBe(true);
    expect(run.report!.findings.some((f) => f.user === 'stalled-user')).toBe(true);
    expect(s3.objectGets().some((k) => k.includes('us-west-2'))).toBe(false);
  }, 60_000);
});
