import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCloudTrail, DecodeError, isSkippablePath } from '../src/decode/index.js';
import type { CloudTrailRecord, DecodeResult } from '../src/decode/index.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { BEDROCK_RUNTIME_SOURCES, DENIED_ERROR_CODES, INVOKE_EVENT_NAMES } from '../src/detection/metadata.js';
import type { DetectionResult } from '../src/detection/types.js';

const ROOT = process.cwd();
const FORMATS = join(ROOT, '__fixtures__', 'formats');
const REAL = resolve(ROOT, '..', 'shared', 'data', 'real-cloudtrail');
const STRATEGIES = ['fast', 'full', 'stream'] as const;
type Strategy = (typeof STRATEGIES)[number];

/** The record fields the detection reads, enough to tell records apart. */
type Summary = [eventSource: string, eventName: string, errorCode: string, eventTime: string, eventID: string];

function summarise(record: CloudTrailRecord): Summary {
  const s = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
  return [s(record.eventSource), s(record.eventName), s(record.errorCode), s(record.eventTime), s(record.eventID)];
}

/** As the detection compares: toLowerCase(), which also folds U+212A KELVIN SIGN to "k". */
const isBedrock = (summary: Summary): boolean => summary[0].toLowerCase().includes('bedrock');

/** Splits bytes into chunks of `size` (to exercise every chunk-boundary path of the scanner). */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

interface Outcome {
  result?: DecodeResult;
  records: Summary[];
  /** The detection's rows over what the strategy decoded, with the selection widened to every near miss. */
  findings: DetectionResult;
  error?: Error;
}

async function decodeBytes(bytes: Buffer, strategy: Strategy, chunkSize = 65536): Promise<Outcome> {
  const records: Summary[] = [];
  const detection = new DeniedInvocations({
    eventSources: BEDROCK_RUNTIME_SOURCES,
    eventNames: INVOKE_EVENT_NAMES,
    errorCodes: DENIED_ERROR_CODES,
    splunkParity: false
  });
  try {
    const result = await decodeCloudTrail(chunked(bytes, chunkSize), {
      strategy,
      onRecord: (record) => {
        records.push(summarise(record));
        detection.observe(record);
      }
    });
    return { result, records, findings: detection.result() };
  } catch (error) {
    return { records, findings: detection.result(), error: error as Error };
  }
}

const fixture = (name: string): Buffer => readFileSync(join(FORMATS, name));

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

