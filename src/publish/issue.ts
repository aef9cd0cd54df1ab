/**
 * Issue mode: one open issue per detection, owned by this action: it carries the label and the hidden marker
 * and was opened by the identity behind the token (anyone can paste the marker into an issue of their own).
 *
 * The issue is found by listing open issues with the label (read-after-write consistent), never with the
 * search API (eventually consistent, so overlapping runs would open duplicates). If two runs still race and
 * both create, the later one closes its own issue as a duplicate of the older one.
 */
import * as runner from '../workflow-commands.js';
import { issueMarker, parseStateBlock, deltaSince, stateOf } from '../report/findings-markdown.js';
import { closingComment, deltaComment, duplicateComment, firstIssueBody, issueBody, type IssueContext } from '../report/issue-body.js';
import type { ScanReport } from '../report/types.js';
import {
  GitHubApiError,
  httpStatus,
  isAuthoredBy,
  isPermissionFailure,
  listAllPages,
  rememberIdentity,
  tokenIdentity,
  withRetries,
  type GitHubClient,
  type RetryOptions
} from './github.js';

export type { IssueContext } from '../report/issue-body.js';

export interface IssueOptions {
  label: string;
  title: string;
  assignees: string[];
  closeWhenClean: boolean;
  retry?: RetryOptions;
  /** Defaults to runner.warning. */
  warn?: (message: string) => void;
}

export interface IssueResult {
  action: 'created' | 'updated' | 'closed' | 'none';
  number?: number;
  url?: string;
}

/**
 * Issue mode was requested and could not be completed (after retries). main.ts turns it into a warning and
 * exit code 2; the summary and the JSON report are already written by then.
 */
export class IssuePublishError extends Error {
  override name = 'IssuePublishError';
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown }
  ) {
    super(message, options);
  }
}

interface IssueItem {
  number: number;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
  state?: string;
  user?: { login?: unknown; type?: unknown } | null;
}

const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'Denied Amazon Bedrock model invocations found by bedrock-denied-scan';

/**
 * Open issues carrying the label and our marker and opened by the token's identity, oldest first. Every page
 * of the label listing is read; the identity is looked up only when some issue carries the marker.
 */
async function findOwnedIssues(octokit: GitHubClient, ctx: IssueContext, label: string, marker: string, retry: RetryOptions): Promise<IssueItem[]> {
  const items = await listAllPages<IssueItem>(
    'list open issues',
    (page, perPage) =>
      octokit.rest.issues.listForRepo({ owner: ctx.owner, repo: ctx.repo, state: 'open', labels: label, per_page: perPage, page }) as Promise<{
        data: IssueItem[];
        headers: { link?: string };
      }>,
    retry
  );
  const marked = items.filter((i) => !i.pull_request && typeof i.body === 'string' && i.body.includes(marker));
  if (marked.length === 0) return [];
  const identity = await tokenIdentity(octokit, retry);
  return marked.filter((i) => isAuthoredBy(i.user, identity)).sort((a, b) => a.number - b.number);
}

async function ensureLabel(octokit: GitHubClient, ctx: IssueContext, label: string, retry: RetryOptions): Promise<void> {
  try {
    await withRetries('get label', () => octokit.rest.issues.getLabel({ owner: ctx.owner, repo: ctx.repo, name: label }), retry);
    return;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  try {
    await withRetries(
      'create label',
      () => octokit.rest.issues.createLabel({ owner: ctx.owner, repo: ctx.repo, name: label, color: LABEL_COLOR, description: LABEL_DESCRIPTION }),
      retry
    );
  } catch (error) {
    // 422 already_exists: another run created it in between.
    if (httpStatus(error) !== 422) throw error;
  }
}

const addComment = (octokit: GitHubClient, ctx: IssueContext, issueNumber: number, body: string, retry: RetryOptions) =>
  withRetries('comment on issue', () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, body }), retry);

const closeIssue = (octokit: GitHubClient, ctx: IssueContext, issueNumber: number, reason: 'completed' | 'not_planned', retry: RetryOptions) =>
  withRetries('close issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issueNumber, state: 'closed', state_reason: reason }), retry);

async function createIssueWithAssignees(
  octokit: GitHubClient,
  ctx: IssueContext,
  opts: IssueOptions,
  body: string,
  retry: RetryOptions,
  warn: (m: string) => void
): Promise<IssueItem> {
  const create = (assignees: string[]) =>
    withRetries(
      'create issue',
      () => octokit.rest.issues.create({ owner: ctx.owner, repo: ctx.repo, title: opts.title, body, labels: [opts.label], ...(assignees.length ? { assignees } : {}) }),
      retry
    );
  try {
    return (await create(opts.assignees)).data as IssueItem;
  } catch (error) {
    // An assignee who is not a collaborator makes the whole create fail with 422: open it unassigned.
    if (httpStatus(error) !== 422 || opts.assignees.length === 0) throw error;
    warn(`Could not assign the findings issue to ${opts.assignees.join(', ')} (${(error as Error).message}); opening it unassigned.`);
    return (await create([])).data as IssueItem;
  }
}

async function updateWithReport(octokit: GitHubClient, ctx: IssueContext, issue: IssueItem, report: ScanReport, retry: RetryOptions): Promise<IssueResult> {
  const delta = deltaSince(parseStateBlock(issue.body), stateOf(report));
  await withRetries('update issue', () => octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: issue.number, body: issueBody(report, ctx, delta) }), retry);
  await addComment(octokit, ctx, issue.number, deltaComment(report, ctx, delta), retry);
  return { action: 'updated', number: issue.number, url: issue.html_url };
}

async function publish(octokit: GitHubClient, ctx: IssueContext, report: ScanReport, opts: IssueOptions): Promise<IssueResult> {
  const retry = opts.retry ?? {};
  const warn = opts.warn ?? runner.warning;
  const marker = issueMarker(report.detection.id);
  const owned = await findOwnedIssues(octokit, ctx, opts.label, marker, retry);
  const open = owned[0];

  if (!report.threshold.exceeded) {
    if (!open) return { action: 'none' };
    // Absence of findings in a partial scan proves nothing: keep the issue open.
    if (!report.scan.complete) {
      warn(`Not closing issue #${open.number}: the scan was incomplete (${report.scan.filesFailed.length} file(s) failed).`);
      return { action: 'none', number: open.number, url: open.html_url };
    }
    if (!opts.closeWhenClean) return { action: 'none', number: open.number, url: open.html_url };
    await addComment(octokit, ctx, open.number, closingComment(report, ctx), retry);
    await closeIssue(octokit, ctx, open.number, 'completed', retry);
    return { action: 'closed', number: open.number, url: open.html_url };
  }

  if (open) return updateWithReport(octokit, ctx, open, report, retry);

  await ensureLabel(octokit, ctx, opts.label, retry);
  const created = await createIssueWithAssignees(octokit, ctx, opts, firstIssueBody(report, ctx), retry, warn);
  // GitHub names the token's identity as the author: the check below needs no lookup.
  rememberIdentity(octokit, created.user);

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
export async function publishIssue(octokit: GitHubClient, ctx: IssueContext, report: ScanReport, opts: IssueOptions): Promise<IssueResult> {
  try {
    return await publish(octokit, ctx, report, opts);
  } catch (error) {
    const status = httpStatus(error);
    const hint = isPermissionFailure(error) ? " (give the job 'permissions: issues: write' and check github-token)" : '';
    const message = error instanceof GitHubApiError ? error.message : `GitHub API: ${(error as Error)?.message ?? String(error)}`;
    throw new IssuePublishError(`Issue mode failed: ${message}${hint}`, status, { cause: error });
  }
}
