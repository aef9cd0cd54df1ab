import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArtifactUploadError, uploadReportArtifact, type ArtifactClientLike } from '../src/publish/artifact-upload.js';
import { findingsCsv } from '../src/report/csv.js';
import { finding, scanReport } from './helpers/report.js';

interface Upload {
  name: string;
  rootDirectory: string;
  files: Record<string, string>;
}

/** Records what would be uploaded, reading the staged files during the call (they are removed afterwards). */
function fakeClient(response: { id?: number } | Error): ArtifactClientLike & { uploads: Upload[] } {
  const uploads: Upload[] = [];
  return {
    uploads,
    async uploadArtifact(name, files, rootDirectory) {
      const contents: Record<string, string> = {};
      for (const file of files) contents[path.relative(rootDirectory, file)] = await readFile(file, 'utf8');
      uploads.push({ name, rootDirectory, files: contents });
      if (response instanceof Error) throw response;
      return response;
    }
  };
}

let dir: string;
let reportPath: string;
const reportText = '{"schemaVersion":1,"note":"written by json-report.ts"}\n';
const env = () => ({ RUNNER_TEMP: dir, GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_RUN_ID: '42' });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'artifact-test-'));
  reportPath = path.join(dir, 'out', 'bedrock-report.json');
  await mkdir(path.dirname(reportPath));
  await writeFile(reportPath, reportText);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploadReportArtifact', () => {
  test('uploads the JSON report as written and the findings CSV, under the given name', async () => {
    const report = scanReport([finding(), finding({ user: '=evil', count: 1 })]);
    const client = fakeClient({ id: 9001, size: 1234 } as { id: number });
    const result = await uploadReportArtifact(report, reportPath, 'bedrock-denied-scan-report', client, env());

    expect(result).toEqual({
      id: 9001,
      url: 'https://github.example/octo-org/octo-repo/actions/runs/42/artifacts/9001',
      files: ['bedrock-report.json', 'findings.csv']
    });
    expect(client.uploads).toHaveLength(1);
    expect(client.uploads[0]!.name).toBe('bedrock-denied-scan-report');
    expect(client.uploads[0]!.files).toEqual({ 'bedrock-report.json': reportText, 'findings.csv': findingsCsv(report.findings) });
    expect(client.uploads[0]!.files['findings.csv']).toContain("\r\n198.51.100.23,'=evil,");
    // The staging directory is gone; the report itself is untouched.
    expect(existsSync(client.uploads[0]!.rootDirectory)).toBe(false);
    expect(await readdir(dir)).toEqual(['out']);
    expect(await readFile(reportPath, 'utf8')).toBe(reportText);
  });

  test('no URL without the run in the environment', async () => {
    const result = await uploadReportArtifact(scanReport([]), reportPath, 'r', fakeClient({ id: 1 }), { RUNNER_TEMP: dir });
    expect(result).toEqual({ id: 1, files: ['bedrock-report.json', 'findings.csv'] });
  });

  test('failures become ArtifactUploadError and still clean up', async () => {
    const failing = fakeClient(new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable'));
    const error = await uploadReportArtifact(scanReport([]), reportPath, 'r', failing, env()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactUploadError);
    expect((error as Error).message).toBe("artifact 'r' upload failed: Unable to get the ACTIONS_RUNTIME_TOKEN env variable");
    expect(existsSync(failing.uploads[0]!.rootDirectory)).toBe(false);

    const noId = await uploadReportArtifact(scanReport([]), reportPath, 'r', fakeClient({}), env()).catch((e: unknown) => e);
    expect((noId as Error).message).toBe("artifact 'r' upload returned no artifact id");
    expect(await readdir(dir)).toEqual(['out']);
  });

  test('the real @actions/artifact client is used by default and fails cleanly off a runner', async () => {
    const saved = process.env.ACTIONS_RUNTIME_TOKEN;
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    try {
      const error = await uploadReportArtifact(scanReport([]), reportPath, 'r', undefined, env()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArtifactUploadError);
      expect((error as Error).message).toMatch(/^artifact 'r' upload failed: .*ACTIONS_RUNTIME_TOKEN/);
      expect(await readdir(dir)).toEqual(['out']);
    } finally {
      if (saved !== undefined) process.env.ACTIONS_RUNTIME_TOKEN = saved;
    }
  });
});
