import * as path from 'node:path';
import * as os from 'node:os';
import { ConfigError } from './errors.js';
import type { ThresholdBy } from './detection/types.js';
import { parseSuppressionRules, type SuppressionRule } from './detection/suppress.js';

/** Every input of the action, validated. Names mirror action.yml (kebab-case there, camelCase here). */
export interface ActionConfig {
  /** `source` lines: paths/globs, `s3://`, `https://`, `artifact:NAME`. */
  sources: string[];
  /** `source` lines starting with `!` (without it): objects whose names match are not read. */
  exclude: string[];
  workspace: string;
  eventSources: string[];
  eventNames: string[];
  errorCodes: string[];
  splunkParity: boolean;
  /** `suppress` rules: known-good activity left out of the findings. */
  suppress: SuppressionRule[];
  allowIncomplete: boolean;
  threshold: number;
  thresholdBy: ThresholdBy;
  failOnThreshold: boolean;
  /** Absolute. */
  reportPath: string;
  /** Raw `since`/`until` (ISO 8601 instant or relative duration like `24h`, `7d`); resolved by resolveWindow. */
  since: string;
  until: string;
  accounts: string[];
  regions: string[];
  /** Files or objects read at once (`concurrency`, default 8). */
  concurrency: number;
  /** Objects read at once from S3: `concurrency` when it is set, else DEFAULT_S3_CONCURRENCY. */
  s3Concurrency?: number;
  /** Threads that decode and scan (the main thread included); 1 scans in the main thread only. */
  workers: number;
  awsRegion: string;
  s3Endpoint: string;
  artifactRunId: string;
  artifactRepository: string;
  githubToken: string;
  createIssue: boolean;
  issueLabel: string;
  issueTitle: string;
  issueAssignees: string[];
  closeIssueWhenClean: boolean;
  commentOnPr: boolean;
  uploadArtifact: boolean;
  artifactName: string;
}

export type InputReader = (name: string) => string;

export const DEFAULT_ISSUE_TITLE = 'Denied Amazon Bedrock model invocations detected (AWS Bedrock Invoke Model Access Denied)';

/** Splits comma- or newline-separated lists, trimming and dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new ConfigError(`Input '${name}' must be true or false, got '${value.trim()}'.`);
}

function parseNonNegativeInt(name: string, value: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = value.trim();
  if (v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : ' (0 or more)';
    throw new ConfigError(`Input '${name}' must be a whole number${range}, got '${v}'.`);
  }
  return Number(v);
}

/** More requests in flight than this only adds memory and throttling. */
export const MAX_CONCURRENCY = 256;

/** S3 objects read at once when `concurrency` is not set: small objects behind S3's latency need many in flight. */
export const DEFAULT_S3_CONCURRENCY = 64;

/** Scanning threads beyond this only add memory: each holds its own JavaScript heap. */
export const MAX_WORKERS = 64;

/** Reads and validates every input. Throws ConfigError naming the offending input. */
export function readConfig(getInput: InputReader, env: NodeJS.ProcessEnv = process.env): ActionConfig {
  const lines = getInput('source')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('#'));
  const sources = lines.filter((s) => !s.startsWith('!'));
  const exclude = lines.filter((s) => s.startsWith('!')).map((s) => s.slice(1).trim());
  if (exclude.some((s) => s.length === 0)) throw new ConfigError("Input 'source': a line '!' must be followed by a pattern to exclude.");
  if (sources.length === 0) throw new ConfigError("Input 'source' is required: a path, glob, s3://bucket/prefix, https:// URL or artifact:NAME.");

  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());

  const eventSources = splitList(getInput('event-sources') || 'bedrock.amazonaws.com');
  if (eventSources.length === 0) throw new ConfigError("Input 'event-sources' must name at least one event source.");
  const eventNames = splitList(getInput('event-names') || 'InvokeModel');
  if (eventNames.length === 0) throw new ConfigError("Input 'event-names' must name at least one event name.");
  const errorCodes = splitList(getInput('error-codes') || 'AccessDenied');
  if (errorCodes.length === 0) throw new ConfigError("Input 'error-codes' must name at least one error code.");

  const thresholdByRaw = (getInput('threshold-by') || 'events').trim().toLowerCase();
  if (!['events', 'findings', 'users'].includes(thresholdByRaw)) {
    throw new ConfigError(`Input 'threshold-by' must be one of events, findings, users; got '${thresholdByRaw}'.`);
  }

  const reportInput = getInput('report-path').trim();
  const runnerTemp = env.RUNNER_TEMP || os.tmpdir();
  const reportPath = reportInput ? path.resolve(workspace, reportInput) : path.join(runnerTemp, 'bedrock-denied-scan', 'report.json');

  return {
    sources,
    exclude,
    workspace,
    eventSources,
    eventNames,
    errorCodes,
    splunkParity: parseBoolean('splunk-parity', getInput('splunk-parity'), false),
    suppress: parseSuppressionRules(getInput('suppress')),
    allowIncomplete: parseBoolean('allow-incomplete', getInput('allow-incomplete'), false),
    threshold: parseNonNegativeInt('threshold', getInput('threshold'), 0),
    thresholdBy: thresholdByRaw as ThresholdBy,
    failOnThreshold: parseBoolean('fail-on-threshold', getInput('fail-on-threshold'), true),
    reportPath,
    since: getInput('since').trim(),
    until: getInput('until').trim(),
    accounts: splitList(getInput('accounts')),
    regions: splitList(getInput('regions')),
    concurrency: parseNonNegativeInt('concurrency', getInput('concurrency'), 8, 1, MAX_CONCURRENCY),
    s3Concurrency: getInput('concurrency').trim() ? undefined : DEFAULT_S3_CONCURRENCY,
    workers: parseNonNegativeInt(
      'workers',
      getInput('workers') || env.BEDROCK_DENIED_SCAN_WORKERS || '',
      Math.min(MAX_WORKERS, os.availableParallelism()),
      1,
      MAX_WORKERS
    ),
    awsRegion: getInput('aws-region').trim(),
    s3Endpoint: getInput('s3-endpoint').trim(),
    artifactRunId: getInput('artifact-run-id').trim(),
    artifactRepository: getInput('artifact-repository').trim(),
    githubToken: getInput('github-token').trim(),
    createIssue: parseBoolean('create-issue', getInput('create-issue'), false),
    issueLabel: getInput('issue-label').trim() || 'bedrock-denied-scan',
    issueTitle: getInput('issue-title').trim() || DEFAULT_ISSUE_TITLE,
    issueAssignees: splitList(getInput('issue-assignees')),
    closeIssueWhenClean: parseBoolean('close-issue-when-clean', getInput('close-issue-when-clean'), true),
    commentOnPr: parseBoolean('comment-on-pr', getInput('comment-on-pr'), true),
    uploadArtifact: parseBoolean('upload-artifact', getInput('upload-artifact'), Boolean(env.ACTIONS_RUNTIME_TOKEN)),
    artifactName: getInput('artifact-name').trim() || 'bedrock-denied-scan-report'
  };
}
