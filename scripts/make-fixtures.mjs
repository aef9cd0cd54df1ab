// Regenerates __fixtures__/formats/: one small file per input shape the decoder must recognise.
// The records are hand-written, modeled on /work/shared/REFERENCE.md and the real public samples.
// Run: node scripts/make-fixtures.mjs (output is committed; tests read it, they never regenerate it).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '__fixtures__', 'formats');

/** Denied InvokeModel by an assumed role: what the detection exists to find. */
const deniedInvokeModel = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROA5EXAMPLEROLEID123:ml-dev-session',
    arn: 'arn:aws:sts::123456789012:assumed-role/MLDeveloper/ml-dev-session',
    accountId: '123456789012',
    accessKeyId: 'ASIA5EXAMPLEKEY12345',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROA5EXAMPLEROLEID123',
        arn: 'arn:aws:iam::123456789012:role/MLDeveloper',
        accountId: '123456789012',
        userName: 'MLDeveloper'
      },
      attributes: { creationDate: '2024-03-07T12:01:10Z', mfaAuthenticated: 'false' }
    }
  },
  eventTime: '2024-03-07T12:34:56Z',
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'InvokeModel',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.45',
  userAgent: 'Boto3/1.34.58 md/Botocore#1.34.58 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.58',
  errorCode: 'AccessDenied',
  errorMessage:
    'User: arn:aws:sts::123456789012:assumed-role/MLDeveloper/ml-dev-session is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
  requestParameters: { modelId: 'anthropic.claude-3-sonnet-20240229-v1:0' },
  responseElements: null,
  requestID: '5f1c3a2e-8d4b-4c6e-9a7f-1b2c3d4e5f60',
  eventID: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '123456789012',
  eventCategory: 'Management',
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'bedrock-runtime.us-east-1.amazonaws.com'
  }
};

/** Near miss: a denied Converse is authorised as bedrock:InvokeModel but logged as Converse. */
const deniedConverse = {
  ...deniedInvokeModel,
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDA5EXAMPLEUSERID12',
    arn: 'arn:aws:iam::123456789012:user/intern',
    accountId: '123456789012',
    accessKeyId: 'AKIA5EXAMPLEKEY67890',
    userName: 'intern'
  },
  eventTime: '2024-03-07T12:40:02Z',
  eventName: 'Converse',
  errorMessage:
    'User: arn:aws:iam::123456789012:user/intern is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1 with an explicit deny in an identity-based policy',
  requestParameters: { modelId: 'amazon.titan-text-express-v1' },
  requestID: '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
  eventID: 'f0e1d2c3-b4a5-4968-8776-655443322110'
};

const s3GetObject = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDA5EXAMPLEUSERID99',
    arn: 'arn:aws:iam::123456789012:user/reporting',
    accountId: '123456789012',
    accessKeyId: 'AKIA5EXAMPLEKEY00001',
    userName: 'reporting'
  },
  eventTime: '2024-03-07T12:35:10Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: '[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp]',
  requestParameters: { bucketName: 'finance-reports', key: '2024/03/q1.csv', Host: 'finance-reports.s3.us-east-1.amazonaws.com' },
  responseElements: null,
  additionalEventData: { bytesTransferredOut: 18234, 'x-amz-id-2': 'Exam/pleId2+abcdefghijklmnop=' },
  requestID: 'N8XQ2EXAMPLE7Y1R',
  eventID: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
  readOnly: true,
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::finance-reports/2024/03/q1.csv' },
    { accountId: '123456789012', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::finance-reports' }
  ],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: '123456789012',
  eventCategory: 'Data'
};

const stsAssumeRoleDenied = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDA5EXAMPLEUSERID12',
    arn: 'arn:aws:iam::123456789012:user/intern',
    accountId: '123456789012',
    accessKeyId: 'AKIA5EXAMPLEKEY67890',
    userName: 'intern'
  },
  eventTime: '2024-03-07T12:36:41Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'AssumeRole',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.45',
  userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22',
  errorCode: 'AccessDenied',
  errorMessage:
    'User: arn:aws:iam::123456789012:user/intern is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Admin',
  requestParameters: null,
  responseElements: null,
  requestID: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  eventID: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '123456789012',
  eventCategory: 'Management'
};

