/**
 * Scanning with worker threads gives exactly the report of a one-thread scan: the detection's partial aggregates
 * merge exactly (unit tests), and `node dist/index.js` with workers 1, 2 and 4 writes the same JSON report
 * (timings and peak memory aside) over every fixture and over a generated multi-file corpus (e2e).
 */
import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { decodeCloudTrail } from '../src/decode/index.js';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { parseSuppressionRules } from '../src/detection/suppress.js';
import { parseSuppressionsFile } from '../src/detection/suppressions-file.js';
import type { Selection } from '../src/detection/types.js';
import { filesBelow, fixturePath, repoRoot } from './helpers/fixtures.js';
import { runAction } from './helpers/run-action.js';
import type { ScanReport } from '../src/report/types.js';
import { defaultWorkers, workersToPrestart } from '../src/parallel/prestart.js';


async function allRecords(): Promise<CloudTrailRecord[]> {
  const records: CloudTrailRecord[] = [];
  for (const file of filesBelow(path.join(repoRoot, '__fixtures__'))) {
    await decodeCloudTrail(Readable.from([readFileSync(file)]), { strategy: 'full', onRecord: (r) => records.push(r) }).catch(() => undefined);
  }
  return records;
}

const SELECTIONS: Record<string, Selection> = {
  default: { eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false },
  wide: {
    eventSources: ['bedrock.amazonaws.com', 's3.amazonaws.com', 'sts.amazonaws.com'],
    eventNames: ['InvokeModel', 'Converse', 'GetObject', 'AssumeRole'],
    errorCodes: ['AccessDenied', 'AccessDeniedException'],
    splunkParity: true,
    suppress: parseSuppressionRules('user=build-bot src=185.*\nmodelId=*titan*\nuser=nobody-at-all'),
    since: Date.parse('2026-11-26T09:01:21Z'),
    until: Date.parse('2026-11-26T22:10:03Z')
  },
  // suppressions-file rules (CIDR, deny_reason, an expired one): fingerprints and deny reasons merge too.
  owned: {
    eventSources: ['bedrock.amazonaws.com'],
    eventNames: ['InvokeModel', 'Converse'],
    errorCodes: ['AccessDenied'],
    splunkParity: false,
    suppress: parseSuppressionsFile(
      'suppressions:\n' +
        '  - { match: { src: 10.20.0.0/16 }, reason: r, owner: o }\n' +
        '  - { match: { deny_reason: model-access }, reason: r, owner: o }\n' +
        '  - { match: { user: leaked-key-user }, reason: r, owner: o, expires: 2020-01-01 }\n',
      'f.yml',
      new Date('2026-11-27T00:00:00Z')
    )
  }
};

describe('detection partials merge exactly', () => {
  test.each(Object.keys(SELECTIONS))('%s selection: any split of the records, merged, equals one detector fed them all', async (name) => {
    const selection = SELECTIONS[name]!;
    const records = await allRecords();
    // Every record twice, once in a case variant, so groups, near misses and model ids meet across parts.
    const variant = (r: CloudTrailRecord) => (typeof r.eventName === 'string' ? { ...r, eventName: r.eventName.toUpperCase() } : r);
    const input = [...records, ...records.map(variant)];
    const whole = new DeniedInvocations(selection);
    input.forEach((r) => whole.observe(r));
    const expected = whole.result();
    expect(expected.matched + expected.nearMisses.length).toBeGreaterThan(0);
    expect(expected.fingerprints!.reduce((n, fp) => n + fp.count, 0)).toBe(expected.matched);
    if (name === 'owned') {
      expect(expected.suppressed.map((s) => s.count)).toEqual([2, 6, 0]);
      expect(new Set(expected.findings.map((f) => f.deny_reason)).size).toBeGreaterThan(5);
    }

    for (const parts of [2, 3, 7]) {
      for (const split of ['round-robin', 'blocks', 'reversed'] as const) {
        const detectors = Array.from({ length: parts }, () => new DeniedInvocations(selection));
        input.forEach((r, i) => {
          const part = split === 'round-robin' ? i % parts : split === 'blocks' ? Math.floor((i * parts) / input.length) : parts - 1 - (i % parts);
          detectors[part]!.observe(r);
        });
        const merged = new DeniedInvocations(selection);
        // Through structured clone, as partials cross the worker boundary.
        for (const d of split === 'reversed' ? detectors.reverse() : detectors) merged.merge(structuredClone(d.partial()));
        expect(merged.result()).toEqual(expected);
      }
    }
  });

  test('a near-miss reason seen in several spellings is shown in its smallest spelling, whatever the order', () => {
    const denied = (eventName: string): CloudTrailRecord => ({ eventSource: 'bedrock.amazonaws.com', eventName, errorCode: 'AccessDenied', eventTime: '2026-11-26T09:00:00Z' });
    const spellings = ['CONVERSE', 'Converse', 'converse'];
    for (const order of [spellings, [...spellings].reverse()]) {
      const detector = new DeniedInvocations(SELECTIONS.default!);
      order.forEach((n) => detector.observe(denied(n)));
      expect(detector.result().nearMisses).toEqual([{ reason: 'eventName=CONVERSE', include: 'event-names: InvokeModel,CONVERSE', count: 3 }]);
    }
  });
});

