import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { decodeCloudTrail, DecodeError, recordsBeforeError } from '../src/decode/index.js';
import { decompressedChunks, inflatedWhole, releaseBytes } from '../src/decode/decompress.js';
import type { CloudTrailRecord, DecodeResult } from '../src/decode/index.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { BEDROCK_RUNTIME_SOURCES, DENIED_ERROR_CODES, INVOKE_EVENT_NAMES } from '../src/detection/metadata.js';
import { compilePrefilter, markerOf } from '../src/decode/prefilter.js';
import { prefilterMarkers } from '../src/detection/prefilter.js';
import type { DetectionResult, Selection } from '../src/detection/types.js';
import { decodeOptionsFor } from './helpers/strategies.js';
import { chunked, equivalenceFiles, filesBelow, REAL_SAMPLES } from './helpers/fixtures.js';

const ROOT = process.cwd();
const FORMATS = join(ROOT, '__fixtures__', 'formats');
const STRATEGIES = ['fast', 'full', 'fast-js', 'full-js', 'stream'] as const;
type Strategy = (typeof STRATEGIES)[number];

/** The record fields the detection reads, enough to tell records apart. */
type Summary = [eventSource: string, eventName: string, errorCode: string, eventTime: string, eventID: string];

function summarise(record: CloudTrailRecord): Summary {
  const s = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
  return [s(record.eventSource), s(record.eventName), s(record.errorCode), s(record.eventTime), s(record.eventID)];
}

/** As the detection compares: toLowerCase(), which also folds U+212A KELVIN SIGN to "k". */
const isBedrock = (summary: Summary): boolean => summary[0].toLowerCase().includes('bedrock');

interface Outcome {
  result?: DecodeResult;
  records: Summary[];
  /** The detection's rows over what the strategy decoded, with the selection widened to every near miss. */
  findings: DetectionResult;
  error?: Error;
}

/** The selection these tests use unless they say otherwise: widened to every Bedrock near miss. */
const BEDROCK_WIDENED: Selection = {
  eventSources: BEDROCK_RUNTIME_SOURCES,
  eventNames: INVOKE_EVENT_NAMES,
  errorCodes: DENIED_ERROR_CODES,
  splunkParity: false
};

/**
 * Decodes with the default prefilter (`bedrock`), or, given a selection, with the prefilter main.ts derives
 * from it (prefilterMarkers), and runs that selection's detection over what was decoded.
 */
