import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

export interface StartedAction {
  child: ChildProcess;
  temp: string;
  reportPath: string;
  summaryFile: string;
  outputFile: string;
  /** Resolves when the process has exited, with what it left behind. */
  done: Promise<ActionRun>;
}

/**
 * Starts the committed bundle as the runner does: `node dist/index.js` with inputs as `INPUT_<NAME>` (hyphens
 * kept, upper-cased) and the step files pointing into a temp folder. Asynchronous, so loopback servers in
 * the test process keep answering, and the test can watch or kill the process while it runs.
 */
export function startAction(inputs: Record<string, string>, env: Record<string, string> = {}): StartedAction {
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
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', resolve)).then((code) => {
    const reportPathNow = inputEnv['INPUT_REPORT-PATH']!;
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      report: existsSync(reportPathNow) && statSync(reportPathNow).isFile() ? (JSON.parse(readFileSync(reportPathNow, 'utf8')) as ScanReport) : null,
      reportPath: reportPathNow,
      temp
    };
  });
  return { child, temp, reportPath: inputEnv['INPUT_REPORT-PATH']!, summaryFile, outputFile, done };
}

/** Runs the committed bundle to the end (see startAction). */
export function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return startAction(inputs, env).done;
}