/** The report without what differs from run to run (timings, peak memory). */
function comparable(report: ScanReport | null): unknown {
  expect(report).not.toBeNull();
  const copy = structuredClone(report!) as unknown as Record<string, Record<string, unknown>>;
  delete (copy as Record<string, unknown>).generatedAt;
  delete copy.scan!.durationMs;
  delete copy.scan!.peakRssBytes;
  return copy;
}

/** A seeded multi-file corpus: envelopes and NDJSON, gzip and plain, many users, near misses, two corrupt files. */
function writeCorpus(dir: string): void {
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return Math.floor((seed / 2147483647) * n);
  };
  for (let f = 0; f < 24; f++) {
    const records: string[] = [];
    for (let i = 0; i < 400; i++) {
      const bedrock = rand(10) < 3;
      const user = `user-${rand(60)}`;
      records.push(
        JSON.stringify({
          eventVersion: '1.10',
          userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333', userName: user },
          eventTime: `2026-11-${String(1 + rand(28)).padStart(2, '0')}T${String(rand(24)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}:00Z`,
          eventSource: bedrock ? (rand(8) === 0 ? 'bedrock-mantle.amazonaws.com' : 'bedrock.amazonaws.com') : 's3.amazonaws.com',
          eventName: bedrock ? ['InvokeModel', 'InvokeModel', 'Converse', 'invokemodel'][rand(4)] : 'GetObject',
          awsRegion: ['us-east-1', 'eu-west-1'][rand(2)],
          sourceIPAddress: `10.0.${rand(4)}.${rand(4)}`,
          userAgent: ['Boto3/1.34', 'aws-cli/2.17'][rand(2)],
          errorCode: ['AccessDenied', 'AccessDeniedException', 'ThrottlingException'][rand(3)],
          errorMessage: 'User is not authorized to perform: bedrock:InvokeModel',
          requestParameters: { modelId: ['anthropic.claude-3', 'amazon.titan-text', 'meta.llama3'][rand(3)] }
        })
      );
    }
    const ndjson = f % 2 === 1;
    const body = Buffer.from(ndjson ? records.join('\n') + '\n' : `{"Records":[${records.join(',')}]}`);
    const name = path.join(dir, `part-${String(f).padStart(2, '0')}${ndjson ? '.ndjson' : '.json'}${f % 3 === 0 ? '' : '.gz'}`);
    writeFileSync(name, f % 3 === 0 ? body : gzipSync(body));
  }
  writeFileSync(path.join(dir, 'corrupt.json.gz'), gzipSync(Buffer.from('{"Records":[{"eventName":"x"},{"eventName":')).subarray(0, 30));
  writeFileSync(path.join(dir, 'truncated.ndjson'), readFileSync(fixturePath('formats/records.ndjson'), 'utf8').slice(0, -40));
}

