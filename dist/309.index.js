export const id = 309;
export const ids = [309];
export const modules = {

/***/ 84309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prCommentBody: () => (/* reexport */ prCommentBody),
  publishPrComment: () => (/* binding */ publishPrComment),
  pullRequestNumber: () => (/* reexport */ publish_event/* pullRequestNumber */.K)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./src/report/findings-markdown.ts
var findings_markdown = __webpack_require__(37114);
// EXTERNAL MODULE: ./src/report/html.ts
var html = __webpack_require__(86433);
;// CONCATENATED MODULE: ./src/report/pr-comment-body.ts
/** The sticky pull-request comment's text. */


function prCommentBody(report, ctx) {
    const t = report.threshold;
    const heading = t.exceeded
        ? 'Denied Amazon Bedrock model invocations'
        : report.findings.length > 0
            ? 'Denied Amazon Bedrock model invocations: within threshold'
            : 'No denied Amazon Bedrock model invocations';
    const body = (0,findings_markdown/* renderFindingsBody */.D4)(report, { marker: (0,findings_markdown/* prCommentMarker */.GD)(report.detection.id), heading, runUrl: ctx.runUrl });
    return `${body}\n<sub>Updated in place by bedrock-denied-scan at ${report.generatedAt.replace(/[^0-9TZ:.-]/g, '')} (${(0,html/* plural */.LS)(report.matched, 'denied call')}).</sub>\n`;
}

// EXTERNAL MODULE: ./src/publish/github.ts
var github = __webpack_require__(39520);
// EXTERNAL MODULE: ./src/publish/event.ts
var publish_event = __webpack_require__(78183);
;// CONCATENATED MODULE: ./src/publish/pr-comment.ts
/**
 * One sticky comment per detection on the pull request, found by a hidden marker and edited in place. Only a
 * comment written by the identity behind the token is ever edited (anyone can paste the marker into a comment
 * of their own); when there is none, a new comment is created. With several, the oldest is the sticky one.
 *
 * Clean runs: an existing comment is updated to say the run is clean; no comment is created for a clean run
 * (no noise on pull requests that never had findings). Never throws: a PR comment is a courtesy, so any
 * failure (fork tokens are read-only, missing `pull-requests: write`, API outage) is a warning.
 */






const permissionHint = "the token cannot write to this pull request. Add 'permissions: pull-requests: write' (and 'issues: write') to the job; " +
    'pull requests from forks get a read-only token, so no comment can be written there (the job summary still has the report).';
/** Creates or updates the sticky comment. Never throws; failures come back as `skipped` after a warning. */
async function publishPrComment(octokit, ctx, prNumber, report, options = {}) {
    const retry = options.retry ?? {};
    const warn = options.warn ?? core/* warning */.$e;
    const marker = (0,findings_markdown/* prCommentMarker */.GD)(report.detection.id);
    try {
        // Comments are listed oldest first: the listing stops at the first page holding one of ours.
        let identity;
        let existing;
        await (0,github.listAllPages)('list pull request comments', (page, perPage) => octokit.rest.issues.listComments({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, per_page: perPage, page }), {
            ...retry,
            stopAfter: async (page) => {
                const marked = page.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
                if (marked.length === 0)
                    return false;
                identity ??= await (0,github.tokenIdentity)(octokit, retry);
                existing = marked.find((c) => (0,github.isAuthoredBy)(c.user, identity));
                return existing !== undefined;
            }
        });
        const own = existing;
        const body = prCommentBody(report, ctx);
        if (own) {
            const { data } = await (0,github.withRetries)('update pull request comment', () => octokit.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: own.id, body }), retry);
            return { action: 'updated', id: data.id, url: data.html_url };
        }
        if (!report.threshold.exceeded)
            return { action: 'none', reason: 'clean run and no earlier comment on this pull request' };
        const { data } = await (0,github.withRetries)('create pull request comment', () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, body }), retry);
        (0,github.rememberIdentity)(octokit, data.user);
        return { action: 'created', id: data.id, url: data.html_url };
    }
    catch (error) {
        const message = error?.message ?? String(error);
        const reason = (0,github.isPermissionFailure)(error) ? `${message} (${permissionHint})` : message;
        warn(`Could not comment on pull request #${prNumber}: ${reason}`);
        return { action: 'skipped', reason };
    }
}


/***/ })

};
