/**
 * `bedrock-denied-scan [options] <source...>`: the same run as the action, for other CIs and laptops. Flags
 * become the action's INPUT_* variables, so every input means the same thing; nothing is written for GitHub
 * (no job summary, outputs or annotations) unless asked, and the exit codes are the action's.
 */
import { writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import * as path from 'node:path';
import { run } from '../main.js';
import { sizeInflatePool } from '../parallel/prestart.js';
import { VERSION } from '../version.js';
import { INPUT_OPTIONS, parseCliArguments, usage, type CliOptions } from './options.js';
export { isCommandLine } from './is-command-line.js';
import { showProgress } from './progress.js';
import { paint, routeWorkflowCommands } from './terminal.js';

const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;


/** Sets the environment a run reads its inputs and step files from. */
function prepareEnvironment(options: CliOptions, env: NodeJS.ProcessEnv, cwd: string): void {
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_')) delete env[key];
  for (const option of INPUT_OPTIONS) if (option.cliDefault !== undefined) env[inputVariable(option.name)] = option.cliDefault;
  env[inputVariable('github-token')] = env.GITHUB_TOKEN ?? '';
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value;
  const reportPath = options.inputs['report-path'];
  if (reportPath) env[inputVariable('report-path')] = path.resolve(cwd, reportPath);
  // Relative sources are relative to where the command runs, even inside a runner's step.
  env.GITHUB_WORKSPACE = cwd;
  // Outputs are for later steps: a file that swallows them (without one, they would be printed as commands).
  env.GITHUB_OUTPUT = devNull;
  delete env.GITHUB_STEP_SUMMARY;
  if (options.summaryFile) {
    const summaryFile = path.resolve(cwd, options.summaryFile);
    writeFileSync(summaryFile, '');
    env.GITHUB_STEP_SUMMARY = summaryFile;
  }
}

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    process.stderr.write(`bedrock-denied-scan: ${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage(VERSION));
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!options.inputs.source) {
    process.stderr.write(`bedrock-denied-scan: no source given\n\n${usage(VERSION)}`);
    return 2;
  }
  prepareEnvironment(options, env, cwd);
  // Nothing has used libuv's thread pool yet (loading is synchronous): size it for this run's inputs.
  sizeInflatePool(env);

  const colour = Boolean(options.json ? process.stderr.isTTY : process.stdout.isTTY) && !env.NO_COLOR;
  const progress = options.progress === 'always' || (options.progress === 'auto' && Boolean(process.stderr.isTTY) && !env.CI);
  const terminal = routeWorkflowCommands({ json: options.json, colour });
  let reportText: string | undefined;
  let reportPath: string | undefined;
  let code: number;
  try {
    code = await run({
      scanning: progress ? (p) => showProgress(p, (text) => void process.stderr.write(text)) : undefined,
      reported(report, writtenTo) {
        reportPath = writtenTo;
        if (options.json) reportText = JSON.stringify(report, null, 2) + '\n';
      }
    });
  } finally {
    terminal.restore();
  }
  if (reportText) terminal.writeStdout(reportText);
  const where = [reportPath && `report: ${reportPath}`, env.GITHUB_STEP_SUMMARY && `summary: ${env.GITHUB_STEP_SUMMARY}`].filter(Boolean).join(', ');
  const verdict = code === 0 ? paint(colour, 'green', 'ok') : code === 1 ? paint(colour, 'red', 'threshold exceeded') : paint(colour, 'yellow', 'incomplete scan or configuration error');
  process.stderr.write(`bedrock-denied-scan: ${verdict} (exit ${code})${where ? `; ${where}` : ''}\n`);
  return code;
}
