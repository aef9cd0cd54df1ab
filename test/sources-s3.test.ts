import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import { createSources, type SourceDeps } from '../src/sources/index.js';
import { deliveredInWindow, locateInLayout, parseS3Url, windowDays } from '../src/sources/cloudtrail-layout.js';
import { ConfigError } from '../src/errors.js';
import type { Source } from '../src/sources/types.js';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';
import { asObject } from './helpers/source-items.js';

const ORG = 'o-abcdefghij';
const ACCOUNTS = ['111111111111', '222222222222'];
const REGIONS = ['eu-west-1', 'us-east-1'];
/** Delivery times of the files in every account/region of the organization trail. */
const DELIVERIES = [
  '20261031T2355Z', // day before the window: its day folder is never listed
  '20261101T0905Z', // delivered before since - 5 min: pruned by name
  '20261101T0956Z', // kept (events just before 10:00 may straddle since)
  '20261101T1200Z',
  '20261101T2355Z',
  '20261102T0005Z', // next day's folder: events from the window's last minutes
  '20261102T0100Z', // more than an hour after until: pruned by name
  '20261103T0005Z' // two days after: never listed
];
const SINCE = Date.parse('2026-11-01T10:00:00Z');
const UNTIL = Date.parse('2026-11-01T23:50:00Z');

function logKey(root: string, account: string, region: string, stamp: string, id = 'ABCDEFGHIJKLMNOP'): string {
  const day = `${stamp.slice(0, 4)}/${stamp.slice(4, 6)}/${stamp.slice(6, 8)}`;
  return `${root}${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${stamp}_${id}.json.gz`;
}

function logBody(key: string): Buffer {
  return gzipSync(JSON.stringify({ Records: [{ eventVersion: '1.09', eventSource: 'sts.amazonaws.com', key }] }));
}

function configFor(sources: string[], overrides: Partial<ActionConfig> = {}): ActionConfig {
  return {
    sources,
    workspace: process.cwd(),
    eventNames: ['InvokeModel'],
    errorCodes: ['AccessDenied'],
    splunkParity: false,
    allowIncomplete: false,
    threshold: 0,
    thresholdBy: 'events',
    failOnThreshold: true,
    reportPath: '/tmp/report.json',
    since: '',
    until: '',
    accounts: [],
    regions: [],
    concurrency: 4,
    awsRegion: 'us-east-1',
    s3Endpoint: '',
    artifactRunId: '',
    artifactRepository: '',
    githubToken: '',
    createIssue: false,
    issueLabel: 'bedrock-denied-scan',
    issueTitle: 't',
    issueAssignees: [],
    closeIssueWhenClean: true,
    commentOnPr: true,
    uploadArtifact: false,
    artifactName: 'r',
    ...overrides
  } as ActionConfig;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Lists a source and reads every object it yields; returns the names in yield order. */
async function scan(source: Source, read = true): Promise<string[]> {
  const names: string[] = [];
  for await (const item of source.objects()) {
    const object = asObject(item);
    names.push(object.name);
    if (read) await readAll(await object.open());
  }
  return names;
}

let s3: S3TestServer;
const deps = (): SourceDeps => ({ s3ClientConfig: { credentials: s3.credentials }, s3MaxKeys: 5 });
const orgRoot = `AWSLogs/${ORG}/`;
const manyFilesStamps = Array.from({ length: 10 }, (_, i) => `20261101T10${String(i * 5).padStart(2, '0')}Z`);

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['org-trail', 'plain-trail', 'flat-bucket'] });
  const puts: Promise<void>[] = [];
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      for (const stamp of DELIVERIES) {
        const key = logKey(orgRoot, account, region, stamp);
        puts.push(s3.putObject('org-trail', key, logBody(key)));
      }
      const digest = `${orgRoot}${account}/CloudTrail-Digest/${region}/2026/11/01/${account}_CloudTrail-Digest_${region}_org_${region}_20261101T1100Z.json.gz`;
      puts.push(s3.putObject('org-trail', digest, gzipSync('{"digestStartTime":"x"}')));
      const insight = `${orgRoot}${account}/CloudTrail-Insight/${region}/2026/11/01/${account}_CloudTrail-Insight_${region}_20261101T1100Z_X.json.gz`;
      puts.push(s3.putObject('org-trail', insight, gzipSync('{"Records":[]}')));
    }
  }
  // More objects in one day folder than one page (MaxKeys 5 in these tests).
  for (const stamp of manyFilesStamps) {
    const key = logKey(orgRoot, '111111111111', 'us-east-1', stamp, 'MANYFILES0000000');
    puts.push(s3.putObject('org-trail', key, logBody(key)));
  }
  for (const stamp of ['20261101T1200Z', '20261102T0005Z', '20261105T1200Z']) {
    const key = logKey('logs/AWSLogs/', '333333333333', 'us-west-2', stamp);
    puts.push(s3.putObject('plain-trail', key, logBody(key)));
  }
  puts.push(s3.putObject('plain-trail', 'logs/AWSLogs/333333333333/CloudTrail-Digest/us-west-2/2026/11/01/d.json.gz', 'digest'));
  puts.push(s3.putObject('plain-trail', 'other/readme.txt', 'not a trail'));
  puts.push(s3.putObject('flat-bucket', 'exports/a.json', '{"Records":[]}'));
  puts.push(s3.putObject('flat-bucket', 'exports/sub/b.ndjson', '{}\n'));
  puts.push(s3.putObject('flat-bucket', 'exports/sub/', ''));
  puts.push(s3.putObject('flat-bucket', 'elsewhere/c.json', '{}'));
  await Promise.all(puts);
});

