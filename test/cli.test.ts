/**
 * The command line: argument parsing, parity with action.yml, and `node dist/index.js <args>` outside any
 * runner (no GITHUB_*, no INPUT_*), as `npx bedrock-denied-scan` runs it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { INPUT_OPTIONS, parseCliArguments } from '../src/cli/options.js';
import { progressLine } from '../src/cli/progress.js';
import { translateWorkflowCommand } from '../src/cli/terminal.js';
import type { Source } from '../src/sources/types.js';
import { isCommandLine } from '../src/cli/index.js';
import { ConfigError } from '../src/errors.js';
import { VERSION } from '../src/version.js';
import type { ScanReport } from '../src/report/types.js';
import { repoRoot } from './helpers/fixtures.js';
import { putSampleExport, startS3Server, type S3TestServer } from './helpers/s3-server.js';

describe('command-line arguments', () => {
  test('every action input is a flag, and every flag an action input', () => {
    const actionYml = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
    const inputsBlock = actionYml.slice(actionYml.indexOf('\ninputs:\n'), actionYml.indexOf('\noutputs:\n'));
    const inputs = [...inputsBlock.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((m) => m[1]);
    expect(INPUT_OPTIONS.map((o) => o.name).sort()).toEqual(inputs.sort());
  });

  test('every action input is documented in the README\u2019s Inputs table', () => {
    const actionYml = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
    const inputs = [...actionYml.slice(actionYml.indexOf('\ninputs:\n'), actionYml.indexOf('\noutputs:\n')).matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((m) => m[1]);
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Inputs'), readme.indexOf('### Outputs'));
    const documented = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(inputs.sort());
  });

  test('the version is package.json\u2019s', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test('flags, values, booleans, repeats and positional sources', () => {
    expect(parseCliArguments(['logs/', 's3://b/p/', '--threshold', '5', '--event-names=InvokeModel,Converse', '--splunk-parity', '--no-fail-on-threshold', '--suppress', 'user=a', '--suppress', 'user=b', '--report', 'r.json', '--summary', 's.md', '--json', '--', '--literal-path'])).toEqual({
      inputs: {
        threshold: '5',
        'event-names': 'InvokeModel,Converse',
        'splunk-parity': 'true',
        'fail-on-threshold': 'false',
        suppress: 'user=a\nuser=b',
        'report-path': 'r.json',
        source: 'logs/\ns3://b/p/\n--literal-path'
      },
      summaryFile: 's.md',
      json: true,
      progress: 'auto',
      help: false,
      version: false
    });
    expect(parseCliArguments(['--allow-incomplete=false', '--source', 'a', '--source', 'b']).inputs).toEqual({ 'allow-incomplete': 'false', source: 'a\nb' });
    expect(parseCliArguments(['-h']).help).toBe(true);
  });

  test.each([
    [['--nope'], "Unknown option '--nope' (see --help)"],
    [['-x'], "Unknown option '-x' (see --help)"],
    [['--threshold'], "Option '--threshold' needs a value (see --help)"],
    [['--no-threshold'], "Unknown option '--no-threshold' (see --help)"]
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(ConfigError);
    expect(() => parseCliArguments(argv)).toThrow(message);
  });

  test('which entry runs: arguments, or no runner and no inputs, mean the command line', () => {
    expect(isCommandLine(['node', 'index.js', 'logs/'], { GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(isCommandLine(['node', 'index.js'], {})).toBe(true);
    expect(isCommandLine(['node', 'index.js'], { GITHUB_ACTIONS: 'true' })).toBe(false);
    expect(isCommandLine(['node', 'index.js'], { INPUT_SOURCE: 'x' })).toBe(false);
  });

  test('workflow commands read as plain text on a terminal; runner plumbing is dropped', () => {
    const plain = { json: false, colour: false };
    expect(translateWorkflowCommand('::warning title=bedrock-denied-scan%3A file not scanned::Could not scan a%25b%0Ac', plain)).toEqual({ text: 'warning: bedrock-denied-scan: file not scanned: Could not scan a%b\nc', stream: 'stderr' });
    expect(translateWorkflowCommand('::error::Denied', plain)).toEqual({ text: 'error: Denied', stream: 'stderr' });
    expect(translateWorkflowCommand('::debug::Search path', plain)).toBeNull();
    expect(translateWorkflowCommand('::add-mask::x', plain)).toBeNull();
    expect(translateWorkflowCommand('  user  7', plain)).toEqual({ text: '  user  7', stream: 'stdout' });
    expect(translateWorkflowCommand('  user  7', { json: true, colour: false })).toEqual({ text: '  user  7', stream: 'stderr' });
  });
});

test('the progress line sums what every source has read so far', () => {
  const source = (details: Record<string, unknown>): Source => ({ objects: () => [][Symbol.iterator]() as never, describe: () => ({ kind: 'x', location: 'x', details }) });
  const line = progressLine(
    { sources: [source({ filesRead: 3, bytesRead: 2_500_000 }), source({ objectsRead: 1200, bytesRead: 40_000_000 })], records: () => 123_456, matched: () => 7 },
    1_000,
    13_400
  );
  expect(line).toBe('scanning: 1,203 files, 42.5 MB read, 123,456 records, 7 denied calls so far (12 s)');
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/index.js <args>` with no runner variables at all. */
function runCli(args: string[], env: Record<string, string> = {}, cwd = repoRoot): Promise<CliRun> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|AWS_)/.test(k) && k !== 'CI') clean[k] = v;
  }
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'index.js'), ...args], { env: { ...clean, NODE_OPTIONS: '', ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('bedrock-denied-scan outside a runner', () => {
  let temp: string;
  beforeAll(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'bds-cli-'));
  });

  test('--help and --version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: bedrock-denied-scan [options] <source...>');
    for (const option of INPUT_OPTIONS) expect(help.stdout).toContain(`--${option.name}`);
    const version = await runCli(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  test('scans the sample export: the by-user table on stdout, no workflow commands, the action\u2019s exit code', async () => {
    const report = path.join(temp, 'report.json');
    const run = await runCli(['__fixtures__/sample-export', '--report', report]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('8 denied InvokeModel calls by 2 users in 7 findings; threshold events > 0: EXCEEDED (observed 8).');
    expect(run.stdout).toMatch(/^ {2}build-bot {4}7 {7}2026-11-26T09:01:20/m);
    expect(run.stdout + run.stderr).not.toMatch(/^::/m);
    // core's outputs and debug lines are runner plumbing: nothing comes before the scan's first line.
    expect(run.stdout.startsWith('Scanned 4 files')).toBe(true);
    expect(run.stderr).toContain('error: Denied Bedrock invocations exceed the threshold: 8 events > 0.');
    expect(run.stderr).toContain(`bedrock-denied-scan: threshold exceeded (exit 1); report: ${report}`);
    expect((JSON.parse(readFileSync(report, 'utf8')) as ScanReport).matched).toBe(8);
  });

  test('--json prints the report alone on stdout; --summary writes the job summary; --threshold passes', async () => {
    const summary = path.join(temp, 'summary.md');
    const run = await runCli(['--json', '--summary', summary, '--threshold', '8', '__fixtures__/sample-export']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ScanReport;
    expect(report.matched).toBe(8);
    expect(report.findings).toHaveLength(7);
    expect(report.threshold).toEqual({ value: 8, by: 'events', observed: 8, exceeded: false });
    expect(run.stderr).toContain('Denied Bedrock invocations by user:');
    expect(readFileSync(summary, 'utf8')).toContain('🟢 **Within threshold** (8 events, threshold 8)');
  });

  test('relative paths are relative to the working directory; no GitHub files are written', async () => {
    const run = await runCli(['sample-export', '--no-fail-on-threshold'], {}, path.join(repoRoot, '__fixtures__'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Scanned 4 files (1 skipped, 0 failed), 15 records');
    expect(existsSync(path.join(repoRoot, '__fixtures__', 'summary.md'))).toBe(false);
  });

  test('usage errors and bad inputs exit 2 with one clear line', async () => {
    const unknown = await runCli(['--bogus', 'x']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe("bedrock-denied-scan: Unknown option '--bogus' (see --help)\n");
    const nothing = await runCli([]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('bedrock-denied-scan: no source given');
    const bad = await runCli(['__fixtures__/sample-export', '--threshold-by', 'bytes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: Input 'threshold-by' must be one of events, findings, users; got 'bytes'.");
  });

  describe('s3:// sources pass through untouched', () => {
    let s3: S3TestServer;
    beforeAll(async () => {
      s3 = await startS3Server({ buckets: ['trail'], pageSize: 2 });
      await putSampleExport(s3, 'trail', 'AWSLogs/');
    });
    afterAll(async () => s3.close());

    test('with --s3-endpoint and the SDK\u2019s credential variables', async () => {
      const run = await runCli(['s3://trail/', '--s3-endpoint', s3.endpoint, '--since', '2026-11-26', '--until', '2026-11-26', '--json'], {
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_REGION: 'us-east-1'
      });
      const report = JSON.parse(run.stdout) as ScanReport;
      expect(report.scan.sources[0]).toMatchObject({ kind: 's3', location: 's3://trail/' });
      expect(report.scan.filesFailed).toEqual([]);
      expect(report.matched).toBe(8);
      expect(run.code).toBe(1);
    });
  });
});
