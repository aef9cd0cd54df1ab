/**
 * How the action talks to the runner: its inputs, step outputs, log annotations, failure and job summary. These
 * are the few functions of `@actions/core` the action uses, written to behave byte for byte as `@actions/core`
 * 3.0.1 does (`test/workflow-commands.test.ts` checks them against it, hostile values included).
 *
 * Why not import `@actions/core`: importing it loads `@actions/http-client` and undici (for its OIDC client,
 * which the action never calls) and `@actions/exec`: about 45 ms of CPU and 8 MB on every run's critical path,
 * before the first byte is scanned (actions/toolkit#1560). The toolkit packages the action loads later (Octokit,
 * the artifact client) still bring `@actions/core` with them when they are used.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/** The value of input `name` (`INPUT_<NAME>`, spaces as underscores), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

/** Sets step output `name`: appended to $GITHUB_OUTPUT under a random delimiter, or a `::set-output` command outside a runner. */
export function setOutput(name: string, value: string): void {
  const filePath = process.env['GITHUB_OUTPUT'] || '';
  if (filePath) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    // A value (or name) holding the delimiter could end the output early and set others: refused, as core does.
    if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (value.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    if (!existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`);
    appendFileSync(filePath, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
    return;
  }
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, value);
}

/** A warning annotation (`::warning title=…::message`). */
export function warning(message: string, properties: { title?: string } = {}): void {
  // As core: an options object with any key (even one left undefined) yields a space after the command name.
  issueCommand('warning', Object.keys(properties).length > 0 ? { title: properties.title } : {}, message);
}

/** An error annotation. */
export function error(message: string): void {
  issueCommand('error', {}, message);
}

/** A line in the step's log. */
export function info(message: string): void {
  process.stdout.write(message + EOL);
}

/** A line shown only when step debug logging is on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

/** Fails the step: exit code 1 and an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Replaces the step's job summary ($GITHUB_STEP_SUMMARY) with `text`. */
export async function writeStepSummary(text: string): Promise<void> {
  const filePath = process.env['GITHUB_STEP_SUMMARY'];
  if (!filePath) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  try {
    await access(filePath, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${filePath}'. Check if the file has correct read/write permissions.`);
  }
  await writeFile(filePath, text, { encoding: 'utf8' });
}

/**
 * `::command key=value,…::data` on stdout. Data and property values are escaped so that no value can end the
 * command or start another: `%`, CR and LF in both, and `:` and `,` in property values.
 */
function issueCommand(command: string, properties: Record<string, string | undefined>, message: string): void {
  const pairs = Object.entries(properties).flatMap(([key, value]) => (value ? [`${key}=${escapeProperty(value)}`] : []));
  const head = Object.keys(properties).length > 0 ? `::${command} ${pairs.join(',')}` : `::${command}`;
  process.stdout.write(`${head}::${escapeData(message)}${EOL}`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
