import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringifyChunks } from '../src/publish/json-stream.js';
import { writeJsonFile, writeReport } from '../src/publish/report-file.js';
import { finding, scanReport } from './helpers/report.js';

const joined = (value: unknown, indent = 2, chunkChars?: number) => [...stringifyChunks(value, indent, chunkChars)].join('');

/** Seeded values of every JSON shape (and the non-JSON ones JSON.stringify drops or rewrites). */
function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 4 ? 8 : 12));
  const strings = ['', 'plain', 'quote " backslash \\ slash /', 'tab\tnewline\n\r\u0000\u001f\u007f', 'é 中文 😀', '\ud800 lone \udc00', '\u2028\u2029', '</script>'];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -0, 1.5, -2e-7, 1e21, 123456789012345680000, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER][Math.floor(next() * 10)];
    case 3:
    case 4:
      return strings[Math.floor(next() * strings.length)];
    case 5:
      return [undefined, () => 1, Symbol('s')][Math.floor(next() * 3)];
    case 6:
      return new Date(Math.floor(next() * 2e12));
    case 7:
      return [new Number(3), new String('boxed'), new Boolean(false)][Math.floor(next() * 3)];
    case 8:
    case 9:
      return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const keys = ['a', 'b c', '"q"', '10', '2', 'é', '__proto__x', 'toJSONx'];
      for (let i = Math.floor(next() * 5); i > 0; i--) object[keys[Math.floor(next() * keys.length)]] = randomValue(next, depth + 1);
      return object;
    }
  }
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('stringifyChunks: byte-identical to JSON.stringify', () => {
  test.each([
    ['empty object', {}],
    ['empty array', []],
    ['nested empties', { a: [], b: {}, c: [[], {}], d: [{}] }],
    ['only left-out values', { a: undefined, b: () => 1, c: Symbol('x') }],
    ['left-out values in arrays become null', [undefined, () => 1, Symbol('x'), 1]],
    ['primitives at the top', 'text'],
    ['a number at the top', 42],
    ['null at the top', null],
    ['non-finite numbers', { a: NaN, b: [Infinity, -Infinity], c: -0 }],
    ['dates and toJSON', { when: new Date(0), custom: { toJSON: (key: string) => `key=${key}` }, list: [{ toJSON: () => undefined }] }],
    ['boxed primitives', [new Number(1), new String('s'), new Boolean(true)]],
    ['integer-like keys first, as JSON.stringify orders them', { b: 1, 2: 2, a: 3, 1: 4 }],
    ['escapes and unicode', { 'k"\\\n': 'v\u0000\u2028\ud800😀' }]
  ])('%s', (_label, value) => {
    for (const indent of [2, 0, 4]) {
      expect(joined(value, indent)).toBe(JSON.stringify(value, null, indent));
      expect(joined(value, indent, 1)).toBe(JSON.stringify(value, null, indent));
    }
  });

  test('500 seeded random values, whatever the piece size', () => {
    const next = seeded(8);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(next, 0);
      const expected = JSON.stringify(value, null, 2);
      if (expected === undefined) continue;
      expect(joined(value)).toBe(expected);
      expect(joined(value, 2, 7)).toBe(expected);
    }
  });

  test('pieces stay near the requested size', () => {
    const report = scanReport(Array.from({ length: 2000 }, (_, i) => finding({ user: `user-${i}` })));
    const pieces = [...stringifyChunks(report, 2, 4096)];
    expect(pieces.length).toBeGreaterThan(10);
    // A piece ends once it passes the size, so it can overshoot by at most one key or scalar.
    for (const piece of pieces) expect(piece.length).toBeLessThan(4096 + 2000);
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2));
  });

  test('cycles and BigInts throw TypeErrors, as JSON.stringify does', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => joined(cyclic)).toThrow(TypeError);
    expect(() => joined({ n: 1n })).toThrow(TypeError);
    // A value seen twice but not inside itself is no cycle.
    const shared = { x: 1 };
    expect(joined({ a: shared, b: [shared, shared] })).toBe(JSON.stringify({ a: shared, b: [shared, shared] }, null, 2));
  });
});

describe('writeReport', () => {
  test("writes exactly JSON.stringify(report, null, 2) + '\\n', replacing what was there", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-file-'));
    try {
      const file = path.join(dir, 'nested', 'report.json');
      const big = scanReport(Array.from({ length: 3000 }, (_, i) => finding({ user: `user-${i} é😀`, src: `10.0.${i % 256}.1` })));
      await writeReport(file, big);
      expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(big, null, 2) + '\n');
      const small = scanReport([finding()]);
      await writeReport(file, small);
      expect(readFileSync(file)).toEqual(Buffer.from(JSON.stringify(small, null, 2) + '\n', 'utf8'));
      await writeJsonFile(file, { a: [1, { b: null }] });
      expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ a: [1, { b: null }] }, null, 2) + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
