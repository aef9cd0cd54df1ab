export const id = 280;
export const ids = [280];
export const modules = {

/***/ 94280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IssuePublishError: () => (/* binding */ IssuePublishError),
  publishIssue: () => (/* binding */ publishIssue)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./src/report/findings-markdown.ts
var findings_markdown = __webpack_require__(37114);
// EXTERNAL MODULE: ./src/report/html.ts
var html = __webpack_require__(86433);
;// CONCATENATED MODULE: ./src/report/issue-body.ts
/** What issue mode writes: the issue body and the comments added on update, clean close and duplicate close. */


function issueBody(report, ctx, delta) {
    return (0,findings_markdown/* renderFindingsBody */.D4)(report, {
        marker: (0,findings_markdown/* issueMarker */.Q_)(report.detection.id),
        heading: 'Denied Amazon Bedrock model invocations',
        runUrl: ctx.runUrl,
        delta,
        stateBlock: (0,findings_markdown/* encodeStateBlock */.lW)((0,findings_markdown/* stateOf */.L4)(report))
    });
}
const runLink = (ctx) => {
    const href = (0,html/* safeHref */.v7)(ctx.runUrl);
    return href ? (0,html/* link */.nf)(href, 'this run') : 'this run';
};
/** Short comment added on each update, so watchers are notified of what changed. */
function deltaComment(report, ctx, delta) {
    const head = `${(0,findings_markdown/* issueMarker */.Q_)(report.detection.id)}\n🔴 Still exceeded in ${runLink(ctx)}: ${(0,html/* plural */.LS)(report.matched, 'denied call')} by ${(0,html/* plural */.LS)(report.users, 'user')} (threshold ${report.threshold.value} ${report.threshold.by}, observed ${report.threshold.observed}).`;
    if (!delta.previous)
        return `${head}\nThe previous state was missing or unreadable, so every value is reported as new in the issue body.\n`;
    const total = delta.newUsers.length + delta.newSourceIps.length + delta.newModels.length;
    if (total === 0)
        return `${head}\nNo new users, source IPs or models since the previous report.\n`;
    return [head, ...(0,findings_markdown/* newValueLines */.jP)(delta, 6_000), ''].join('\n');
}
function closingComment(report, ctx) {
    const t = report.threshold;
    return `${(0,findings_markdown/* issueMarker */.Q_)(report.detection.id)}\n🟢 Clean run: ${runLink(ctx)} found ${(0,html/* plural */.LS)(report.matched, 'denied call')} (observed ${t.observed} ${t.by}, threshold ${t.value}). Closing.\n`;
}
/** Posted on an issue that an overlapping run opened too; the older issue carries on. */
function duplicateComment(report, olderNumber) {
    return `${(0,findings_markdown/* issueMarker */.Q_)(report.detection.id)}\nDuplicate of #${olderNumber} (opened by an overlapping run); closing.\n`;
}
/** The body of the first issue: every value is new. */
function firstIssueBody(report, ctx) {
    return issueBody(report, ctx, (0,findings_markdown/* deltaSince */.$D)(null, (0,findings_markdown/* stateOf */.L4)(report)));
}

// EXTERNAL MODULE: ./src/publish/github.ts
var github = __webpack_require__(39520);
;// CONCATENATED MODULE: ./src/publish/issue.ts
/**
 * Issue mode: one open issue per detection, owned by this action: it carries the label and the hidden marker
 * and was opened by the identity behind the token (anyone can paste the marker into an issue of their own).
 *
 * The issue is found by listing open issues with the label (read-after-write consistent), never with the
 * search API (eventually consistent, so overlapping runs would open duplicates). If two runs still race and
 * both create, the later one closes its own issue as a duplicate of the older one.
 */




/**
 * Issue mode was requested and could not be completed (after retries). main.ts turns it into a warning and
 * exit code 2; the summary and the JSON report are already written by then.
 */
class IssuePublishError extends Error {
    status;
    name = 'IssuePublishError';
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
    }
}
const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'Denied Amazon Bedrock model invocations found by bedrock-denied-scan';
/**
 * Open issues carrying the label and our marker and opened by the token's identity, oldest first. Every page
 * of the label listing is read; the identity is looked up only when some issue carries the marker.
 */
