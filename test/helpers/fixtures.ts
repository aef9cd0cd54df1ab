import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
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
