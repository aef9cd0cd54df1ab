/**
 * How many objects scanSources reads at once: `concurrency`, or more when a source asks for it (S3's
 * readConcurrency), with the compressed bytes in flight capped (BYTES_IN_FLIGHT), so big objects are never read
 * many at a time. Counts only: each object's stream is held open until the scan has opened as many objects as
 * it will (or nothing else is opened), so the counts do not depend on timing.
 */
import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { BYTES_IN_FLIGHT, BYTES_REQUESTED, scanSources } from '../src/scan.js';
import type { Source, SourceGap, SourceObject } from '../src/sources/types.js';

const BODY = gzipSync(JSON.stringify({ Records: [{ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity' }] }));

/** A source of `count` objects of `size` listed bytes; reports the most objects open at once. */
function heldSource(count: number, size: number | undefined, readConcurrency?: number, withRequestAhead = false) {
  let open = 0;
  let peak = 0;
  /** Objects requested ahead (requestAhead) and not finished, at most; and each object's calls, in order. */
  let requested = 0;
  let peakRequested = 0;
  const calls: string[][] = Array.from({ length: count }, () => []);
  let waiting: (() => void)[] = [];
  /** Lets every held stream finish once no further open() follows within a turn of the event loop. */
  let timer: NodeJS.Immediate | undefined;
  const settleLater = () => {
    if (timer) clearImmediate(timer);
    timer = setImmediate(() => {
      const release = waiting;
      waiting = [];
      for (const go of release) go();
    });
  };
  const source: Source & { peak(): number; peakRequested(): number; calls: string[][] } = {
    readConcurrency,
    peak: () => peak,
    peakRequested: () => peakRequested,
    calls,
    describe: () => ({ kind: 'test', location: 'held', details: {} }),
    async *objects(): AsyncGenerator<SourceObject | SourceGap> {
      for (let i = 0; i < count; i++) {
        const requestAhead = () => {
          calls[i]!.push('request');
          requested++;
          peakRequested = Math.max(peakRequested, requested);
        };
        yield {
          name: `object-${i}`,
          size,
          ...(withRequestAhead ? { requestAhead } : {}),
          open: async () => {
            calls[i]!.push('open');
            open++;
            peak = Math.max(peak, open);
            async function* body() {
              await new Promise<void>((go) => {
                waiting.push(go);
                settleLater();
              });
              open--;
              if (withRequestAhead) requested--;
              yield BODY;
            }
            return Readable.from(body(), { objectMode: false });
          }
        };
      }
    }
  };
  return source;
}

describe('objects in flight', () => {
  test('concurrency when no source asks for more', async () => {
    const source = heldSource(40, 10_000);
    const totals = await scanSources([source], { concurrency: 8 });
    expect(totals.files).toBe(40);
    expect(totals.filesFailed).toEqual([]);
    expect(source.peak()).toBe(8);
  });

  test("a source's readConcurrency raises it (S3 reads 64 small objects at once)", async () => {
    const source = heldSource(200, 12_000, 64);
    const totals = await scanSources([source], { concurrency: 8 });
    expect(totals.files).toBe(200);
    expect(totals.records).toBe(200);
    expect(source.peak()).toBe(64);
  });

  test('big objects are capped by compressed bytes in flight, whatever the width', async () => {
    const big = heldSource(40, 50 * 1024 * 1024, 64);
    await scanSources([big], { concurrency: 8 });
    // Each counts at most 2 MiB towards BYTES_IN_FLIGHT (8 MiB): 4 at once; so does an object of unknown size.
    const atOnce = BYTES_IN_FLIGHT / (2 * 1024 * 1024);
    expect(atOnce).toBe(4);
    expect(big.peak()).toBe(atOnce);
    const unknown = heldSource(40, undefined, 64);
    await scanSources([unknown], { concurrency: 8 });
    expect(unknown.peak()).toBe(atOnce);
    const mixed = heldSource(40, 4 * 1024 * 1024 * 1024, 64);
    await scanSources([mixed], { concurrency: 1 });
    expect(mixed.peak()).toBe(atOnce);
  });

  test('objects whose read can start early are requested ahead, up to BYTES_REQUESTED, each once and before it is opened', async () => {
    const big = heldSource(40, 50 * 1024 * 1024, 128, true);
    const totals = await scanSources([big], { concurrency: 8 });
    expect(totals.files).toBe(40);
    expect(BYTES_REQUESTED / (2 * 1024 * 1024)).toBe(8);
    // 4 read at once (BYTES_IN_FLIGHT), and 4 more requested while they are read.
    expect(big.peak()).toBe(4);
    expect(big.peakRequested()).toBe(8);
    expect(big.calls).toEqual(big.calls.map(() => ['request', 'open']));
    // Small objects too, by their own weights: 128 read at once, as many requested.
    const small = heldSource(300, 12_000, 128, true);
    await scanSources([small], { concurrency: 8 });
    expect(small.peak()).toBe(128);
    expect(small.peakRequested()).toBe(128);
  });

  test('an object bigger than the whole budget is still read (alone if need be)', async () => {
    const source = heldSource(3, Number.MAX_SAFE_INTEGER, 64);
    const totals = await scanSources([source], { concurrency: 1 });
    expect(totals.files).toBe(3);
    expect(totals.filesFailed).toEqual([]);
  });
});
