import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import { createSources, type SourceDeps } from '../src/sources/index.js';
import { S3Source } from '../src/sources/s3.js';
import { S3Client } from '@aws-sdk/client-s3';
import { deliveredInWindow, locateInLayout, parseS3Url, windowDays } from '../src/sources/cloudtrail-layout.js';
import { ConfigError } from '../src/errors.js';
import type { Source, SourceObject } from '../src/sources/types.js';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';
import { scanSources } from '../src/scan.js';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { asObject } from './helpers/source-items.js';
import { decodeCloudTrail } from '../src/decode/index.js';
import { describeError } from '../src/parallel/describe-error.js';
import { WHOLE_READ_BYTES } from '../src/sources/whole-body.js';

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
const deps = (): SourceDeps => ({ s3ClientConfig: { credentials: s3.credentials }, s3MaxKeys: 5, warn: () => undefined });
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
    const [source] = await createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
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

  /** The organization trail scanned from the bucket root with 60 ms per request (all 26 objects); its source. */
  async function scanWithLatency(): Promise<Source> {
    s3.resetRequests();
    s3.latencyMs = 60;
    try {
      const [source] = await createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
      expect(await scan(source)).toHaveLength(26);
      return source;
    } finally {
      s3.latencyMs = 0;
    }
  }

  test("the accounts' region folders are listed at once, not one round trip after another", async () => {
    await scanWithLatency();
    const regionListings = s3.requests.filter((r) => r.kind === 'list' && /\/CloudTrail\/$/.test(new URLSearchParams(r.query).get('prefix') ?? ''));
    expect(regionListings.map((r) => new URLSearchParams(r.query).get('prefix'))).toEqual(ACCOUNTS.map((a) => `${orgRoot}${a}/CloudTrail/`));
    // Both were asked before either could have been answered (60 ms each).
    expect(Math.abs(regionListings[1]!.at - regionListings[0]!.at)).toBeLessThan(40);
  });

  test('the bucket root and its AWSLogs/ folder are listed at once: the accounts are known one round trip sooner, with no extra listing', async () => {
    const source = await scanWithLatency();
    expect(source.describe().details.listRequests).toBe(15);
    const listings = s3.requests.filter((r) => r.kind === 'list');
    const at = (prefix: string) => listings.find((r) => (new URLSearchParams(r.query).get('prefix') ?? '') === prefix)!.at;
    expect(Math.abs(at('AWSLogs/') - at(''))).toBeLessThan(40);
    expect(listings.filter((r) => new URLSearchParams(r.query).get('prefix') === 'AWSLogs/')).toHaveLength(1);
  });

  test('with every listing paged one entry at a time, discovery delimiter listings included, the same objects are found', async () => {
    s3.pageSize = 1;
    try {
      s3.resetRequests();
      const [source] = await createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
      const names = await scan(source, false);
      expect([...names].sort()).toEqual(expectedOrgObjects(ACCOUNTS, REGIONS));
      expect(source.describe().details.prefixesListedCount).toBe(8);
      const listed = s3.listedPrefixes('org-trail');
      // The org folder holds two accounts and each CloudTrail/ folder two regions: two pages each.
      expect(listed.filter((p) => p === orgRoot)).toHaveLength(2);
      for (const account of ACCOUNTS) expect(listed.filter((p) => p === `${orgRoot}${account}/CloudTrail/`)).toHaveLength(2);
      expect(source.describe().details.listRequests).toBe(s3.listRequests());
    } finally {
      s3.pageSize = 1000;
    }
  });

  test('returns the stored bytes unchanged (still gzipped)', async () => {
    const [source] = await createSources(configFor(['s3://org-trail/AWSLogs/o-abcdefghij/111111111111/CloudTrail/us-east-1/2026/11/01/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
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
    const [source] = await createSources(config, { since: SINCE, until: UNTIL }, deps());
    const names = await scan(source);
    expect(names.sort()).toEqual(expectedOrgObjects(['222222222222'], ['eu-west-1']));
    expect(source.describe().details.prefixesListed).toEqual([
      `${orgRoot}222222222222/CloudTrail/eu-west-1/2026/11/01/`,
      `${orgRoot}222222222222/CloudTrail/eu-west-1/2026/11/02/`
    ]);
    // Root search (1) + AWSLogs/ (1) + two day folders (1 page each); no account or region discovery. (A listing of
    // account 111111111111 may still arrive: the read-ahead of the test before, which stopped after one object.)
    const ours = s3.requests.filter((r) => !decodeURIComponent(r.query + r.key).includes('111111111111'));
    expect(ours.filter((r) => r.kind === 'list')).toHaveLength(4);
    expect(source.describe().details.listRequests).toBe(4);
    expect(ours.filter((r) => r.kind === 'get')).toHaveLength(4);
  });

  test('a prefix at the org folder, and at a region folder with a fixed month', async () => {
    const window = { since: SINCE, until: UNTIL };
    const [atOrg] = await createSources(configFor([`s3://org-trail/${orgRoot}`], { s3Endpoint: s3.endpoint }), window, deps());
    expect((await scan(atOrg, false)).sort()).toEqual(expectedOrgObjects(ACCOUNTS, REGIONS));

    const deep = `s3://org-trail/${orgRoot}222222222222/CloudTrail/us-east-1/2026/11`;
    const [atMonth] = await createSources(configFor([deep], { s3Endpoint: s3.endpoint }), window, deps());
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
    const [source] = await createSources(configFor(['s3://plain-trail'], { s3Endpoint: s3.endpoint }), window, deps());
    expect(await scan(source, false)).toEqual(inWindow);
    expect(source.describe().details).toMatchObject({ layout: 'cloudtrail', trailRoots: ['logs/AWSLogs/'], prefix: '' });
  });

  test('AWSLogs/ not right under the prefix: the listing made ahead for it is one more request, and changes nothing else', async () => {
    s3.resetRequests();
    const [source] = await createSources(configFor(['s3://plain-trail'], { s3Endpoint: s3.endpoint }), window, deps());
    expect(await scan(source, false)).toEqual(inWindow);
    // The guess (AWSLogs/), the root, logs/ and other/ (the search's second level), logs/AWSLogs/ (the account), its
    // CloudTrail/ (the region), two day folders.
    expect(s3.listedPrefixes('plain-trail').sort()).toEqual(
      ['', 'AWSLogs/', 'logs/', 'other/', 'logs/AWSLogs/', 'logs/AWSLogs/333333333333/CloudTrail/', 'logs/AWSLogs/333333333333/CloudTrail/us-west-2/2026/11/01/', 'logs/AWSLogs/333333333333/CloudTrail/us-west-2/2026/11/02/'].sort()
    );
    expect(source.describe().details).toMatchObject({ listRequests: 8, prefixesNotListed: 0 });
  });

  test('a listing made ahead that fails is not reported when it was not needed', async () => {
    s3.resetRequests();
    const guess = s3.fail({ kind: 'list', bucket: 'plain-trail', prefix: 'AWSLogs/' }, { status: 500 }, 10);
    try {
      const [source] = await createSources(configFor(['s3://plain-trail'], { s3Endpoint: s3.endpoint }), window, deps());
      expect(await scan(source, false)).toEqual(inWindow);
      expect(source.describe().details).toMatchObject({ prefixesNotListed: 0, warnings: [] });
    } finally {
      s3.clearFaults();
    }
    // It was asked, and retried as any listing is.
    expect(s3.listedPrefixes('plain-trail').filter((p) => p === 'AWSLogs/').length).toBeGreaterThan(1);
    expect(guess).toBeDefined();
  });

  test('a deeper prefix at the account folder', async () => {
    const [source] = await createSources(configFor(['s3://plain-trail/logs/AWSLogs/333333333333/'], { s3Endpoint: s3.endpoint }), window, deps());
    expect(await scan(source, false)).toEqual(inWindow);
  });

  test('without since, every day under each region folder is listed', async () => {
    const [source] = await createSources(configFor(['s3://plain-trail/'], { s3Endpoint: s3.endpoint }), {}, deps());
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
      const [source] = await createSources(configFor(['s3://plain-trail/'], { awsRegion: '' }), window, deps());
      expect(await scan(source, false)).toEqual(inWindow);
    } finally {
      process.env = saved;
    }
  });

  test('an account filter that excludes the trail account yields nothing', async () => {
    const [source] = await createSources(configFor(['s3://plain-trail/'], { s3Endpoint: s3.endpoint, accounts: ['444444444444'] }), window, deps());
    expect(await scan(source, false)).toEqual([]);
    expect(source.describe().details.prefixesListedCount).toBe(0);
  });
});

