import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { prCommentBody, publishPrComment, pullRequestNumber, type PrCommentOptions } from '../src/publish/pr-comment.js';
import { startGitHubApi, type GitHubApi } from './helpers/github-api.js';
import { cleanReport, finding, scanReport } from './helpers/report.js';

const PR_MARKER = '<!-- bedrock-denied-scan:pr-comment:c53a8e62-f741-11ee-9f6e-acde48001122 -->';
const RUN_URL = 'https://github.example/octo-org/octo-repo/actions/runs/42';

let api: GitHubApi;
let warnings: string[];
let sleeps: number[];
let pr: number;

beforeEach(async () => {
  api = await startGitHubApi();
  warnings = [];
  sleeps = [];
  pr = api.addPullRequest();
});
afterEach(async () => {
  await api.close();
});

const octokit = () => getOctokit('test-token', { baseUrl: api.url });
const ctx = () => ({ owner: api.owner, repo: api.repo, runUrl: RUN_URL });
const options = (): PrCommentOptions => ({
  retry: {
    sleep: async (ms) => {
      sleeps.push(ms);
    }
  },
  warn: (m) => warnings.push(m)
});
const comments = () => api.state.comments.filter((c) => c.issue_number === pr);

describe('pullRequestNumber', () => {
  test('pull_request, pull_request_target and issue_comment on a pull request', () => {
    expect(pullRequestNumber({ eventName: 'pull_request', payload: { pull_request: { number: 7 } } })).toBe(7);
    expect(pullRequestNumber({ eventName: 'pull_request_target', payload: { pull_request: { number: 8 } } })).toBe(8);
    expect(pullRequestNumber({ eventName: 'issue_comment', payload: { issue: { number: 9, pull_request: { url: 'u' } } } })).toBe(9);
  });

  test('null for everything else', () => {
    expect(pullRequestNumber({ eventName: 'issue_comment', payload: { issue: { number: 9 } } })).toBeNull();
    expect(pullRequestNumber({ eventName: 'push', payload: {} })).toBeNull();
    expect(pullRequestNumber({ eventName: 'schedule', payload: {} })).toBeNull();
    expect(pullRequestNumber({ eventName: 'pull_request', payload: {} })).toBeNull();
    expect(pullRequestNumber({ eventName: 'pull_request', payload: { pull_request: { number: '7' } } })).toBeNull();
  });
});

describe('publishPrComment', () => {
  test('creates one sticky comment, then updates it in place, then marks it clean', async () => {
    const first = await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect(first).toEqual({ action: 'created', id: 1000, url: `https://github.example/octo-org/octo-repo/issues/${pr}#issuecomment-1000` });
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toBe(prCommentBody(scanReport([finding()]), ctx()));
    expect(comments()[0]!.body.startsWith(`${PR_MARKER}\n## Denied Amazon Bedrock model invocations\n\n🔴 **Threshold exceeded**`)).toBe(true);

    const second = await publishPrComment(octokit(), ctx(), pr, scanReport([finding({ count: 9 })]), options());
    expect(second).toEqual({ ...first, action: 'updated' });
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain('9 denied calls by 1 user in 1 finding');

    const clean = await publishPrComment(octokit(), ctx(), pr, cleanReport(), options());
    expect(clean).toEqual({ ...first, action: 'updated' });
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body.startsWith(`${PR_MARKER}\n## No denied Amazon Bedrock model invocations\n\n🟢 **Within threshold**: 0 denied calls, threshold 0.`)).toBe(true);
    expect(comments()[0]!.body).not.toContain('<table>');
    // One comment created; each later run (a new client) asks once who its token is (GraphQL viewer).
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([`/repos/octo-org/octo-repo/issues/${pr}/comments`, '/graphql', '/graphql']);
    expect(warnings).toEqual([]);
  });

  test('a clean run on a pull request without our comment adds nothing', async () => {
    const result = await publishPrComment(octokit(), ctx(), pr, cleanReport(), options());
    expect(result).toEqual({ action: 'none', reason: 'clean run and no earlier comment on this pull request' });
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
  });

  test('findings below the threshold update an existing comment but do not create one', async () => {
    const below = scanReport([finding()]);
    below.threshold = { value: 10, by: 'events', observed: 3, exceeded: false };
    expect((await publishPrComment(octokit(), ctx(), pr, below, options())).action).toBe('none');
    await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect((await publishPrComment(octokit(), ctx(), pr, below, options())).action).toBe('updated');
    expect(comments()[0]!.body).toContain('## Denied Amazon Bedrock model invocations: within threshold');
    expect(comments()[0]!.body).toContain('<td><code>ci-bot</code></td>');
  });

  test('finds its comment on a later page and prefers the bot comment over a pasted marker', async () => {
    for (let i = 0; i < 150; i++) api.state.comments.push({ id: 1 + i, issue_number: pr, body: `chatter ${i}`, user: { login: 'dev', type: 'User' } });
    api.state.comments.push({ id: 500, issue_number: pr, body: `copied ${PR_MARKER}`, user: { login: 'dev', type: 'User' } });
    api.state.comments.push({ id: 501, issue_number: pr, body: `${PR_MARKER}\nold`, user: { login: 'github-actions[bot]', type: 'Bot' } });
    const result = await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect(result).toMatchObject({ action: 'updated', id: 501 });
    expect(api.requests.filter((r) => r.method === 'GET').map((r) => r.query.page)).toEqual(['1', '2']);
    expect(api.state.comments.find((c) => c.id === 500)!.body).toBe(`copied ${PR_MARKER}`);
  });

  test('403 on create (fork, missing permission) is a warning with the permission to add, not an error', async () => {
    api.failNext({ method: 'POST', path: `/repos/octo-org/octo-repo/issues/${pr}/comments`, status: 403, message: 'Resource not accessible by integration' });
    const result = await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect(result.action).toBe('skipped');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Could not comment on pull request #${pr}: GitHub API: create pull request comment failed with HTTP 403: Resource not accessible by integration`);
    expect(warnings[0]).toContain("Add 'permissions: pull-requests: write'");
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(comments()).toEqual([]);
  });

  test('404 on update is skipped with a warning too', async () => {
    await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    api.failNext({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 404, message: 'Not Found' });
    const result = await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect(result.action).toBe('skipped');
    expect(warnings[0]).toContain('update pull request comment failed with HTTP 404');
  });

  test('500 twice then success is retried; a lasting outage is a warning only', async () => {
    api.failNext({ method: 'GET', status: 500, times: 2 });
    expect((await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options())).action).toBe('created');
    expect(sleeps).toEqual([1000, 2000]);

    api.failNext({ method: 'GET', status: 503, times: 100 });
    const result = await publishPrComment(octokit(), ctx(), pr, scanReport([finding()]), options());
    expect(result).toEqual({
      action: 'skipped',
      reason: 'GitHub API: list pull request comments (page 1) failed with HTTP 503 after 4 attempts: injected 503'
    });
    expect(warnings).toEqual([
      `Could not comment on pull request #${pr}: GitHub API: list pull request comments (page 1) failed with HTTP 503 after 4 attempts: injected 503`
    ]);
  });
});
