/**
 * One sticky comment per detection on the pull request, found by a hidden marker and edited in place. Only a
 * comment written by the identity behind the token is ever edited (anyone can paste the marker into a comment
 * of their own); when there is none, a new comment is created. With several, the oldest is the sticky one.
 *
 * Clean runs: an existing comment is updated to say the run is clean; no comment is created for a clean run
 * (no noise on pull requests that never had findings). Never throws: a PR comment is a courtesy, so any
 * failure (fork tokens are read-only, missing `pull-requests: write`, API outage) is a warning.
 */
import * as runner from '../workflow-commands.js';
import { prCommentMarker } from '../report/findings-markdown.js';
import { prCommentBody, type PrCommentContext } from '../report/pr-comment-body.js';
import type { ScanReport } from '../report/types.js';
import {
  isAuthoredBy,
  isPermissionFailure,
  listAllPages,
  rememberIdentity,
  tokenIdentity,
  withRetries,
  type GitHubClient,
  type RetryOptions,
  type TokenIdentity
} from './github.js';

export { prCommentBody, type PrCommentContext } from '../report/pr-comment-body.js';

export { pullRequestNumber, type PullRequestContextLike } from './event.js';

export interface PrCommentOptions {
  retry?: RetryOptions;
  /** Defaults to runner.warning. */
  warn?: (message: string) => void;
}

export type PrCommentResult =
  | { action: 'created' | 'updated'; id: number; url: string }
  /** Clean run and no earlier comment: nothing to say. */
  | { action: 'none'; reason: string }
  /** Could not read or write (warned). */
  | { action: 'skipped'; reason: string };

interface CommentItem {
  id: number;
  html_url: string;
  body?: string | null;
  user?: { login?: unknown; type?: unknown } | null;
}

const permissionHint =
  "the token cannot write to this pull request. Add 'permissions: pull-requests: write' (and 'issues: write') to the job; " +
  'pull requests from forks get a read-only token, so no comment can be written there (the job summary still has the report).';

/** Creates or updates the sticky comment. Never throws; failures come back as `skipped` after a warning. */
export async function publishPrComment(
  octokit: GitHubClient,
  ctx: PrCommentContext,
  prNumber: number,
  report: ScanReport,
  options: PrCommentOptions = {}
): Promise<PrCommentResult> {
  const retry = options.retry ?? {};
  const warn = options.warn ?? runner.warning;
  const marker = prCommentMarker(report.detection.id);
  try {
    // Comments are listed oldest first: the listing stops at the first page holding one of ours.
    let identity: TokenIdentity | undefined;
    let existing: CommentItem | undefined;
    await listAllPages<CommentItem>(
      'list pull request comments',
      (page, perPage) =>
        octokit.rest.issues.listComments({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, per_page: perPage, page }) as Promise<{
          data: CommentItem[];
          headers: { link?: string };
        }>,
      {
        ...retry,
        stopAfter: async (page) => {
          const marked = page.filter((c) => typeof c.body === 'string' && c.body.includes(marker));
          if (marked.length === 0) return false;
          identity ??= await tokenIdentity(octokit, retry);
          existing = marked.find((c) => isAuthoredBy(c.user, identity!));
          return existing !== undefined;
        }
      }
    );
    const own = existing as CommentItem | undefined;
    const body = prCommentBody(report, ctx);
    if (own) {
      const { data } = await withRetries(
        'update pull request comment',
        () => octokit.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: own.id, body }),
        retry
      );
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    if (!report.threshold.exceeded) return { action: 'none', reason: 'clean run and no earlier comment on this pull request' };
    const { data } = await withRetries(
      'create pull request comment',
      () => octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: prNumber, body }),
      retry
    );
    rememberIdentity(octokit, data.user);
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const reason = isPermissionFailure(error) ? `${message} (${permissionHint})` : message;
    warn(`Could not comment on pull request #${prNumber}: ${reason}`);
    return { action: 'skipped', reason };
  }
}