async function findOwnedIssues(octokit, ctx, label, marker, retry) {
    const items = await (0,github.listAllPages)('list open issues', (page, perPage) => octokit.rest.issues.listForRepo({ owner: ctx.owner, repo: ctx.repo, state: 'open', labels: label, per_page: perPage, page }), retry);
    const marked = items.filter((i) => !i.pull_request && typeof i.body === 'string' && i.body.includes(marker));
    if (marked.length === 0)
        return [];
    const identity = await (0,github.tokenIdentity)(octokit, retry);
    return marked.filter((i) => (0,github.isAuthoredBy)(i.user, identity)).sort((a, b) => a.number - b.number);
}
async function ensureLabel(octokit, ctx, label, retry) {
    try {
        await (0,github.withRetries)('get label', () => octokit.rest.issues.getLabel({ owner: ctx.owner, repo: ctx.repo, name: label }), retry);
        return;
    }
    catch (error) {
        if ((0,github.httpStatus)(error) !== 404)
            throw error;
    }
    try {
        await (0,github.withRetries)('create label', () => octokit.rest.issues.createLabel({ owner: ctx.owner, repo: ctx.repo, name: label, color: LABEL_COLOR, description: LABEL_DESCRIPTION }), retry);
    }
    catch (error) {
        // 422 already_exists: another run created it in between.
        if ((0,github.httpStatus)(error) !== 422)
            throw error;
    }
}
const addComment = (octokit, ctx, issueNumber, body, retry) => (0,github.withRetries)('comment on issue', () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, body }), retry);
const closeIssue = (octokit, ctx, issueNumber, reason, retry) => (0,github.withRetries)('close issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, state: 'closed', state_reason: reason }), retry);
async function createIssueWithAssignees(octokit, ctx, opts, body, retry, warn) {
    const create = (assignees) => (0,github.withRetries)('create issue', () => octokit.rest.issues.create({ owner: ctx.owner, repo: ctx.repo, title: opts.title, body, labels: [opts.label], ...(assignees.length ? { assignees } : {}) }), retry);
    try {
        return (await create(opts.assignees)).data;
    }
    catch (error) {
        // An assignee who is not a collaborator makes the whole create fail with 422: open it unassigned.
        if ((0,github.httpStatus)(error) !== 422 || opts.assignees.length === 0)
            throw error;
        warn(`Could not assign the findings issue to ${opts.assignees.join(', ')} (${error.message}); opening it unassigned.`);
        return (await create([])).data;
    }
}
async function updateWithReport(octokit, ctx, issue, report, retry) {
    const delta = (0,findings_markdown/* deltaSince */.$D)((0,findings_markdown/* parseStateBlock */.C5)(issue.body), (0,findings_markdown/* stateOf */.L4)(report));
    await (0,github.withRetries)('update issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issue.number, body: issueBody(report, ctx, delta) }), retry);
    await addComment(octokit, ctx, issue.number, deltaComment(report, ctx, delta), retry);
    return { action: 'updated', number: issue.number, url: issue.html_url };
}
async function publish(octokit, ctx, report, opts) {
    const retry = opts.retry ?? {};
    const warn = opts.warn ?? core/* warning */.$e;
    const marker = (0,findings_markdown/* issueMarker */.Q_)(report.detection.id);
    const owned = await findOwnedIssues(octokit, ctx, opts.label, marker, retry);
    const open = owned[0];
    if (!report.threshold.exceeded) {
        if (!open)
            return { action: 'none' };
        // Absence of findings in a partial scan proves nothing: keep the issue open.
        if (!report.scan.complete) {
            warn(`Not closing issue #${open.number}: the scan was incomplete (${report.scan.filesFailed.length} file(s) failed).`);
            return { action: 'none', number: open.number, url: open.html_url };
        }
        if (!opts.closeWhenClean)
            return { action: 'none', number: open.number, url: open.html_url };
        await addComment(octokit, ctx, open.number, closingComment(report, ctx), retry);
        await closeIssue(octokit, ctx, open.number, 'completed', retry);
        return { action: 'closed', number: open.number, url: open.html_url };
    }
    if (open)
        return updateWithReport(octokit, ctx, open, report, retry);
    await ensureLabel(octokit, ctx, opts.label, retry);
    const created = await createIssueWithAssignees(octokit, ctx, opts, firstIssueBody(report, ctx), retry, warn);
    // GitHub names the token's identity as the author: the check below needs no lookup.
    (0,github.rememberIdentity)(octokit, created.user);
    // Overlapping runs can both see "no issue" and both create: the newer one steps aside.
    const after = await findOwnedIssues(octokit, ctx, opts.label, marker, retry);
    const oldest = after[0];
    if (oldest && oldest.number < created.number) {
        await addComment(octokit, ctx, created.number, duplicateComment(report, oldest.number), retry);
        await closeIssue(octokit, ctx, created.number, 'not_planned', retry);
        return updateWithReport(octokit, ctx, oldest, report, retry);
    }
    return { action: 'created', number: created.number, url: created.html_url };
}
/**
 * Creates, updates or closes the findings issue for this report.
 * Exceeded: update the open issue (body + a delta comment) or create one. Clean: comment and close the open
 * issue when `closeWhenClean` and the scan was complete. Throws IssuePublishError when the API fails for good.
 */
async function publishIssue(octokit, ctx, report, opts) {
    try {
        return await publish(octokit, ctx, report, opts);
    }
    catch (error) {
        const status = (0,github.httpStatus)(error);
        const hint = (0,github.isPermissionFailure)(error) ? " (give the job 'permissions: issues: write' and check github-token)" : '';
        const message = error instanceof github.GitHubApiError ? error.message : `GitHub API: ${error?.message ?? String(error)}`;
        throw new IssuePublishError(`Issue mode failed: ${message}${hint}`, status, { cause: error });
    }
}


/***/ })

};
