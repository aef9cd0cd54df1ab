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
