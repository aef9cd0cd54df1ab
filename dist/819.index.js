export const id = 819;
export const ids = [819];
export const modules = {

/***/ 88819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: isCommandLine

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/main.ts + 16 modules
var main = __webpack_require__(75683);
// EXTERNAL MODULE: ./src/parallel/prestart.ts
var prestart = __webpack_require__(19452);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/cli/options.ts
/**
 * The command line's options: every action input as a `--kebab-case` flag (same name, same meaning, same
 * default as action.yml; a test keeps the two lists equal), plus the few that only make sense on a terminal.
 */

const INPUT_OPTIONS = [
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
const BY_NAME = new Map(INPUT_OPTIONS.map((o) => [o.name, o]));
/** Inputs given more than once accumulate one per line (sources, suppress rules, lists). */
const MULTI = new Set(['source', 'suppress', 'count-deny-reasons', 'event-sources', 'event-names', 'error-codes', 'accounts', 'regions', 'issue-assignees']);
function usageError(message) {
    return new errors/* ConfigError */.x(`${message} (see --help)`);
}
/**
 * Parses `[options] <source...>`: `--name value`, `--name=value`, boolean flags bare or `--no-name`, `--`
 * ending the options. Throws ConfigError for an unknown flag or a missing value (exit 2, like any bad input).
 */
function parseCliArguments(argv) {
    const options = { inputs: {}, json: false, progress: 'auto', help: false, version: false };
    const sources = [];
    const set = (name, value) => {
        if (MULTI.has(name) && options.inputs[name] !== undefined)
            options.inputs[name] += `\n${value}`;
        else
            options.inputs[name] = value;
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            sources.push(...argv.slice(i + 1));
            break;
        }
        if (!arg.startsWith('--') || arg === '-') {
            if (arg.startsWith('-') && arg !== '-' && arg !== '-h')
                throw usageError(`Unknown option '${arg}'`);
            if (arg === '-h')
                options.help = true;
            else
                sources.push(arg);
            continue;
        }
        const eq = arg.indexOf('=');
        const flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
        const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
        const takeValue = () => {
            if (inline !== undefined)
                return inline;
            const next = argv[i + 1];
            if (next === undefined)
                throw usageError(`Option '--${flag}' needs a value`);
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
        if (!input)
            throw usageError(`Unknown option '--${flag}'`);
        set(input.name, input.boolean && inline === undefined ? 'true' : takeValue());
    }
    if (sources.length > 0)
        set('source', sources.join('\n'));
    return options;
}
function usage(version) {
    const width = Math.max(...INPUT_OPTIONS.map((o) => o.name.length)) + 8;
    const line = (flag, help) => `  ${flag.padEnd(width)}${help}`;
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

// EXTERNAL MODULE: ./src/report/html.ts
var html = __webpack_require__(86433);
;// CONCATENATED MODULE: ./src/cli/progress.ts

const sum = (progress, keys) => {
    let total = 0;
    for (const source of progress.sources) {
        const details = source.describe().details;
        for (const key of keys)
            if (typeof details[key] === 'number')
                total += details[key];
    }
    return total;
};
/** One status line: files, MB, records and matched events so far. */
function progressLine(progress, startedMs, nowMs) {
    const files = sum(progress, ['filesRead', 'objectsRead']);
    const megabytes = sum(progress, ['bytesRead']) / 1e6;
    const seconds = (nowMs - startedMs) / 1000;
    return `scanning: ${(0,html/* formatCount */.B4)(files)} files, ${megabytes.toFixed(1)} MB read, ${(0,html/* formatCount */.B4)(progress.records())} records, ${(0,html/* formatCount */.B4)(progress.matched())} denied calls so far (${seconds.toFixed(0)} s)`;
}
/**
 * Rewrites one stderr line at most every `intervalMs` while the scan runs; the returned function clears it.
 * Only used on a terminal (or with --progress): CI logs never get it unless asked.
 */
function showProgress(progress, write, intervalMs = 250) {
    const started = Date.now();
    let shown = false;
    const timer = setInterval(() => {
        write(`\r\u001b[2K${progressLine(progress, started, Date.now())}`);
        shown = true;
    }, intervalMs);
    timer.unref();
    return () => {
        clearInterval(timer);
        if (shown)
            write('\r\u001b[2K');
    };
}

;// CONCATENATED MODULE: ./src/cli/terminal.ts
/**
 * What a terminal sees instead of a runner's log. The action speaks to the runner (`workflow-commands.ts`):
 * its annotations, failures, debug lines and outputs are workflow commands (`::warning::...`) on stdout; outside
 * a runner they are noise. Every line written to stdout passes through `translateWorkflowCommand`, so a
 * command from anywhere (our code, `@actions/glob`) reads as plain text, and `--json` keeps stdout for the
 * report alone.
 */
const COLOURS = { red: 31, yellow: 33, green: 32, dim: 2 };
const paint = (on, colour, text) => (on ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text);
/** Undoes the workflow commands' escaping of command data (`%25`, `%0D`, `%0A`). */
function unescapeData(value) {
    return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/**
 * One line as a terminal should show it: `null` to drop it (debug, outputs, masks), `stream` to say where
 * it goes. Plain lines are passed through unchanged.
 */
function translateWorkflowCommand(line, options) {
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
    if (!command)
        return { text: line, stream: options.json ? 'stderr' : 'stdout' };
    const [, name, properties, data] = command;
    const message = unescapeData(data);
    const title = /(?:^|,)title=([^,]*)/.exec(properties ?? '')?.[1];
    switch (name) {
        case 'warning':
            return { text: paint(options.colour, 'yellow', `warning: ${title ? `${unescapeData(title.replace(/%3A/g, ':').replace(/%2C/g, ','))}: ` : ''}${message}`), stream: 'stderr' };
        case 'error':
            return { text: paint(options.colour, 'red', `error: ${message}`), stream: 'stderr' };
        case 'notice':
            return { text: `notice: ${message}`, stream: 'stderr' };
        default:
            // debug, set-output, add-mask, group markers...: runner plumbing.
            return null;
    }
}
/**
 * Routes everything written to process.stdout through the translation until the returned function is
 * called; `writeReport` then writes to the real stdout (for --json).
 */
function routeWorkflowCommands(options) {
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    const stderrWrite = process.stderr.write.bind(process.stderr);
    let pending = '';
    const flushLine = (line) => {
        const shown = translateWorkflowCommand(line, options);
        if (!shown)
            return;
        (shown.stream === 'stdout' ? stdoutWrite : stderrWrite)(shown.text + '\n');
    };
    process.stdout.write = ((chunk, ...rest) => {
        pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            flushLine(pending.slice(0, newline).replace(/\r$/, ''));
            pending = pending.slice(newline + 1);
        }
        const callback = rest.find((r) => typeof r === 'function');
        callback?.();
        return true;
    });
    return {
        restore() {
            if (pending)
                flushLine(pending);
            pending = '';
            process.stdout.write = stdoutWrite;
        },
        writeStdout: (text) => void stdoutWrite(text)
    };
}

;// CONCATENATED MODULE: ./src/cli/index.ts
/**
 * `bedrock-denied-scan [options] <source...>`: the same run as the action, for other CIs and laptops. Flags
 * become the action's INPUT_* variables, so every input means the same thing; nothing is written for GitHub
 * (no job summary, outputs or annotations) unless asked, and the exit codes are the action's.
 */










const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
/** Sets the environment a run reads its inputs and step files from. */
function prepareEnvironment(options, env, cwd) {
    for (const key of Object.keys(env))
        if (key.startsWith('INPUT_'))
            delete env[key];
    for (const option of INPUT_OPTIONS)
        if (option.cliDefault !== undefined)
            env[inputVariable(option.name)] = option.cliDefault;
    env[inputVariable('github-token')] = env.GITHUB_TOKEN ?? '';
    for (const [name, value] of Object.entries(options.inputs))
        env[inputVariable(name)] = value;
    const reportPath = options.inputs['report-path'];
    if (reportPath)
        env[inputVariable('report-path')] = external_node_path_.resolve(cwd, reportPath);
    // Relative sources are relative to where the command runs, even inside a runner's step.
    env.GITHUB_WORKSPACE = cwd;
    // Outputs are for later steps: a file that swallows them (without one, they would be printed as commands).
    env.GITHUB_OUTPUT = external_node_os_.devNull;
    delete env.GITHUB_STEP_SUMMARY;
    if (options.summaryFile) {
        const summaryFile = external_node_path_.resolve(cwd, options.summaryFile);
        (0,external_node_fs_.writeFileSync)(summaryFile, '');
        env.GITHUB_STEP_SUMMARY = summaryFile;
    }
}
async function runCli(argv, env = process.env, cwd = process.cwd()) {
    let options;
    try {
        options = parseCliArguments(argv);
    }
    catch (error) {
        process.stderr.write(`bedrock-denied-scan: ${error.message}\n`);
        return 2;
    }
    if (options.help) {
        process.stdout.write(usage(version/* VERSION */.x));
        return 0;
    }
    if (options.version) {
        process.stdout.write(`${version/* VERSION */.x}\n`);
        return 0;
    }
    if (!options.inputs.source) {
        process.stderr.write(`bedrock-denied-scan: no source given\n\n${usage(version/* VERSION */.x)}`);
        return 2;
    }
    prepareEnvironment(options, env, cwd);
    // Nothing has used libuv's thread pool yet (loading is synchronous): size it for this run's inputs.
    (0,prestart/* sizeInflatePool */.j$)(env);
    const colour = Boolean(options.json ? process.stderr.isTTY : process.stdout.isTTY) && !env.NO_COLOR;
    const progress = options.progress === 'always' || (options.progress === 'auto' && Boolean(process.stderr.isTTY) && !env.CI);
    const terminal = routeWorkflowCommands({ json: options.json, colour });
    let reportText;
    let reportPath;
    let code;
    try {
        code = await (0,main.run)({
            scanning: progress ? (p) => showProgress(p, (text) => void process.stderr.write(text)) : undefined,
            reported(report, writtenTo) {
                reportPath = writtenTo;
                if (options.json)
                    reportText = JSON.stringify(report, null, 2) + '\n';
            }
        });
    }
    finally {
        terminal.restore();
    }
    if (reportText)
        terminal.writeStdout(reportText);
    const where = [reportPath && `report: ${reportPath}`, env.GITHUB_STEP_SUMMARY && `summary: ${env.GITHUB_STEP_SUMMARY}`].filter(Boolean).join(', ');
    const verdict = code === 0 ? paint(colour, 'green', 'ok') : code === 1 ? paint(colour, 'red', 'threshold exceeded') : paint(colour, 'yellow', 'incomplete scan or configuration error');
    process.stderr.write(`bedrock-denied-scan: ${verdict} (exit ${code})${where ? `; ${where}` : ''}\n`);
    return code;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The release version (package.json's; a test keeps them equal). */
const VERSION = '1.0.0';


/***/ })

};
