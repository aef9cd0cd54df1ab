import * as runner from '../workflow-commands.js';
import type { ActionConfig } from '../config.js';
import type { ScanReport } from '../report/types.js';
import { uploadReportArtifact } from './artifact-upload.js';
import { eventContext, pullRequestNumber } from './event.js';

export interface Published {
  outputs: Record<string, string>;
  /** Set when an explicitly requested write (create-issue) failed: the step then exits 2. */
  failure?: string;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  return `${GITHUB_SERVER_URL || 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The verdict's side effects on GitHub, in the order that lets each link to the previous: the report
 * artifact, then the issue, then the PR comment. Each failure is a warning; none loses the summary or report.
 */
export async function publishVerdict(config: ActionConfig, report: ScanReport, env: NodeJS.ProcessEnv = process.env): Promise<Published> {
  const outputs: Record<string, string> = {};
  const url = runUrl(env);
  report.links = { ...report.links, ...(url ? { runUrl: url } : {}) };

  if (config.uploadArtifact) {
    try {
      const artifact = await uploadReportArtifact(report, config.reportPath, config.artifactName);
      outputs['artifact-id'] = String(artifact.id);
      report.links.artifactId = artifact.id;
      if (artifact.url) report.links.artifactUrl = artifact.url;
    } catch (error) {
      runner.warning(`Could not upload the report artifact '${config.artifactName}': ${messageOf(error)}`);
    }
  }

  const wantsIssue = config.createIssue;
  const prNumber = config.commentOnPr ? pullRequestNumber(eventContext(env)) : null;
  if (!wantsIssue && prNumber === null) return { outputs };

  // Loaded only now: Octokit is a large part of the bundle, and most runs write no issue or comment.
  const { githubClient, httpTimeoutMs, publishIssue, publishPrComment } = await import('./github-writes.js');

  // Every request times out (BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS, default 30 s) and is retried within bounds.
  const octokit = githubClient(config.githubToken, { timeoutMs: httpTimeoutMs(env, runner.warning) });
  const missing = !octokit
    ? "Input 'github-token' is empty: it is needed to open issues and comment on pull requests."
    : !env.GITHUB_REPOSITORY?.includes('/')
      ? 'GITHUB_REPOSITORY is not set (owner/repo): issues and pull-request comments need it.'
      : undefined;
  if (!octokit || missing) {
    runner.warning(missing!);
    return { outputs, failure: wantsIssue ? missing : undefined };
  }
  const [owner, repo] = env.GITHUB_REPOSITORY!.split('/') as [string, string];
  let failure: string | undefined;

  if (wantsIssue) {
    try {
      const issue = await publishIssue(octokit, { owner, repo, runUrl: url }, report, {
        label: config.issueLabel,
        title: config.issueTitle,
        assignees: config.issueAssignees,
        closeWhenClean: config.closeIssueWhenClean
      });
      if (issue.number !== undefined) outputs['issue-number'] = String(issue.number);
      if (issue.url !== undefined) {
        outputs['issue-url'] = issue.url;
        report.links.issueUrl = issue.url;
      }
    } catch (error) {
      failure = messageOf(error);
      runner.warning(failure);
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
