export const id = 196;
export const ids = [196];
export const modules = {

/***/ 78183:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ pullRequestNumber),
/* harmony export */   W: () => (/* binding */ eventContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The event this run is about, read from the runner's files as `@actions/github`'s context reads them, without
 * loading Octokit: most runs publish nothing to GitHub and should not pay for it at start-up.
 */

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
/** The pull request this run is about, or null (push, schedule, issue_comment on an issue...). */
function pullRequestNumber(context) {
    const valid = (n) => (typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null);
    if (PR_EVENTS.has(context.eventName))
        return valid(context.payload.pull_request?.number);
    if (context.eventName === 'issue_comment' && context.payload.issue?.pull_request)
        return valid(context.payload.issue.number);
    return null;
}
/** GITHUB_EVENT_NAME and the JSON payload at GITHUB_EVENT_PATH (an unreadable payload reads as empty). */
function eventContext(env) {
    let payload = {};
    const file = env.GITHUB_EVENT_PATH;
    if (file && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file)) {
        try {
            payload = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
        }
        catch {
            payload = {};
        }
    }
    return { eventName: env.GITHUB_EVENT_NAME ?? '', payload };
}


/***/ }),

/***/ 75196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishVerdict: () => (/* binding */ publishVerdict)
});

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __webpack_require__(16137);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/report/csv.ts
const FINDINGS_CSV_COLUMNS = [
    'src',
    'user',
    'user_agent',
    'vendor_account',
    'vendor_product',
    'dest',
    'signature',
    'vendor_region',
    'result',
    'result_id',
    'count',
    'firstTime',
    'lastTime',
    'modelIds'
];
/**
 * One cell. Text starting with = + - @ tab or CR gets a leading `'` so spreadsheets show it as text instead of
 * running it as a formula (CSV injection); then RFC 4180 quoting when the cell holds `"`, `,`, CR or LF.
 */
function csvCell(value) {
    if (value === null || value === undefined)
        return '';
    let text = typeof value === 'number' ? String(value) : value;
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text))
        text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
/** Header plus one CRLF-terminated line per finding. */
function findingsCsv(findings) {
    const lines = [FINDINGS_CSV_COLUMNS.join(',')];
    for (const f of findings) {
        lines.push([
            f.src,
            f.user,
            f.user_agent,
            f.vendor_account,
            f.vendor_product,
            f.dest,
            f.signature,
            f.vendor_region,
            f.result,
            f.result_id,
            f.count,
            f.firstTime,
            f.lastTime,
            f.modelIds.length > 0 ? f.modelIds.join('\n') : null
        ]
            .map(csvCell)
            .join(','));
    }
    return lines.join('\r\n') + '\r\n';
}

;// CONCATENATED MODULE: ./src/publish/artifact-upload.ts
/**
 * Uploads the JSON report and a CSV of the findings as one workflow artifact.
 * The files are staged in a temporary directory so the artifact holds exactly these two files.
 */




