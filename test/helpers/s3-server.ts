/**
 * A real S3-compatible server (s3rver) on 127.0.0.1 with a random port and a temp directory, for tests and benchmarks.
 * Records every request so tests can assert which objects were (never) fetched.
 * Paginated listings need `--openssl-legacy-provider` in NODE_OPTIONS on Node 20+ (s3rver encrypts continuation
 * tokens with DES); `npm test` sets it.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3rver } from '../../scripts/s3rver.mjs';

export interface RecordedRequest {
  method: string;
  /** Path-style: `/bucket` or `/bucket/key` (key URL-decoded). */
  path: string;
  query: string;
}

export interface S3TestServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** A client for that server (path style, S3RVER credentials). */
  client: S3Client;
  /** Credentials s3rver accepts; also what the action's child process needs in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  requests: RecordedRequest[];
  /** `bucket/key` of every GET-object request seen so far. */
  objectGets(): string[];
  /** Number of ListObjects requests seen so far. */
  listRequests(): number;
  /** The `prefix` of every ListObjects request on `bucket` ('' for none), in order. */
  listedPrefixes(bucket: string): string[];
  resetRequests(): void;
  createBucket(bucket: string): Promise<void>;
  putObject(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Server(options: { buckets?: string[]; directory?: string } = {}): Promise<S3TestServer> {
  const directory = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-')));
  const { server, port, endpoint } = await startS3rver(directory);
  const requests: RecordedRequest[] = [];
  server.httpServer?.on('request', (req: { method?: string; url?: string }) => {
    const url = new URL(req.url ?? '/', endpoint);
    requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname), query: url.search });
  });
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  const testServer: S3TestServer = {
    endpoint,
    port,
    client,
    credentials: S3RVER_CREDENTIALS,
    requests,
    objectGets: () =>
      requests
        .filter((r) => r.method === 'GET' && r.path.split('/').filter(Boolean).length > 1)
        .map((r) => r.path.replace(/^\//, '')),
    listRequests: () =>
      requests.filter((r) => r.method === 'GET' && r.path.split('/').filter(Boolean).length === 1).length,
    listedPrefixes: (bucket) =>
      requests
        .filter((r) => r.method === 'GET' && r.path.replace(/\/$/, '') === `/${bucket}`)
        .map((r) => new URLSearchParams(r.query).get('prefix') ?? ''),
    resetRequests: () => {
      requests.length = 0;
    },
    createBucket: async (bucket) => {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    putObject: async (bucket, key, body) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.length }));
    },
    close: async () => {
      client.destroy();
      await server.close();
      if (!options.directory) await fs.rm(directory, { recursive: true, force: true });
    }
  };
  for (const bucket of options.buckets ?? []) await testServer.createBucket(bucket);
  return testServer;
}
