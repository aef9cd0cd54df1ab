/**
 * `node dist/index.js` behind a proxy, as on a self-hosted runner: an https:// source, an S3 bucket and the GitHub
 * API (issue mode), all addressed by names that never resolve in DNS (`files.test`, `s3.test`, `api.github.test`)
 * so that only the loopback CONNECT proxy, which maps them to loopback servers, can reach them. The proxy
 * terminates TLS for `files.test` and `s3tls.test` with a certificate made for the test and trusted through
 * NODE_EXTRA_CA_CERTS. The S3 server checks every request's signature as S3 does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestCertificate, startConnectProxy, type ConnectProxy, type TestCertificate } from './helpers/connect-proxy.js';
import { startGitHubApi, type GitHubApi } from './helpers/github-api.js';
import { startHttpServer, type TestHttpServer } from './helpers/http-server.js';
import { runAction } from './helpers/run-action.js';
import { putSampleExport, startS3Server, type S3TestServer } from './helpers/s3-server.js';

const BUCKET = 'org-cloudtrail-logs';
const ORG_ROOT = 'AWSLogs/o-abcdefghij/';
/** Two denied calls by one user that differ only in time: one finding row with count 2. */
const EXPORT = gzipSync(
  JSON.stringify({
    Records: ['2026-11-26T10:00:00Z', '2026-11-26T10:05:00Z'].map((eventTime) => ({
      eventVersion: '1.09',
      eventTime,
      eventSource: 'bedrock.amazonaws.com',
      eventName: 'InvokeModel',
      errorCode: 'AccessDenied',
      errorMessage: 'User: arn:aws:iam::444455556666:user/proxy-probe is not authorized to perform: bedrock:InvokeModel',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '198.51.100.9',
      userAgent: 'python-requests/2.32',
      userIdentity: { type: 'IAMUser', userName: 'proxy-probe', accountId: '444455556666' },
      requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }
    }))
  })
);


let cert: TestCertificate;
let files: TestHttpServer;
let s3: S3TestServer;
let api: GitHubApi;
let proxy: ConnectProxy;

