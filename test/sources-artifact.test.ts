import * as crypto from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import type { createSources as CreateSources } from '../src/sources/index.js';
import { ConfigError } from '../src/errors.js';
import { startHttpServer, storedZip, type TestHttpServer } from './helpers/http-server.js';
import { asObject } from './helpers/source-items.js';

const LOG = gzipSync(JSON.stringify({ Records: [{ eventName: 'InvokeModel', errorCode: 'AccessDenied' }] }));
const ZIP = storedZip([
  { name: 'AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1200Z_A.json.gz', data: LOG },
  { name: 'exports/events.ndjson', data: Buffer.from('{"eventName":"Converse"}\n') }
]);
const DIGEST = `sha256:${crypto.createHash('sha256').update(ZIP).digest('hex')}`;

let api: TestHttpServer;
let createSources: typeof CreateSources;
let tempDir: string;
const savedEnv = { ...process.env };

function configFor(overrides: Partial<ActionConfig>): ActionConfig {
  return {
    sources: ['artifact:cloudtrail-logs'],
    workspace: process.cwd(),
    concurrency: 4,
    accounts: [],
    regions: [],
    artifactRunId: '',
    artifactRepository: '',
    githubToken: '',
    ...overrides
  } as unknown as ActionConfig;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sources-artifact-'));
  // Stands in for api.github.com and for the blob store the download redirects to.
  api = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== 'token ghs_test' && !url.pathname.startsWith('/blob/')) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Bad credentials' }));
      return;
    }
    if (url.pathname === '/repos/acme/trails/actions/runs/4242/artifacts') {
      const name = url.searchParams.get('name');
      const artifacts =
        name === 'cloudtrail-logs'
          ? [{ id: 77, name, size_in_bytes: ZIP.length, created_at: '2026-11-01T12:00:00Z', digest: DIGEST }]
          : [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ total_count: artifacts.length, artifacts }));
    } else if (url.pathname === '/repos/acme/trails/actions/artifacts/77/zip') {
      res.writeHead(302, { location: `${api.url}/blob/artifact-77.zip?sig=secret` });
      res.end();
    } else if (url.pathname === '/blob/artifact-77.zip') {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': ZIP.length });
      res.end(ZIP);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
    }
  });
  // @actions/github reads GITHUB_API_URL once, when first imported: set it before anything imports it.
  process.env.GITHUB_API_URL = api.url;
  process.env.GITHUB_SERVER_URL = 'https://github.com';
  process.env.GITHUB_REPOSITORY = 'acme/trails';
  ({ createSources } = await import('../src/sources/index.js'));
});

afterAll(async () => {
  process.env = savedEnv;
  await api?.close();
  await fs.rm(tempDir, { recursive: true, force: true });
});

describe('artifact source', () => {
  test('downloads another run’s artifact through the public API and yields its files', async () => {
    const [source] = await createSources(configFor({ artifactRunId: '4242', githubToken: 'ghs_test' }), {}, { tempDir });
    const objects = [];
    for await (const object of source.objects()) objects.push(asObject(object));
    expect(objects.map((o) => o.name)).toEqual([
      'artifact:cloudtrail-logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1200Z_A.json.gz',
      'artifact:cloudtrail-logs/exports/events.ndjson'
    ]);
    expect(await readAll(await objects[0].open())).toEqual(LOG);
    const description = source.describe();
    expect(description.kind).toBe('artifact');
    expect(description.location).toBe('artifact:cloudtrail-logs');
    expect(description.details).toMatchObject({
      artifact: 'cloudtrail-logs',
      artifactId: 77,
      artifactBytes: ZIP.length,
      runId: 4242,
      repository: 'acme/trails',
      filesListed: 2,
      filesRead: 1,
      bytesRead: LOG.length
    });
    expect(String(description.details.downloadPath).startsWith(path.join(tempDir, 'bedrock-denied-scan-artifact-'))).toBe(true);
    expect(api.requests.map((r) => r.url)).toEqual([
      '/repos/acme/trails/actions/runs/4242/artifacts?name=cloudtrail-logs',
      '/repos/acme/trails/actions/artifacts/77/zip',
      '/blob/artifact-77.zip?sig=secret'
    ]);
  });

  test('an explicit artifact-repository is used instead of GITHUB_REPOSITORY', async () => {
    const [source] = await createSources(
      configFor({ sources: ['artifact:other-name'], artifactRunId: '4242', artifactRepository: 'acme/trails', githubToken: 'ghs_test' }),
      {},
      { tempDir, env: { GITHUB_REPOSITORY: 'someone/else' } }
    );
    const error = await (async () => {
      for await (const object of source.objects()) void object;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      "Input 'source': artifact 'other-name' was not found in run 4242 of acme/trails (expired, or never uploaded?)"
    );
  });

  test('missing inputs are ConfigErrors naming them', async () => {
    await expect(createSources(configFor({ artifactRunId: '4242' }), {})).rejects.toThrow(
      "Input 'github-token' is required to download 'artifact:cloudtrail-logs' from run 4242 (it needs actions:read)"
    );
    await expect(createSources(configFor({ artifactRepository: 'acme/trails', githubToken: 't' }), {})).rejects.toThrow(
      "Input 'artifact-run-id' is required when 'artifact-repository' is set (reading 'artifact:cloudtrail-logs')"
    );
    await expect(createSources(configFor({ artifactRunId: 'latest', githubToken: 't' }), {})).rejects.toThrow(
      "Input 'artifact-run-id' must be a workflow run id (a number), got 'latest'"
    );
    await expect(createSources(configFor({ artifactRunId: '1', artifactRepository: 'nope', githubToken: 't' }), {})).rejects.toThrow(
      "Input 'artifact-repository' must be owner/name, got 'nope'"
    );
    await expect(createSources(configFor({ sources: ['artifact:'] }), {})).rejects.toThrow("Input 'source': 'artifact:' names no artifact; use artifact:NAME");
  });

  test('the same run without the Actions runtime explains what to set', async () => {
    const env = { ...process.env };
    delete env.ACTIONS_RUNTIME_TOKEN;
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    const [source] = await createSources(configFor({}), {}, { tempDir, env });
    const error = await (async () => {
      for await (const object of source.objects()) void object;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      "Input 'source': 'artifact:cloudtrail-logs' from the current run needs the Actions runtime, available only inside a workflow job; " +
        "set 'artifact-run-id' and 'github-token' to read another run's artifact"
    );
  });
});
