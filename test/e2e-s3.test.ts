import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { runAction } from './helpers/run-action.js';
import { putSampleExport, startS3Server, type S3TestServer } from './helpers/s3-server.js';
import { createTestCertificate } from './helpers/connect-proxy.js';

const BUCKET = 'org-cloudtrail-logs';
const ORG_ROOT = 'AWSLogs/o-abcdefghij/';
const OLD_KEY = `${ORG_ROOT}111122223333/CloudTrail/us-east-1/2026/10/01/111122223333_CloudTrail_us-east-1_20261001T0905Z_Old0Old0Old0Old0.json.gz`;


let s3: S3TestServer;
beforeAll(async () => {
  // Every request's signature is checked as S3 checks it.
  s3 = await startS3Server({ buckets: [BUCKET], pageSize: 2, verifySignatures: true });
  // The sample export, as an organization trail delivers it.
  await putSampleExport(s3, BUCKET, ORG_ROOT);
  // A denied call from long before the window: its day folder must never be listed or read.
  const old = JSON.parse(JSON.stringify({ Records: [{ eventVersion: '1.09', eventTime: '2026-10-01T09:01:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', awsRegion: 'us-east-1', sourceIPAddress: '192.0.2.1', userIdentity: { type: 'IAMUser', userName: 'old', accountId: '111122223333' } }] }));
  await s3.putObject(BUCKET, OLD_KEY, gzipSync(JSON.stringify(old)));
});
afterAll(async () => {
  await s3.close();
});

const s3Env = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey, AWS_REGION: 'us-east-1' });

