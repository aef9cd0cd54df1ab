import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeCloudTrail } from '../src/decode/index.js';
import { scannerKernel } from '../src/decode/kernel/scanner-kernel.js';
import { compilePrefilter } from '../src/decode/prefilter.js';
import { chunked, equivalenceFiles } from './helpers/fixtures.js';

// The WebAssembly kernel (src/decode/kernel) must be invisible: for any bytes, in any chunking, the scanner with
// it parses exactly the records the JavaScript loop alone parses, in the same order, counts the same records,
// and fails with the same message at the same byte.

const ROOT = process.cwd();

interface Trace {
  parsed: string[];
  records?: number;
  format?: string;
  bytes?: number;
  error?: string;
}

async function trace(bytes: Buffer, kernel: boolean, size: number, strategy: 'fast' | 'full', prefilter?: readonly string[]): Promise<Trace> {
  const parsed: string[] = [];
  try {
    const result = await decodeCloudTrail(chunked(bytes, size), {
      strategy,
      kernel,
      ...(prefilter ? { prefilter } : {}),
      onRecord: (record) => parsed.push(JSON.stringify(record))
    });
    return { parsed, records: result.records, format: result.format, bytes: result.bytes };
  } catch (error) {
    return { parsed, error: (error as Error).message };
  }
}

/** Prefilters: the default; several markers (more first bytes than the kernel compares at once); K and I markers. */
const PREFILTERS: Array<readonly string[] | undefined> = [
  undefined,
  ['bedrock', 'sagemaker', 'ec2', 'iam', 'sts', 'kms', 'lambda', 'q.amazonaws.com'],
  ['kinesis', 'iot']
];

async function expectSame(bytes: Buffer, sizes: number[]): Promise<void> {
  for (const prefilter of PREFILTERS) {
    // `full` gives the kernel no markers, whatever the prefilter: once is enough.
    for (const strategy of prefilter === undefined ? (['fast', 'full'] as const) : (['fast'] as const)) {
      for (const size of sizes) {
        const js = await trace(bytes, false, size, strategy, prefilter);
        const wasm = await trace(bytes, true, size, strategy, prefilter);
        expect(wasm).toEqual(js);
      }
    }
  }
}

const plain = (path: string): Buffer => {
  const raw = readFileSync(path);
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return gunzipSync(raw);
  } catch {
    return raw; // corrupt gzip: both loops see the same bytes and must refuse them alike
  }
};

