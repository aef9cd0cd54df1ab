/**
 * A real S3-compatible server (s3rver) on 127.0.0.1 with a random port and a temp directory, for tests and benchmarks.
 * Records every request so tests can assert which objects were (never) fetched.
 * Paginated listings need `--openssl-legacy-provider` in NODE_OPTIONS on Node 20+ (s3rver encrypts continuation
 * tokens with DES); `npm test` sets it.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}

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
  resetRequests(): void;
  createBucket(bucket: string): Promise<void>;
  putObject(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Server(options: { buckets?: string[]; directory?: string } = {}): Promise<S3TestServer> {
  const directory = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-')));
  const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => S3rverInstance;
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
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
    port: address.port,
    client,
    credentials: S3RVER_CREDENTIALS,
    requests,
    objectGets: () =>
      requests
        .filter((r) => r.method === 'GET' && r.path.split('/').filter(Boolean).length > 1)
        .map((r) => r.path.replace(/^\//, '')),
    listRequests: () =>
      requests.filter((r) => r.method === 'GET' && r.path.split('/').filter(Boolean).length === 1).length,
    resetRequests: () => {
      requests.length = 0;
    },
    createBucket: async (bucket) => {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    putObject: async (bucket, key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
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
