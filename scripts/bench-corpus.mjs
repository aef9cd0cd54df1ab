// Seeded synthetic CloudTrail corpus for `npm run bench` (and the S3 bench, which imports ensureCorpus).
// Generated once under bench-data/ (git-ignored) and reused while its manifest matches the parameters.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const CORPUS_VERSION = 4;
/** The day every record falls in: the S3 bench filters on it with since/until. */
export const CORPUS_DAY = '2026-11-01';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Ordinary traffic: [eventSource, eventName, readOnly, requestParameters factory]. */
const CALLS = [
  ['s3.amazonaws.com', 'GetObject', true, (r) => ({ bucketName: `data-${r.pick(['raw', 'curated', 'logs'])}`, key: `part-${r.int(1e6)}.parquet`, Host: 's3.amazonaws.com' })],
  ['s3.amazonaws.com', 'PutObject', false, (r) => ({ bucketName: 'data-raw', key: `in/${r.int(1e6)}.json`, Host: 'data-raw.s3.us-east-1.amazonaws.com' })],
  ['sts.amazonaws.com', 'AssumeRole', true, (r) => ({ roleArn: `arn:aws:iam::${r.account}:role/${r.pick(['Deploy', 'ReadOnly', 'BatchJobs'])}`, roleSessionName: `session-${r.int(1e5)}`, durationSeconds: 3600 })],
  ['ec2.amazonaws.com', 'DescribeInstances', true, () => ({ instancesSet: {}, filterSet: {} })],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups', true, () => ({ securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} })],
  ['kms.amazonaws.com', 'Decrypt', true, (r) => ({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT', keyId: `arn:aws:kms:${r.region}:${r.account}:key/${r.uuid()}` })],
  ['lambda.amazonaws.com', 'Invoke', false, (r) => ({ functionName: `arn:aws:lambda:${r.region}:${r.account}:function:worker-${r.int(40)}` })],
  ['dynamodb.amazonaws.com', 'GetItem', true, () => ({ tableName: 'sessions', key: { pk: 'HIDDEN_DUE_TO_SECURITY_REASONS' }, consistentRead: false })],
  ['iam.amazonaws.com', 'ListRoles', true, () => ({ maxItems: 100 })],
  ['logs.amazonaws.com', 'CreateLogStream', false, (r) => ({ logGroupName: `/aws/lambda/worker-${r.int(40)}`, logStreamName: `2026/11/01/[$LATEST]${r.hex(32)}` })],
  ['monitoring.amazonaws.com', 'GetMetricData', true, () => ({ startTime: 'Nov 1, 2026 10:00:00 AM', endTime: 'Nov 1, 2026 11:00:00 AM', maxDatapoints: 1440 })],
  ['secretsmanager.amazonaws.com', 'GetSecretValue', true, (r) => ({ secretId: `arn:aws:secretsmanager:${r.region}:${r.account}:secret:prod/db-${r.alnum(6)}` })]
];

const MODELS = ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'amazon.titan-text-express-v1', 'meta.llama3-70b-instruct-v1:0', 'mistral.mistral-large-2402-v1:0'];

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  chars(alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  alnum(n) {
    return this.chars(ALNUM, n);
  }
  hex(n) {
    return this.chars(HEX, n);
  }
  uuid() {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  ip() {
    return `${1 + this.int(222)}.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`;
  }
}

function identity(r) {
  const account = r.account;
  const kind = r.int(10);
  if (kind < 5) {
    const role = r.pick(['Deploy', 'ReadOnly', 'BatchJobs', 'DataScience', 'Admin']);
    const session = r.pick(['alice', 'bob', 'ci-runner', 'i-0abc12345def67890', 'etl']);
    return {
      type: 'AssumedRole',
      principalId: `AROA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}:${session}`,
      arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
      accountId: account,
      accessKeyId: `ASIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: `AROA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
        attributes: { creationDate: `${CORPUS_DAY}T0${r.int(9)}:1${r.int(9)}:0${r.int(9)}Z`, mfaAuthenticated: 'false' }
      }
    };
  }
  if (kind < 8) {
    const user = r.pick(['alice', 'bob', 'carol', 'svc-reporting', 'svc-ml']);
    return { type: 'IAMUser', principalId: `AIDA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`, arn: `arn:aws:iam::${account}:user/${user}`, accountId: account, accessKeyId: `AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, userName: user };
  }
  if (kind < 9) return { type: 'AWSService', invokedBy: r.pick(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'cloudformation.amazonaws.com']) };
  return { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: `ASIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}` };
}

const USER_AGENTS = [
  'aws-sdk-java/2.25.11 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. md/internal exec-env/AWS_Lambda_java17 io/sync http/Apache cfg/retry-mode/legacy',
  'Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux#5.10.219 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.131',
  'aws-cli/2.17.5 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#s3.cp',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
];
const BEDROCK_USER_AGENT = 'aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10.219 lang/js md/nodejs#20.15.0 api/bedrock-runtime#3.600.0 m/E';

function baseRecord(r, time, eventSource, eventName, readOnly, requestParameters, who) {
  const region = r.region;
  return {
    eventVersion: '1.10',
    userIdentity: who,
    eventTime: time,
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: who.type === 'AWSService' ? who.invokedBy : r.ip(),
    userAgent: who.type === 'AWSService' ? who.invokedBy : r.pick(USER_AGENTS),
    requestParameters,
    responseElements: null,
    requestID: r.uuid(),
    eventID: r.uuid(),
    readOnly,
    eventType: 'AwsApiCall',
    managementEvent: !eventSource.startsWith('s3.') && eventSource !== 'lambda.amazonaws.com',
    recipientAccountId: r.account,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource.split('.')[0]}.${region}.amazonaws.com` }
  };
}

function bedrockRecord(r, time, kind) {
  const who = identity(r);
  const model = r.pick(MODELS);
  const eventName = kind === 'converse-denied' ? 'Converse' : kind === 'stream-ok' ? 'InvokeModelWithResponseStream' : 'InvokeModel';
  const source = kind === 'mantle-denied' ? 'bedrock-mantle.amazonaws.com' : 'bedrock.amazonaws.com';
  const rec = baseRecord(r, time, source, eventName, true, { modelId: model }, who.type === 'AWSService' ? identity(r) : who);
  rec.tlsDetails.clientProvidedHostHeader = `bedrock-runtime.${r.region}.amazonaws.com`;
  if (rec.userIdentity.type !== 'AWSService' && r.next() < 0.5) rec.userAgent = BEDROCK_USER_AGENT;
  const principal = rec.userIdentity.arn ?? `arn:aws:iam::${r.account}:root`;
  const denial = `User: ${principal} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:${r.region}::foundation-model/${model} because no identity-based policy allows the bedrock:InvokeModel action`;
  if (kind === 'denied' || kind === 'converse-denied' || kind === 'mantle-denied') {
    rec.errorCode = 'AccessDenied';
    rec.errorMessage = denial;
  } else if (kind === 'exception') {
    rec.errorCode = 'AccessDeniedException';
    rec.errorMessage = denial;
  } else if (kind === 'validation') {
    rec.errorCode = 'ValidationException';
    rec.errorMessage = 'The provided model identifier is invalid.';
  } else {
    rec.additionalEventData = { inferenceRegion: r.region };
  }
  return rec;
}

/** One record; `denied` is true when it is what the detection must find. */
export function makeRecord(r, time) {
  const p = r.next();
  if (p < 0.001) return { record: bedrockRecord(r, time, 'denied'), denied: true };
  if (p < 0.003) {
    const kind = r.pick(['converse-denied', 'exception', 'validation', 'ok', 'stream-ok', 'mantle-denied']);
    return { record: bedrockRecord(r, time, kind), denied: false };
  }
  const [source, name, readOnly, params] = r.pick(CALLS);
  const rec = baseRecord(r, time, source, name, readOnly, params(r), identity(r));
  if (r.next() < 0.02) {
    rec.errorCode = r.pick(['AccessDenied', 'ThrottlingException', 'Client.UnauthorizedOperation']);
    rec.errorMessage = `User: ${rec.userIdentity.arn ?? 'unknown'} is not authorized to perform: ${source.split('.')[0]}:${name}`;
  } else if (name === 'AssumeRole') {
    rec.responseElements = { credentials: { accessKeyId: `ASIA${r.alnum(16).toUpperCase()}`, sessionToken: r.alnum(300), expiration: 'Nov 1, 2026, 1:00:00 PM' }, assumedRoleUser: { assumedRoleId: `AROA${r.alnum(17)}:session`, arn: 'arn:aws:sts::assumed' } };
  }
  return { record: rec, denied: false };
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/**
 * Generates (once) the corpus: envelopes/ holds compact {"Records":[...]} .json.gz files named as CloudTrail
 * delivers them; ndjson/ holds the same records, same paths, as gzip'd NDJSON (recognised by content).
 * Returns { dir, envelopesDir, ndjsonDir, files (paths relative to either layout dir, starting AWSLogs/),
 * bytesUncompressed (of the envelopes), expectedDenied (bedrock.amazonaws.com InvokeModel AccessDenied), records }.
 */
export async function ensureCorpus({ dir = 'bench-data', megabytes = Number(process.env.BENCH_MB) || 200, seed = 42 } = {}) {
  const manifestPath = join(dir, 'manifest.json');
  const params = { version: CORPUS_VERSION, megabytes, seed };
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (JSON.stringify(manifest.params) === JSON.stringify(params)) {
      return { ...manifest.result, dir, envelopesDir: join(dir, 'envelopes'), ndjsonDir: join(dir, 'ndjson') };
    }
  }
  await rm(dir, { recursive: true, force: true });
  const envelopesDir = join(dir, 'envelopes');
  const ndjsonDir = join(dir, 'ndjson');
  const r = new Rng(seed);
  const target = megabytes * 1024 * 1024;
  const files = [];
  let bytesUncompressed = 0;
  let expectedDenied = 0;
  let minute = 0;
  while (bytesUncompressed < target) {
    r.account = ACCOUNTS[files.length % ACCOUNTS.length];
    r.region = REGIONS[Math.floor(files.length / ACCOUNTS.length) % REGIONS.length];
    // Files of 1.3 to 26 MB uncompressed, like busy accounts' 5-minute deliveries.
    const count = 1000 + r.int(19000);
    minute = Math.min(minute + 5 + r.int(20), 23 * 60 + 50);
    const hour = Math.floor(minute / 60);
    const lines = [];
    for (let i = 0; i < count; i++) {
      const eventMinute = Math.max(0, minute - r.int(5));
      const time = `${CORPUS_DAY}T${pad(Math.floor(eventMinute / 60))}:${pad(eventMinute % 60)}:${pad(r.int(60))}Z`;
      const { record, denied } = makeRecord(r, time);
      if (denied) expectedDenied++;
      lines.push(JSON.stringify(record));
    }
    const stamp = `${CORPUS_DAY.replaceAll('-', '')}T${pad(hour)}${pad(minute % 60)}Z`;
    const rel = join('AWSLogs', r.account, 'CloudTrail', r.region, ...CORPUS_DAY.split('-'), `${r.account}_CloudTrail_${r.region}_${stamp}_${r.alnum(16)}.json.gz`);
    const envelope = Buffer.from(`{"Records":[${lines.join(',')}]}`);
    const ndjson = Buffer.from(lines.join('\n') + '\n');
    for (const [base, body] of [[envelopesDir, envelope], [ndjsonDir, ndjson]]) {
      const path = join(base, rel);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, gzipSync(body));
    }
    files.push({ path: rel, records: count, bytes: envelope.length });
    bytesUncompressed += envelope.length;
  }
  const result = { dir, envelopesDir, ndjsonDir, files: files.map((f) => f.path), bytesUncompressed, expectedDenied, records: files.reduce((n, f) => n + f.records, 0) };
  await writeFile(manifestPath, JSON.stringify({ params, result, files }, null, 2));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await ensureCorpus({});
  console.log(JSON.stringify({ ...result, files: result.files.length, dir: relative(process.cwd(), result.dir) }, null, 2));
}

