import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './fixtures.js';
import type { ScanReport } from '../../src/report/types.js';

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  report: ScanReport | null;
  reportPath: string;
  temp: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join('\n');
  }
  return outputs;
}

/**
 * Runs the committed bundle as the runner does: `node dist/index.js` with inputs as `INPUT_<NAME>` (hyphens
 * kept, upper-cased) and the step files pointing into a temp folder. Asynchronous, so loopback servers in
 * the test process keep answering.
 */
export async function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), 'bds-e2e-'));
  const summaryFile = path.join(temp, 'summary.md');
  const outputFile = path.join(temp, 'output.txt');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const reportPath = path.join(temp, 'report.json');
  const inputEnv: Record<string, string> = { 'INPUT_REPORT-PATH': reportPath, 'INPUT_UPLOAD-ARTIFACT': 'false' };
  for (const [name, value] of Object.entries(inputs)) inputEnv[`INPUT_${name.toUpperCase()}`] = value;

  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The runner gives the action only its own inputs and runner variables.
    if (v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && !k.startsWith('ACTIONS_') && !k.startsWith('AWS_')) clean[k] = v;
  }
  const childEnv = {
    ...clean,
    NODE_OPTIONS: '',
    GITHUB_WORKSPACE: repoRoot,
    RUNNER_TEMP: temp,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...inputEnv,
    ...env
  };
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'index.js')], { env: childEnv, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    report: existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ScanReport) : null,
    reportPath,
    temp
  };
}
