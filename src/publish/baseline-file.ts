import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { serializeBaseline } from '../detection/baseline.js';
import type { Fingerprint } from '../detection/types.js';
import { logSafe } from '../report/log.js';

/**
 * Writes the baseline file atomically: the text goes to a temporary file next to it, which is then renamed over
 * it, so a reader (or a cancelled run) never sees half a baseline. Creates the folder when needed.
 */
export async function writeBaselineFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * `update-baseline`: merges this run's fingerprints into the baseline file. Returns what was written, or why
 * it could not be (a warning and exit 2: the scan itself is still reported).
 */
export async function updateBaselineFile(
  baseline: { path: string; input: string; known: Set<string> },
  fingerprints: readonly Fingerprint[]
): Promise<{ updated: { fingerprints: number; added: number }; message: string } | { failure: string }> {
  const { text, fingerprints: total } = serializeBaseline(baseline.known, fingerprints);
  try {
    await writeBaselineFile(baseline.path, text);
    const added = total - baseline.known.size;
    return { updated: { fingerprints: total, added }, message: `Baseline ${logSafe(baseline.input, 300)} updated: ${total} fingerprints (${added} added).` };
  } catch (error) {
    return { failure: `Could not write the baseline ${logSafe(baseline.input, 300)}: ${logSafe((error as Error).message, 300)}` };
  }
}