describe('S3 source fallbacks and errors', () => {
  test('a prefix without a CloudTrail layout lists every object under it', async () => {
    const [source] = await createSources(configFor(['s3://flat-bucket/exports'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    expect(await scan(source)).toEqual(['s3://flat-bucket/exports/a.json', 's3://flat-bucket/exports/sub/b.ndjson']);
    expect(source.describe().details).toMatchObject({ layout: 'flat', prefixesListed: ['exports/'], objectsRead: 2, bytesRead: 17 });
  });

  test('a missing bucket is a ConfigError naming it', async () => {
    const [source] = await createSources(configFor(['s3://no-such-bucket/AWSLogs/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    const error = await scan(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe("Input 'source': bucket 'no-such-bucket' does not exist");
  });

  test('no credentials at all is a ConfigError pointing at configure-aws-credentials', async () => {
    const noCredentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };
    const [source] = await createSources(configFor(['s3://org-trail/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, {
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

  test('malformed lines and account ids are ConfigErrors at creation', async () => {
    await expect(createSources(configFor(['s3:///nobucket']), {})).rejects.toThrow(
      "Input 'source': 's3:///nobucket' is not a valid S3 location; expected s3://bucket or s3://bucket/prefix/"
    );
    await expect(createSources(configFor(['s3://b/'], { accounts: ['12345'] }), {})).rejects.toThrow(
      "Input 'accounts': '12345' is not a 12-digit AWS account id"
    );
  });
});

describe('S3 error translation against a loopback server answering like S3', () => {
  let server: http.Server;
  let endpoint: string;
  let listAnswers: { status: number; body: string }[] = [];
  /** The answer to every listing, while set (S3's answer does not change when the request is sent again). */
  let everyListAnswer: { status: number; body: string } | undefined;
  let getAnswer: { status: number; body: string } = { status: 200, body: '' };
  const xmlError = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`;
  const emptyListing =
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>x/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>x/f.json</Key><Size>2</Size></Contents></ListBucketResult>';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const isList = /list-type=2/.test(req.url ?? '');
      const answer = isList ? (everyListAnswer ?? listAnswers.shift() ?? { status: 200, body: emptyListing }) : getAnswer;
      res.writeHead(answer.status, { 'content-type': 'application/xml' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = async () =>
    (
      await createSources(configFor(['s3://b/x/'], { s3Endpoint: endpoint }), { since: SINCE, until: UNTIL }, {
        s3ClientConfig: { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }
      })
    )[0];

  test('AccessDenied on listing names s3:ListBucket', async () => {
    // Every listing: the direct ones (sent before the SDK loads) hand the listing to the SDK, which words the error.
    everyListAnswer = { status: 403, body: xmlError('AccessDenied', 'Access Denied') };
    const error = await scan(await source())
      .catch((e: unknown) => e)
      .finally(() => (everyListAnswer = undefined));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('s3://b/x/: access denied listing objects; the role needs s3:ListBucket on arn:aws:s3:::b');
  });

  test('expired credentials explain how to configure them', async () => {
    everyListAnswer = { status: 400, body: xmlError('ExpiredToken', 'The provided token has expired.') };
    const error = await scan(await source())
      .catch((e: unknown) => e)
      .finally(() => (everyListAnswer = undefined));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      's3://b/x/: no valid AWS credentials (ExpiredToken: The provided token has expired.). Configure credentials before this step, ' +
        'for example with aws-actions/configure-aws-credentials using OIDC (role-to-assume, and `permissions: id-token: write` in the workflow).'
    );
  });

  test('AccessDenied on GetObject names s3:GetObject and kms:Decrypt', async () => {
    listAnswers = [];
    getAnswer = { status: 403, body: xmlError('AccessDenied', 'User is not authorized to perform: kms:Decrypt') };
    const objects = (await source()).objects()[Symbol.asyncIterator]();
    const first = await objects.next();
    expect(first.value?.name).toBe('s3://b/x/f.json');
    const error = await first.value!.open().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      's3://b/x/f.json: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::b/x/f.json and kms:Decrypt on the KMS key that encrypts it (User is not authorized to perform: kms:Decrypt)'
    );
  });

  test('a store that repeats a continuation token: the listing stops there and names the prefix, nothing is listed forever', async () => {
    // Every page of x/ says there is more, and where: the same place each time.
    everyListAnswer = { status: 200, body: emptyListing.replace('<IsTruncated>false</IsTruncated>', '<IsTruncated>true</IsTruncated><NextContinuationToken>again</NextContinuationToken>') };
    const items = [];
    try {
      for await (const item of (await source()).objects()) items.push(item);
    } finally {
      everyListAnswer = undefined;
    }
    const gaps = items.filter((item) => 'gap' in item);
    expect(gaps.map((gap) => (gap as { name: string }).name)).toContain('s3://b/x/');
    expect(JSON.stringify(gaps)).toContain('a continuation token repeated');
  });

  test('throttling is retried by the SDK and the retries are counted', async () => {
    // The first two answer the two listings sent directly at the start (the search for AWSLogs/ and the folder beside
    // it: each a retry, handed to the SDK), the next two the SDK's first attempts at them, which it retries.
    listAnswers = [0, 1, 2, 3].map(() => ({ status: 503, body: xmlError('SlowDown', 'Please reduce your request rate.') }));
    const s = await source();
    expect(await scan(s, false)).toEqual(['s3://b/x/f.json']);
    expect(s.describe().details.retries).toBe(4);
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

describe('S3 source against a server that fails, resets and stalls', () => {
  let faulty: S3TestServer;
  const warnings: string[] = [];
  const IDLE_MS = 300;
  const TRAIL = 'faulty-trail';
  const ACCOUNT = '123456789012';
  const OTHER = '210987654321';
  /** 8 files on 11/01, 6 on 11/02, 3 on 11/03: 17 in all, all inside the window. */
  const dayFiles: Record<string, string[]> = {
    '01': Array.from({ length: 8 }, (_, i) => `20261101T1${i}00Z`),
    '02': Array.from({ length: 6 }, (_, i) => `20261102T0${i}00Z`),
    '03': Array.from({ length: 3 }, (_, i) => `20261103T000${i}Z`)
  };
  const window = { since: Date.parse('2026-11-01T10:00:00Z'), until: Date.parse('2026-11-02T23:30:00Z') };
  const dayPrefix = (account: string, day: string) => `AWSLogs/${account}/CloudTrail/eu-west-1/2026/11/${day}/`;
  const BIG_KEY = 'big/AWSLogs-export/events.json.gz';
  const bigRecords = Array.from({ length: 300 }, (_, i) => ({
    eventVersion: '1.09',
    eventID: createHash('sha256').update(`event ${i}`).digest('hex'),
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel'
  }));
  const BIG = gzipSync(JSON.stringify({ Records: bigRecords }));
  /** A trail file holding one record, which names the file. */
  const trailBody = (key: string) => gzipSync(JSON.stringify({ Records: [{ eventVersion: '1.09', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', key }] }));

  /** The scan's failure text: the source's exact message, then how many records were parsed before it (timing-dependent). */
  const keptRecords = (message: string) =>
    expect.stringMatching(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(the \\d+ records parsed before the error were still scanned\\))?$`));
  const faultDeps = (extra: Partial<SourceDeps> = {}): SourceDeps => ({
    s3ClientConfig: { credentials: faulty.credentials },
    idleTimeoutMs: IDLE_MS,
    warn: (m) => warnings.push(m),
    ...extra
  });
  const faultSource = async (line: string, extra: Partial<SourceDeps> = {}, w = window) =>
    (await createSources(configFor([line], { s3Endpoint: faulty.endpoint }), w, faultDeps(extra)))[0];
  const scanTotals = async (sources: Source[]) => {
    const records: CloudTrailRecord[] = [];
    const totals = await scanSources(sources, { concurrency: 3, onRecord: (r) => records.push(r) });
    return { totals, records };
  };

  beforeAll(async () => {
    faulty = await startS3Server({ buckets: [TRAIL, 'flat-exports'], pageSize: 2 });
    for (const account of [ACCOUNT, OTHER]) {
      for (const [day, stamps] of Object.entries(dayFiles)) {
        for (const stamp of stamps) {
          const key = `${dayPrefix(account, day)}${account}_CloudTrail_eu-west-1_${stamp}_FILE.json.gz`;
          await faulty.putObject(TRAIL, key, trailBody(key));
        }
      }
    }
    await faulty.putObject(TRAIL, BIG_KEY, BIG);
    await faulty.putObject('flat-exports', 'exports/111122223333_CloudTrail_us-east-1_20261101T1200Z_In.json.gz', trailBody('in'));
    await faulty.putObject('flat-exports', 'exports/111122223333_CloudTrail_us-east-1_20261020T1200Z_Old.json.gz', trailBody('old'));
    await faulty.putObject('flat-exports', 'exports/111122223333_CloudTrail_us-east-1_20261103T0100Z_Late.json.gz', trailBody('late'));
    await faulty.putObject('flat-exports', 'exports/siem/export-0001.ndjson', '{"eventVersion":"1.09","eventName":"X"}\n');
  });
  afterAll(async () => {
    await faulty?.close();
  });
  beforeEach(() => {
    faulty.clearFaults();
    faulty.resetRequests();
    warnings.length = 0;
  });

  test('a day prefix whose listing fails after the SDK retries is named as not scanned; the other 11 objects are read', async () => {
    const failing = dayPrefix(ACCOUNT, '02');
    faulty.fail({ kind: 'list', prefix: failing }, { status: 500 });
    const source = await faultSource(`s3://${TRAIL}/AWSLogs/${ACCOUNT}/`);
    const { totals, records } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/${failing}`,
        error: 'listing failed after 5 attempts (InternalError: We encountered an internal error. Please try again.); the objects under it were not scanned'
      }
    ]);
    expect(totals.files).toBe(11);
    expect(records).toHaveLength(11);
    // A direct listing first (answered 500: then every listing goes through the SDK), then the SDK's 5 attempts.
    expect(faulty.listedPrefixes(TRAIL).filter((p) => p === failing)).toHaveLength(6);
    expect(source.describe().details).toMatchObject({ prefixesNotListed: 1, objectsRead: 11, retries: 5 });
  });

  test('the AWSLogs/ folder listed ahead of the search fails after the retries: named once as not scanned, nothing read', async () => {
    faulty.fail({ kind: 'list', prefix: 'AWSLogs/' }, { status: 500 });
    const source = await faultSource(`s3://${TRAIL}/`);
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/AWSLogs/`,
        error: 'listing failed after 5 attempts (InternalError: We encountered an internal error. Please try again.); the folders below it were not scanned'
      }
    ]);
    expect(totals.files).toBe(0);
    // The direct listing, then the SDK's 5 attempts.
    expect(faulty.listedPrefixes(TRAIL).filter((p) => p === 'AWSLogs/')).toHaveLength(6);
    expect(source.describe().details).toMatchObject({ prefixesNotListed: 1, layout: 'cloudtrail', trailRoots: ['AWSLogs/'] });
  });

  test('a listing that breaks off on its second page keeps the first page and names the prefix', async () => {
    const failing = dayPrefix(ACCOUNT, '01');
    faulty.fail((r) => r.kind === 'list' && r.prefix === failing && r.query.includes('continuation-token'), { status: 503 });
    const source = await faultSource(`s3://${TRAIL}/AWSLogs/${ACCOUNT}/`, { s3ClientConfig: { credentials: faulty.credentials, maxAttempts: 2 } });
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/${failing}`,
        error:
          'listing failed after 2 attempts (SlowDown: Please reduce your request rate.); the objects under it were not scanned ' +
          '(the 2 objects listed before the failure were still read)'
      }
    ]);
    expect(totals.files).toBe(2 + 6 + 3);
  });

  test('a failing delimiter listing during discovery makes that subtree a gap; the other account is read', async () => {
    faulty.fail({ kind: 'list', prefix: `AWSLogs/${OTHER}/CloudTrail/` }, { status: 500 });
    const source = await faultSource(`s3://${TRAIL}/`, { s3ClientConfig: { credentials: faulty.credentials, maxAttempts: 2 } });
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/AWSLogs/${OTHER}/CloudTrail/`,
        error: 'listing failed after 2 attempts (InternalError: We encountered an internal error. Please try again.); the folders below it were not scanned'
      }
    ]);
    expect(totals.files).toBe(17);
    expect(source.describe().details).toMatchObject({ layout: 'cloudtrail', trailRoots: ['AWSLogs/'], prefixesNotListed: 1 });
  });

  test('a failing search for AWSLogs/ names the whole prefix rather than reading it unpruned', async () => {
    faulty.fail({ kind: 'list', prefix: '' }, { status: 500 });
    const source = await faultSource(`s3://${TRAIL}/`, { s3ClientConfig: { credentials: faulty.credentials, maxAttempts: 2 } });
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/`,
        error:
          `searching for AWSLogs/ below it failed, so nothing under it was read (s3://${TRAIL}/: listing failed after 2 attempts ` +
          '(InternalError: We encountered an internal error. Please try again.); the folders below it were not scanned)'
      }
    ]);
    expect(totals.files).toBe(0);
    expect(faulty.objectGets()).toEqual([]);
  });

  test('a missing bucket is still a ConfigError for the whole source', async () => {
    const error = await scanTotals([await faultSource('s3://no-such-bucket/AWSLogs/')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe("Input 'source': bucket 'no-such-bucket' does not exist");
  });

  test('a listing that never answers becomes a gap after the idle timeout', async () => {
    const failing = dayPrefix(ACCOUNT, '03');
    faulty.fail({ kind: 'list', prefix: failing }, { stall: 'response' });
    const source = await faultSource(`s3://${TRAIL}/AWSLogs/${ACCOUNT}/`, { s3ClientConfig: { credentials: faulty.credentials, maxAttempts: 2 } });
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      { file: `s3://${TRAIL}/${failing}`, error: `listing failed after 2 attempts (no data for ${IDLE_MS} ms); the objects under it were not scanned` }
    ]);
    expect(totals.files).toBe(14);
  }, 30_000);

  test('a gzip body reset twice mid-stream is resumed with ranged GETs pinned to the ETag and decodes completely', async () => {
    // Three resets: the first cuts the direct GET (a whole read, given up and read again through the SDK, one
    // retry); the SDK's read is then resumed twice.
    faulty.fail({ kind: 'get', key: BIG_KEY }, { resetAfterBytes: 1000 }, 3);
    const source = await faultSource(`s3://${TRAIL}/big/`);
    const { totals, records } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([]);
    expect(records.map((r) => r.eventID)).toEqual(bigRecords.map((r) => r.eventID));
    const gets = faulty.requests.filter((r) => r.kind === 'get');
    expect(gets.map((r) => [r.headers['amz-sdk-invocation-id'] ? 'sdk' : 'direct', r.headers.range ?? null, r.headers['if-match'] ?? null])).toEqual([
      ['direct', null, null],
      ['sdk', null, null],
      ['sdk', 'bytes=1000-', faulty.etag(TRAIL, BIG_KEY)],
      ['sdk', 'bytes=2000-', faulty.etag(TRAIL, BIG_KEY)]
    ]);
    expect(source.describe().details).toMatchObject({ resumes: 2, retries: 1, objectsRead: 1, bytesRead: BIG.length });
  });

  test('small objects are read whole and decode exactly as the decoder streams them (gzip, members, plain, corrupt, gzip in gzip)', async () => {
    const envelope = (n: number) => JSON.stringify({ Records: bigRecords.slice(n, n + 20) });
    const bodies: Record<string, Buffer> = {
      'whole/a-gzip.json.gz': gzipSync(envelope(0)),
      // Two gzip members: one NDJSON file in two pieces.
      'whole/b-members.json.gz': Buffer.concat([gzipSync(JSON.stringify(bigRecords[0]) + '\n'), gzipSync(JSON.stringify(bigRecords[1]) + '\n')]),
      'whole/c-plain.json': Buffer.from('\ufeff' + envelope(40)),
      'whole/d-corrupt.json.gz': Buffer.concat([gzipSync(envelope(60)).subarray(0, 200), Buffer.alloc(50, 7)]),
      'whole/e-truncated.json.gz': gzipSync(envelope(80)).subarray(0, 300),
      'whole/f-gzip-in-gzip.json.gz': gzipSync(gzipSync(envelope(100))),
      'whole/g-empty.json.gz': gzipSync(''),
      'whole/h-trailing.json.gz': Buffer.concat([gzipSync(envelope(120)), Buffer.alloc(16)])
    };
    const expected: { records: number; failures: { file: string; error: string }[] } = { records: 0, failures: [] };
    for (const [key, body] of Object.entries(bodies)) {
      expect(body.length).toBeLessThanOrEqual(WHOLE_READ_BYTES);
      await faulty.putObject(TRAIL, key, body);
      let records = 0;
      try {
        await decodeCloudTrail(Readable.from([body]), { strategy: 'full', onRecord: () => records++ });
      } catch (error) {
        expected.failures.push({ file: `s3://${TRAIL}/${key}`, error: describeError(error) });
      }
      expected.records += records;
    }
    const source = await faultSource(`s3://${TRAIL}/whole/`);
    const records: CloudTrailRecord[] = [];
    const totals = await scanSources([source], { concurrency: 3, strategy: 'full', onRecord: (r) => records.push(r) });
    expect(expected.failures.length).toBeGreaterThanOrEqual(3);
    expect(totals.filesFailed).toEqual(expected.failures.map((f) => ({ file: f.file, error: keptRecords(f.error) })));
    expect(records.length).toBe(expected.records);
    expect(totals.files).toBe(Object.keys(bodies).length);
    const stored = Object.values(bodies).reduce((n, b) => n + b.length, 0);
    expect(source.describe().details).toMatchObject({ objectsRead: Object.keys(bodies).length, bytesRead: stored });
  });

  test('an object over the whole-read size is streamed, and a body reset mid-stream is resumed the same way', async () => {
    const key = 'large/events.json.gz';
    // Incompressible enough to stay over WHOLE_READ_BYTES once gzip'd.
    const hex = (text: string) => createHash('sha256').update(text).digest('hex');
    const large = gzipSync(JSON.stringify({ Records: Array.from({ length: 1200 }, (_, i) => ({ ...bigRecords[i % 300], eventID: hex(`large ${i}`), requestID: hex(`request ${i}`) })) }));
    expect(large.length).toBeGreaterThan(WHOLE_READ_BYTES);
    await faulty.putObject(TRAIL, key, large);
    faulty.fail({ kind: 'get', key }, { resetAfterBytes: 30_000 }, 2);
    const source = await faultSource(`s3://${TRAIL}/large/`);
    const { totals, records } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([]);
    expect(records).toHaveLength(1200);
    expect(faulty.requests.filter((r) => r.kind === 'get').map((r) => r.headers.range ?? null)).toEqual([null, 'bytes=30000-', 'bytes=60000-']);
    expect(source.describe().details).toMatchObject({ resumes: 2, objectsRead: 1, bytesRead: large.length });
  });

  test('a body that breaks off for good reaches even a slow reader whole before its error: nothing read ahead is dropped', async () => {
    const key = 'broken/events.json.gz';
    const hex = (text: string) => createHash('sha256').update(text).digest('hex');
    const large = gzipSync(JSON.stringify({ Records: Array.from({ length: 3000 }, (_, i) => ({ ...bigRecords[i % 300], eventID: hex(`broken ${i}`), requestID: hex(`request ${i}`) })) }));
    expect(large.length).toBeGreaterThan(150_000);
    await faulty.putObject(TRAIL, key, large);
    faulty.fail({ kind: 'get', key }, { resetAfterBytes: 30_000 });
    const source = await faultSource(`s3://${TRAIL}/broken/`);
    const objects: SourceObject[] = [];
    for await (const item of source.objects()) objects.push(asObject(item));
    const [object] = objects;
    const received: Buffer[] = [];
    const error = await (async () => {
      for await (const chunk of await object!.open()) {
        received.push(chunk as Buffer);
        // A reader busy elsewhere (decoding, other objects): the body runs ahead of it.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })().catch((e: Error) => e);
    expect((error as Error).message).toMatch(/reading the object failed at byte 120000 of \d+ after 3 resumes/);
    expect(Buffer.concat(received).equals(large.subarray(0, 120_000))).toBe(true);
    expect(source.describe().details).toMatchObject({ resumes: 3, bytesRead: 120_000 });
  });

  test('a body reset 4 times fails the object, saying how many resumes were tried', async () => {
    faulty.fail({ kind: 'get', key: BIG_KEY }, { resetAfterBytes: 1000 });
    const source = await faultSource(`s3://${TRAIL}/big/`);
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/${BIG_KEY}`,
        error: keptRecords(
          `s3://${TRAIL}/${BIG_KEY}: reading the object failed at byte 4000 of ${BIG.length} after 3 resumes ` +
          '(ranged GETs from the byte reached): ECONNRESET: aborted'
        )
      }
    ]);
    // The direct GET cut short, then the SDK's read and its 3 resumes.
    expect(faulty.objectGets()).toHaveLength(5);
  });

  test('an object changed between the reset and the resume is not stitched', async () => {
    const key = 'changing/file.json.gz';
    await faulty.putObject(TRAIL, key, BIG);
    const etag = faulty.etag(TRAIL, key);
    faulty.fail({ kind: 'get', key, ranged: false }, { resetAfterBytes: 1000 });
    faulty.fail({ kind: 'get', key, ranged: true }, { status: 412, code: 'PreconditionFailed' });
    const { totals } = await scanTotals([await faultSource(`s3://${TRAIL}/changing/`)]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/${key}`,
        error: keptRecords(
          `s3://${TRAIL}/${key}: the object changed while it was being read (its ETag is no longer ${etag}); the 1000 bytes read before were kept`
        )
      }
    ]);
  });

  test('a body that stalls after its headers fails the object after the idle timeout and 3 resumes, not hanging', async () => {
    faulty.fail({ kind: 'get', key: BIG_KEY }, { stall: 'headers', afterBytes: 500 });
    const { totals } = await scanTotals([await faultSource(`s3://${TRAIL}/big/`)]);
    expect(totals.filesFailed).toEqual([
      {
        file: `s3://${TRAIL}/${BIG_KEY}`,
        error: keptRecords(
          `s3://${TRAIL}/${BIG_KEY}: reading the object failed at byte 2000 of ${BIG.length} after 3 resumes ` +
          `(ranged GETs from the byte reached): no data for ${IDLE_MS} ms`
        )
      }
    ]);
  }, 30_000);

  test('a GetObject that never answers fails the object after the SDK retries', async () => {
    faulty.fail({ kind: 'get', key: BIG_KEY }, { stall: 'response' });
    const source = await faultSource(`s3://${TRAIL}/big/`, { s3ClientConfig: { credentials: faulty.credentials, maxAttempts: 2 } });
    const { totals } = await scanTotals([source]);
    expect(totals.filesFailed).toEqual([
      { file: `s3://${TRAIL}/${BIG_KEY}`, error: `s3://${TRAIL}/${BIG_KEY}: reading the object failed after 2 attempts: no data for ${IDLE_MS} ms` }
    ]);
  }, 30_000);

  test('a prefix with no AWSLogs/ below it is read in full, skipping files delivered outside the window, with a warning', async () => {
    const source = await faultSource('s3://flat-exports/exports/');
    const names = await scan(source, false);
    expect(names).toEqual([
      's3://flat-exports/exports/111122223333_CloudTrail_us-east-1_20261101T1200Z_In.json.gz',
      's3://flat-exports/exports/siem/export-0001.ndjson'
    ]);
    const expectedWarning =
      's3://flat-exports/exports/: no AWSLogs/ folder found within 3 levels below the prefix, so the CloudTrail layout was not ' +
      'recognised and every object under it is listed and read, except files whose CloudTrail delivery time (in the file name) ' +
      "is outside the time window. Point the source at the folder holding AWSLogs/ to have only the window's day folders listed.";
    expect(warnings).toEqual([expectedWarning]);
    expect(source.describe().details).toMatchObject({ layout: 'flat', objectsListed: 4, objectsSkippedByDeliveryTime: 2, warnings: [expectedWarning] });
  });

  test('objects carry s3://bucket/key as identity, so overlapping source lines read each object once', async () => {
    const sources = await createSources(
      configFor(['s3://flat-exports/exports/', 's3://flat-exports/exports/siem/'], { s3Endpoint: faulty.endpoint }),
      window,
      faultDeps()
    );
    const identities: (string | undefined)[] = [];
    for await (const item of sources[1].objects()) identities.push(asObject(item).identity);
    expect(identities).toEqual(['s3://flat-exports/exports/siem/export-0001.ndjson']);
    faulty.resetRequests();
    const { totals } = await scanTotals(sources);
    expect(totals.files).toBe(2);
    expect(totals.filesDuplicate).toBe(1);
    expect(faulty.objectGets()).toHaveLength(2);
  });
});

describe('S3 bucket in another region than the configured one', () => {
  test('S3 answers 301 with the bucket region; the requests go again, signed for it, and every object is read', async () => {
    // Real parts: the SDK's region redirect (followRegionRedirects) with its middleware resolved once per command
    // class (cacheMiddleware), and many GETs in flight at once when the first redirect comes back.
    await s3.createBucket('eu-trail', { region: 'eu-west-1' });
    const keys = Array.from({ length: 24 }, (_, i) =>
      logKey('AWSLogs/', '555555555555', 'eu-west-1', `20261101T${String(10 + Math.floor(i / 6)).padStart(2, '0')}${String((i % 6) * 5).padStart(2, '0')}Z`)
    );
    await Promise.all(keys.map((key) => s3.putObject('eu-trail', key, logBody(key))));
    const before = s3.redirects();
    const [source] = await createSources(
      configFor(['s3://eu-trail/'], { s3Endpoint: s3.endpoint, awsRegion: 'us-east-1', concurrency: 16 }),
      { since: SINCE, until: UNTIL },
      deps()
    );
    const objects: SourceObject[] = [];
    for await (const item of source.objects()) objects.push(asObject(item));
    const bodies = await Promise.all(objects.map(async (object) => readAll(await object.open())));
    expect(objects.map((o) => o.name).sort()).toEqual(keys.map((key) => `s3://eu-trail/${key}`).sort());
    expect(bodies).toEqual(objects.map((o) => logBody(o.name.replace('s3://eu-trail/', ''))));
    expect(s3.redirects()).toBeGreaterThan(before);
    // Every object was read with a request signed for the bucket's region.
    const gets = s3.requests.filter((r) => r.kind === 'get' && r.bucket === 'eu-trail');
    const signedFor = (r: { headers: Record<string, unknown> }) => /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(r.headers.authorization))?.[1];
    const served = new Set(gets.filter((r) => signedFor(r) === 'eu-west-1').map((r) => r.key));
    expect([...served].sort()).toEqual([...keys].sort());
  });
});

describe('objects a worker thread can read itself', () => {
  const line = `s3://plain-trail/logs/AWSLogs/333333333333/`;
  const window = { since: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-11-01T23:59:59Z') };
  const listed = async (source: Source): Promise<SourceObject[]> => {
    const objects: SourceObject[] = [];
    for await (const item of source.objects()) objects.push(asObject(item));
    return objects;
  };

  test('offer the direct GET as plain data once a listing has confirmed its shape, with the credentials resolved here', async () => {
    // Credentials from a provider function (not plain data): resolved on this thread, only their values travel. The
    // SDK sends the first listings, which suggest the shape; the next listing, sent directly, confirms it.
    const withFunction = { ...deps(), s3ClientConfig: { credentials: async () => s3.credentials } };
    const [source] = await createSources(configFor([line], { s3Endpoint: s3.endpoint }), window, withFunction);
    const objects = await listed(source);
    expect(objects.length).toBeGreaterThan(1);
    for (const object of objects) expect(object.remote).toBeDefined();
    const plan = await objects[1]!.remote!.plan();
    const { port } = new URL(s3.endpoint);
    expect(plan).toMatchObject({
      key: objects[1]!.name.replace('s3://plain-trail/', ''),
      // Read whole up to 1 MiB (the object was listed at 64 KiB or less), over as many connections as GETs in flight.
      maxBytes: 1024 * 1024,
      maxSockets: source.readConcurrency,
      direct: {
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: Number(port),
        pathPrefix: '/plain-trail/',
        search: 'x-id=GetObject',
        credentials: { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: s3.credentials.secretAccessKey },
        template: { region: 'us-east-1', service: 's3' }
      }
    });
    // What a worker receives survives structured cloning unchanged.
    expect(structuredClone(plan)).toEqual(plan);
  });

  test('none with a client passed in: every read stays on this thread', async () => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
    try {
      const [source] = await createSources(configFor([line], { s3Endpoint: s3.endpoint }), window, { ...deps(), s3Client: client });
      for (const object of await listed(source)) expect(object.remote).toBeUndefined();
    } finally {
      client.destroy();
    }
  });
});

describe('an object listed small that has grown by the time it is read', () => {
  test('is streamed, all of it, not gathered in memory: through the SDK, and after a direct GET declined it', async () => {
    await s3.createBucket('growing');
    const key = (i: number) => `AWSLogs/444455556666/CloudTrail/us-east-1/2026/11/01/444455556666_CloudTrail_us-east-1_20261101T120${i}Z_Grow.json.gz`;
    const small = (i: number) => logBody(key(i));
    for (let i = 0; i < 3; i++) await s3.putObject('growing', key(i), small(i));
    const [source] = await createSources(configFor(['s3://growing/'], { s3Endpoint: s3.endpoint }), { since: SINCE, until: UNTIL }, deps());
    const objects: SourceObject[] = [];
    for await (const item of source.objects()) objects.push(asObject(item));
    expect(objects.map((o) => o.size)).toEqual([0, 1, 2].map((i) => small(i).length));
    // 2 MiB of stored bytes where a 5-15 KB file was listed.
    const grown = Buffer.alloc(2 * 1024 * 1024, 7);
    await s3.putObject('growing', key(0), grown);
    await s3.putObject('growing', key(2), grown);
    const bytesOf = async (stream: Readable): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    // Each grown object goes through a direct GET first (the first tries the shape the listing taught, and its 200
    // confirms it), which sees more than is read whole and declines: then the SDK reads it, streamed.
    const first = await objects[0]!.open();
    expect('wholeBytes' in first).toBe(false);
    expect((await bytesOf(first)).equals(grown)).toBe(true);
    const second = await objects[1]!.open();
    // Read whole over the source's own connections: the bytes are the decoder's alone, to free once decoded.
    expect(second).toMatchObject({ wholeBytesOwned: true });
    expect((await bytesOf(second)).equals(small(1))).toBe(true);
    const third = await objects[2]!.open();
    expect('wholeBytes' in third).toBe(false);
    expect((await bytesOf(third)).equals(grown)).toBe(true);
    // The direct GETs of the first and third saw 2 MiB where at most 1 MiB is read whole: declined, asked again
    // through the SDK; the second was read by a direct GET.
    expect(source.describe().details).toMatchObject({ objectsRead: 3, bytesRead: 2 * grown.length + small(1).length, retries: 2 });
    expect(s3.requests.filter((r) => r.bucket === 'growing' && r.kind === 'get').map((r) => `${r.headers['amz-sdk-invocation-id'] ? 'sdk' : 'direct'} ${r.key === key(1) ? 'small' : 'grown'}`)).toEqual([
      'direct grown',
      'sdk grown',
      'direct small',
      'direct grown',
      'sdk grown'
    ]);
  });
});

describe('S3 source: streamed objects requested ahead', () => {
  const BUCKET = 'ahead-trail';
  // Random bytes stay over WHOLE_READ_BYTES once gzip'd: streamed, not read whole.
  const bodies = Array.from({ length: 4 }, () => gzipSync(randomBytes(2 * WHOLE_READ_BYTES)));
  const keys = bodies.map((_, i) => `exports/big-${i}.json.gz`);

  beforeAll(async () => {
    await s3.createBucket(BUCKET);
    for (const [i, key] of keys.entries()) await s3.putObject(BUCKET, key, bodies[i]!);
    await s3.putObject(BUCKET, 'exports/small.json.gz', logBody('small'));
  });

  const source = () => new S3Source(`s3://${BUCKET}/exports/`, {}, { endpoint: s3.endpoint, region: 'us-east-1', clientConfig: { credentials: s3.credentials }, warn: () => undefined });

  async function listed(s: S3Source): Promise<Map<string, SourceObject>> {
    const objects = new Map<string, SourceObject>();
    for await (const item of s.objects()) objects.set(asObject(item).name, asObject(item));
    return objects;
  }

  test('each GET is sent once, when requested ahead; open() takes its answer; small objects are not requested ahead', async () => {
    const objects = await listed(source());
    expect(objects.get(`s3://${BUCKET}/exports/small.json.gz`)!.requestAhead).toBeUndefined();
    s3.resetRequests();
    for (const key of keys) {
      const object = objects.get(`s3://${BUCKET}/${key}`)!;
      object.requestAhead!();
      object.requestAhead!();
    }
    for (let i = 0; i < 100 && s3.objectGets().length < keys.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(s3.objectGets().sort()).toEqual(keys.map((k) => `${BUCKET}/${k}`).sort());
    for (const [i, key] of keys.entries()) expect(await readAll(await objects.get(`s3://${BUCKET}/${key}`)!.open())).toEqual(bodies[i]);
    expect(s3.objectGets()).toHaveLength(keys.length);
  });

  test('a GET requested ahead that fails: open() fails with the message a GET sent then gives', async () => {
    const objects = await listed(source());
    s3.fail({ kind: 'get', key: keys[1] }, { status: 403 });
    const object = objects.get(`s3://${BUCKET}/${keys[1]}`)!;
    object.requestAhead!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(object.open()).rejects.toThrow(
      `s3://${BUCKET}/${keys[1]}: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::${BUCKET}/${keys[1]} (Access Denied)`
    );
    s3.clearFaults();
  });
});
