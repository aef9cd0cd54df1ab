import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CloudTrailRecord } from '../../src/decode/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturePath = (name: string): string => path.join(repoRoot, '__fixtures__', name);

/** Reads a plain (not gzip) envelope or NDJSON fixture into plain objects, independently of the decode layer. */
export function fixtureRecords(name: string): CloudTrailRecord[] {
  const text = readFileSync(fixturePath(name), 'utf8');
  if (name.endsWith('.ndjson')) return text.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as CloudTrailRecord);
  const doc = JSON.parse(text) as { Records: CloudTrailRecord[] };
  return doc.Records;
}

/** Every file below `dir`, depth first, each folder's entries in byte order. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesBelow(full) : [full];
    });
}

/** The public CloudTrail samples beside the repository (../shared/data/real-cloudtrail), when present. */
export const REAL_SAMPLES = path.resolve(repoRoot, '..', 'shared', 'data', 'real-cloudtrail');

/** Every data file under __fixtures__ and the public samples, if present: what the decoder equivalence tests read. */
export function equivalenceFiles(): string[] {
  const dataFile = (file: string): boolean => !/\.(md|zip|ts|mjs|js|yml|yaml|txt)$/i.test(file) && !file.endsWith('.manifest.ndjson');
  const files = filesBelow(path.join(repoRoot, '__fixtures__')).filter(dataFile);
  if (existsSync(REAL_SAMPLES)) files.push(...filesBelow(REAL_SAMPLES).filter(dataFile));
  return files;
}

/** `bytes` as a stream of chunks of `size` (to exercise every chunk-boundary path of the scanner). */
export function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}
