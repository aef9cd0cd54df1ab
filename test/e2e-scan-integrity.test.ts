/**
 * Through `node dist/index.js`: a failed part of the scan never hides the rest, every file is counted once,
 * configuration errors always leave a one-line summary, and the report, summary and outputs exist before any
 * call to GitHub (a run killed while publishing still leaves its findings).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { fixturePath } from './helpers/fixtures.js';
import { startStalledServer, type StalledServer } from './helpers/github-api.js';
import { parseOutputFile, runAction, startAction } from './helpers/run-action.js';

const REPEATS = '__fixtures__/aggregation-repeats.ndjson';

describe('a failed part of the scan never hides the rest', () => {
  test('a source line matching nothing, beside a breach: the line is named, the rest scanned, the breach exits 1', async () => {
    const run = await runAction({ source: `${REPEATS}\nmissing/*.json` });
    expect(run.code).toBe(1);
    expect(run.report!.scan.filesFailed).toEqual([{ file: 'missing/*.json', error: "no files match 'missing/*.json'" }]);
    expect(run.report!.scan).toMatchObject({ files: 1, records: 8, complete: false });
    expect(run.report!.matched).toBe(8);
    expect(run.outputs).toMatchObject({ 'denied-count': '8', 'files-failed': '1', 'scan-complete': 'false', 'threshold-exceeded': 'true' });
    expect(run.summary).toContain('<tr><td><code>missing/&#42;.json</code></td><td>no files match &#39;missing/&#42;.json&#39;</td></tr>');
    expect(run.stdout).toContain('::error::Denied Bedrock invocations exceed the threshold: 8 events > 0 (and 1 file(s) could not be scanned).');
  });

  test('a source line matching nothing, no breach: exit 2 (incomplete), with the report and summary written', async () => {
    const run = await runAction({ source: `${REPEATS}\nmissing/*.json`, threshold: '100' });
    expect(run.code).toBe(2);
    expect(run.report!.scan.filesFailed).toEqual([{ file: 'missing/*.json', error: "no files match 'missing/*.json'" }]);
    expect(run.report!.matched).toBe(8);
    expect(run.summary).toContain('Incomplete scan');
    const accepted = await runAction({ source: `${REPEATS}\nmissing/*.json`, threshold: '100', 'allow-incomplete': 'true' });
    expect(accepted.code).toBe(0);
  });
});

describe('each real file is read once per run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bds-overlap-'));
    mkdirSync(path.join(dir, 'corpus'));
    copyFileSync(fixturePath('aggregation-repeats.ndjson'), path.join(dir, 'corpus', 'good.ndjson'));
    symlinkSync('good.ndjson', path.join(dir, 'corpus', 'alias.ndjson'));
  });

  test('overlapping source lines and a symlink count 8 events as 8, not 24', async () => {
    const run = await runAction({ source: [`${dir}/corpus`, `${dir}/corpus/good.ndjson`, `${dir}/corpus/*.ndjson`].join('\n') });
    expect(run.code).toBe(1);
    expect(run.report!.matched).toBe(8);
    expect(run.report!.scan).toMatchObject({ files: 1, filesDuplicate: 4, records: 8, complete: true });
    expect(run.outputs['denied-count']).toBe('8');
  });

  test('a ! line excludes what it matches from every other line', async () => {
    const run = await runAction({ source: `${dir}/corpus\n!${dir}/corpus/alias.ndjson\n!**/good.ndjson` });
    // Both names of the one file are excluded: nothing is scanned, and that is not an error.
    expect(run.code).toBe(0);
    expect(run.report!.scan).toMatchObject({ files: 0, records: 0, filesFailed: [], complete: true });
    expect(run.report!.scan.sources[0]!.details).toMatchObject({ filesListed: 2, excluded: 2 });
  });

  test('a FIFO matched by a glob is skipped, not waited on', async () => {
    const fifoDir = path.join(dir, 'with-fifo');
    mkdirSync(fifoDir);
    copyFileSync(fixturePath('aggregation-repeats.ndjson'), path.join(fifoDir, 'good.ndjson'));
    execFileSync('mkfifo', [path.join(fifoDir, 'pipe.ndjson')]);
    const run = await runAction({ source: `${fifoDir}/*.ndjson` });
    expect(run.code).toBe(1);
    expect(run.report!.matched).toBe(8);
    expect(run.report!.scan.sources[0]!.details).toMatchObject({ filesListed: 1, notRegularFiles: 1 });
  });
});

describe('a configuration error always leaves a one-line summary naming the input', () => {
  test.each([
    [{ concurrency: '0' }, "Input 'concurrency' must be a whole number from 1 to 256, got '0'."],
    [{ concurrency: '100000' }, "Input 'concurrency' must be a whole number from 1 to 256, got '100000'."],
    [{ since: '99999999999d' }, "Input 'since': '99999999999d' reaches back before 1970; use a shorter duration or an ISO 8601 date."],
    [{ 'threshold-by': 'bytes' }, "Input 'threshold-by' must be one of events, findings, users; got 'bytes'."]
  ])('%j', async (inputs, message) => {
    const run = await runAction({ source: REPEATS, ...inputs });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.stdout).not.toContain('bedrock-denied-scan failed');
    expect(run.summary.trim().split('\n').filter((l) => l.trim())).toHaveLength(2);
    expect(run.summary).toContain('❌ **Not scanned: configuration error.** Input &#39;');
    expect(run.report).toBeNull();
  });

  test('a report path that cannot be written is found before scanning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bds-report-dir-'));
    const run = await runAction({ source: REPEATS, 'report-path': dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::error::Input 'report-path': cannot write the report to '${dir}' (it is a directory).`);
    expect(run.stdout).not.toContain('Scanned ');
    expect(run.summary).toContain('configuration error');
  });
});

describe('the findings are on the run page before any call to GitHub', () => {
  let api: StalledServer;
  beforeAll(async () => {
    api = await startStalledServer();
  });
  afterAll(async () => api.close());

  test('killed while the issue call hangs: report, summary and outputs are already written', async () => {
    const started = startAction(
      { source: REPEATS, 'create-issue': 'true', 'github-token': 'ghs_test' },
      { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'octo/repo', GITHUB_RUN_ID: '7', BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '600000' }
    );
    // Wait until the process is talking to the hanging API, then kill it as a cancelled job would be.
    while (api.requests().length === 0 && started.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started.child.exitCode).toBeNull();
    started.child.kill('SIGKILL');
    const run = await started.done;
    expect(run.code).toBeNull();
    expect(existsSync(started.reportPath)).toBe(true);
    expect(run.report!.matched).toBe(8);
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
    expect(parseOutputFile(readFileSync(started.outputFile, 'utf8'))).toMatchObject({ 'denied-count': '8', 'threshold-exceeded': 'true' });
  });
});