const ec2DescribeInstances = {
  eventVersion: '1.09',
  userIdentity: { type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' },
  eventTime: '2024-03-07T12:37:00Z',
  eventSource: 'ec2.amazonaws.com',
  eventName: 'DescribeInstances',
  awsRegion: 'us-east-1',
  sourceIPAddress: 'autoscaling.amazonaws.com',
  userAgent: 'autoscaling.amazonaws.com',
  requestParameters: { instancesSet: { items: [{ instanceId: 'i-0a1b2c3d4e5f67890' }] }, filterSet: {} },
  responseElements: null,
  requestID: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  eventID: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '123456789012',
  eventCategory: 'Management'
};

/** The records most fixtures hold, in order: 3 non-Bedrock, the denied InvokeModel, the Converse near miss. */
export const FORMAT_RECORDS = [s3GetObject, stsAssumeRoleDenied, deniedInvokeModel, ec2DescribeInstances, deniedConverse];

const compact = (value) => JSON.stringify(value);
const envelope = (records) => `{"Records":[${records.map(compact).join(',')}]}`;

function lookupEvent(record) {
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly),
    AccessKeyId: record.userIdentity.accessKeyId ?? '',
    EventTime: record.eventTime.replace('Z', '+00:00'),
    EventSource: record.eventSource,
    Username: record.userIdentity.userName ?? record.userIdentity.arn?.split('/').pop() ?? '',
    Resources: [],
    CloudTrailEvent: compact(record)
  };
}

function eventBridgeEvent(record, index) {
  return {
    version: '0',
    id: `6f1e2d3c-4b5a-4697-8877-66554433221${index}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${record.eventSource.split('.')[0]}`,
    account: '123456789012',
    time: record.eventTime,
    region: record.awsRegion,
    resources: [],
    detail: record
  };
}

function logEvent(record, index) {
  return {
    logStreamName: '123456789012_CloudTrail_us-east-1',
    timestamp: Date.parse(record.eventTime),
    message: compact(record),
    ingestionTime: Date.parse(record.eventTime) + 4210,
    eventId: `3782645129887165438712349876123498761234987612349876${String(index).padStart(4, '0')}`
  };
}

const digest = {
  awsAccountId: '123456789012',
  digestStartTime: '2024-03-07T12:00:00Z',
  digestEndTime: '2024-03-07T13:00:00Z',
  digestS3Bucket: 'org-cloudtrail-logs',
  digestS3Object: 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/03/07/123456789012_CloudTrail-Digest_us-east-1_management-events_us-east-1_20240307T130000Z.json.gz',
  digestPublicKeyFingerprint: '8aa9e1d6f35e0fd7f4d0fe2f2b6a1ab3',
  digestSignatureAlgorithm: 'SHA256withRSA',
  newestEventTime: '2024-03-07T12:59:41Z',
  oldestEventTime: '2024-03-07T11:58:02Z',
  previousDigestS3Bucket: 'org-cloudtrail-logs',
  previousDigestS3Object: 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/03/07/123456789012_CloudTrail-Digest_us-east-1_management-events_us-east-1_20240307T120000Z.json.gz',
  previousDigestHashValue: '9b3c1a8f0e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d',
  previousDigestHashAlgorithm: 'SHA-256',
  previousDigestSignature: '4f3e2d1c0b9a8978675645342312f1e0d9c8b7a6958473625140f3e2d1c0b9a8',
  logFiles: [
    {
      s3Bucket: 'org-cloudtrail-logs',
      s3Object: 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/07/123456789012_CloudTrail_us-east-1_20240307T1235Z_Ab3dEf6hIj9kLm2n.json.gz',
      hashValue: '1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3',
      hashAlgorithm: 'SHA-256',
      newestEventTime: '2024-03-07T12:34:56Z',
      oldestEventTime: '2024-03-07T12:30:01Z'
    }
  ]
};

/**
 * Bedrock records that only a case-insensitive, escape-aware prefilter finds: every "bedrock" in their JSON
 * text is upper-cased, or written as `\u0062edrock` (`\u0062` is "b"), so the raw bytes never hold "bedrock".
 */
