import * as path from 'node:path';
import * as os from 'node:os';
import { ConfigError } from './errors.js';
import type { ThresholdBy } from './detection/types.js';
import { readFileSync } from 'node:fs';
import { parseBaseline } from './detection/baseline.js';
import { parseDenyReasons, DENY_REASONS, type DenyReason } from './detection/deny-reason.js';
import { parseSuppressionRules, type SuppressionRule } from './detection/suppress.js';
import { defaultWorkers, MAX_WORKERS } from './parallel/prestart.js';

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
  /** `suppress` rules, then `suppressions-file` rules: known-good activity left out of the findings. */
  suppress: SuppressionRule[];
  /** `suppressions-file` as given ('' when none). */
  suppressionsFile: string;
  /** Deny reasons the threshold counts (`count-deny-reasons`; every reason by default). */
  countDenyReasons: DenyReason[];
  /** `baseline`: the file (absolute) and the fingerprint keys it holds (empty when it is missing and update-baseline creates it). */
  baseline: { path: string; input: string; known: Set<string>; existed: boolean } | null;
  /** `update-baseline`: write this run's fingerprints into the baseline file, merged with what is there. */
  updateBaseline: boolean;
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
  /** Where the detection runs: `runner` (read the files here), `athena` or `cloudtrail-lake` (query where the logs live). */
  engine: Engine;
  athenaTable: string;
  athenaWorkgroup: string;
  athenaOutputLocation: string;
  /** From `athena-partition-columns`; undefined: read from the table's metadata. */
  athenaPartitionColumns?: { date: string; account?: string; region?: string };
  athenaEndpoint: string;
  eventDataStore: string;
  cloudtrailEndpoint: string;
  queryTimeoutMs: number;
  /** 0: no limit. */
  maxScanBytes: number;
}

export const ENGINES = ['runner', 'athena', 'cloudtrail-lake'] as const;
export type Engine = (typeof ENGINES)[number];

/** `date=timestamp,account=account_id,region=region` (the documented organization layout). */
export function parsePartitionColumns(value: string): { date: string; account?: string; region?: string } | undefined {
  const pairs = splitList(value);
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^(date|account|region)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)$/.exec(pair);
    if (!m) throw new ConfigError(`Input 'athena-partition-columns' takes date=COLUMN, account=COLUMN, region=COLUMN (letters, digits, _); got '${pair}'.`);
    out[m[1]!] = m[2]!;
  }
  if (!out.date) throw new ConfigError("Input 'athena-partition-columns' must name the day partition column (date=timestamp): every query is bounded by it.");
  return { date: out.date, account: out.account, region: out.region };
}

const TIME_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000 };

/** `600`, `90s`, `10m`, `1h` (a bare number is seconds). */
export function parseDuration(name: string, value: string, fallbackMs: number): number {
  const v = value.trim();
  if (v === '') return fallbackMs;
  const m = /^(\d+(?:\.\d+)?)\s*([smh]?)$/i.exec(v);
  if (!m || Number(m[1]) <= 0) throw new ConfigError(`Input '${name}' must be a duration such as 600, 90s, 10m or 1h; got '${v}'.`);
  return Math.round(Number(m[1]) * TIME_UNITS[m[2]!.toLowerCase()]!);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** `0` (no limit), `500000000`, `500MB`, `10GB`, `1TiB`. */
export function parseSize(name: string, value: string): number {
  const v = value.trim();
  if (v === '') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(v);
  if (!m) throw new ConfigError(`Input '${name}' must be a size such as 500MB, 10GB or 1TiB (0 for no limit); got '${v}'.`);
  return Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]!);
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

/**
 * S3 objects read at once when `concurrency` is not set: small objects behind S3's latency need many in flight.
 * 128 rather than 64 once requests cost less CPU (S3 requests without the SDK): 2,016 small objects behind 30 ms
 * took 1.53 s instead of 1.76 s on Node 20 and 1.65 s instead of 1.87 s on Node 24 (medians of 8 and 6 interleaved
 * runs), at 2-9 MB more peak RSS. 192 rather than 128 once small objects went over the source's own keep-alive
 * connections: 1.29 s instead of 1.33 s on Node 24 (medians of 11 interleaved runs, 9 of 11 rounds faster), 1.22 s
 * instead of 1.24 s on Node 20, the same peak RSS; 64 took 1.62 s, 256 was no faster than 192.
 */
export const DEFAULT_S3_CONCURRENCY = 192;

/** Scanning threads beyond this only add memory (each holds its own JavaScript heap); defined with the workers. */
export { MAX_WORKERS };

/** Reads a file an input names; a missing or unreadable file is a ConfigError naming the input. */
function readInputFile(input: string, file: string, shown: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ConfigError(`Input '${input}': cannot read ${shown}: ${why}.`);
  }
}