const FINDINGS_CSV_NAME = 'findings.csv';
class ArtifactUploadError extends Error {
    name = 'ArtifactUploadError';
}
/** The artifact's page, when the run is known from the environment. */
function artifactUrl(id, env = process.env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return undefined;
    return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`;
}
/**
 * Uploads `reportPath` (as written) and `findings.csv` under `name`. Throws ArtifactUploadError on failure;
 * the caller warns and carries on (the summary and the report file are already written).
 */
async function uploadReportArtifact(report, reportPath, name, client, env = process.env) {
    const staging = await (0,promises_.mkdtemp)(external_node_path_.join(env.RUNNER_TEMP || external_node_os_.tmpdir(), 'bedrock-denied-scan-artifact-'));
    try {
        let jsonName = external_node_path_.basename(reportPath) || 'report.json';
        if (jsonName === FINDINGS_CSV_NAME)
            jsonName = 'report.json';
        const jsonPath = external_node_path_.join(staging, jsonName);
        const csvPath = external_node_path_.join(staging, FINDINGS_CSV_NAME);
        await (0,promises_.copyFile)(reportPath, jsonPath);
        await (0,promises_.writeFile)(csvPath, findingsCsv(report.findings), 'utf8');
        const files = [jsonPath, csvPath];
        let response;
        try {
            // Loaded on demand: the artifact client (Azure storage) is most of the bundle and most scans don't upload.
            const uploader = client ?? new (await Promise.all(/* import() */[__webpack_require__.e(921), __webpack_require__.e(351), __webpack_require__.e(659), __webpack_require__.e(656)]).then(__webpack_require__.bind(__webpack_require__, 56656))).DefaultArtifactClient();
            response = await uploader.uploadArtifact(name, files, staging);
        }
        catch (error) {
            throw new ArtifactUploadError(`artifact '${name}' upload failed: ${error?.message ?? String(error)}`, { cause: error });
        }
        if (typeof response.id !== 'number')
            throw new ArtifactUploadError(`artifact '${name}' upload returned no artifact id`);
        const url = artifactUrl(response.id, env);
        return { id: response.id, ...(url ? { url } : {}), files: [jsonName, FINDINGS_CSV_NAME] };
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/publish/event.ts
var publish_event = __webpack_require__(78183);
;// CONCATENATED MODULE: ./src/publish/index.ts



function runUrl(env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return undefined;
    return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}
const messageOf = (error) => (error instanceof Error ? error.message : String(error));
/**
 * The verdict's side effects on GitHub, in the order that lets each link to the previous: the report
 * artifact, then the issue, then the PR comment. Each failure is a warning; none loses the summary or report.
 */
async function publishVerdict(config, report, env = process.env) {
    const outputs = {};
    const url = runUrl(env);
    report.links = { ...report.links, ...(url ? { runUrl: url } : {}) };
    if (config.uploadArtifact) {
        try {
            const artifact = await uploadReportArtifact(report, config.reportPath, config.artifactName);
            outputs['artifact-id'] = String(artifact.id);
            report.links.artifactId = artifact.id;
            if (artifact.url)
                report.links.artifactUrl = artifact.url;
        }
        catch (error) {
            workflow_commands/* warning */.$e(`Could not upload the report artifact '${config.artifactName}': ${messageOf(error)}`);
        }
    }
    const wantsIssue = config.createIssue;
    const prNumber = config.commentOnPr ? (0,publish_event/* pullRequestNumber */.K)((0,publish_event/* eventContext */.W)(env)) : null;
    if (!wantsIssue && prNumber === null)
        return { outputs };
    // Loaded only now: Octokit is a large part of the bundle, and most runs write no issue or comment.
    const { githubClient, httpTimeoutMs, publishIssue, publishPrComment } = await Promise.all(/* import() */[__webpack_require__.e(921), __webpack_require__.e(351), __webpack_require__.e(483)]).then(__webpack_require__.bind(__webpack_require__, 31483));
    // Every request times out (BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS, default 30 s) and is retried within bounds.
    const octokit = githubClient(config.githubToken, { timeoutMs: httpTimeoutMs(env, workflow_commands/* warning */.$e) });
    const missing = !octokit
        ? "Input 'github-token' is empty: it is needed to open issues and comment on pull requests."
        : !env.GITHUB_REPOSITORY?.includes('/')
            ? 'GITHUB_REPOSITORY is not set (owner/repo): issues and pull-request comments need it.'
            : undefined;
    if (!octokit || missing) {
        workflow_commands/* warning */.$e(missing);
        return { outputs, failure: wantsIssue ? missing : undefined };
    }
    const [owner, repo] = env.GITHUB_REPOSITORY.split('/');
    let failure;
    if (wantsIssue) {
        try {
            const issue = await publishIssue(octokit, { owner, repo, runUrl: url }, report, {
                label: config.issueLabel,
                title: config.issueTitle,
                assignees: config.issueAssignees,
                closeWhenClean: config.closeIssueWhenClean
            });
            if (issue.number !== undefined)
                outputs['issue-number'] = String(issue.number);
            if (issue.url !== undefined) {
                outputs['issue-url'] = issue.url;
                report.links.issueUrl = issue.url;
            }
        }
        catch (error) {
            failure = messageOf(error);
            workflow_commands/* warning */.$e(failure);
        }
    }
    if (prNumber !== null) {
        // Never throws: a failed comment is already a warning naming the missing permission.
        const comment = await publishPrComment(octokit, { owner, repo, runUrl: url }, prNumber, report);
        if ('url' in comment) {
            outputs['comment-url'] = comment.url;
            report.links.commentUrl = comment.url;
        }
    }
    return { outputs, failure };
}


/***/ })

};
