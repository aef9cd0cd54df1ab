// Writes __fixtures__/sample-export/: a small CloudTrail S3 export (one account, two regions, one day)
// used by `npm start` and the end-to-end test. The records are hand-specified below; rerun after editing.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const ACCOUNT = '111122223333';
const root = path.resolve('__fixtures__/sample-export');

const identities = {
  stolenKey: { type: 'IAMUser', principalId: 'AIDA2N7TQQRGKJ7STOLN', arn: `arn:aws:iam::${ACCOUNT}:user/build-bot`, accountId: ACCOUNT, accessKeyId: 'AKIA2N7TQQRGKSTOLEN1', userName: 'build-bot' },
  analyst: {
    type: 'AssumedRole',
    principalId: 'AROA2N7TQQRGKANALYST:maria@example.com',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AnalystRole/maria@example.com`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIA2N7TQQRGKANALYS1',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROA2N7TQQRGKANALYST', arn: `arn:aws:iam::${ACCOUNT}:role/AnalystRole`, accountId: ACCOUNT, userName: 'AnalystRole' },
      attributes: { creationDate: '2026-11-26T08:00:00Z', mfaAuthenticated: 'true' }
    }
  },
  app: {
    type: 'AssumedRole',
    principalId: 'AROA2N7TQQRGKCHATAPP:i-0abc123def4567890',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ChatAppRole/i-0abc123def4567890`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIA2N7TQQRGKCHATAP1',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROA2N7TQQRGKCHATAPP', arn: `arn:aws:iam::${ACCOUNT}:role/ChatAppRole`, accountId: ACCOUNT, userName: 'ChatAppRole' },
      attributes: { creationDate: '2026-11-26T00:00:00Z', mfaAuthenticated: 'false' },
      ec2RoleDelivery: '2.0'
    }
  }
};

const UA = {
  boto: 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.35.36',
  cli: '[aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#bedrock-runtime.invoke-model]',
  js: 'aws-sdk-js/3.700.0 ua/2.1 os/linux#5.10.228 lang/js md/nodejs#20.18.0 api/bedrock-runtime#3.700.0'
};

let seq = 0;
function record(time, region, identity, ua, ip, source, name, extra = {}) {
  seq++;
  const id = `${String(seq).padStart(4, '0')}`;
  return {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: time,
    eventSource: source,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: ip,
    userAgent: ua,
    requestParameters: null,
    responseElements: null,
    requestID: `7c1d9a52-${id}-4b7e-9f0e-2d6c8b1a3e5f`,
    eventID: `e3b0c442-${id}-4c1b-8e2f-9a7d6c5b4a3f`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra
  };
}

function denied(time, region, identity, ua, ip, modelId, name = 'InvokeModel', reason = 'because no identity-based policy allows the bedrock:InvokeModel action', code = 'AccessDenied') {
  return record(time, region, identity, ua, ip, 'bedrock.amazonaws.com', name, {
    errorCode: code,
    errorMessage: `User: ${identity.arn} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:${region}::foundation-model/${modelId} ${reason}`,
    requestParameters: { modelId },
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `bedrock-runtime.${region}.amazonaws.com` }
  });
}