describe('S3 through node dist/index.js', () => {
  test('an organization trail, pruned to the window', async () => {
    s3.resetRequests();
    const run = await runAction(
      { source: `s3://${BUCKET}/`, 's3-endpoint': s3.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false' },
      s3Env()
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'user-count': '2', 'records-scanned': '15', 'files-failed': '0' });
    expect(run.report!.findings.map((f) => [f.user, f.count])).toEqual([
      ['build-bot', 2], ['build-bot', 1], ['build-bot', 1], ['build-bot', 1], ['AnalystRole', 1], ['build-bot', 1], ['build-bot', 1]
    ]);
    const description = run.report!.scan.sources[0]!;
    expect(description).toMatchObject({ kind: 's3', details: { bucket: BUCKET, layout: 'cloudtrail', objectsRead: 3 } });
    expect(run.report!.selection).toMatchObject({ since: '2026-11-26T00:00:00.000Z', until: '2026-11-26T23:59:59.000Z' });
    // Only the three log files of the window's days were fetched: not the old one, not the digest.
    expect(s3.objectGets().sort()).toEqual(
      [
        `${BUCKET}/${ORG_ROOT}111122223333/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T0905Z_Qm3x8LwT1aZp0eRk.json.gz`,
        `${BUCKET}/${ORG_ROOT}111122223333/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T1410Z_Hc7Vb2Ny5KsD9uFa.json.gz`,
        `${BUCKET}/${ORG_ROOT}111122223333/CloudTrail/us-west-2/2026/11/26/111122223333_CloudTrail_us-west-2_20261126T2215Z_Zt4Pq8Rm1XcV6bNe.json.gz`
      ].sort()
    );
    expect(s3.listedPrefixes(BUCKET).some((p) => p.includes('2026/10/'))).toBe(false);
    // Two regions × (the window's day + the day after, for late deliveries) = 4 day prefixes; the digest is never listed.
    expect(run.summary).toContain('Scanned <code>s3&#58;//org-cloudtrail-logs/</code> (s3): 4 day prefixes listed, 3 objects listed, 0 skipped by delivery time, 3 objects read, 0 retries, 0.0 MB read');
    expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
  });

  test('objects read one at a time: listings and GETs go out without the SDK (credentials and region from the environment), signed as S3 requires', async () => {
    s3.resetRequests();
    const run = await runAction(
      { source: `s3://${BUCKET}/`, 's3-endpoint': s3.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false', concurrency: '1', workers: '1' },
      s3Env()
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'files-failed': '0' });
    const gets = s3.requests.filter((r) => r.kind === 'get');
    expect(gets.map((r) => (r.headers['amz-sdk-invocation-id'] === undefined ? 'direct' : 'sdk'))).toEqual(['direct', 'direct', 'direct']);
    // Credentials and region from the environment and a plain endpoint: no request needed the SDK (none carries its
    // user agent), listings included.
    expect(s3.requests.filter((r) => /aws-sdk-js/.test(String(r.headers['user-agent'])))).toEqual([]);
    expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
    expect(run.report!.scan.sources[0]!.details).toMatchObject({ objectsRead: 3, retries: 0 });
  });

  test('workers 1 and 2 give the same findings and S3 figures (objects, bytes, retries): a worker reads its objects itself', async () => {
    const inputs = { source: `s3://${BUCKET}/`, 's3-endpoint': s3.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false' };
    const runs = [];
    for (const workers of ['1', '2']) {
      // Three GETs fail with a 500: each is retried by the SDK, on whichever thread reads the object.
      s3.clearFaults();
      s3.fail((request) => request.kind === 'get', { status: 500 }, 3);
      runs.push(await runAction({ ...inputs, workers }, s3Env()));
    }
    s3.clearFaults();
    const [one, two] = runs;
    expect(one!.code).toBe(0);
    expect(two!.code).toBe(0);
    expect(two!.report!.findings).toEqual(one!.report!.findings);
    expect(one!.report!.scan.sources[0]!.details).toMatchObject({ objectsRead: 3, retries: 3, resumes: 0 });
    // Which thread reads which of three objects is a matter of timing (the worker is handed small objects only once a
    // direct GET has worked, and the first three GETs fail here); every other figure is the one-thread run's.
    expect(one!.report!.scan.sources[0]!.details).toMatchObject({ objectsReadByWorkerThreads: 0 });
    const { objectsReadByWorkerThreads: byWorker, ...twoDetails } = two!.report!.scan.sources[0]!.details;
    expect(byWorker).toBeGreaterThanOrEqual(0);
    expect(byWorker).toBeLessThanOrEqual(3);
    expect({ ...twoDetails, objectsReadByWorkerThreads: 0 }).toEqual(one!.report!.scan.sources[0]!.details);
    expect(two!.report!.scan.records).toBe(one!.report!.scan.records);
  });

  test('many small objects with two threads: the worker reads some itself, a failed direct GET is read again through the SDK, and the report equals one thread’s', async () => {
    const bucket = 'many-small-objects';
    await s3.createBucket(bucket);
    const keys: string[] = [];
    for (let i = 0; i < 40; i++) {
      const stamp = `20261126T${String(Math.floor(i / 4)).padStart(2, '0')}${String((i % 4) * 15).padStart(2, '0')}Z`;
      const key = `AWSLogs/444455556666/CloudTrail/eu-west-1/2026/11/26/444455556666_CloudTrail_eu-west-1_${stamp}_Obj${String(i).padStart(13, '0')}.json.gz`;
      const records = [
        { eventVersion: '1.09', eventTime: `2026-11-26T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00Z`, eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', errorMessage: 'not authorized', awsRegion: 'eu-west-1', sourceIPAddress: `198.51.100.${i % 3}`, userAgent: 'aws-cli/2', userIdentity: { type: 'IAMUser', userName: `user-${i % 5}`, accountId: '444455556666' }, requestParameters: { modelId: `anthropic.model-${i % 2}` } },
        { eventVersion: '1.09', eventTime: '2026-11-26T12:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', awsRegion: 'eu-west-1', userIdentity: { type: 'IAMUser', userName: 'other' } }
      ];
      await s3.putObject(bucket, key, gzipSync(JSON.stringify({ Records: records })));
      keys.push(key);
    }
    const inputs = { source: `s3://${bucket}/`, 's3-endpoint': s3.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false', concurrency: '4' };
    const runs = [];
    for (const workers of ['1', '2']) {
      s3.clearFaults();
      s3.resetRequests();
      // Three direct GETs fail once (a 500), whichever thread sends them: each object is then read through the SDK.
      const failing = new Set([keys[12]!, keys[24]!, keys[36]!]);
      s3.fail((request) => request.kind === 'get' && failing.has(request.key) && request.headers['amz-sdk-invocation-id'] === undefined, { status: 500 }, 3);
      runs.push(await runAction({ ...inputs, workers }, s3Env()));
      expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
      const sentFor = (key: string) => s3.requests.filter((r) => r.kind === 'get' && r.key === key).map((r) => (r.headers['amz-sdk-invocation-id'] === undefined ? 'direct' : 'sdk'));
      for (const key of failing) expect(sentFor(key)).toEqual(['direct', 'sdk']);
    }
    s3.clearFaults();
    const [one, two] = runs;
    expect(one!.code).toBe(0);
    expect(two!.code).toBe(0);
    expect(one!.outputs).toMatchObject({ 'denied-count': '40', 'records-scanned': '80', 'files-failed': '0' });
    expect(two!.report!.findings).toEqual(one!.report!.findings);
    expect(one!.report!.scan.sources[0]!.details).toMatchObject({ objectsRead: 40, retries: 3, resumes: 0, objectsReadByWorkerThreads: 0 });
    // The worker thread read some of them itself; every other figure is the one-thread run's.
    const { objectsReadByWorkerThreads: byWorker, ...twoDetails } = two!.report!.scan.sources[0]!.details;
    expect(byWorker).toBeGreaterThan(0);
    expect(byWorker).toBeLessThan(40);
    expect({ ...twoDetails, objectsReadByWorkerThreads: 0 }).toEqual(one!.report!.scan.sources[0]!.details);
    expect(two!.report!.scan.records).toBe(one!.report!.scan.records);
  });

  test('a missing bucket is a configuration error naming it: exit 2', async () => {
    const run = await runAction({ source: 's3://no-such-bucket-here/', 's3-endpoint': s3.endpoint, since: '7d' }, s3Env());
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/::error::.*no-such-bucket-here.*does not exist/);
  });
});

describe('S3 over TLS, as S3 always is, through node dist/index.js', () => {
  test('a certificate NODE_EXTRA_CA_CERTS trusts: listings and GETs over TLS with one and two threads, the same report as over plain HTTP', async () => {
    const cert = createTestCertificate(['127.0.0.1']);
    const secure = await startS3Server({ buckets: [BUCKET], pageSize: 2, verifySignatures: true, tls: { key: cert.key, cert: cert.cert } });
    try {
      await putSampleExport(secure, BUCKET, ORG_ROOT);
      expect(secure.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const window = { since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false' };
      const env = { ...s3Env(), NODE_EXTRA_CA_CERTS: cert.certFile };
      const plain = await runAction({ source: `s3://${BUCKET}/`, 's3-endpoint': s3.endpoint, ...window, workers: '1' }, s3Env());
      for (const workers of ['1', '2']) {
        secure.resetRequests();
        const run = await runAction({ source: `s3://${BUCKET}/`, 's3-endpoint': secure.endpoint, ...window, workers }, env);
        expect(run.code).toBe(0);
        expect(run.report!.findings).toEqual(plain.report!.findings);
        expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'records-scanned': '15', 'files-failed': '0' });
        // Without the SDK (static credentials, a plain endpoint), every request signed as S3 requires.
        expect(secure.objectGets()).toHaveLength(3);
        expect(secure.requests.filter((r) => /aws-sdk-js/.test(String(r.headers['user-agent'])))).toEqual([]);
        expect(secure.requests.map((r) => r.signature)).toEqual(secure.requests.map(() => 'valid'));
      }
    } finally {
      await secure.close();
      cert.remove();
    }
  });

  test('many small objects with two threads: the GETs\u2019 connections, the worker\u2019s included, resume the TLS session of one opened while the layout is listed', async () => {
    const cert = createTestCertificate(['127.0.0.1']);
    const secure = await startS3Server({ buckets: ['tls-small-objects'], verifySignatures: true, tls: { key: cert.key, cert: cert.cert } });
    try {
      for (let i = 0; i < 40; i++) {
        const stamp = `20261126T${String(Math.floor(i / 4)).padStart(2, '0')}${String((i % 4) * 15).padStart(2, '0')}Z`;
        const key = `AWSLogs/444455556666/CloudTrail/eu-west-1/2026/11/26/444455556666_CloudTrail_eu-west-1_${stamp}_Obj${String(i).padStart(13, '0')}.json.gz`;
        const record = { eventVersion: '1.09', eventTime: `2026-11-26T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00Z`, eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.7', userIdentity: { type: 'IAMUser', userName: `user-${i % 5}`, accountId: '444455556666' } };
        await secure.putObject('tls-small-objects', key, gzipSync(JSON.stringify({ Records: [record] })));
      }
      // S3's time to first byte: the layout's listings take long enough for the early connection's session to come.
      secure.latencyMs = 20;
      secure.resetRequests();
      const run = await runAction(
        { source: 's3://tls-small-objects/', 's3-endpoint': secure.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false', concurrency: '8', workers: '2' },
        { ...s3Env(), NODE_EXTRA_CA_CERTS: cert.certFile }
      );
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ 'denied-count': '40', 'files-failed': '0' });
      expect(run.report!.scan.sources[0]!.details).toMatchObject({ objectsRead: 40, retries: 0 });
      expect(run.report!.scan.sources[0]!.details.objectsReadByWorkerThreads).toBeGreaterThan(0);
      // Full handshakes: the first two listings' (at once) and the early connection's; every later connection resumed
      // a session, the worker thread's too (before, each of the ten connections made a full handshake).
      expect(secure.handshakes.full).toBeLessThanOrEqual(4);
      expect(secure.handshakes.resumed).toBeGreaterThanOrEqual(5);
    } finally {
      await secure.close();
      cert.remove();
    }
  });

  test('a certificate nothing trusts: no request reaches the server, and the scan is incomplete with the TLS error, naming the bucket', async () => {
    const cert = createTestCertificate(['127.0.0.1']);
    const secure = await startS3Server({ buckets: [BUCKET], tls: { key: cert.key, cert: cert.cert } });
    try {
      await putSampleExport(secure, BUCKET, ORG_ROOT);
      const run = await runAction({ source: `s3://${BUCKET}/`, 's3-endpoint': secure.endpoint, since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false' }, s3Env());
      expect(run.code).toBe(2);
      expect(run.report!.scan.filesFailed).toEqual([
        // Node 24 adds a hint about --use-system-ca to the message.
        { file: `s3://${BUCKET}/`, error: expect.stringMatching(/listing failed after 1 attempts \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate[;)]/) }
      ]);
      expect(run.stdout).toMatch(/::warning title=.*::Could not scan s3:\/\/org-cloudtrail-logs\/: .*DEPTH_ZERO_SELF_SIGNED_CERT/);
      expect(secure.requests).toEqual([]);
    } finally {
      await secure.close();
      cert.remove();
    }
  });
});