async function decodeBytes(bytes: Buffer, strategy: Strategy, chunkSize: number | 'whole' = 65536, selection?: Selection): Promise<Outcome> {
  const records: Summary[] = [];
  const detection = new DeniedInvocations(selection ?? BEDROCK_WIDENED);
  // 'whole': a one-chunk stream that also carries its bytes (WholeInput), as the S3 source hands over a small object.
  const input = chunkSize === 'whole' ? Object.assign(chunked(bytes, bytes.length || 1), { wholeBytes: bytes }) : chunked(bytes, chunkSize);
  try {
    const result = await decodeCloudTrail(input, {
      ...decodeOptionsFor(strategy),
      ...(selection ? { prefilter: prefilterMarkers(selection) } : {}),
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


// The five records most format fixtures hold, in file order (see scripts/make-fixtures.mjs).
const S3 = ['s3.amazonaws.com', 'GetObject', '', '2024-03-07T12:35:10Z', '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091'];
const STS = ['sts.amazonaws.com', 'AssumeRole', 'AccessDenied', '2024-03-07T12:36:41Z', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'];
const DENIED = ['bedrock.amazonaws.com', 'InvokeModel', 'AccessDenied', '2024-03-07T12:34:56Z', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'];
const EC2 = ['ec2.amazonaws.com', 'DescribeInstances', '', '2024-03-07T12:37:00Z', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'];
const CONVERSE = ['bedrock.amazonaws.com', 'Converse', 'AccessDenied', '2024-03-07T12:40:02Z', 'f0e1d2c3-b4a5-4968-8776-655443322110'];
const FIVE = [S3, STS, DENIED, EC2, CONVERSE];
// CloudTrail Insights records: no top-level eventSource/eventName/errorCode (those are under insightDetails).
const INSIGHT_START = ['', '', '', '2024-03-07T13:00:00Z', 'e1000000-0000-4000-8000-000000000001'];
const INSIGHT_END = ['', '', '', '2024-03-07T13:05:00Z', 'e1000000-0000-4000-8000-000000000002'];

const SAGEMAKER: Selection = { eventSources: ['sagemaker.amazonaws.com'], eventNames: ['InvokeEndpoint'], errorCodes: ['AccessDenied'], splunkParity: false };

/** Sources other than Bedrock, with every event name and error code the file holds, so that rows come out. */
function wideSelection(records: Summary[]): Selection {
  const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];
  return {
    eventSources: ['sagemaker.amazonaws.com', 'EC2.amazonaws.com', 'iam.amazonaws.com', 'sts.amazonaws.com', 's3.amazonaws.com', 'signin.amazonaws.com'],
    eventNames: distinct(records.map((r) => r[1])),
    errorCodes: distinct(records.map((r) => r[2])),
    splunkParity: false
  };
}

/** Records whose eventSource (as the detection compares it) the selection or its near misses name. */
function sourceIn(selection: Selection): (record: Summary) => boolean {
  const wanted = new Set(prefilterMarkers(selection));
  return (record) => wanted.has(record[0].toLowerCase());
}

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
    ['insights.json', 'insight', [INSIGHT_START, INSIGHT_END]],
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

describe('the fast path prefilters on the selection (prefilterMarkers)', () => {
  const SAGEMAKER_ROWS = [
    // user, dest as written, count, firstTime, lastTime, the endpoint in the result
    ['ml-batch', 'sagemaker.amazonaws.com', 2, '2024-03-07T13:00:01', '2024-03-07T13:00:04', 'fraud-model'], // plain and \u0061-escaped
    ['ml-batch', 'sagema\u212Aer.amazonaws.com', 1, '2024-03-07T13:00:05', '2024-03-07T13:00:05', 'fraud-model'],
    ['analyst', 'SageMaker.AmazonAWS.com', 1, '2024-03-07T13:00:03', '2024-03-07T13:00:03', 'fraud-model'],
    ['ml-batch', 'sagemaker.amazonaws.com', 1, '2024-03-07T13:00:02', '2024-03-07T13:00:02', 'churn-model']
  ];
  it.each(['sagemaker-denied-envelope.json', 'sagemaker-denied.ndjson'])(
    '%s: all 5 denied InvokeEndpoint calls (plain, upper-case, \\u-escaped, Kelvin sign), in every strategy',
    async (file) => {
      const bytes = fixture(file);
      // The default prefilter (`bedrock`) parses only the first record and the \u-escaped one: 2 of 5.
      const narrow = new DeniedInvocations(SAGEMAKER);
      await decodeCloudTrail(chunked(bytes, 65536), { strategy: 'fast', onRecord: (r) => narrow.observe(r) });
      expect(narrow.result().matched).toBe(2);
      for (const strategy of STRATEGIES) {
        const outcome = await decodeBytes(bytes, strategy, 65536, SAGEMAKER);
        expect(outcome.error).toBeUndefined();
        expect(outcome.result?.records).toBe(7);
        expect(outcome.findings.matched).toBe(5);
        const rows = outcome.findings.findings.map((f) => [f.user, f.dest, f.count, f.firstTime, f.lastTime, /endpoint\/([a-z-]+)/.exec(f.result ?? '')?.[1]]);
        expect(rows).toEqual(SAGEMAKER_ROWS);
        expect(outcome.findings.findings.every((f) => f.signature === 'InvokeEndpoint' && f.result_id === 'AccessDenied')).toBe(true);
        // The denied Bedrock call in between is still a near miss.
        expect(outcome.findings.nearMisses).toEqual([
          {
            reason: 'eventSource=bedrock.amazonaws.com eventName=InvokeModel',
            count: 1,
            include: 'event-sources: sagemaker.amazonaws.com,bedrock.amazonaws.com; event-names: InvokeEndpoint,InvokeModel'
          }
        ]);
      }
    }
  );

  it('prefilterMarkers: the selection\'s sources plus the near-miss sources, lower-cased', () => {
    expect(prefilterMarkers(SAGEMAKER)).toEqual(['sagemaker.amazonaws.com', 'bedrock.amazonaws.com', 'bedrock-mantle.amazonaws.com']);
    expect(prefilterMarkers({ eventSources: ['Bedrock.AmazonAWS.com'] })).toEqual(['bedrock.amazonaws.com', 'bedrock-mantle.amazonaws.com']);
  });

  it('a source no marker can stand for (a JSON number could spell it) makes the fast path parse every record', async () => {
    const numeric: Selection = { eventSources: ['12345'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false };
    const lines = [
      '{"eventName":"GetObject","eventSource":"s3.amazonaws.com"}',
      '{"eventName":"InvokeModel","eventSource":12345,"errorCode":"AccessDenied","eventTime":"2024-03-07T12:00:00Z"}',
      '{"eventName":"InvokeModel","eventSource":1.2345e4,"errorCode":"AccessDenied","eventTime":"2024-03-07T12:00:01Z"}'
    ];
    for (const strategy of STRATEGIES) {
      const outcome = await decodeBytes(Buffer.from(lines.join('\n')), strategy, 65536, numeric);
      expect(outcome.findings.matched).toBe(2);
      expect(outcome.findings.findings.map((f) => [f.dest, f.count])).toEqual([['12345', 2]]);
    }
  });

  it('markerOf / compilePrefilter: plain ASCII runs, case-folded; unsafe values disable the prefilter', () => {
    expect(markerOf('SageMaker.AmazonAWS.com')).toBe('sagemaker.amazonaws.com');
    expect(markerOf('a/b\\c"quoted-part')).toBe('quoted-part');
    expect(markerOf('Stra\u00dfe.example')).toBe('e.example');
    for (const unsafe of ['', '12345', '-1e5', 'true', 'Infinity', '/\\"']) expect(markerOf(unsafe)).toBeNull();
    expect(compilePrefilter(['12345', 'bedrock.amazonaws.com'])).toBeNull();
    expect(compilePrefilter(null)).toBeNull();
    // A marker that contains another adds nothing.
    const compiled = compilePrefilter(['bedrock', 'bedrock.amazonaws.com', 'sts.amazonaws.com'])!;
    const starts = compiled.byFirstByte.flatMap((markers, byte) => markers.map((m) => [byte, Buffer.from(m).toString('latin1')]));
    expect(starts).toEqual([[0x42, 'bedrock'], [0x53, 'sts.amazonaws.com'], [0x62, 'bedrock'], [0x73, 'sts.amazonaws.com']]);
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
    for (const strategy of ['fast', 'full', 'fast-js', 'full-js'] as const) {
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
    for (const strategy of ['fast', 'full', 'fast-js', 'full-js'] as const) {
      const outcome = await decodeBytes(bytes, strategy);
      expect(outcome.error).toBeInstanceOf(DecodeError);
      expect(outcome.error?.message).toBe(message);
    }
    const stream = await decodeBytes(bytes, 'stream');
    expect(stream.error).toBeInstanceOf(DecodeError);
  });

  const duplicates: Array<[what: string, input: string, message: string]> = [
    ['a second Records array', '{"Records":[{"eventName":"A"}],"Records":[{"eventName":"B"}]}', 'not CloudTrail: duplicate envelope key "Records" after the "Records" array (at byte 39)'],
    [
      'a second Records array, pretty-printed',
      '{\n  "Records": [\n    {"eventName": "A"}\n  ],\n  "digestEndTime": "x",\n  "Records": []\n}\n',
      'not CloudTrail: duplicate envelope key "Records" after the "Records" array (at byte 79)'
    ],
    ['a second Records key spelled with an escape', '{"Records":[{"eventName":"A"}],"Rec\\u006frds":[{"eventName":"B"}]}', 'not CloudTrail: duplicate envelope key "Records" after the "Records" array (at byte 44)'],
    ['Records then Events', '{"Records":[{"eventName":"A"}],"Events":[]}', 'not CloudTrail: duplicate envelope key "Events" after the "Records" array (at byte 38)']
  ];
  it.each(duplicates)('%s is refused by every strategy, in any chunking', async (_what, input, message) => {
    const bytes = Buffer.from(input);
    for (const size of [1, 5, bytes.length]) {
      for (const strategy of ['fast', 'full', 'fast-js', 'full-js'] as const) {
        const outcome = await decodeBytes(bytes, strategy, size);
        expect(outcome.error).toBeInstanceOf(DecodeError);
        expect(outcome.error?.message).toBe(message);
      }
      const stream = await decodeBytes(bytes, 'stream', size);
      expect(stream.error).toBeInstanceOf(DecodeError);
      expect(stream.error?.message).toBe(message.replace(/ \(at byte \d+\)$/, ''));
    }
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
        const error = await decodeCloudTrail(failing, { ...decodeOptionsFor(strategy), onRecord: () => {} }).catch((e: Error) => e);
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
        if (strategy !== 'fast' && strategy !== 'fast-js') expect(split.records).toEqual(whole.records);
      }
    }
  });

  it.each(files)('%s: the SageMaker selection finds the same rows in 1-, 7- and 4096-byte chunks', async (file) => {
    const bytes = fixture(file);
    const whole = await decodeBytes(bytes, 'full', bytes.length || 1, SAGEMAKER);
    for (const size of [1, 7, 4096]) {
      const split = await decodeBytes(bytes, 'fast', size, SAGEMAKER);
      expect(split.error?.message).toBe(whole.error?.message);
      expect(split.findings).toEqual(whole.findings);
      expect(split.records.filter(sourceIn(SAGEMAKER))).toEqual(whole.records.filter(sourceIn(SAGEMAKER)));
    }
  });
});

/** Matched events of the wide selection over the real samples (computed by the full strategy). */
const WIDE_REAL_MATCHED = 78;

describe('fast, full and stream feed the detection the same Bedrock records', () => {
  const files = equivalenceFiles();
  it.each(files.map((path) => [relative(ROOT, path)]))('%s', async (path) => {
    const bytes = readFileSync(resolve(ROOT, path));
    const [fast, full, fastJs, fullJs, stream] = await Promise.all(STRATEGIES.map((s) => decodeBytes(bytes, s)));
    // With and without the WebAssembly kernel: the same outcome, to the record.
    expect(fastJs).toEqual(fast);
    expect(fullJs).toEqual(full);
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

    // The same with selections that are not Bedrock's: the prefilter follows the selection.
    for (const selection of [SAGEMAKER, wideSelection(full.records)]) {
      const [f, u, fJs, uJs, st] = await Promise.all(STRATEGIES.map((s) => decodeBytes(bytes, s, 65536, selection)));
      expect([f.error, u.error, st.error]).toEqual([undefined, undefined, undefined]);
      expect(fJs).toEqual(f);
      expect(uJs).toEqual(u);
      const ofInterest = sourceIn(selection);
      expect(u.records).toEqual(full.records);
      expect(st.records).toEqual(full.records);
      expect(f.records.filter(ofInterest)).toEqual(full.records.filter(ofInterest));
      expect(f.findings).toEqual(u.findings);
      expect(st.findings).toEqual(u.findings);
    }
  });


  const real = existsSync(REAL_SAMPLES) ? it : it.skip;
  real('the real samples hold 3779 records, 22 from bedrock.amazonaws.com (SOURCES.md)', async () => {
    let records = 0;
    let bedrock = 0;
    for (const path of filesBelow(REAL_SAMPLES).filter((p) => /\.(json|ndjson)$/.test(p) && !p.endsWith('.manifest.ndjson'))) {
      const outcome = await decodeBytes(readFileSync(path), 'fast');
      expect(outcome.error).toBeUndefined();
      records += outcome.result!.records;
      bedrock += outcome.records.filter((r) => r[0] === 'bedrock.amazonaws.com').length;
    }
    expect(records).toBe(3779);
    expect(bedrock).toBe(22);
  });

  real('a wide non-Bedrock selection finds the same events in the real samples, fast or full', async () => {
    const selection: Selection = {
      eventSources: ['ec2.amazonaws.com', 'IAM.amazonaws.com', 'sts.amazonaws.com', 's3.amazonaws.com', 'sagemaker.amazonaws.com'],
      eventNames: ['DescribeInstances', 'GetCallerIdentity', 'ListBuckets', 'GetObject', 'AssumeRole', 'CreateUser', 'ListUsers', 'GetPasswordData'],
      errorCodes: ['AccessDenied', 'Client.UnauthorizedOperation', 'NoSuchBucket', 'AccessDeniedException', 'Client.InvalidInstanceID.NotFound'],
      splunkParity: false
    };
    const matched = { fast: 0, full: 0 };
    for (const path of filesBelow(REAL_SAMPLES).filter((p) => /\.(json|ndjson)$/.test(p) && !p.endsWith('.manifest.ndjson'))) {
      for (const strategy of ['fast', 'full'] as const) {
        const outcome = await decodeBytes(readFileSync(path), strategy, 65536, selection);
        matched[strategy] += outcome.findings.matched;
      }
    }
    expect(matched).toEqual({ fast: WIDE_REAL_MATCHED, full: WIDE_REAL_MATCHED });
  });
});

describe('decodeCloudTrail: a small gzip input that arrives whole is inflated in one call, with the same outcome as streamed', () => {
  const record = (i: number): string =>
    JSON.stringify({ eventVersion: '1.08', eventSource: i % 3 ? 'bedrock.amazonaws.com' : 's3.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', eventTime: `2026-11-26T10:00:${String(i % 60).padStart(2, '0')}Z`, eventID: `e-${i}` });
  const envelope = (from: number, n: number): string => JSON.stringify({ Records: Array.from({ length: n }, (_, k) => JSON.parse(record(from + k)) as unknown) });
  const cases: Array<[string, Buffer]> = [
    ['gzip', gzipSync(envelope(0, 20))],
    ['two gzip members (one NDJSON file in two pieces)', Buffer.concat([gzipSync(record(1) + '\n'), gzipSync(record(2) + '\n')])],
    ['gzip of a BOM and CRLF lines', gzipSync('\ufeff' + record(3) + '\r\n' + record(4) + '\r\n')],
    ['corrupt gzip', Buffer.concat([gzipSync(envelope(5, 20)).subarray(0, 200), Buffer.alloc(50, 7)])],
    ['truncated gzip', gzipSync(envelope(6, 20)).subarray(0, 300)],
    ['gzip in gzip', gzipSync(gzipSync(envelope(7, 5)))],
    ['gzip of nothing', gzipSync('')],
    ['trailing zeros after the gzip member', Buffer.concat([gzipSync(envelope(8, 5)), Buffer.alloc(16)])],
    ['gzip of invalid JSON', gzipSync('{"Records":[{"a":1},]}')],
    ['inflating past 1 MiB (streamed instead)', gzipSync(JSON.stringify({ Records: [JSON.parse(record(9)), { userAgent: 'x'.repeat(5 * 1024 * 1024) }] }))]
  ];
  it('is taken: a whole input comes out in one piece, the same bytes in two pieces come out of the stream in 256 KiB chunks', async () => {
    const body = gzipSync(envelope(0, 4000));
    expect(body.length).toBeLessThanOrEqual(64 * 1024);
    const inflated = gunzipSync(body);
    expect(inflated.length).toBeGreaterThan(512 * 1024);
    const pieces = async (parts: Buffer[]): Promise<Buffer[]> => {
      const out: Buffer[] = [];
      for await (const chunk of decompressedChunks(Readable.from(parts, { objectMode: false }))) out.push(chunk);
      return out;
    };
    const whole = await pieces([body]);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.equals(inflated)).toBe(true);
    const streamed = await pieces([body.subarray(0, 100), body.subarray(100)]);
    expect(streamed.length).toBeGreaterThan(2);
    expect(Buffer.concat(streamed).equals(inflated)).toBe(true);
  });

  it.each(cases)('%s', async (_what, body) => {
    expect(body.length).toBeLessThanOrEqual(64 * 1024);
    for (const strategy of ['fast', 'full'] as const) {
      const streamed = await decodeBytes(body, strategy, Math.max(1, Math.ceil(body.length / 3)));
      // Arriving as one chunk, or as a stream that carries its whole bytes (decoded without reading the stream).
      for (const whole of [await decodeBytes(body, strategy, body.length), await decodeBytes(body, strategy, 'whole')]) {
        expect(whole.error?.message).toBe(streamed.error?.message);
        // A file that fails part-way yields as many records as its chunking let out before the failure; one that
        // decodes yields exactly the same records and rows either way.
        if (streamed.error === undefined) expect(whole).toEqual(streamed);
        else expect(whole.result).toBeUndefined();
      }
    }
  });
});

describe('releaseBytes: a whole input’s bytes are freed once decoded, never a buffer shared with others', () => {
  const canFree = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';
  // About 170 KB inflated: an allocation of its own (Buffer's pool serves only requests under half its size).
  const json = JSON.stringify({
    Records: Array.from({ length: 800 }, (_, i) => ({ eventVersion: '1.08', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', eventTime: '2026-11-26T10:00:00Z', eventID: `e-${i}` }))
  });

  it('an output of its own is detached (Node 21 and later; Node 20 leaves it to the collector)', () => {
    const inflated = inflatedWhole(gzipSync(json))!;
    expect(inflated.length).toBe(Buffer.byteLength(json));
    expect(inflated.length).toBeGreaterThan(128 * 1024);
    releaseBytes(inflated);
    expect(inflated.length).toBe(canFree ? 0 : Buffer.byteLength(json));
  });

  it('a small output, a slice of Buffer’s shared pool, is left alone, and so are its neighbours', () => {
    const before = Buffer.from('neighbour before');
    const inflated = inflatedWhole(gzipSync('{"Records":[]}'))!;
    const after = Buffer.from('neighbour after');
    expect(() => releaseBytes(inflated)).not.toThrow();
    expect(() => releaseBytes(before)).not.toThrow();
    expect(before.toString()).toBe('neighbour before');
    expect(after.toString()).toBe('neighbour after');
    expect(inflated.toString()).toBe('{"Records":[]}');
  });

  it('decoding a whole input gives the same records after its bytes are freed, and the caller’s compressed bytes are untouched', async () => {
    const stored = gzipSync(json);
    const copy = Buffer.from(stored);
    const streamed = await decodeBytes(stored, 'full', 1000);
    const whole = await decodeBytes(stored, 'full', 'whole');
    expect(whole).toEqual(streamed);
    expect(whole.error).toBeUndefined();
    expect(whole.records).toHaveLength(800);
    expect(stored.equals(copy)).toBe(true);
  });

  it('stored bytes the source says it alone holds are freed too, once decoded; the records are the same', async () => {
    const stored = gzipSync(json);
    // An allocation of its own, as a source's read of a file or an object is once it is big enough.
    const owned = Buffer.alloc(48 * 1024);
    stored.copy(owned);
    const bytes = owned.subarray(0, stored.length);
    const streamed = await decodeBytes(stored, 'full', 1000);
    const input = Object.assign(chunked(bytes, bytes.length), { wholeBytes: bytes, wholeBytesOwned: true });
    const records: Summary[] = [];
    const result = await decodeCloudTrail(input, { ...decodeOptionsFor('full'), onRecord: (record) => records.push(summarise(record)) });
    expect(result.records).toBe(800);
    expect(records).toEqual(streamed.records);
    expect(bytes.length).toBe(canFree ? 0 : stored.length);
  });
});

describe('decodeCloudTrail: gunzip output chunks are smaller when most records will be parsed', () => {
  // 2 MB of records, gzip'd: the decoder sees zlib's output chunks as they come.
  const stored = gzipSync(Array.from({ length: 12_000 }, (_, i) => `{"eventName":"X","eventSource":"ec2.amazonaws.com","n":${i},"pad":"${'p'.repeat(100)}"}`).join('\n'));
  const largestChunk = async (options: { prefilter?: readonly string[] | null; strategy?: 'fast' | 'full' }): Promise<number> => {
    let largest = 0;
    await decodeCloudTrail(Readable.from([stored], { objectMode: false }), {
      ...options,
      onRecord: () => undefined,
      recordDecoder: async (chunks) => {
        for await (const chunk of chunks) largest = Math.max(largest, chunk.length);
      }
    });
    return largest;
  };

  it('256 KiB for the Bedrock selection (few records parsed); 96 KiB for busy services, no prefilter or every record', async () => {
    expect(await largestChunk({})).toBe(256 * 1024);
    expect(await largestChunk({ prefilter: prefilterMarkers({ eventSources: ['bedrock.amazonaws.com'] }) })).toBe(256 * 1024);
    expect(await largestChunk({ prefilter: prefilterMarkers({ eventSources: ['bedrock.amazonaws.com', 'ec2.amazonaws.com'] }) })).toBe(96 * 1024);
    expect(await largestChunk({ prefilter: null })).toBe(96 * 1024);
    expect(await largestChunk({ strategy: 'full' })).toBe(96 * 1024);
  });
});

describe('decodeCloudTrail: a gzip input cut short, or whose stream fails part-way', () => {
  it('decodes every byte that arrived, in any chunking, then rejects with the stream error (or the cut)', async () => {
    const records = Array.from({ length: 4000 }, (_, i) => ({ eventVersion: '1.09', eventName: 'GetObject', eventSource: i % 50 === 0 ? 'bedrock.amazonaws.com' : 's3.amazonaws.com', eventID: `id-${i}-${((i * 2654435761) % 4294967296).toString(36)}-${'x'.repeat(i % 97)}` }));
    const gz = gzipSync(JSON.stringify({ Records: records }));
    const prefix = gz.subarray(0, Math.floor(gz.length * 0.7));
    // The oracle, independent of the decoder's gunzip: every byte zlib can inflate from the prefix, decoded plain.
    const inflatable = gunzipSync(prefix, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const plainCut = await decodeCloudTrail(Readable.from([inflatable], { objectMode: false }), { strategy: 'full', onRecord: () => {} }).catch((e: Error) => e);
    const expected = recordsBeforeError(plainCut)!;
    expect(expected).toBeGreaterThan(2000);
    for (const split of [prefix.length, 65536, 4096]) {
      for (const fails of [false, true]) {
        // highWaterMark 0: nothing is read ahead, so every chunk reaches the decoder before the stream fails (a
        // Readable destroyed with chunks still buffered drops them, which is not the decoder's doing).
        const input = Readable.from(
          (async function* () {
            for (let i = 0; i < prefix.length; i += split) yield prefix.subarray(i, i + split);
            if (fails) throw new Error('socket hang up');
          })(),
          { objectMode: false, highWaterMark: 0 }
        );
        let seen = 0;
        const error = await decodeCloudTrail(input, { strategy: 'full', onRecord: () => seen++ }).catch((e: Error) => e);
        expect((error as Error).message).toBe(fails ? 'socket hang up' : 'corrupt gzip: unexpected end of file');
        expect(seen).toBe(expected);
        expect(recordsBeforeError(error)).toBe(expected);
      }
    }
  });

  it('keeps the last inflated bytes however slowly they are read (the cut fails the stream only once they are)', async () => {
    const gz = gzipSync(Buffer.from(JSON.stringify({ Records: Array.from({ length: 30000 }, (_, i) => ({ eventID: `id-${i}-${((i * 2654435761) % 4294967296).toString(36)}`, pad: 'y'.repeat(i % 89) })) })));
    const prefix = gz.subarray(0, Math.floor(gz.length * 0.8));
    const inflatable = gunzipSync(prefix, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    for (const fails of [false, true]) {
      const input = Readable.from(
        (async function* () {
          for (let i = 0; i < prefix.length; i += 8192) yield prefix.subarray(i, i + 8192);
          if (fails) throw new Error('socket hang up');
        })(),
        { objectMode: false, highWaterMark: 0 }
      );
      const read: Buffer[] = [];
      // A reader slower than zlib: each chunk waits, as a busy scanner does.
      const error = await (async () => {
        for await (const chunk of decompressedChunks(input)) {
          read.push(chunk);
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })().catch((e: Error) => e);
      expect((error as Error).message).toBe(fails ? 'socket hang up' : 'corrupt gzip: unexpected end of file');
      expect(Buffer.concat(read).equals(inflatable)).toBe(true);
    }
  });
});