// The five records most format fixtures hold, in file order (see scripts/make-fixtures.mjs).
const S3 = ['s3.amazonaws.com', 'GetObject', '', '2024-03-07T12:35:10Z', '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091'];
const STS = ['sts.amazonaws.com', 'AssumeRole', 'AccessDenied', '2024-03-07T12:36:41Z', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'];
const DENIED = ['bedrock.amazonaws.com', 'InvokeModel', 'AccessDenied', '2024-03-07T12:34:56Z', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'];
const EC2 = ['ec2.amazonaws.com', 'DescribeInstances', '', '2024-03-07T12:37:00Z', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'];
const CONVERSE = ['bedrock.amazonaws.com', 'Converse', 'AccessDenied', '2024-03-07T12:40:02Z', 'f0e1d2c3-b4a5-4968-8776-655443322110'];
const FIVE = [S3, STS, DENIED, EC2, CONVERSE];

describe('decodeCloudTrail: formats', () => {
  const cases: Array<[file: string, format: DecodeResult['format'], records: unknown[]]> = [
    ['envelope-compact.json.gz', 'records-envelope', FIVE],
    ['envelope-pretty.json', 'records-envelope', FIVE],
    ['envelope-bom-crlf.json', 'records-envelope', FIVE],
    ['multi-member.ndjson.gz', 'ndjson', FIVE],
    ['records.ndjson', 'ndjson', FIVE],
    ['records-array.json', 'json-array', FIVE],
    ['single-record.json', 'single-record', [DENIED]],
    ['lookup-events-two-pages.json', 'lookup-events', FIVE],
    ['lookup-events-concatenated.json', 'lookup-events', FIVE],
    ['eventbridge.ndjson', 'eventbridge', FIVE],
    ['eventbridge-array.json', 'eventbridge', FIVE],
    ['cloudwatch-filter-log-events.json', 'cloudwatch-logs', FIVE],
    ['digest.json.gz', 'digest', []],
    ['empty.json', 'empty', []]
  ];

  it.each(cases)('%s → %s with the exact records (full)', async (file, format, records) => {
    const outcome = await decodeBytes(fixture(file), 'full');
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.format).toBe(format);
    expect(outcome.result?.records).toBe(records.length);
    expect(outcome.records).toEqual(records);
  });

  it.each(cases)('%s: fast and stream give the same Bedrock records and count', async (file, format, records) => {
    const bedrock = (records as Summary[]).filter(isBedrock);
    for (const strategy of ['fast', 'stream'] as const) {
      const outcome = await decodeBytes(fixture(file), strategy);
      expect(outcome.error).toBeUndefined();
      expect(outcome.result?.format).toBe(format);
      expect(outcome.result?.records).toBe(records.length);
      expect(outcome.records.filter(isBedrock)).toEqual(bedrock);
    }
  });

  it('fast mode parses only the first record and the ones whose bytes mention bedrock', async () => {
    const outcome = await decodeBytes(fixture('envelope-compact.json.gz'), 'fast');
    expect(outcome.records).toEqual([S3, DENIED, CONVERSE]);
  });

  it('reports decompressed bytes, without a leading byte-order mark', async () => {
    const gz = fixture('envelope-compact.json.gz');
    const outcome = await decodeBytes(gz, 'fast');
    expect(outcome.result?.bytes).toBe(gunzipSync(gz).length);
    const bom = await decodeBytes(fixture('envelope-bom-crlf.json'), 'fast');
    expect(bom.result?.bytes).toBe(fixture('envelope-bom-crlf.json').length - 3);
  });

  it('finds Bedrock records whose source is upper-cased, uses the Kelvin sign or \\u escapes', async () => {
    const escapedDenied = [...DENIED.slice(0, 4), 'c8d9e0f1-a2b3-4c4d-9e5f-6a7b8c9d0e1f'];
    const upperDenied = ['BEDROCK.amazonaws.com', ...DENIED.slice(1, 4), 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e'];
    const kelvinDenied = ['BEDROC\u212A.amazonaws.com', ...DENIED.slice(1, 4), 'd9e0f1a2-b3c4-4d5e-8f6a-7b8c9d0e1f2a'];
    const lines = fixture('bedrock-case-and-escapes.ndjson').toString().split('\n');
    // The escaped and Kelvin records' raw bytes hold no ASCII "bedrock" at all.
    expect(lines[2]).not.toMatch(/bedrock/i);
    expect(lines[2]).toContain('\\u0062edrock.amazonaws.com');
    expect(lines[3]).not.toMatch(/bedrock/i);
    expect(fixture('lookup-events-escaped-source.json').toString()).not.toMatch(/bedrock/i);
    for (const strategy of STRATEGIES) {
      const outcome = await decodeBytes(fixture('bedrock-case-and-escapes.ndjson'), strategy);
      expect(outcome.result).toEqual({ format: 'ndjson', records: 5, bytes: 6769 });
      expect(outcome.records.filter(isBedrock)).toEqual([upperDenied, escapedDenied, kelvinDenied]);

      const lookup = await decodeBytes(fixture('lookup-events-escaped-source.json'), strategy);
      expect(lookup.result?.format).toBe('lookup-events');
      expect(lookup.result?.records).toBe(2);
      expect(lookup.records.filter(isBedrock)).toEqual([DENIED]);
    }
  });
});

describe('decodeCloudTrail: files that are not CloudTrail reject with DecodeError', () => {
  const cases: Array<[file: string, message: string | RegExp]> = [
    ['corrupt.json.gz', 'corrupt gzip: invalid block type'],
    ['not-cloudtrail.json', 'not CloudTrail: top-level object has none of Records/Events/events/detail/eventName/digestStartTime'],
    ['envelope-number-record.json', /^not CloudTrail: Records\[\] item \(record 2\) is a number/]
  ];
  it.each(cases)('%s', async (file, message) => {
    for (const strategy of STRATEGIES) {
      const outcome = await decodeBytes(fixture(file), strategy);
      expect(outcome.error).toBeInstanceOf(DecodeError);
      if (typeof message === 'string') expect(outcome.error?.message).toBe(message);
      else expect(outcome.error?.message).toMatch(message);
    }
  });

  it('truncated.json is reported as truncated, with the byte count', async () => {
    for (const strategy of ['fast', 'full'] as const) {
      const outcome = await decodeBytes(fixture('truncated.json'), strategy);
      expect(outcome.error).toBeInstanceOf(DecodeError);
      expect(outcome.error?.message).toBe('truncated JSON: unexpected end of input after 2200 bytes inside record 3');
    }
    const stream = await decodeBytes(fixture('truncated.json'), 'stream');
    expect(stream.error).toBeInstanceOf(DecodeError);
    expect(stream.error?.message).toMatch(/^truncated JSON: unexpected end of input after 2200 bytes/);
  });

  const inline: Array<[what: string, input: string | Buffer, message: string]> = [
    ['a CSV export', 'eventTime,eventSource,eventName\n2024-03-07T12:34:56Z,bedrock.amazonaws.com,InvokeModel\n', "not JSON: starts with 'e'"],
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'not JSON: starts with byte 0x89'],
    ['a top-level string', '"Records"', 'not CloudTrail: top-level value is a string (at byte 0)'],
    ['Records that is not an array', '{"Records":{"eventName":"InvokeModel"}}', 'not CloudTrail: "Records" is an object, expected an array'],
    ['a record without eventName', '[{"eventSource":"bedrock.amazonaws.com"}]', 'not CloudTrail: first record has no eventName'],
    ['an array of numbers', '[1,2]', 'not CloudTrail: array item (record 1) is a number or literal, expected an object (byte 1)'],
    ['a lookup-events item without CloudTrailEvent', '{"Events":[{"EventId":"x"}]}', 'not CloudTrail: Events[] item (record 1) has no string CloudTrailEvent'],
    ['a filter-log-events message that is not JSON', '{"events":[{"message":"hello"}]}', 'not CloudTrail: events[] item (record 1) message is not JSON: Unexpected token \'h\', "hello" is not valid JSON'],
    ['mismatched brackets', '{"Records":[{"eventName":"x"}}', "invalid JSON: mismatched '}' at byte 29"],
    ['gzip cut short', gzipSync('{"Records":[]}').subarray(0, 12), 'corrupt gzip: unexpected end of file']
  ];
  it.each(inline)('%s', async (_what, input, message) => {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input;
    for (const strategy of ['fast', 'full'] as const) {
      const outcome = await decodeBytes(bytes, strategy);
      expect(outcome.error).toBeInstanceOf(DecodeError);
      expect(outcome.error?.message).toBe(message);
    }
    const stream = await decodeBytes(bytes, 'stream');
    expect(stream.error).toBeInstanceOf(DecodeError);
  });

  it('passes input stream failures through unchanged (they are not DecodeErrors)', async () => {
    for (const strategy of STRATEGIES) {
      for (const head of [Buffer.from('{"Records":['), gzipSync('{"Records":[').subarray(0, 20)]) {
        let sent = false;
        const failing = new Readable({
          read() {
            if (sent) this.destroy(new Error('socket hang up'));
            else this.push(head);
            sent = true;
          }
        });
        const error = await decodeCloudTrail(failing, { strategy, onRecord: () => {} }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(DecodeError);
        expect((error as Error).message).toBe('socket hang up');
      }
    }
  });

  it('refuses a record nested deeper than 4096 levels instead of overflowing', async () => {
    const deep = Buffer.from('{"Records":[' + '['.repeat(5000));
    const outcome = await decodeBytes(deep, 'fast');
    expect(outcome.error?.message).toBe('not CloudTrail: Records[] item (record 1) is an array, expected an object (byte 12)');
    const deepObject = Buffer.from('[{"eventName":"x","a":' + '['.repeat(5000));
    const nested = await decodeBytes(deepObject, 'full');
    expect(nested.error?.message).toBe('JSON nested deeper than 4096 levels at byte 4116');
  });
});

describe('decodeCloudTrail: chunk boundaries', () => {
  const files = readdirSync(FORMATS).filter((name) => !name.endsWith('.gz')).sort();
  it.each(files)('%s decodes the same in 1-, 7- and 4096-byte chunks', async (file) => {
    const bytes = fixture(file);
    for (const strategy of STRATEGIES) {
      const whole = await decodeBytes(bytes, strategy, bytes.length || 1);
      for (const size of [1, 7, 4096]) {
        const split = await decodeBytes(bytes, strategy, size);
        expect(split.result).toEqual(whole.result);
        expect(split.error?.message).toBe(whole.error?.message);
        expect(split.records.filter(isBedrock)).toEqual(whole.records.filter(isBedrock));
        if (strategy !== 'fast') expect(split.records).toEqual(whole.records);
      }
    }
  });
});

/** Every data file under __fixtures__ (anyone's) and the real public samples, if present. */
function equivalenceFiles(): string[] {
  const dataFile = (path: string): boolean => !/\.(md|zip|ts|mjs|js|yml|yaml|txt)$/i.test(path) && !path.endsWith('.manifest.ndjson');
  const files = walk(join(ROOT, '__fixtures__')).filter(dataFile);
  if (existsSync(REAL)) files.push(...walk(REAL).filter(dataFile));
  return files;
}

describe('fast, full and stream feed the detection the same Bedrock records', () => {
  const files = equivalenceFiles();
  it.each(files.map((path) => [relative(ROOT, path)]))('%s', async (path) => {
    const bytes = readFileSync(resolve(ROOT, path));
    const [fast, full, stream] = await Promise.all(STRATEGIES.map((s) => decodeBytes(bytes, s)));
    if (full.error) {
      // Not CloudTrail: every strategy must say so.
      expect(full.error).toBeInstanceOf(DecodeError);
      expect(fast.error).toBeInstanceOf(DecodeError);
      expect(stream.error).toBeInstanceOf(DecodeError);
      return;
    }
    expect(fast.error).toBeUndefined();
    expect(stream.error).toBeUndefined();
    expect(fast.result).toEqual(full.result);
    expect(stream.result).toEqual(full.result);
    expect(full.records).toHaveLength(full.result!.records);
    expect(stream.records).toEqual(full.records);
    expect(fast.records.filter(isBedrock)).toEqual(full.records.filter(isBedrock));
    // And so the same rows, to the field.
    expect(fast.findings).toEqual(full.findings);
    expect(stream.findings).toEqual(full.findings);
  });

  const real = existsSync(REAL) ? it : it.skip;
  real('the real samples hold 3779 records, 22 from bedrock.amazonaws.com (SOURCES.md)', async () => {
    let records = 0;
    let bedrock = 0;
    for (const path of walk(REAL).filter((p) => /\.(json|ndjson)$/.test(p) && !p.endsWith('.manifest.ndjson'))) {
      const outcome = await decodeBytes(readFileSync(path), 'fast');
      expect(outcome.error).toBeUndefined();
      records += outcome.result!.records;
      bedrock += outcome.records.filter((r) => r[0] === 'bedrock.amazonaws.com').length;
    }
    expect(records).toBe(3779);
    expect(bedrock).toBe(22);
  });
});

describe('skippable paths', () => {
  it.each([
    ['AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/03/07/123456789012_CloudTrail-Digest_us-east-1_mgmt_us-east-1_20240307T130000Z.json.gz', 'digest'],
    ['AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2024/03/07/123456789012_CloudTrail-Insight_us-east-1_20240307T1300Z_abc.json.gz', 'insight'],
    ['AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/07/123456789012_CloudTrail_us-east-1_20240307T1235Z_Ab3dEf6hIj9kLm2n.json.gz', null],
    ['exports/lookup-events.json', null]
  ] as const)('%s', (path, skippable) => {
    expect(isSkippablePath(path)).toBe(skippable);
  });
});