describe('node dist/index.js: workers 1, 2 and 4 write the same report', () => {
  const runAll = async (inputs: Record<string, string>) => {
    const runs = [];
    for (const workers of ['1', '2', '4']) runs.push(await runAction({ 'fail-on-threshold': 'false', ...inputs, workers }));
    return runs;
  };

  test('every fixture, default selection and a wide one with suppress rules', async () => {
    for (const extra of [
      {} as Record<string, string>,
      { 'event-sources': 'bedrock.amazonaws.com,s3.amazonaws.com', 'event-names': 'InvokeModel,GetObject,Converse', 'error-codes': 'AccessDenied', suppress: 'user=build-bot src=185.*', concurrency: '3' }
    ]) {
      const runs = await runAll({ source: '__fixtures__', ...extra });
      expect(runs[0]!.report!.scan.filesFailed.length).toBeGreaterThan(0); // corrupt fixtures are named failures
      expect(runs[0]!.report!.matched).toBeGreaterThan(0);
      for (const run of runs.slice(1)) {
        expect(comparable(run.report)).toEqual(comparable(runs[0]!.report));
        expect({ ...run.outputs, 'report-path': '' }).toEqual({ ...runs[0]!.outputs, 'report-path': '' });
      }
    }
  });

  test('a generated 26-file corpus (gzip and plain, envelopes and NDJSON, two corrupt files)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bds-parallel-'));
    try {
      mkdirSync(path.join(dir, 'logs'));
      writeCorpus(path.join(dir, 'logs'));
      const runs = await runAll({ source: path.join(dir, 'logs'), 'event-names': 'InvokeModel,Converse', concurrency: '5' });
      const first = runs[0]!.report!;
      expect(first.scan.files).toBe(26);
      expect(first.scan.filesFailed.map((f) => path.basename(f.file))).toEqual(['corrupt.json.gz', 'truncated.ndjson']);
      expect(first.findings.length).toBeGreaterThan(50);
      expect(first.nearMisses.length).toBeGreaterThan(0);
      for (const run of runs.slice(1)) expect(comparable(run.report)).toEqual(comparable(first));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a worker thread that dies fails only the files it was reading, named, and the scan goes on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bds-parallel-crash-'));
    try {
      // Three million small objects in one record: no string to cap, far beyond a 16 MB worker heap.
      // 
      writeFileSync(path.join(dir, 'b-huge.json'), `{"Records":[{"eventName":"x","a":[${'{"a":1},'.repeat(3_000_000)}{"a":1}]}]}`);
      // a.json keeps the main thread busy (20,000 records) while b-huge.json is handed to the worker thread.
      const record = JSON.stringify({ eventVersion: '1.10', eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventTime: '2026-11-26T09:00:00Z', requestParameters: { key: 'x'.repeat(200) } });
      writeFileSync(path.join(dir, 'a.json'), `{"Records":[${Array(20_000).fill(record).join(',')}]}`);
      const sample = readFileSync(fixturePath('sample-export/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T0905Z_Qm3x8LwT1aZp0eRk.json.gz'));
      for (const name of ['c.json.gz', 'd.json.gz']) writeFileSync(path.join(dir, name), sample);
      const run = await runAction({ source: dir, workers: '2', concurrency: '2', 'fail-on-threshold': 'false' }, { BEDROCK_DENIED_SCAN_WORKER_HEAP_MB: '16' });
      const report = run.report!;
      expect(report.scan.files).toBe(4);
      expect(report.scan.complete).toBe(false);
      expect(report.scan.filesFailed.map((f) => path.basename(f.file))).toEqual(['b-huge.json']);
      expect(report.scan.records).toBeGreaterThan(20_000); // the other files were scanned
      expect(report.matched).toBeGreaterThan(0);
      expect(report.scan.filesFailed[0]!.error).toMatch(/^worker thread/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workersToPrestart: the workers a run will use, read from the environment before the inputs are', () => {
  test('the input, else BEDROCK_DENIED_SCAN_WORKERS, else the default; none for another engine or a value the input check refuses', () => {
    const cores = Math.min(64, availableParallelism());
    const half = Math.max(1, Math.ceil(cores / 2));
    expect(workersToPrestart({})).toBe(half - 1);
    expect(workersToPrestart({ INPUT_SOURCE: 'logs/\n# s3://commented/out/\n!logs/old' })).toBe(half - 1);
    expect(workersToPrestart({ INPUT_SOURCE: 'logs/\ns3://trail/' })).toBe(cores - 1);
    expect(workersToPrestart({ INPUT_SOURCE: ' https://example.com/trail.json.gz' })).toBe(cores - 1);
    expect(workersToPrestart({ INPUT_SOURCE: 'logs/', 'INPUT_EVENT-SOURCES': ' Bedrock.amazonaws.com ' })).toBe(half - 1);
    expect(workersToPrestart({ INPUT_SOURCE: 'logs/', 'INPUT_EVENT-SOURCES': 'bedrock.amazonaws.com, ec2.amazonaws.com' })).toBe(cores - 1);
    // Other Bedrock sources are quiet too: the prefilter still skips most records.
    expect(workersToPrestart({ INPUT_SOURCE: 'logs/', 'INPUT_EVENT-SOURCES': 'bedrock.amazonaws.com\nbedrock-mantle.amazonaws.com' })).toBe(half - 1);
    expect(workersToPrestart({ INPUT_WORKERS: '1' })).toBe(0);
    expect(workersToPrestart({ INPUT_WORKERS: ' 3 ' })).toBe(2);
    expect(workersToPrestart({ INPUT_WORKERS: '500' })).toBe(63);
    expect(workersToPrestart({ INPUT_WORKERS: 'many' })).toBe(0);
    expect(workersToPrestart({ BEDROCK_DENIED_SCAN_WORKERS: '4' })).toBe(3);
    expect(workersToPrestart({ INPUT_WORKERS: '2', BEDROCK_DENIED_SCAN_WORKERS: '4' })).toBe(1);
    expect(workersToPrestart({ INPUT_WORKERS: '4', INPUT_ENGINE: 'athena' })).toBe(0);
    expect(workersToPrestart({ INPUT_WORKERS: '4', INPUT_ENGINE: ' Runner ' })).toBe(3);
  });
});

describe('defaultWorkers: how many threads scan when the workers input is not set', () => {
  const cores = Math.min(64, availableParallelism());
  test('half the cores (rounded up) for local files and the Bedrock selection: gunzip on the thread pool takes the rest', () => {
    expect(defaultWorkers({ sources: ['logs/', 'artifact:trail'], eventSources: ['bedrock.amazonaws.com'] })).toBe(Math.max(1, Math.ceil(cores / 2)));
  });
  test('every core when the main thread also fetches (S3, HTTPS) or most records are parsed (a wider selection)', () => {
    expect(defaultWorkers({ sources: ['logs/', 'S3://trail/'], eventSources: ['bedrock.amazonaws.com'] })).toBe(cores);
    expect(defaultWorkers({ sources: ['http://127.0.0.1:8080/trail.json.gz'], eventSources: ['bedrock.amazonaws.com'] })).toBe(cores);
    expect(defaultWorkers({ sources: ['logs/'], eventSources: ['bedrock.amazonaws.com', 'sts.amazonaws.com'] })).toBe(cores);
  });
});
