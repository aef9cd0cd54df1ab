/**
 * ListObjectsV2 pages requested without the SDK (src/sources/s3-direct-get.ts, parsed by
 * src/sources/list-bucket-result.ts): the same keys, sizes, common prefixes and continuation as the SDK's own
 * listing of the same pages, on keys an attacker who can write to the bucket might choose, against the loopback S3
 * server checking every signature as S3 does; and the parser's refusals, which send a page through the SDK.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as http from 'node:http';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DirectGets } from '../src/sources/s3-direct-get.js';
import { parseListBucketResult } from '../src/sources/list-bucket-result.js';
import { startS3Server, type S3TestServer } from './helpers/s3-server.js';

const BUCKET = 'direct-lists';
/** Keys that XML, URLs or a hand-written parser get wrong. */
const KEYS = [
  'k/plain.json.gz',
  'k/amp & lt < gt > quot " apos \'.json.gz',
  'k/</Key><Key>injected</Key>.json.gz',
  'k/&amp;already-escaped&#38;.json.gz',
  'k/cr\rlf\nboth\r\n.json.gz',
  'k/ leading and trailing spaces .json.gz',
  'k/tab\there.json.gz',
  'k/unicode é 日本 🙂.json.gz',
  'k/]]>cdata-end.json.gz',
  'k/<!-- comment -->.json.gz',
  'k/sub/dir/a.json.gz',
  'k/sub/dir/b.json.gz',
  'k/sub two/c.json.gz',
  'k/+plus%percent?query#hash.json.gz',
  'k/double//slash.json.gz'
];

describe('direct listings give what the SDK’s listings give', () => {
  let s3: S3TestServer;
  let agent: http.Agent;
  let client: S3Client;
  let direct: DirectGets;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET], verifySignatures: true });
    for (const [i, key] of KEYS.entries()) await s3.putObject(BUCKET, key, Buffer.alloc(100 + i, 1));
    agent = new http.Agent({ keepAlive: true });
    client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, requestHandler: { httpAgent: agent } });
    direct = new DirectGets(client, agent, 5_000);
    // The first listing, through the SDK, teaches the shape.
    await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'k/' }));
  });
  afterAll(async () => {
    client.destroy();
    agent.destroy();
    await s3.close();
  });

  /** Every page of a listing, as the SDK reads it and as a direct listing does (page size `pageSize`). */
  async function bothWays(prefix: string, delimiter: string | undefined, pageSize: number) {
    s3.pageSize = pageSize;
    try {
      const viaSdk = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }));
        viaSdk.push({
          objects: (page.Contents ?? []).map((c) => ({ key: c.Key, size: c.Size })),
          prefixes: (page.CommonPrefixes ?? []).map((c) => c.Prefix),
          isTruncated: page.IsTruncated,
          nextContinuationToken: page.NextContinuationToken
        });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      const viaDirect = [];
      token = undefined;
      do {
        const listed = await direct.list({ prefix, delimiter, continuationToken: token });
        if (!('page' in listed)) throw new Error(`direct listing failed: ${listed.failed}`);
        viaDirect.push(listed.page);
        token = listed.page.isTruncated ? listed.page.nextContinuationToken : undefined;
      } while (token);
      return { viaSdk, viaDirect };
    } finally {
      s3.pageSize = 1000;
    }
  }

  test.each([
    ['every key, one page', 'k/', undefined, 1000],
    ['every key, pages of 2', 'k/', undefined, 2],
    ['folders, with a delimiter', 'k/', '/', 1000],
    ['folders, pages of 1', 'k/', '/', 1],
    ['a prefix that needs escaping', 'k/amp & lt < gt', undefined, 1000],
    ['a prefix holding a carriage return and a line feed', 'k/cr\rlf\n', '/', 1000]
  ])('%s', async (_name, prefix, delimiter, pageSize) => {
    const before = s3.requests.length;
    const { viaSdk, viaDirect } = await bothWays(prefix, delimiter, pageSize);
    expect(viaDirect).toEqual(viaSdk.map((page) => ({ ...page, ...(page.nextContinuationToken === undefined ? { nextContinuationToken: undefined } : {}) })));
    expect(viaDirect.flatMap((page) => page.objects.map((o) => o.key)).length + viaDirect.flatMap((page) => page.prefixes).length).toBeGreaterThan(0);
    // Every request, the direct ones included, carried a signature S3 accepts.
    const sent = s3.requests.slice(before);
    expect(sent.map((r) => r.signature)).toEqual(sent.map(() => 'valid'));
  });

  test('the keys come back exactly, hostile ones included', async () => {
    const { viaDirect } = await bothWays('k/', undefined, 1000);
    expect(viaDirect.flatMap((page) => page.objects.map((o) => o.key)).sort()).toEqual([...KEYS].sort());
    expect(viaDirect.flatMap((page) => page.objects.map((o) => o.size))).toEqual(
      viaDirect.flatMap((page) => page.objects.map((o) => 100 + KEYS.indexOf(o.key)))
    );
  });
});

