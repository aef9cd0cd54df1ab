/**
 * The command line's options: every action input as a `--kebab-case` flag (same name, same meaning, same
 * default as action.yml; a test keeps the two lists equal), plus the few that only make sense on a terminal.
 */
import { ConfigError } from '../errors.js';

export interface InputOption {
  /** The action input's name, which is also the flag's. */
  name: string;
  /** Takes no value on the command line (`--splunk-parity`, `--no-splunk-parity`, `--splunk-parity=false`). */
  boolean?: boolean;
  /** Shown by --help. */
  help: string;
  /** The default outside a runner, when it differs from action.yml's (the CLI never publishes unless asked). */
  cliDefault?: string;
}

export const INPUT_OPTIONS: readonly InputOption[] = [
  { name: 'source', help: 'a path, directory, glob, s3://bucket/prefix/, https:// URL or artifact:NAME (repeatable; or give them as arguments); !PATTERN excludes' },
  { name: 'event-sources', help: 'eventSource values to select (default bedrock.amazonaws.com)' },
  { name: 'event-names', help: 'eventName values to select (default InvokeModel)' },
  { name: 'error-codes', help: 'errorCode values to select (default AccessDenied)' },
  { name: 'splunk-parity', boolean: true, help: 'drop events with an empty by-field, as Splunk does' },
  { name: 'suppress', help: 'known-good activity to leave out, one rule per line (field=value ...)' },
  { name: 'suppressions-file', help: 'YAML file of suppression rules with match, reason, owner and expires' },
  { name: 'count-deny-reasons', help: 'deny reasons the threshold counts: all (default) or a list (scp, model-access, ...)' },
  { name: 'baseline', help: 'JSON file of known activity: only new fingerprints count towards the threshold' },
  { name: 'update-baseline', boolean: true, help: 'write this run\u2019s fingerprints into the baseline file (merged)' },
  { name: 'since', help: 'only events at or after: ISO 8601 instant or a duration before now (24h, 7d); S3 default 24h' },
  { name: 'until', help: 'only events at or before (a bare date means that whole day)' },
  { name: 'threshold', help: 'exceeded when the measure is strictly greater (default 0)' },
  { name: 'threshold-by', help: 'events, findings or users (default events)' },
  { name: 'fail-on-threshold', boolean: true, help: 'exit 1 when exceeded (default true)' },
  { name: 'allow-incomplete', boolean: true, help: 'do not exit 2 when some files could not be scanned' },
  { name: 'report-path', help: 'where to write the JSON report (also --report)' },
  { name: 'concurrency', help: 'files or objects read at once, 1 to 256 (default 8; 192 for S3)' },
  { name: 'workers', help: 'threads that decode and scan, 1 to 64 (default: the CPU count)' },
  { name: 'accounts', help: 'S3: only these account ids' },
  { name: 'regions', help: 'S3: only these regions' },
  { name: 'aws-region', help: 'region for the S3 client when the environment sets none' },
  { name: 's3-endpoint', help: 'S3-compatible endpoint (path-style)' },
  { name: 'artifact-run-id', help: 'artifact:NAME: the run that uploaded it' },
  { name: 'artifact-repository', help: 'artifact:NAME: owner/name of that run' },
  { name: 'github-token', help: 'token for issues, PR comments and other runs\u2019 artifacts (default $GITHUB_TOKEN)' },
  { name: 'create-issue', boolean: true, help: 'open or update the findings issue (needs GITHUB_REPOSITORY)', cliDefault: 'false' },
  { name: 'issue-label', help: 'label of the findings issue' },
  { name: 'issue-title', help: 'title of the findings issue' },
  { name: 'issue-assignees', help: 'logins assigned to a new issue' },
  { name: 'close-issue-when-clean', boolean: true, help: 'close the issue on a clean run (default true)' },
  { name: 'comment-on-pr', boolean: true, help: 'sticky pull-request comment', cliDefault: 'false' },
  { name: 'upload-artifact', boolean: true, help: 'upload the report as a workflow artifact (runner only)', cliDefault: 'false' },
  { name: 'artifact-name', help: 'name of that artifact' },
  { name: 'engine', help: 'where the detection runs: runner (read the files here), athena or cloudtrail-lake (default runner)' },
  { name: 'athena-table', help: 'athena: the CloudTrail table, database.table' },
  { name: 'athena-workgroup', help: 'athena: workgroup (its result location and limits apply)' },
  { name: 'athena-output-location', help: 'athena: s3://bucket/prefix/ for results when the workgroup sets none' },
  { name: 'athena-partition-columns', help: 'athena: date=COLUMN[,account=COLUMN][,region=COLUMN] (default: from the table metadata)' },
  { name: 'athena-endpoint', help: 'athena: endpoint URL (AWS_ENDPOINT_URL_ATHENA works too)' },
  { name: 'event-data-store', help: 'cloudtrail-lake: event data store id or ARN' },
  { name: 'cloudtrail-endpoint', help: 'cloudtrail-lake: endpoint URL (AWS_ENDPOINT_URL_CLOUDTRAIL works too)' },
  { name: 'query-timeout', help: 'athena/cloudtrail-lake: stop the query after this long (600, 10m, 1h; default 10m)' },
  { name: 'max-scan-bytes', help: 'athena/cloudtrail-lake: stop a query that scans more (500MB, 10GB; default 0, no limit)' }
];