function readBaseline(getInput: InputReader, workspace: string): { baseline: ActionConfig['baseline']; updateBaseline: boolean } {
  const input = getInput('baseline').trim();
  const updateBaseline = parseBoolean('update-baseline', getInput('update-baseline'), false);
  if (input === '') {
    if (updateBaseline) throw new ConfigError("Input 'update-baseline' needs input 'baseline': the path of the baseline file to write.");
    return { baseline: null, updateBaseline };
  }
  const file = path.resolve(workspace, input);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && updateBaseline) return { baseline: { path: file, input, known: new Set(), existed: false }, updateBaseline };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(`Input 'baseline': ${input} does not exist; set update-baseline: true to create it from this run.`);
    }
    return readInputFile('baseline', file, input) as never;
  }
  return { baseline: { path: file, input, known: parseBaseline(text, input), existed: true }, updateBaseline };
}

/** Reads and validates every input. Throws ConfigError naming the offending input. `now` decides which suppressions have expired. */
export async function readConfig(getInput: InputReader, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): Promise<ActionConfig> {
  const lines = getInput('source')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('#'));
  const sources = lines.filter((s) => !s.startsWith('!'));
  const exclude = lines.filter((s) => s.startsWith('!')).map((s) => s.slice(1).trim());
  if (exclude.some((s) => s.length === 0)) throw new ConfigError("Input 'source': a line '!' must be followed by a pattern to exclude.");
  const engineRaw = (getInput('engine') || 'runner').trim().toLowerCase();
  if (!(ENGINES as readonly string[]).includes(engineRaw)) throw new ConfigError(`Input 'engine' must be one of ${ENGINES.join(', ')}; got '${engineRaw}'.`);
  const engine = engineRaw as Engine;
  if (engine === 'athena' && !getInput('athena-table').trim()) throw new ConfigError("Input 'athena-table' is required with engine: athena (database.table, e.g. security.cloudtrail_logs).");
  if (engine === 'athena' && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(getInput('athena-table').trim())) {
    throw new ConfigError(`Input 'athena-table' must be table or database.table (letters, digits and _ only); got '${getInput('athena-table').trim()}'.`);
  }
  if (getInput('athena-output-location').trim() && !/^s3:\/\/[^/]+/.test(getInput('athena-output-location').trim())) {
    throw new ConfigError(`Input 'athena-output-location' must be an s3://bucket/prefix/ URL; got '${getInput('athena-output-location').trim()}'.`);
  }
  if (engine === 'cloudtrail-lake' && !getInput('event-data-store').trim()) throw new ConfigError("Input 'event-data-store' is required with engine: cloudtrail-lake (its id or ARN).");
  if (sources.length === 0 && engine === 'runner') throw new ConfigError("Input 'source' is required: a path, glob, s3://bucket/prefix, https:// URL or artifact:NAME.");

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

  const suppressionsFile = getInput('suppressions-file').trim();
  // The YAML parser is loaded only for a run that has a suppressions file (about 8 ms of start-up otherwise).
  const fileRules = suppressionsFile
    ? (await import('./detection/suppressions-file.js')).parseSuppressionsFile(
        readInputFile('suppressions-file', path.resolve(workspace, suppressionsFile), suppressionsFile),
        suppressionsFile,
        now
      )
    : [];
  const countDenyReasons = parseDenyReasons(
    splitList(getInput('count-deny-reasons')),
    (bad) => new ConfigError(`Input 'count-deny-reasons': unknown deny reason '${bad}'; use all or any of ${DENY_REASONS.join(', ')}.`)
  );

  return {
    sources,
    exclude,
    workspace,
    eventSources,
    eventNames,
    errorCodes,
    splunkParity: parseBoolean('splunk-parity', getInput('splunk-parity'), false),
    suppress: [...parseSuppressionRules(getInput('suppress')), ...fileRules],
    suppressionsFile,
    countDenyReasons,
    ...readBaseline(getInput, workspace),
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
      defaultWorkers({ sources, eventSources }),
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
    artifactName: getInput('artifact-name').trim() || 'bedrock-denied-scan-report',
    engine,
    athenaTable: getInput('athena-table').trim(),
    athenaWorkgroup: getInput('athena-workgroup').trim(),
    athenaOutputLocation: getInput('athena-output-location').trim(),
    athenaPartitionColumns: parsePartitionColumns(getInput('athena-partition-columns')),
    athenaEndpoint: getInput('athena-endpoint').trim(),
    eventDataStore: getInput('event-data-store').trim(),
    cloudtrailEndpoint: getInput('cloudtrail-endpoint').trim(),
    queryTimeoutMs: parseDuration('query-timeout', getInput('query-timeout'), 600_000),
    maxScanBytes: parseSize('max-scan-bytes', getInput('max-scan-bytes'))
  };
}