describe('parseListBucketResult: the plain form S3 sends, else null (the page is then listed through the SDK)', () => {
  const wrap = (inner: string, truncated = 'false') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${inner}</ListBucketResult>`;
  const contents = (key: string, size = '12') => `<Contents><Key>${key}</Key><LastModified>2026-11-01T00:00:00.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;

  test('entities, character references, common prefixes, a continuation token', () => {
    expect(parseListBucketResult(wrap(contents('a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;&#x0A;&#x1F642;') + '<CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes><NextContinuationToken>t+/=</NextContinuationToken>', 'true'))).toEqual({
      objects: [{ key: 'a&b<c>d"e\'f\r\n🙂', size: 12 }],
      prefixes: ['p/'],
      isTruncated: true,
      nextContinuationToken: 't+/='
    });
  });

  test('indented XML, as some S3-compatible stores send it, and empty elements', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <Name>b</Name>\n  <Prefix/>\n  <IsTruncated>false</IsTruncated>\n  <Contents>\n    <Key> spaced </Key>\n    <Size>0</Size>\n    <Owner>\n      <ID>x</ID>\n    </Owner>\n  </Contents>\n  <CommonPrefixes>\n    <Prefix/>\n  </CommonPrefixes>\n</ListBucketResult>\n`;
    expect(parseListBucketResult(xml)).toEqual({ objects: [{ key: ' spaced ', size: 0 }], prefixes: [''], isTruncated: false });
  });

  test.each([
    ['CDATA', wrap(contents('<![CDATA[a]]>'))],
    ['a comment', wrap('<!-- x -->' + contents('a'))],
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>'],
    ['an entity XML does not define', wrap(contents('a&e;b'))],
    ['a bare ampersand', wrap(contents('a & b'))],
    ['a character reference to a surrogate', wrap(contents('&#xD800;'))],
    ['a character reference to NUL', wrap(contents('&#0;'))],
    ['URL-encoded keys', wrap('<EncodingType>url</EncodingType>' + contents('a%20b'))],
    ['an attribute other than a namespace', wrap(contents('a').replace('<Key>', '<Key x="1">'))],
    ['a size that is not a number', wrap(contents('a', '12abc'))],
    ['Contents without a Key', wrap('<Contents><Size>1</Size></Contents>')],
    ['mismatched tags', wrap('<Contents><Key>a</Size></Contents>')],
    ['an unclosed root', wrap(contents('a')).replace('</ListBucketResult>', '')],
    ['another root element', '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'],
    ['no IsTruncated', wrap(contents('a')).replace('<IsTruncated>false</IsTruncated>', '')],
    ['truncated without a continuation token', wrap(contents('a'), 'true')],
    ['text between elements', wrap('stray' + contents('a'))],
    ['mixed content in a key', wrap('<Contents><Key>a<b/>c</Key><Size>1</Size></Contents>')],
    ['a second root', wrap(contents('a')) + '<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>'],
    ['nesting deeper than S3’s', wrap('<Contents><Key>a</Key>' + '<X>'.repeat(7) + '</X>'.repeat(7) + '</Contents>')],
    ['nothing', '']
  ])('%s', (_name, xml) => {
    expect(parseListBucketResult(xml)).toBeNull();
  });

  test('a hostile answer nesting 1,000,000 elements is refused (at the ninth level, before any quadratic work)', () => {
    expect(parseListBucketResult(wrap('<Contents>' + '<X>'.repeat(1_000_000) + '</X>'.repeat(1_000_000) + '</Contents>'))).toBeNull();
  });
});