afterAll(async () => {
  await s3?.close();
});

function expectedOrgObjects(accounts: string[], regions: string[]): string[] {
  const names: string[] = [];
  for (const account of accounts) {
    for (const region of regions) {
      const stamps = ['20261101T0956Z', '20261101T1200Z', '20261101T2355Z', '20261102T0005Z'];
      if (account === '111111111111' && region === 'us-east-1') {
        stamps.push(...manyFilesStamps.map((s) => `${s}#many`));
      }
      for (const stamp of stamps) {
        const [s, many] = stamp.split('#');
        names.push(`s3://org-trail/${logKey(orgRoot, account, region, s, many ? 'MANYFILES0000000' : undefined)}`);
      }
    }
  }
  return names.sort();
}

describe('S3 source on an organization trail', () => {
  test('lists only the day folders of the window and reads only objects delivered in it', async () => {
    s3.resetRequests();
    const [source] = createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    const names = await scan(source);
    const expected = expectedOrgObjects(ACCOUNTS, REGIONS);
    expect([...names].sort()).toEqual(expected);
    expect(names).toHaveLength(26);
    expect(s3.objectGets().map((p) => `s3://${p}`).sort()).toEqual(expected);

    const details = source.describe().details;
    expect(source.describe().kind).toBe('s3');
    expect(details.layout).toBe('cloudtrail');
    expect(details.trailRoots).toEqual(['AWSLogs/']);
    expect(details.window).toEqual({ since: '2026-11-01T10:00:00.000Z', until: '2026-11-01T23:50:00.000Z' });
    const dayFolders: string[] = [];
    for (const account of ACCOUNTS) {
      for (const region of REGIONS) {
        for (const day of ['2026/11/01', '2026/11/02']) dayFolders.push(`${orgRoot}${account}/CloudTrail/${region}/${day}/`);
      }
    }
    expect(details.prefixesListed).toEqual(dayFolders);
    expect(details.prefixesListedCount).toBe(8);
    // 8 folders × 5 objects (4 in the window + 1 pruned by name) + 10 extra, pruned 0905Z and 0100Z in each.
    expect(details.objectsListed).toBe(8 * 3 + 10);
    expect(details.objectsSkippedByDeliveryTime).toBe(8);
    expect(details.objectsRead).toBe(26);
    expect(details.retries).toBe(0);
    let expectedBytes = 0;
    for (const name of expected) expectedBytes += logBody(name.replace('s3://org-trail/', '')).length;
    expect(details.bytesRead).toBe(expectedBytes);
    // No listing ever touched the whole bucket or the digest/insight folders.
    const listed = s3.listedPrefixes('org-trail');
    // The search for AWSLogs/ lists the bucket root with a delimiter; nothing lists it without one.
    expect(listed.filter((p) => p === '')).toHaveLength(1);
    expect(s3.requests.some((r) => /list-type=2/.test(r.query) && !/delimiter/.test(r.query) && !/prefix=[^&]/.test(r.query))).toBe(false);
    // 15 objects in one day folder at MaxKeys 5: three pages.
    expect(listed.filter((p) => p === `${orgRoot}111111111111/CloudTrail/us-east-1/2026/11/01/`)).toHaveLength(3);
    expect(listed.some((p) => /CloudTrail-(Digest|Insight)/.test(p))).toBe(false);
    // Root (search for AWSLogs/), AWSLogs/ (org ids), the org (accounts), each account's CloudTrail/ (regions),
    // then 8 day folders, one of them three pages long.
    expect(listed).toHaveLength(1 + 1 + 1 + 2 + 8 + 2);
    expect(details.listRequests).toBe(15);
  });

  test('returns the stored bytes unchanged (still gzipped)', async () => {
    const [source] = createSources(configFor(['s3://org-trail/AWSLogs/o-abcdefghij/111111111111/CloudTrail/us-east-1/2026/11/01/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    for await (const item of source.objects()) {
    const object = asObject(item);
      const key = object.name.replace('s3://org-trail/', '');
      expect(await readAll(await object.open())).toEqual(logBody(key));
      expect(object.size).toBe(logBody(key).length);
      break;
    }
  });

  test('accounts and regions filters go straight to the wanted folders', async () => {
    s3.resetRequests();
    const config = configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint, accounts: ['222222222222'], regions: ['eu-west-1'] });
    const [source] = createSources(config, { since: SINCE, until: UNTIL }, deps());
    const names = await scan(source);
    expect(names.sort()).toEqual(expectedOrgObjects(['222222222222'], ['eu-west-1']));
    expect(source.describe().details.prefixesListed).toEqual([
      `${orgRoot}222222222222/CloudTrail/eu-west-1/2026/11/01/`,
      `${orgRoot}222222222222/CloudTrail/eu-west-1/2026/11/02/`
    ]);
    // Root search (1) + AWSLogs/ (1) + two day folders (1 page each); no account or region discovery.
    expect(s3.listRequests()).toBe(4);
    expect(s3.objectGets()).toHaveLength(4);
  });

  test('a prefix at the org folder, and at a region folder with a fixed month', async () => {
    const window = { since: SINCE, until: UNTIL };
    const [atOrg] = createSources(configFor([`s3://org-trail/${orgRoot}`], { s3Endpoint: s3.endpoint }), window, deps());
    expect((await scan(atOrg, false)).sort()).toEqual(expectedOrgObjects(ACCOUNTS, REGIONS));

    const deep = `s3://org-trail/${orgRoot}222222222222/CloudTrail/us-east-1/2026/11`;
    const [atMonth] = createSources(configFor([deep], { s3Endpoint: s3.endpoint }), window, deps());
    expect((await scan(atMonth, false)).sort()).toEqual(expectedOrgObjects(['222222222222'], ['us-east-1']));
    expect(atMonth.describe().details.prefix).toBe(`${orgRoot}222222222222/CloudTrail/us-east-1/2026/11/`);
    expect(atMonth.describe().details.prefixesListed).toEqual([
      `${orgRoot}222222222222/CloudTrail/us-east-1/2026/11/01/`,
      `${orgRoot}222222222222/CloudTrail/us-east-1/2026/11/02/`
    ]);
  });
});