beforeAll(async () => {
  cert = createTestCertificate(['files.test', 's3tls.test']);
  files = await startHttpServer((req, res) => {
    if ((req.url ?? '').startsWith('/exports/probe.json.gz')) {
      res.writeHead(200, { 'content-length': EXPORT.length });
      res.end(EXPORT);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  s3 = await startS3Server({ buckets: [BUCKET], pageSize: 2, verifySignatures: true });
  await putSampleExport(s3, BUCKET, ORG_ROOT);
  api = await startGitHubApi();
  proxy = await startConnectProxy({
    routes: {
      'files.test': { port: Number(new URL(files.url).port), tls: cert },
      's3.test': { port: s3.port },
      's3tls.test': { port: s3.port, tls: cert },
      'api.github.test': { port: Number(new URL(api.url).port) }
    }
  });
});

afterAll(async () => {
  await proxy.close();
  await api.close();
  await s3.close();
  await files.close();
  cert.remove();
});

beforeEach(() => {
  proxy.reset();
  proxy.refuseWith(undefined);
});

function runnerEnv(): Record<string, string> {
  const eventPath = path.join(mkdtempSync(path.join(tmpdir(), 'bds-event-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify({ schedule: '17 3 * * *' }));
  return {
    HTTPS_PROXY: proxy.url,
    HTTP_PROXY: proxy.url,
    NODE_EXTRA_CA_CERTS: cert.certFile,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    GITHUB_API_URL: `http://api.github.test:${new URL(api.url).port}`,
    GITHUB_SERVER_URL: api.serverUrl,
    GITHUB_REPOSITORY: `${api.owner}/${api.repo}`,
    GITHUB_RUN_ID: '77',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventPath
  };
}

const inputs = (): Record<string, string> => ({
  source: `https://files.test/exports/probe.json.gz?X-Amz-Signature=secret\ns3://${BUCKET}/`,
  's3-endpoint': `http://s3.test:${s3.port}`,
  since: '2026-11-26T00:00:00Z',
  until: '2026-11-26T23:59:59Z',
  'create-issue': 'true',
  'github-token': 'ghs_test',
  'fail-on-threshold': 'false'
});

describe('node dist/index.js behind a proxy', () => {
  test('an https:// source, an S3 bucket and issue mode, every connection through the proxy', async () => {
    const run = await runAction(inputs(), runnerEnv());
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    // The sample export (8 denied calls, 7 rows, 2 users, 15 records) plus the 2 calls, 1 row, 1 user from HTTPS.
    expect(run.outputs).toMatchObject({
      'denied-count': '10',
      'findings-count': '8',
      'user-count': '3',
      'records-scanned': '17',
      'files-scanned': '4',
      'files-failed': '0',
      'threshold-exceeded': 'true'
    });
    expect(run.report!.findings.find((f) => f.user === 'proxy-probe')).toMatchObject({ count: 2, src: '198.51.100.9' });
    // The proxy tunnelled to all three hosts, and nothing was sent to it in absolute form.
    expect(proxy.hosts).toEqual(['api.github.test', 'files.test', 's3.test']);
    expect(proxy.targets).toContain('files.test:443');
    expect(proxy.targets).toContain(`s3.test:${s3.port}`);
    expect(proxy.targets).toContain(`api.github.test:${new URL(api.url).port}`);
    expect(proxy.absoluteRequests).toEqual([]);
    expect(proxy.connects.every((c) => c.status === 200)).toBe(true);
    // S3 was listed and read behind the proxy; the issue was opened in the fake.
    expect(s3.objectGets()).toHaveLength(3);
    expect(api.state.issues).toHaveLength(1);
    expect(api.state.issues[0]!.body).toContain('proxy-probe');
    expect(run.outputs['issue-number']).toBe(String(api.state.issues[0]!.number));
    expect(run.report!.scan.sources.find((s) => s.kind === 's3')!.details).toMatchObject({ proxy: proxy.url, objectsRead: 3 });
    expect(run.report!.scan.sources.find((s) => s.kind === 'https')!.details).toMatchObject({ proxy: proxy.url, status: 200 });
  });

  test('S3 over https through the proxy: GETs skip the SDK middleware (in the shape the first listing taught), over the same TLS tunnels, signed as S3 requires', async () => {
    s3.resetRequests();
    const run = await runAction(
      { source: `s3://${BUCKET}/`, 's3-endpoint': 'https://s3tls.test', since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false', concurrency: '1', workers: '1' },
      runnerEnv()
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'findings-count': '7', 'files-failed': '0' });
    const gets = s3.requests.filter((r) => r.kind === 'get');
    expect(gets.map((r) => (r.headers['amz-sdk-invocation-id'] === undefined ? 'direct' : 'sdk'))).toEqual(['direct', 'direct', 'direct']);
    expect(new Set(gets.map((r) => r.headers.host))).toEqual(new Set(['s3tls.test']));
    expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
    // Every request went through tunnels to s3tls.test:443 (the name does not resolve in DNS), kept alive.
    expect(new Set(proxy.targets)).toEqual(new Set(['s3tls.test:443']));
    expect(proxy.connects.length).toBeLessThan(s3.requests.length);
  });

  test('two scanning threads, 30 small objects over https through the proxy: the worker thread’s own GETs go through the tunnels too', async () => {
    const bucket = 'many-through-proxy';
    await s3.createBucket(bucket);
    for (let i = 0; i < 30; i++) {
      const key = `AWSLogs/444455556666/CloudTrail/eu-west-1/2026/11/26/444455556666_CloudTrail_eu-west-1_20261126T10${String(i).padStart(2, '0')}Z_Proxy${String(i).padStart(11, '0')}.json.gz`;
      const record = { eventVersion: '1.09', eventTime: '2026-11-26T10:00:00Z', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.7', userIdentity: { type: 'IAMUser', userName: `user-${i % 3}`, accountId: '444455556666' }, requestParameters: { modelId: 'anthropic.model' } };
      await s3.putObject(bucket, key, gzipSync(JSON.stringify({ Records: [record] })));
    }
    s3.resetRequests();
    const run = await runAction(
      { source: `s3://${bucket}/`, 's3-endpoint': 'https://s3tls.test', since: '2026-11-26T00:00:00Z', until: '2026-11-26T23:59:59Z', 'fail-on-threshold': 'false', concurrency: '4', workers: '2' },
      runnerEnv()
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '30', 'files-failed': '0' });
    // s3tls.test does not resolve in DNS: a GET that went around the proxy would have failed and been counted as a retry.
    expect(run.report!.scan.sources[0]!.details).toMatchObject({ objectsRead: 30, retries: 0, proxy: proxy.url });
    expect(run.report!.scan.sources[0]!.details.objectsReadByWorkerThreads).toBeGreaterThan(0);
    expect(s3.requests.map((r) => r.signature)).toEqual(s3.requests.map(() => 'valid'));
    expect(new Set(proxy.targets)).toEqual(new Set(['s3tls.test:443']));
  });

  test('a proxy refusing files.test with 407: that file is named with the proxy and the status, the rest is scanned, exit 2', async () => {
    proxy.refuseWith(407, ['files.test']);
    const run = await runAction({ ...inputs(), 'create-issue': 'false' }, { ...runnerEnv(), HTTPS_PROXY: proxy.url.replace('http://', 'http://ci:t0ken@') });
    expect(run.code).toBe(2);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'files-failed': '1' });
    const expected = `https://files.test/exports/probe.json.gz?…: the proxy http://***@127.0.0.1:${proxy.port} refused to tunnel to files.test:443: HTTP 407 Proxy Authentication Required`;
    expect(run.report!.scan.filesFailed.map((f) => f.error).join('\n')).toContain(expected);
    expect(run.stdout).toContain(expected);
    expect(run.stdout + run.stderr + run.summary + JSON.stringify(run.report)).not.toContain('t0ken');
    expect(proxy.connects.filter((c) => c.target === 'files.test:443').map((c) => c.status)).toEqual([407]);
  });
});