/** A xorshift32 generator: `random(n)` is 0..n-1, the same sequence for the same seed. */
function seededRandom(seed: number): (n: number) => number {
  return (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
}

/** A record that passes the first-record check, so a misread envelope fails differently from a read one. */
const RECORD = '{"eventName":"InvokeModel","eventSource":"bedrock.amazonaws.com"}';

describe('the scanner kernel', () => {
  it('loads here (WebAssembly SIMD) and takes every prefilter below, so the tests below compare two different loops', () => {
    const kernel = scannerKernel();
    expect(kernel).not.toBeNull();
    for (const prefilter of PREFILTERS) expect(kernel!.usePrefilter(compilePrefilter(prefilter))).toBe(true);
    expect(kernel!.usePrefilter(null)).toBe(true);
  });

  // The module is committed (base64 in record-scanner-kernel.wasm.ts) so that building needs no C compiler;
  // where the clang that built it is installed (with wasm-ld), prove it is what the committed C source compiles to.
  const check = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-kernel.mjs'), '--check'], { encoding: 'utf8' });
  const withClang = check.status === 3 ? it.skip : it;
  withClang('the committed module is a fresh build of record-scanner-kernel.c (npm run build:kernel)', () => {
    expect(check.stdout.trim()).toBe('kernel: up to date');
    expect(check.status).toBe(0);
  });

  it.each(equivalenceFiles().map((f) => [relative(ROOT, f), f]))('%s: same records, parsed set, counts and errors as the JavaScript loop', async (_name, path) => {
    const bytes = plain(path);
    await expectSame(bytes, bytes.length < 20000 ? [1, 7, 16, 4096, bytes.length || 1] : [4093, bytes.length || 1]);
  });

  it('hand-made edge cases: escapes, keys, markers and brackets at every chunk boundary', async () => {
    const cases = [
      '{"Records":[{"eventSource":"bedrock.amazonaws.com","a":"x\\\\"},{"eventSource":"b\\u0065drock.amazonaws.com"},{"k":"\\\\u"},{"k":"BEDROCK"},{"k":"BEDRO"}]}',
      '{"Records":[{"eventSource":"\u212aendra"},{"x":"\u0130"},{"x":[1,2,{"y":"}]"}]}],"digestStartTime":"x"}',
      '{"a":1,"Records":[{"k":"v"}],"b":[1]}\n{"eventSource":"bedrock.amazonaws.com","resources":[{"ARN":"x"}],"eventID":"1"}',
      '{"eventVersion":"1","Records":"not an array","x":[{"y":1}]}\n{"digestStartTime":"2024","k":"v"}\n{"Rec\\u006frds":[{"a":1}]}',
      '[{"eventSource":"bedrock.amazonaws.com"},{"eventSource":"ec2.amazonaws.com"}]',
      '{"Events":[{"CloudTrailEvent":"{\\"eventSource\\":\\"bedrock.amazonaws.com\\"}"}]}',
      '{"events":[{"message":"{\\"eventSource\\":\\"sts.amazonaws.com\\"}"}]}',
      '{"Records":[{"a":1},{"b":2}],"Records":[]}',
      '{"Records":[{"a":1},"string"]}',
      '{"Records":[{"a":1},[1]]}',
      '{"Records":[{"a":1},5]}',
      '{"Records":[{"a":1]}]}',
      '{"Records":[{"a":1}}',
      '{"Records":[{"a":"unterminated}]}',
      '{"Records":[{"a":1}]} trailing',
      '"just a string"',
      '{"a":{"b":{"c":[{"d":"bedrock"}]}}}\r\n\t{"e":"f"}  ',
      `{"Records":[${'['.repeat(5000)}]}`,
      // Long enough for the kernel's 64-byte blocks: brackets and markers inside strings, across blocks, deep.
      `{"Records":[{"a":{"b":"${'x'.repeat(70)}[{bedrock}]${'y'.repeat(70)}"},"c":[1,2,{"d":"B"}],"e":"${'z'.repeat(60)}BeDrOcK"},{"f":"${'b'.repeat(130)}"}]}`,
      `{"Records":[{"a":${'['.repeat(4100)}${']'.repeat(4100)}}]}`,
      `{"Records":[{"a":{"b":[${'1,'.repeat(40)}}}]}`,
      `{"Records":[{"a":{"b":"${'q'.repeat(100)}\\"},"c":{"d":"${'r'.repeat(63)}\\u0062edrock"}}]}`,
      `{"eventSource":"x","userIdentity":{"k":"${'s'.repeat(90)}","l":{"m":[{"n":"bedrock"}]}},"z":1}\n{"n":{"o":"${'t'.repeat(100)}"}}`,
      // Depth 1 of top-level objects in blocks: keys it tracks after 64 bytes, keys across blocks, `[` after a key.
      `{"${'a'.repeat(70)}":1,"b":"${'c'.repeat(70)}","Records":[{"x":"bedrock"}],"d":2}`,
      `{"${'a'.repeat(70)}":1,"Records":"${'x'.repeat(70)}"[1]}`,
      `{"${'a'.repeat(70)}":1,"Records":"x",${'1'.repeat(70)}[1]}`,
      `{"Records":[{"a":1}],"${'p'.repeat(80)}":[1,{"q":2}],"Records":[]}`,
      `{"Records":[{"a":1}],"${'p'.repeat(80)}":[1],"digestStartTime":"x"}`,
      `{"eventVersion":"1.08","${'k'.repeat(61)}":"v","events":[{"message":"{}"}],"${'z'.repeat(64)}":"BEDROCK"}`,
      `${' '.repeat(10)}{"eventID":"${'e'.repeat(60)}","resources":[{"ARN":"${'r'.repeat(70)}"}],"digestStartTime":"2024","Events":1}\n{"${'y'.repeat(200)}":{"bedrock":[]}}`,
      // Depth-1 stretches taken whole (keys found by carry): a comma on a block's last byte, keys in a block's last
      // 16 bytes or split by its end, keys that only look tracked, and the malformed objects JS still reads keys in.
      ...Array.from({ length: 14 }, (_, k) => 54 + k).flatMap((length) => [
        `{"${'a'.repeat(length)}":1,"Records":[${RECORD},${RECORD}],"d":2}`,
        `{"${'a'.repeat(length)}":"v","events":[{"message":"{}"}]}\n{"${'b'.repeat(length)}":{"c":1},"digestStartTime":"x"}`,
        `{"${'a'.repeat(length)}":1,"eventID":"Records","Recordsx":[1],"Event":[2],"dig":"x","Records" :[${RECORD}]}`,
        `{"k":"${'v'.repeat(length)}", "Events":[${RECORD}]}\n{"${'a'.repeat(length)}":1,,"Records":[${RECORD}]}`,
        `{"${'a'.repeat(length)}" "Records":[${RECORD}]}\n{"${'a'.repeat(length)}":1,5"Records":[${RECORD}]}\n{"a":[1],"${'z'.repeat(length)}":1,"Records":[]}`,
        `${RECORD}\n{"eventName":"X","${'a'.repeat(length)}":1,"Records":[${RECORD}]}`
      ])
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text, 'utf8');
      const sizes = Array.from({ length: Math.min(bytes.length, 40) }, (_, k) => k + 1).concat([bytes.length]);
      await expectSame(bytes, sizes);
    }
  });

  it('tens of thousands of records in one chunk (more than the kernel queues at once), and a chunk over its 4 MiB piece size', async () => {
    const tiny = Array.from({ length: 40_000 }, (_, i) => (i % 997 === 0 ? '{"eventName":"InvokeModel","eventSource":"bedrock.amazonaws.com","n":' + i + '}' : '{"eventName":"X","n":' + i + '}'));
    const envelope = Buffer.from(`{"Records":[${tiny.join(',')}]}`);
    const ndjson = Buffer.from(tiny.join('\n'));
    const big = Buffer.from(`{"Records":[${Array.from({ length: 3000 }, (_, i) => `{"eventName":"X","eventSource":"${i % 500 === 0 ? 'bedrock' : 'ec2'}.amazonaws.com","pad":"${'x'.repeat(2000)}"}`).join(',')}]}`);
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    for (const bytes of [envelope, ndjson, big]) {
      for (const strategy of ['fast', 'full'] as const) {
        const js = await trace(bytes, false, bytes.length, strategy);
        const wasm = await trace(bytes, true, bytes.length, strategy);
        expect(wasm).toEqual(js);
        expect(wasm.error).toBeUndefined();
        expect(wasm.records).toBe(bytes === big ? 3000 : 40_000);
      }
    }
  });

  it('seeded fuzz: 600 generated files of top-level objects whose keys take every shape the kernel tells apart', async () => {
    // Keys that are tracked, look tracked (R/E/e/d, lengths 6, 7 and 15), are long enough to cross a 64-byte block,
    // or hold an escape; values of every kind, arrays at the top level (resources), envelopes after records,
    // whitespace around keys, and now and then one byte broken.
    const random = seededRandom(0x9e3779b9);
    const pick = <T>(items: readonly T[]): T => items[random(items.length)];
    const KEYS = ['Records', 'Events', 'events', 'digestStartTime', 'eventID', 'Recordsx', 'Event', 'dig', 'eventSource', 'resources', 'd', 'e', 'R', ''];
    const space = (): string => pick(['', '', '', ' ', '\n', '\t ']);
    const key = (): string => {
      const kind = random(10);
      if (kind < 5) return JSON.stringify(pick(KEYS));
      if (kind < 7) return JSON.stringify('k'.repeat(random(90)));
      if (kind < 8) return JSON.stringify(pick(['R', 'E', 'e', 'd']) + 'x'.repeat(random(20)));
      if (kind < 9) return `"a\\u0062${'y'.repeat(random(10))}"`;
      return JSON.stringify(pick(KEYS) + 'z'.repeat(random(3)));
    };
    const value = (depth: number): string => {
      const kind = random(12);
      if (kind < 4) return JSON.stringify(pick(['x', 'bedrock.amazonaws.com', 'Records', 'v'.repeat(random(100)), 'BEDROCK', '[{]}', 'a"b']));
      if (kind < 6) return String(random(1000));
      if (kind < 7) return pick(['true', 'false', 'null']);
      if (depth > 3) return '1';
      if (kind < 9) return `[${Array.from({ length: random(4) }, () => value(depth + 1)).join(',')}]`;
      return object(depth + 1);
    };
    const object = (depth: number): string => {
      const members = Array.from({ length: random(8) }, () => {
        const records = `[${Array.from({ length: random(3) }, () => (random(2) ? RECORD : '{"eventName":"X","eventSource":"ec2.amazonaws.com"}')).join(',')}]`;
        return `${space()}${key()}${space()}:${space()}${depth === 0 && random(5) === 0 ? records : value(depth)}`;
      });
      return `{${members.join(',')}${space()}}`;
    };
    for (let round = 0; round < 600; round++) {
      const lines = random(2) ? [RECORD] : [];
      for (let n = 1 + random(4); n > 0; n--) {
        let line = object(0);
        if (random(30) === 0) {
          const at = random(line.length);
          line = line.slice(0, at) + pick([',', '"', '[', ']', '{', '}', ':', ' ', '\\']) + line.slice(at + random(2));
        }
        lines.push(line);
      }
      const bytes = Buffer.from(lines.join(pick(['\n', '\r\n', ' ', ''])));
      for (const size of [bytes.length, 1 + random(70), 64, 65]) {
        for (const [strategy, prefilter] of [['fast', undefined], ['fast', ['kinesis', 'iot']], ['full', undefined]] as const) {
          const js = await trace(bytes, false, size, strategy, prefilter);
          const wasm = await trace(bytes, true, size, strategy, prefilter);
          expect(wasm).toEqual(js);
        }
      }
    }
  });

  it('seeded fuzz: 400 mutants of two fixtures (bytes inserted, deleted, swapped among the structural ones)', async () => {
    const random = seededRandom(0x2545f491);
    const sources = ['hostile-strings.json', 'formats/bedrock-case-and-escapes.ndjson'].map((name) => readFileSync(join(ROOT, '__fixtures__', name)));
    const alphabet = Buffer.from('{}[]",:\\ubBeE\n 0\u212a', 'utf8');
    for (let round = 0; round < 400; round++) {
      const bytes = Buffer.from(sources[round % 2]);
      const edits = 1 + random(4);
      let mutant = bytes;
      for (let e = 0; e < edits; e++) {
        const at = random(mutant.length);
        const byte = alphabet[random(alphabet.length)];
        const kind = random(3);
        if (kind === 0) mutant = Buffer.concat([mutant.subarray(0, at), Buffer.from([byte]), mutant.subarray(at)]);
        else if (kind === 1) mutant = Buffer.concat([mutant.subarray(0, at), mutant.subarray(at + 1)]);
        else mutant[at] = byte;
      }
      for (const size of [3, 64, mutant.length]) {
        for (const strategy of ['fast', 'full'] as const) {
          const js = await trace(mutant, false, size, strategy);
          const wasm = await trace(mutant, true, size, strategy);
          expect(wasm).toEqual(js);
        }
      }
    }
  });
});