const probe = '185.220.101.47';
const files = {
  [`us-east-1/2026/11/26/${ACCOUNT}_CloudTrail_us-east-1_20261126T0905Z_Qm3x8LwT1aZp0eRk.json.gz`]: [
    record('2026-11-26T09:01:12Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'sts.amazonaws.com', 'GetCallerIdentity'),
    denied('2026-11-26T09:01:20Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'anthropic.claude-3-5-sonnet-20240620-v1:0'),
    denied('2026-11-26T09:01:21Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'anthropic.claude-3-opus-20240229-v1:0'),
    record('2026-11-26T09:01:03Z', 'us-east-1', identities.app, UA.js, '10.0.12.34', 'bedrock.amazonaws.com', 'InvokeModel', {
      requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }
    }),
    denied('2026-11-26T09:01:22Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'meta.llama3-70b-instruct-v1:0'),
    record('2026-11-26T09:02:40Z', 'us-east-1', identities.analyst, UA.cli, '198.51.100.23', 's3.amazonaws.com', 'ListBuckets'),
    denied('2026-11-26T09:01:25Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'anthropic.claude-3-5-sonnet-20240620-v1:0')
  ],
  [`us-east-1/2026/11/26/${ACCOUNT}_CloudTrail_us-east-1_20261126T1410Z_Hc7Vb2Ny5KsD9uFa.json.gz`]: [
    denied('2026-11-26T14:03:10Z', 'us-east-1', identities.analyst, UA.cli, '198.51.100.23', 'cohere.command-r-plus-v1:0', 'InvokeModel', 'with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-abcdefghij/service_control_policy/p-denybedrk'),
    denied('2026-11-26T14:04:55Z', 'us-east-1', identities.analyst, UA.cli, '198.51.100.23', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'Converse'),
    record('2026-11-26T14:05:01Z', 'us-east-1', identities.app, UA.js, '10.0.12.34', 'bedrock.amazonaws.com', 'InvokeModel', {
      requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }
    }),
    denied('2026-11-26T14:06:30Z', 'us-east-1', identities.stolenKey, UA.boto, probe, 'amazon.titan-text-premier-v1:0')
  ],
  [`us-west-2/2026/11/26/${ACCOUNT}_CloudTrail_us-west-2_20261126T2215Z_Zt4Pq8Rm1XcV6bNe.json.gz`]: [
    denied('2026-11-26T22:10:02Z', 'us-west-2', identities.stolenKey, UA.boto, probe, 'anthropic.claude-3-5-sonnet-20240620-v1:0'),
    denied('2026-11-26T22:10:04Z', 'us-west-2', identities.stolenKey, UA.boto, probe, 'mistral.mistral-large-2402-v1:0'),
    record('2026-11-26T22:11:00Z', 'us-west-2', identities.stolenKey, UA.boto, probe, 'ec2.amazonaws.com', 'DescribeRegions', {
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: 'You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/build-bot is not authorized to perform: ec2:DescribeRegions because no identity-based policy allows the ec2:DescribeRegions action'
    }),
    denied('2026-11-26T22:12:30Z', 'us-west-2', identities.app, UA.js, '10.0.40.7', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'InvokeModel', 'because no identity-based policy allows the bedrock:InvokeModel action', 'AccessDeniedException')
  ]
};

rmSync(root, { recursive: true, force: true });
for (const [rel, records] of Object.entries(files)) {
  const file = path.join(root, 'AWSLogs', ACCOUNT, 'CloudTrail', rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
}
const digest = path.join(root, 'AWSLogs', ACCOUNT, 'CloudTrail-Digest', 'us-east-1', '2026', '11', '26', `${ACCOUNT}_CloudTrail-Digest_us-east-1_management_us-east-1_20261126T1500Z.json.gz`);
mkdirSync(path.dirname(digest), { recursive: true });
writeFileSync(
  digest,
  gzipSync(
    JSON.stringify({
      awsAccountId: ACCOUNT,
      digestStartTime: '2026-11-26T14:00:00Z',
      digestEndTime: '2026-11-26T15:00:00Z',
      digestS3Bucket: 'org-cloudtrail-logs',
      digestS3Object: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2026/11/26/${ACCOUNT}_CloudTrail-Digest_us-east-1_management_us-east-1_20261126T1500Z.json.gz`,
      newestEventTime: '2026-11-26T14:06:30Z',
      oldestEventTime: '2026-11-26T14:03:10Z',
      digestSignatureAlgorithm: 'SHA256withRSA',
      logFiles: [{ s3Bucket: 'org-cloudtrail-logs', s3Object: `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/26/${ACCOUNT}_CloudTrail_us-east-1_20261126T1410Z_Hc7Vb2Ny5KsD9uFa.json.gz`, hashValue: '9b2f1e0c4d6a', hashAlgorithm: 'SHA-256' }]
    })
  )
);
console.log(`wrote ${Object.keys(files).length + 1} files under ${root}`);
