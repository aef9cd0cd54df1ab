/**
 * Uploads the JSON report and a CSV of the findings as one workflow artifact.
 * The files are staged in a temporary directory so the artifact holds exactly these two files.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { findingsCsv } from '../report/csv.js';
import type { ScanReport } from '../report/types.js';

/** The part of `@actions/artifact`'s client we use (injectable: the artifact service only exists on a runner). */
export interface ArtifactClientLike {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
}

export const FINDINGS_CSV_NAME = 'findings.csv';

export class ArtifactUploadError extends Error {
  override name = 'ArtifactUploadError';
}

/** The artifact's page, when the run is known from the environment. */
export function artifactUrl(id: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`;
}

/**
 * Uploads `reportPath` (as written) and `findings.csv` under `name`. Throws ArtifactUploadError on failure;
 * the caller warns and carries on (the summary and the report file are already written).
 */
export async function uploadReportArtifact(
  report: ScanReport,
  reportPath: string,
  name: string,
  client?: ArtifactClientLike,
  env: NodeJS.ProcessEnv = process.env
): Promise<{ id: number; url?: string; files: string[] }> {
  const staging = await mkdtemp(path.join(env.RUNNER_TEMP || os.tmpdir(), 'bedrock-denied-scan-artifact-'));
  try {
    let jsonName = path.basename(reportPath) || 'report.json';
    if (jsonName === FINDINGS_CSV_NAME) jsonName = 'report.json';
    const jsonPath = path.join(staging, jsonName);
    const csvPath = path.join(staging, FINDINGS_CSV_NAME);
    await copyFile(reportPath, jsonPath);
    await writeFile(csvPath, findingsCsv(report.findings), 'utf8');
    const files = [jsonPath, csvPath];
    let response: { id?: number };
    try {
      // Loaded on demand: the artifact client (Azure storage) is most of the bundle and most scans don't upload.
      const uploader = client ?? new (await import('@actions/artifact')).DefaultArtifactClient();
      response = await uploader.uploadArtifact(name, files, staging);
    } catch (error) {
      throw new ArtifactUploadError(`artifact '${name}' upload failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    if (typeof response.id !== 'number') throw new ArtifactUploadError(`artifact '${name}' upload returned no artifact id`);
    const url = artifactUrl(response.id, env);
    return { id: response.id, ...(url ? { url } : {}), files: [jsonName, FINDINGS_CSV_NAME] };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