const upperCaseLine = compact({ ...deniedInvokeModel, eventID: 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e' }).replaceAll('bedrock', 'BEDROCK');
// U+212A KELVIN SIGN: "BEDROC\u212A".toLowerCase() is "bedrock", and the detection compares with toLowerCase().
const kelvinLine = compact({ ...deniedInvokeModel, eventID: 'd9e0f1a2-b3c4-4d5e-8f6a-7b8c9d0e1f2a' }).replaceAll('bedrock', 'BEDROC\u212A');
const escapeBedrock = (json) => json.replaceAll('bedrock', '\\u0062edrock');
const escapedLine = escapeBedrock(compact({ ...deniedInvokeModel, eventID: 'c8d9e0f1-a2b3-4c4d-9e5f-6a7b8c9d0e1f' }));
// Inside a string-encoded record (lookup-events) the escape's backslash is itself escaped: `\\u0062edrock`.
const escapedLookupPage = escapeBedrock(
  compact({
    Events: [
      { ...lookupEvent(deniedInvokeModel), CloudTrailEvent: escapeBedrock(compact(deniedInvokeModel)) },
      lookupEvent(s3GetObject)
    ]
  })
);

const files = {
  'envelope-compact.json.gz': gzipSync(envelope(FORMAT_RECORDS)),
  'envelope-pretty.json': JSON.stringify({ Records: FORMAT_RECORDS }, null, 2) + '\n',
  'envelope-bom-crlf.json': '\ufeff' + JSON.stringify({ Records: FORMAT_RECORDS }, null, 2).replaceAll('\n', '\r\n') + '\r\n',
  // Two gzip members, as `cat a.gz b.gz` produces: one stream of concatenated lines.
  'multi-member.ndjson.gz': Buffer.concat([
    gzipSync(FORMAT_RECORDS.slice(0, 2).map(compact).join('\n') + '\n'),
    gzipSync(FORMAT_RECORDS.slice(2).map(compact).join('\n') + '\n')
  ]),
  'records.ndjson': '\r\n' + FORMAT_RECORDS.map(compact).join('\r\n\r\n') + '\r\n\r\n',
  'records-array.json': JSON.stringify(FORMAT_RECORDS, null, 1) + '\n',
  'single-record.json': JSON.stringify(deniedInvokeModel, null, 2) + '\n',
  // aws cloudtrail lookup-events prints pretty JSON; two pages saved one after the other.
  'lookup-events-two-pages.json':
    JSON.stringify({ Events: FORMAT_RECORDS.slice(0, 3).map(lookupEvent), NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAzfQ==' }, null, 4) +
    '\n' +
    JSON.stringify({ Events: FORMAT_RECORDS.slice(3).map(lookupEvent) }, null, 4) +
    '\n',
  // The same pages written back to back with no separator.
  'lookup-events-concatenated.json':
    compact({ Events: FORMAT_RECORDS.slice(0, 3).map(lookupEvent), NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsfQ==' }) + compact({ Events: FORMAT_RECORDS.slice(3).map(lookupEvent) }),
  'eventbridge.ndjson': FORMAT_RECORDS.map((r, i) => compact(eventBridgeEvent(r, i))).join('\n') + '\n',
  'eventbridge-array.json': JSON.stringify(FORMAT_RECORDS.map(eventBridgeEvent), null, 2) + '\n',
  'cloudwatch-filter-log-events.json':
    JSON.stringify(
      {
        events: FORMAT_RECORDS.map(logEvent),
        searchedLogStreams: [{ logStreamName: '123456789012_CloudTrail_us-east-1', searchedCompletely: true }]
      },
      null,
      4
    ) + '\n',
  'digest.json.gz': gzipSync(compact(digest)),
  'empty.json': '',
  'bedrock-case-and-escapes.ndjson': [compact(s3GetObject), upperCaseLine, escapedLine, kelvinLine, compact(ec2DescribeInstances)].join('\n') + '\n',
  'lookup-events-escaped-source.json': escapedLookupPage + '\n',
  // Errors.
  'corrupt.json.gz': (() => {
    const gz = Buffer.from(gzipSync(envelope(FORMAT_RECORDS)));
    gz.fill(0xff, 10, 14); // deflate block header bytes overwritten
    return gz;
  })(),
  'truncated.json': envelope(FORMAT_RECORDS).slice(0, 2200),
  'not-cloudtrail.json': JSON.stringify({ name: 'bedrock-denied-scan', version: '1.0.0', dependencies: { 'stream-json': '^3.8.0' } }, null, 2) + '\n',
  'envelope-number-record.json': `{"Records":[${compact(s3GetObject)},42,${compact(deniedInvokeModel)}]}\n`
};

await mkdir(OUT, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  await writeFile(join(OUT, name), content);
}
console.log(`wrote ${Object.keys(files).length} files to ${OUT}`);
