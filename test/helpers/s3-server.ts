/**
 * The loopback S3 server (scripts/s3-server.mjs, shared with the S3 benchmark): in memory on 127.0.0.1, answering
 * ListObjectsV2, GetObject, HeadObject, HeadBucket, PutObject and CreateBucket as AWS S3 does, with injectable
 * faults (error statuses, resets, stalls, latency) and every request recorded.
 */
export {
  byteOrder,
  startS3Server,
  S3_TEST_CREDENTIALS,
  type Fault,
  type FaultMatcher,
  type FaultRule,
  type RecordedRequest,
  type RequestKind,
  type S3Request,
  type S3TestServer
} from '../../scripts/s3-server.mjs';

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { S3TestServer as Server } from '../../scripts/s3-server.mjs';
import { filesBelow, fixturePath } from './fixtures.js';

/**
 * Uploads the sample export (`__fixtures__/sample-export/AWSLogs/...`) under `prefix` (e.g. `AWSLogs/o-abcdefghij/`
 * for an organization trail, `AWSLogs/` for a single account). Returns the keys written.
 */
export async function putSampleExport(s3: Server, bucket: string, prefix: string): Promise<string[]> {
  const sampleRoot = path.join(fixturePath('sample-export'), 'AWSLogs');
  const keys: string[] = [];
  for (const file of filesBelow(sampleRoot)) {
    const key = `${prefix}${path.relative(sampleRoot, file).split(path.sep).join('/')}`;
    await s3.putObject(bucket, key, readFileSync(file));
    keys.push(key);
  }
  return keys;
}