/**
 * The many-findings case: `users` distinct denied users (each denied from one or two addresses, so about 1.6
 * findings per user), spread over gzip'd envelopes with ordinary traffic around them. Generated once under `dir`.
 * Returns { dir, expectedDenied, users }.
 */
export async function ensureUsersCorpus({ dir = 'bench-data-users', users = 5000, seed = 7 } = {}) {
  const manifestPath = join(dir, 'manifest.json');
  const params = { version: 1, users, seed };
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (JSON.stringify(manifest.params) === JSON.stringify(params)) return { dir, ...manifest.result };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const r = new Rng(seed);
  r.account = ACCOUNTS[0];
  r.region = REGIONS[0];
  let expectedDenied = 0;
  const files = 20;
  for (let f = 0; f < files; f++) {
    const lines = [];
    for (let u = f; u < users; u += files) {
      for (let k = 0; k < 1 + (u % 3); k++) {
        const rec = bedrockRecord(r, `${CORPUS_DAY}T${pad(u % 24)}:${pad(k)}:00Z`, 'denied');
        rec.userIdentity = { type: 'IAMUser', principalId: `AIDA${u}`, arn: `arn:aws:iam::${r.account}:user/user-${u}`, accountId: r.account, userName: `user-${u}` };
        rec.sourceIPAddress = `10.${u % 200}.${k % 2}.1`;
        lines.push(JSON.stringify(rec));
        expectedDenied++;
      }
      for (let k = 0; k < 20; k++) lines.push(JSON.stringify(makeRecord(r, `${CORPUS_DAY}T10:00:00Z`).record));
    }
    await writeFile(join(dir, `part-${pad(f)}.json.gz`), gzipSync(Buffer.from(`{"Records":[${lines.join(',')}]}`)));
  }
  const result = { expectedDenied, users };
  await writeFile(manifestPath, JSON.stringify({ params, result }, null, 2));
  return { dir, ...result };
}

