import { constants } from 'node:fs';
import { access, mkdir, open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ConfigError } from '../errors.js';
import type { ScanReport } from '../report/types.js';
import { stringifyChunks } from './json-stream.js';

/**
 * Fails before any scanning when a file the run writes afterwards (the report, the baseline) could not be
 * written (a directory in the way, a read-only folder), so a long scan never ends without it.
 */
export async function assertWritable(file: string, input: string, what: string): Promise<void> {
  const dir = path.dirname(file);
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error('it is a directory');
    if (existing) await access(file, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`Input '${input}': cannot write ${what} to '${file}' (${reason}).`);
  }
}

/**
 * Writes the JSON report (`report-path`), creating its folder: exactly `JSON.stringify(report, null, 2) + '\n'`,
 * streamed in 64 KiB pieces, so a report with thousands of findings never exists as one string in memory.
 */
export async function writeReport(reportPath: string, report: ScanReport): Promise<void> {
  await mkdir(path.dirname(reportPath), { recursive: true });
  await writeJsonFile(reportPath, report);
}

/** `JSON.stringify(value, null, 2) + '\n'` written to `file` (replacing it) piece by piece. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const piece of stringifyChunks(value, 2)) await handle.write(piece, null, 'utf8');
    await handle.write('\n', null, 'utf8');
  } finally {
    await handle.close();
  }
}
