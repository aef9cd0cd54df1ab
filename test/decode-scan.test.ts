import { Readable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import type { CloudTrailRecord } from '../src/decode/index.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { DEFAULT_SELECTION } from '../src/detection/metadata.js';
import { prefilterMarkers } from '../src/detection/prefilter.js';
import type { Selection } from '../src/detection/types.js';
import { scanSources } from '../src/scan.js';
import { createSources } from '../src/sources/index.js';
import type { Source, SourceObject } from '../src/sources/types.js';
import { repoRoot } from './helpers/fixtures.js';
import { decodeOptionsFor } from './helpers/strategies.js';

const SELECTION: Selection = { ...DEFAULT_SELECTION, eventSources: [...DEFAULT_SELECTION.eventSources], eventNames: [...DEFAULT_SELECTION.eventNames], errorCodes: [...DEFAULT_SELECTION.errorCodes], splunkParity: false };

async function scanLocal(paths: string[]) {
  const config = { sources: paths, workspace: repoRoot, concurrency: 2, accounts: [], regions: [] } as unknown as ActionConfig;
  const detection = new DeniedInvocations(SELECTION);
  const totals = await scanSources(await createSources(config, {}), { concurrency: 2, prefilter: prefilterMarkers(SELECTION), onRecord: (r) => detection.observe(r) });
  return { totals, result: detection.result() };
}

/** A source of in-memory files; a file given as a function fails its stream after the bytes it returns. */
function memorySource(files: Record<string, Buffer | (() => Readable)>): Source {
  return {
    async *objects() {
      for (const [name, content] of Object.entries(files)) {
        const object: SourceObject = { name, open: async () => (typeof content === 'function' ? content() : Readable.from([content])) };
        yield object;
      }
    },
    describe: () => ({ kind: 'memory', location: 'memory', details: {} })
  };
}

const record = (source: string, name: string, errorCode: string | null, i: number): CloudTrailRecord => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/half', accountId: '123456789012', userName: 'half' },
  eventTime: `2024-03-07T12:00:0${i}Z`,
  eventSource: source,
  eventName: name,
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  ...(errorCode ? { errorCode, errorMessage: 'denied' } : {}),
  eventID: `id-${i}`
});

describe('scanSources decides digest and Insights files by content, not by name', () => {
  test('a file named like a digest that holds denied events is scanned; a real digest and an Insights file are skipped', async () => {
    const { totals, result } = await scanLocal([
      '__fixtures__/named-like-digest',
      '__fixtures__/sample-export/AWSLogs/111122223333/CloudTrail-Digest'
    ]);
    expect(totals).toMatchObject({ files: 3, filesSkipped: 2, filesFailed: [], records: 3 });
    expect(totals.formats).toEqual({ 'records-envelope': 1, digest: 1, insight: 1 });
    expect(result.matched).toBe(2);
    expect(result.findings.map((f) => [f.user, f.count, f.firstTime, f.lastTime, f.modelIds])).toEqual([
      ['renamed-export', 2, '2026-11-26T14:58:01', '2026-11-26T14:58:09', ['anthropic.claude-3-haiku-20240307-v1:0', 'meta.llama3-70b-instruct-v1:0']]
    ]);
  });
});

describe('scanSources counts the records of a file that failed half-way', () => {
  const three = [record('s3.amazonaws.com', 'GetObject', null, 1), record('bedrock.amazonaws.com', 'InvokeModel', 'AccessDenied', 2), record('sts.amazonaws.com', 'AssumeRole', 'AccessDenied', 3)];
  const head = `{"Records":[${three.map((r) => JSON.stringify(r)).join(',')},{"eventVersion":"1.09","eventSo`;

  test.each(['fast', 'full', 'stream'] as const)('truncated JSON (%s): 3 records read, 1 matched', async (strategy) => {
    const detection = new DeniedInvocations(SELECTION);
    const totals = await scanSources([memorySource({ 'cut.json': Buffer.from(head) })], {
      concurrency: 1,
      ...decodeOptionsFor(strategy),
      onRecord: (r) => detection.observe(r)
    });
    expect(detection.result().matched).toBe(1);
    expect(totals.records).toBe(3);
    expect(totals.filesFailed).toHaveLength(1);
    expect(totals.filesFailed[0]!.error).toMatch(/^truncated JSON/);
  });

  test('a stream that fails after two records (not a DecodeError): 2 records read', async () => {
    const detection = new DeniedInvocations(SELECTION);
    const failing = () => {
      let sent = false;
      return new Readable({
        read() {
          if (sent) this.destroy(new Error('socket hang up'));
          else this.push(Buffer.from(`{"Records":[${three.slice(0, 2).map((r) => JSON.stringify(r)).join(',')},`));
          sent = true;
        }
      });
    };
    const totals = await scanSources([memorySource({ 'reset.json': failing })], { concurrency: 1, onRecord: (r) => detection.observe(r) });
    expect(detection.result().matched).toBe(1);
    expect(totals.records).toBe(2);
    expect(totals.filesFailed).toEqual([{ file: 'reset.json', error: 'socket hang up (the 2 records parsed before the error were still scanned)' }]);
  });
});
