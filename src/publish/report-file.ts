import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ScanReport } from '../report/types.js';

/** Writes the JSON report (`report-path`), creating its folder. */
export async function writeReport(reportPath: string, report: ScanReport): Promise<void> {
  await mkdir(path.dirname(reportPath), { recursive: true });
  await writeFile(reportPath, JSON.stringify(report, null, 2) + '\n', 'utf8');
}
