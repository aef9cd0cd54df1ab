import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as runner from '../src/workflow-commands.js';

// `@actions/core` is the reference: the action's own runner functions must write exactly what it writes, for
// every value an attacker can put in a log line, an output or a title.

const HOSTILE = [
  'plain',
  '',
  '  padded  ',
  '::add-mask::secret',
  'line1\nline2\r\n::error::injected',
  '%0A already escaped %25 %',
  'title: with, commas: and colons',
  '@octocat #1 [link](https://evil.example) | table | <b>',
  'ghadelimiter_not-the-real-one',
  'zero\u200Bwidth \uFEFF bom \u0000 nul',
  '\u2028\u2029 separators \t tab',
  'x'.repeat(10_000)
];

let dir: string;
const saved = { ...process.env };

/** What `fn` writes to stdout, and the exit code it sets. */
function captured(fn: () => void): { stdout: string; exitCode: typeof process.exitCode } {
  const write = process.stdout.write;
  const exitCode = process.exitCode;
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
    return { stdout, exitCode: process.exitCode };
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
}

/** The random delimiter replaced, so two writes of the same output compare equal. */
const sameDelimiter = (text: string): string => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bds-commands-'));
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

describe('workflow commands, as @actions/core writes them', () => {
  test.each(HOSTILE.map((value) => [JSON.stringify(value).slice(0, 40), value]))('annotations, log lines and failure for %s', (_name, value) => {
    expect(captured(() => runner.warning(value))).toEqual(captured(() => core.warning(value)));
    for (const title of ['bedrock-denied-scan: file not scanned', value, '']) {
      expect(captured(() => runner.warning(value, { title }))).toEqual(captured(() => core.warning(value, { title })));
    }
    expect(captured(() => runner.warning(value, { title: undefined }))).toEqual(captured(() => core.warning(value, { title: undefined })));
    expect(captured(() => runner.error(value))).toEqual(captured(() => core.error(value)));
    expect(captured(() => runner.info(value))).toEqual(captured(() => core.info(value)));
    expect(captured(() => runner.debug(value))).toEqual(captured(() => core.debug(value)));
    const failed = captured(() => runner.setFailed(value));
    expect(failed).toEqual(captured(() => core.setFailed(value)));
    expect(failed.exitCode).toBe(1);
  });

  test('a hostile value cannot start a command of its own', () => {
    const { stdout } = captured(() => runner.warning('a\n::add-mask::b\r::error::c', { title: 'x\n::error::y,z:w' }));
    expect(stdout).toBe('::warning title=x%0A%3A%3Aerror%3A%3Ay%2Cz%3Aw::a%0A::add-mask::b%0D::error::c\n');
  });

  test.each(HOSTILE.map((value) => [JSON.stringify(value).slice(0, 40), value]))('outputs to $GITHUB_OUTPUT for %s', (_name, value) => {
    const ours = path.join(dir, 'ours');
    const theirs = path.join(dir, 'theirs');
    writeFileSync(ours, '');
    writeFileSync(theirs, '');
    process.env.GITHUB_OUTPUT = ours;
    expect(captured(() => runner.setOutput('findings', value)).stdout).toBe('');
    process.env.GITHUB_OUTPUT = theirs;
    core.setOutput('findings', value);
    expect(sameDelimiter(readFileSync(ours, 'utf8'))).toBe(sameDelimiter(readFileSync(theirs, 'utf8')));
    // The value comes back whole from between its delimiters (how the runner reads it).
    const [, delimiter, body] = /^findings<<(ghadelimiter_[0-9a-f-]{36})\n([\s\S]*)\n\1\n$/.exec(readFileSync(ours, 'utf8')) ?? [];
    expect(delimiter).toBeDefined();
    expect(body).toBe(value);
  });

  test('outputs outside a runner are set-output commands, as core prints them', () => {
    delete process.env.GITHUB_OUTPUT;
    for (const value of HOSTILE) expect(captured(() => runner.setOutput('a:b,c', value))).toEqual(captured(() => core.setOutput('a:b,c', value)));
  });

  test('a missing $GITHUB_OUTPUT file fails as core fails', () => {
    process.env.GITHUB_OUTPUT = path.join(dir, 'absent');
    expect(() => runner.setOutput('x', 'y')).toThrow(`Missing file at path: ${path.join(dir, 'absent')}`);
    expect(() => core.setOutput('x', 'y')).toThrow(`Missing file at path: ${path.join(dir, 'absent')}`);
  });

  test('inputs are read as core reads them', () => {
    process.env['INPUT_SOURCE'] = '  logs/\n';
    process.env['INPUT_FAIL-ON-THRESHOLD'] = ' false ';
    process.env['INPUT_TWO_WORDS'] = 'x';
    for (const name of ['source', 'fail-on-threshold', 'two words', 'Source', 'absent']) expect(runner.getInput(name)).toBe(core.getInput(name));
    expect(runner.getInput('two words')).toBe('x');
  });

  // Before any successful core.summary write: core remembers the first summary path it could open.
  test('an unset or unwritable summary fails with core’s message', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runner.writeStepSummary('x')).rejects.toThrow('Unable to find environment variable for $GITHUB_STEP_SUMMARY');
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing', 'summary.md');
    await expect(runner.writeStepSummary('x')).rejects.toThrow(`Unable to access summary file: '${path.join(dir, 'missing', 'summary.md')}'`);
    await expect(core.summary.emptyBuffer().addRaw('x').write({ overwrite: true })).rejects.toThrow(
      `Unable to access summary file: '${path.join(dir, 'missing', 'summary.md')}'`
    );
  });
  test('the job summary replaces the file, as core.summary.write({ overwrite: true }) does', async () => {
    const ours = path.join(dir, 'ours.md');
    const theirs = path.join(dir, 'theirs.md');
    writeFileSync(ours, 'old\n');
    writeFileSync(theirs, 'old\n');
    const text = HOSTILE.join('\n');
    process.env.GITHUB_STEP_SUMMARY = ours;
    await runner.writeStepSummary(text);
    process.env.GITHUB_STEP_SUMMARY = theirs;
    await core.summary.emptyBuffer().addRaw(text).write({ overwrite: true });
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
  });

});