/**
 * A real trail's shape for the S3 bench: CloudTrail delivers a small file (5-15 KB gzipped) every few minutes per
 * account and region, so a multi-day window of an organization trail is thousands of small objects. `accounts` x
 * `regions` x `days` day folders of `perDay` gzip'd envelopes of ~12 KB each, named and laid out as CloudTrail
 * delivers them, with days starting at CORPUS_DAY. Generated once under `dir`.
 * Returns { dir, envelopesDir, files, bytesUncompressed, bytesGzipped, records, expectedDenied, since, until }.
 */
export async function ensureSmallObjectsCorpus({ dir = 'bench-data-small', accounts = 3, regions = 4, days = 3, perDay = 56, seed = 11 } = {}) {
  const manifestPath = join(dir, 'manifest.json');
  const params = { version: 2, accounts, regions, days, perDay, seed };
  const finish = (result) => ({ ...result, dir, envelopesDir: join(dir, 'envelopes') });
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (JSON.stringify(manifest.params) === JSON.stringify(params)) return finish(manifest.result);
  }
  await rm(dir, { recursive: true, force: true });
  const envelopesDir = join(dir, 'envelopes');
  const r = new Rng(seed);
  const accountIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + 111111111 * (i + 1)).slice(0, 12));
  const regionNames = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'eu-central-1', 'us-east-2'].slice(0, regions);
  const first = Date.parse(`${CORPUS_DAY}T00:00:00Z`);
  const files = [];
  let bytesUncompressed = 0;
  let bytesGzipped = 0;
  let records = 0;
  let expectedDenied = 0;
  for (const account of accountIds) {
    for (const region of regionNames) {
      r.account = account;
      r.region = region;
      for (let d = 0; d < days; d++) {
        const day = new Date(first + d * 86_400_000).toISOString().slice(0, 10);
        for (let i = 0; i < perDay; i++) {
          const minute = Math.min(Math.floor((i * 1440) / perDay) + r.int(5) + 5, 1439);
          const count = 45 + r.int(45);
          const lines = [];
          for (let k = 0; k < count; k++) {
            const eventMinute = Math.max(0, minute - 5 - r.int(5));
            const time = `${day}T${pad(Math.floor(eventMinute / 60))}:${pad(eventMinute % 60)}:${pad(r.int(60))}Z`;
            const { record, denied } = makeRecord(r, time);
            if (denied) expectedDenied++;
            lines.push(JSON.stringify(record));
          }
          const stamp = `${day.replaceAll('-', '')}T${pad(Math.floor(minute / 60))}${pad(minute % 60)}Z`;
          const rel = join('AWSLogs', account, 'CloudTrail', region, ...day.split('-'), `${account}_CloudTrail_${region}_${stamp}_${r.alnum(16)}.json.gz`);
          const envelope = Buffer.from(`{"Records":[${lines.join(',')}]}`);
          const gz = gzipSync(envelope);
          const path = join(envelopesDir, rel);
          await mkdir(join(path, '..'), { recursive: true });
          await writeFile(path, gz);
          files.push(rel);
          bytesUncompressed += envelope.length;
          bytesGzipped += gz.length;
          records += count;
        }
      }
    }
  }
  const last = new Date(first + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const result = { files, bytesUncompressed, bytesGzipped, records, expectedDenied, since: `${CORPUS_DAY}T00:00:00Z`, until: `${last}T23:59:59Z` };
  await writeFile(manifestPath, JSON.stringify({ params, result }, null, 2));
  return finish(result);
}
