/**
 * The event this run is about, read from the runner's files as `@actions/github`'s context reads them, without
 * loading Octokit: most runs publish nothing to GitHub and should not pay for it at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';

/** The parts of `@actions/github`'s context we read. */
export interface PullRequestContextLike {
  eventName: string;
  payload: {
    pull_request?: { number?: unknown } | null;
    issue?: { number?: unknown; pull_request?: unknown } | null;
  };
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

/** The pull request this run is about, or null (push, schedule, issue_comment on an issue...). */
export function pullRequestNumber(context: PullRequestContextLike): number | null {
  const valid = (n: unknown): number | null => (typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null);
  if (PR_EVENTS.has(context.eventName)) return valid(context.payload.pull_request?.number);
  if (context.eventName === 'issue_comment' && context.payload.issue?.pull_request) return valid(context.payload.issue.number);
  return null;
}

/** GITHUB_EVENT_NAME and the JSON payload at GITHUB_EVENT_PATH (an unreadable payload reads as empty). */
export function eventContext(env: NodeJS.ProcessEnv): PullRequestContextLike {
  let payload: PullRequestContextLike['payload'] = {};
  const file = env.GITHUB_EVENT_PATH;
  if (file && existsSync(file)) {
    try {
      payload = JSON.parse(readFileSync(file, 'utf8')) as PullRequestContextLike['payload'];
    } catch {
      payload = {};
    }
  }
  return { eventName: env.GITHUB_EVENT_NAME ?? '', payload };
}