export interface CliOptions {
  /** INPUT_* values to set, by input name. */
  inputs: Record<string, string>;
  /** Where the job summary (Markdown/HTML) goes, if anywhere. */
  summaryFile?: string;
  /** Print the JSON report on stdout (everything else goes to stderr). */
  json: boolean;
  /** Progress on stderr: `auto` shows it on a terminal only. */
  progress: 'auto' | 'always' | 'never';
  help: boolean;
  version: boolean;
}

const BY_NAME = new Map(INPUT_OPTIONS.map((o) => [o.name, o]));

/** Inputs given more than once accumulate one per line (sources, suppress rules, lists). */
const MULTI = new Set(['source', 'suppress', 'count-deny-reasons', 'event-sources', 'event-names', 'error-codes', 'accounts', 'regions', 'issue-assignees']);

function usageError(message: string): ConfigError {
  return new ConfigError(`${message} (see --help)`);
}

/**
 * Parses `[options] <source...>`: `--name value`, `--name=value`, boolean flags bare or `--no-name`, `--`
 * ending the options. Throws ConfigError for an unknown flag or a missing value (exit 2, like any bad input).
 */
export function parseCliArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { inputs: {}, json: false, progress: 'auto', help: false, version: false };
  const sources: string[] = [];
  const set = (name: string, value: string) => {
    if (MULTI.has(name) && options.inputs[name] !== undefined) options.inputs[name] += `\n${value}`;
    else options.inputs[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      sources.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-' && arg !== '-h') throw usageError(`Unknown option '${arg}'`);
      if (arg === '-h') options.help = true;
      else sources.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw usageError(`Option '--${flag}' needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case 'help':
        options.help = true;
        continue;
      case 'version':
        options.version = true;
        continue;
      case 'json':
        options.json = true;
        continue;
      case 'progress':
        options.progress = 'always';
        continue;
      case 'no-progress':
        options.progress = 'never';
        continue;
      case 'report':
        set('report-path', takeValue());
        continue;
      case 'summary':
        options.summaryFile = takeValue();
        continue;
    }
    const negated = flag.startsWith('no-') ? BY_NAME.get(flag.slice(3)) : undefined;
    if (negated?.boolean && inline === undefined) {
      set(negated.name, 'false');
      continue;
    }
    const input = BY_NAME.get(flag);
    if (!input) throw usageError(`Unknown option '--${flag}'`);
    set(input.name, input.boolean && inline === undefined ? 'true' : takeValue());
  }
  if (sources.length > 0) set('source', sources.join('\n'));
  return options;
}

export function usage(version: string): string {
  const width = Math.max(...INPUT_OPTIONS.map((o) => o.name.length)) + 8;
  const line = (flag: string, help: string) => `  ${flag.padEnd(width)}${help}`;
  return [
    `bedrock-denied-scan ${version}: denied Amazon Bedrock model invocations in AWS CloudTrail logs`,
    '(Splunk ESCU "AWS Bedrock Invoke Model Access Denied", MITRE ATT&CK T1078/T1550)',
    '',
    'Usage: bedrock-denied-scan [options] <source...>',
    '',
    'Sources: files, directories, globs, s3://bucket/prefix/, https:// URLs, artifact:NAME; a !PATTERN excludes.',
    'Exit codes: 0 within threshold, 1 threshold exceeded, 2 incomplete scan or configuration error.',
    '',
    'Output:',
    line('--report FILE', 'write the JSON report to FILE'),
    line('--summary FILE', 'write the job summary (Markdown/HTML) to FILE'),
    line('--json', 'print the JSON report on stdout (the log goes to stderr)'),
    line('--progress', 'show progress on stderr even when it is not a terminal'),
    line('--no-progress', 'never show progress'),
    line('--help, --version', ''),
    '',
    'Detection and sources (the action\u2019s inputs; booleans take no value, or --no-NAME):',
    ...INPUT_OPTIONS.map((o) => line(`--${o.name}${o.boolean ? '' : ' VALUE'}`, o.help)),
    '',
    'AWS credentials and region come from the SDK\u2019s standard chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).',
    'HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.',
    ''
  ].join('\n');
}