describe('S3 source on a single-account trail', () => {
  const window = { since: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-11-01T23:59:59Z') };
  const inWindow = ['20261101T1200Z', '20261102T0005Z'].map((s) => `s3://plain-trail/${logKey('logs/AWSLogs/', '333333333333', 'us-west-2', s)}`);

  test('the bucket root finds the AWSLogs/ folder under logs/', async () => {
    const [source] = createSources(configFor(['s3://plain-trail'], { s3Endpoint: s3.endpoint }), window, deps());
    expect(await scan(source, false)).toEqual(inWindow);
    expect(source.describe().details).toMatchObject({ layout: 'cloudtrail', trailRoots: ['logs/AWSLogs/'], prefix: '' });
  });

  test('a deeper prefix at the account folder', async () => {
    const [source] = createSources(configFor(['s3://plain-trail/logs/AWSLogs/333333333333/'], { s3Endpoint: s3.endpoint }), window, deps());
    expect(await scan(source, false)).toEqual(inWindow);
  });

  test('without since, every day under each region folder is listed', async () => {
    const [source] = createSources(configFor(['s3://plain-trail/'], { s3Endpoint: s3.endpoint }), {}, deps());
    expect(await scan(source, false)).toEqual(
      ['20261101T1200Z', '20261102T0005Z', '20261105T1200Z'].map((s) => `s3://plain-trail/${logKey('logs/AWSLogs/', '333333333333', 'us-west-2', s)}`)
    );
    expect(source.describe().details.prefixesListed).toEqual(['logs/AWSLogs/333333333333/CloudTrail/us-west-2/']);
  });

  test('AWS_ENDPOINT_URL_S3 (read by the SDK) also selects path-style; region falls back to us-east-1', async () => {
    const saved = { ...process.env };
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    try {
      const [source] = createSources(configFor(['s3://plain-trail/'], { awsRegion: '' }), window, deps());
      expect(await scan(source, false)).toEqual(inWindow);
    } finally {
      process.env = saved;
    }
  });

  test('an account filter that excludes the trail account yields nothing', async () => {
    const [source] = createSources(configFor(['s3://plain-trail/'], { s3Endpoint: s3.endpoint, accounts: ['444444444444'] }), window, deps());
    expect(await scan(source, false)).toEqual([]);
    expect(source.describe().details.prefixesListedCount).toBe(0);
  });
});

describe('S3 source fallbacks and errors', () => {
  test('a prefix without a CloudTrail layout lists every object under it', async () => {
    const [source] = createSources(configFor(['s3://flat-bucket/exports'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    expect(await scan(source)).toEqual(['s3://flat-bucket/exports/a.json', 's3://flat-bucket/exports/sub/b.ndjson']);
    expect(source.describe().details).toMatchObject({ layout: 'flat', prefixesListed: ['exports/'], objectsRead: 2, bytesRead: 17 });
  });

  test('a missing bucket is a ConfigError naming it', async () => {
    const [source] = createSources(configFor(['s3://no-such-bucket/AWSLogs/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    const error = await scan(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe("Input 'source': bucket 'no-such-bucket' does not exist");
  });

  test('no credentials at all is a ConfigError pointing at configure-aws-credentials', async () => {
    const noCredentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };
    const [source] = createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, {
      s3ClientConfig: { credentials: noCredentials }
    });
    const error = await scan(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      's3://org-trail/: no valid AWS credentials (CredentialsProviderError: Could not load credentials from any providers). ' +
        'Configure credentials before this step, for example with aws-actions/configure-aws-credentials using OIDC ' +
        '(role-to-assume, and `permissions: id-token: write` in the workflow).'
    );
  });

  test('malformed lines and account ids are ConfigErrors at creation', () => {
    expect(() => createSources(configFor(['s3:///nobucket']), {})).toThrow(
      "Input 'source': 's3:///nobucket' is not a valid S3 location; expected s3://bucket or s3://bucket/prefix/"
    );
    expect(() => createSources(configFor(['s3://b/'], { accounts: ['12345'] }), {})).toThrow(
      "Input 'accounts': '12345' is not a 12-digit AWS account id"
    );
  });
});

describe('S3 error translation against a loopback server answering like S3', () => {
  let server: http.Server;
  let endpoint: string;
  let listAnswers: { status: number; body: string }[] = [];
  let getAnswer: { status: number; body: string } = { status: 200, body: '' };
  const xmlError = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`;
  const emptyListing =
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>x/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>x/f.json</Key><Size>2</Size></Contents></ListBucketResult>';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const isList = /list-type=2/.test(req.url ?? '');
      const answer = isList ? (listAnswers.shift() ?? { status: 200, body: emptyListing }) : getAnswer;
      res.writeHead(answer.status, { 'content-type': 'application/xml' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = () =>
    createSources(configFor(['s3://b/x/'], { s3Endpoint: endpoint }), { since: SINCE, until: UNTIL }, {
      s3ClientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }
    })[0];

  test('AccessDenied on listing names s3:ListBucket', async () => {
    listAnswers = [{ status: 403, body: xmlError('AccessDenied', 'Access Denied') }];
    const error = await scan(source()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('s3://b/x/: access denied listing objects; the role needs s3:ListBucket on arn:aws:s3:::b');
  });

  test('expired credentials explain how to configure them', async () => {
    listAnswers = [{ status: 400, body: xmlError('ExpiredToken', 'The provided token has expired.') }];
    const error = await scan(source()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      's3://b/x/: no valid AWS credentials (ExpiredToken: The provided token has expired.). Configure credentials before this step, ' +
        'for example with aws-actions/configure-aws-credentials using OIDC (role-to-assume, and `permissions: id-token: write` in the workflow).'
    );
  });

  test('AccessDenied on GetObject names s3:GetObject and kms:Decrypt', async () => {
    listAnswers = [];
    getAnswer = { status: 403, body: xmlError('AccessDenied', 'User is not authorized to perform: kms:Decrypt') };
    const objects = source().objects()[Symbol.asyncIterator]();
    const first = await objects.next();
    expect(first.value?.name).toBe('s3://b/x/f.json');
    const error = await first.value!.open().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      's3://b/x/f.json: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::b/x/f.json and kms:Decrypt on the KMS key that encrypts it (User is not authorized to perform: kms:Decrypt)'
    );
  });

  test('throttling is retried by the SDK and the retries are counted', async () => {
    listAnswers = [
      { status: 503, body: xmlError('SlowDown', 'Please reduce your request rate.') },
      { status: 503, body: xmlError('SlowDown', 'Please reduce your request rate.') }
    ];
    const s = source();
    expect(await scan(s, false)).toEqual(['s3://b/x/f.json']);
    expect(s.describe().details.retries).toBe(2);
  });
});

describe('CloudTrail layout helpers', () => {
  test('parseS3Url reads every prefix as a folder', () => {
    expect(parseS3Url('s3://bucket')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Url('s3://bucket/')).toEqual({ bucket: 'bucket', prefix: '' });
    expect(parseS3Url('s3://bucket/a//b')).toEqual({ bucket: 'bucket', prefix: 'a/b/' });
  });

  test('windowDays runs from the day of since to one day past the day of until', () => {
    expect(windowDays(Date.parse('2026-10-31T23:00:00Z'), Date.parse('2026-11-01T00:30:00Z'))).toEqual([
      '2026/10/31',
      '2026/11/01',
      '2026/11/02'
    ]);
    expect(windowDays(Date.parse('2026-12-31T10:00:00Z'), Date.parse('2026-12-31T11:00:00Z'))).toEqual(['2026/12/31', '2027/01/01']);
  });

  test('deliveredInWindow keeps 5 minutes before since and an hour after until', () => {
    const window = { since: Date.parse('2026-11-01T10:00:00Z'), until: Date.parse('2026-11-01T12:00:00Z') };
    const key = (stamp: string) => `p/1_CloudTrail_us-east-1_${stamp}_ABC.json.gz`;
    expect(deliveredInWindow(key('20261101T0954Z'), window)).toBe(false);
    expect(deliveredInWindow(key('20261101T0955Z'), window)).toBe(true);
    expect(deliveredInWindow(key('20261101T1300Z'), window)).toBe(true);
    expect(deliveredInWindow(key('20261101T1301Z'), window)).toBe(false);
    expect(deliveredInWindow('p/no-timestamp.json.gz', window)).toBe(true);
  });

  test('locateInLayout', () => {
    expect(locateInLayout('logs/')).toBeUndefined();
    expect(locateInLayout('AWSLogs/o-abcdefghij/')).toEqual({ awsLogsRoot: 'AWSLogs/', org: 'o-abcdefghij', dateParts: [] });
    expect(locateInLayout('x/AWSLogs/111111111111/CloudTrail/us-east-1/2026/')).toEqual({
      awsLogsRoot: 'x/AWSLogs/',
      account: '111111111111',
      region: 'us-east-1',
      dateParts: ['2026']
    });
    expect(locateInLayout('AWSLogs/111111111111/CloudTrail-Digest/')).toBe('not-cloudtrail');
  });
});
