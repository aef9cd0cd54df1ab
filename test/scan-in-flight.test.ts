/**
 * How many objects scanSources reads at once: `concurrency`, or more when a source asks for it (S3's
 * readConcurrency), with the compressed bytes in flight capped (BYTES_IN_FLIGHT), so big objects are never read
 * many at a time. Counts only: each object's stream is held open until the scan has opened as many objects as
 * it will (or nothing else is opened), so the counts do not depend on timing.
 */
import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { BYTES_IN_FLIGHT, scanSources } from '../src/scan.js';
import type { Source, SourceGap, SourceObject } from '../src/sources/types.js';

const BODY = gzipSync(JSON.stringify({ Records: [{ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity' }] }));

/** A source of `count` objects of `size` listed bytes; reports the most objects open at once. */
function heldSource(count: number, size: number | undefined, readConcurrency?: number) {
  let open = 0;
  let peak = 0;
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
  const source: Source & { peak(): number } = {
    readConcurrency,
    peak: () => peak,
    describe: () => ({ kind: 'test', location: 'held', details: {} }),
    async *objects(): AsyncGenerator<SourceObject | SourceGap> {
      for (let i = 0; i < count; i++) {
        yield {
          name: `object-${i}`,
          size,
          open: async () => {
            open++;
            peak = Math.max(peak, open);
            async function* body() {
              await new Promise<void>((go) => {
                waiting.push(go);
                settleLater();
              });
              open--;
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

  test('an object bigger than the whole budget is still read (alone if need be)', async () => {
    const source = heldSource(3, Number.MAX_SAFE_INTEGER, 64);
    const totals = await scanSources([source], { concurrency: 1 });
    expect(totals.files).toBe(3);
    expect(totals.filesFailed).toEqual([]);
  });
});
