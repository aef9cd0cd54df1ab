/**
 * Hardening of the GitHub side, through the real Octokit against the loopback fake: nothing hangs (request
 * timeout), the sticky comment and the findings issue are only ever the action's own, and failures say what
 * happened (no connection, timeout, rate limit) instead of a made-up HTTP 500 or a permission hint.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { DEFAULT_HTTP_TIMEOUT_MS, githubClient, httpTimeoutMs } from '../src/publish/github.js';
import { IssuePublishError, publishIssue, type IssueOptions } from '../src/publish/issue.js';
import { publishPrComment, type PrCommentOptions } from '../src/publish/pr-comment.js';
import { closedPortUrl, startGitHubApi, startStalledServer, type FakeComment, type FakeIssue, type GitHubApi, type GitHubApiOptions } from './helpers/github-api.js';
import { cleanReport, finding, scanReport } from './helpers/report.js';

const PR_MARKER = '<!-- bedrock-denied-scan:pr-comment:c53a8e62-f741-11ee-9f6e-acde48001122 -->';
const ISSUE_MARKER = '<!-- bedrock-denied-scan:c53a8e62-f741-11ee-9f6e-acde48001122 -->';
const RUN_URL = 'https://github.example/octo-org/octo-repo/actions/runs/42';
const LABEL = 'bedrock-denied-scan';
const ISSUES = '/repos/octo-org/octo-repo/issues';
const NOW = Date.parse('2024-04-10T00:00:00Z');

const BOT = { login: 'github-actions[bot]', type: 'Bot' as const };
const DEV = { login: 'dev', type: 'User' as const };
const ALICE = { login: 'alice', type: 'User' as const };

let api: GitHubApi;
let warnings: string[];
let sleeps: number[];

async function start(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  api = await startGitHubApi(options);
  return api;
}
beforeEach(() => {
  warnings = [];
  sleeps = [];
});
afterEach(async () => {
  await api?.close();
});

const retry = () => ({
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
  now: () => NOW
});
const prOptions = (): PrCommentOptions => ({ retry: retry(), warn: (m) => warnings.push(m) });
const issueOptions = (): IssueOptions => ({ label: LABEL, title: 'Denied Bedrock calls', assignees: [], closeWhenClean: true, retry: retry(), warn: (m) => warnings.push(m) });
const ctx = () => ({ owner: api.owner, repo: api.repo, runUrl: RUN_URL });
const client = (token = 'test-token') => getOctokit(token, { baseUrl: api.url });
const comment = (id: number, issue: number, user: FakeComment['user'], body: string): FakeComment => ({ id, issue_number: issue, body, user });
const issue = (number: number, body: string, user?: FakeIssue['user']): FakeIssue => ({
  number,
  title: `issue ${number}`,
  body,
  state: 'open',
  state_reason: null,
  labels: [LABEL],
  assignees: [],
  created_at: '2024-01-01T00:00:00Z',
  ...(user ? { user } : {})
});

describe('the sticky PR comment belongs to the action', () => {
  test("a marker pasted by another user or another bot is never edited: a new comment is created and theirs is untouched", async () => {
    await start();
    const pr = api.addPullRequest();
    api.state.comments.push(
      comment(1, pr, DEV, `quoting the bot: ${PR_MARKER}`),
      comment(2, pr, { login: 'renovate[bot]', type: 'Bot' }, `${PR_MARKER}\nnot ours either`)
    );
    const result = await publishPrComment(client(), ctx(), pr, scanReport([finding()]), prOptions());

    expect(result).toEqual({ action: 'created', id: 1000, url: `https://github.example/octo-org/octo-repo/issues/${pr}#issuecomment-1000` });
    expect(api.state.comments.map((c) => [c.id, c.user.login, c.body.slice(0, 40)])).toEqual([
      [1, 'dev', `quoting the bot: ${PR_MARKER}`.slice(0, 40)],
      [2, 'renovate[bot]', `${PR_MARKER}\nnot ours either`.slice(0, 40)],
      [1000, 'github-actions[bot]', PR_MARKER.slice(0, 40)]
    ]);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${ISSUES}/${pr}/comments`, 'POST /graphql', `POST ${ISSUES}/${pr}/comments`]);
    expect(warnings).toEqual([]);
  });

  test('its own comment on page 40 of 4,000 comments is found and edited; the listing stops there', async () => {
    await start();
    const pr = api.addPullRequest();
    for (let i = 1; i <= 4000; i++) {
      const own = i === 3950;
      const pasted = i === 250; // page 3: the marker, by someone else
      api.state.comments.push(comment(i, pr, own ? BOT : DEV, own ? `${PR_MARKER}\nold report` : pasted ? `see ${PR_MARKER}` : `chatter ${i}`));
    }
    const result = await publishPrComment(client(), ctx(), pr, scanReport([finding()]), prOptions());

    expect(result).toEqual({ action: 'updated', id: 3950, url: `https://github.example/octo-org/octo-repo/issues/${pr}#issuecomment-3950` });
    const pages = api.requests.filter((r) => r.method === 'GET').map((r) => Number(r.query.page));
    expect(pages).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(api.requests.filter((r) => r.method === 'GET').every((r) => r.query.per_page === '100')).toBe(true);
    expect(api.state.comments.find((c) => c.id === 3950)!.body.startsWith(`${PR_MARKER}\n## Denied Amazon Bedrock model invocations`)).toBe(true);
    expect(api.state.comments.find((c) => c.id === 250)!.body).toBe(`see ${PR_MARKER}`);
    expect(api.state.comments).toHaveLength(4000);
  });

  test('a PAT is its user: of two own comments the oldest is edited, and the GITHUB_TOKEN bot comment is not ours', async () => {
    await start({ tokens: { 'pat-alice': ALICE } });
    const pr = api.addPullRequest();
    api.state.comments.push(
      comment(5, pr, BOT, `${PR_MARKER}\nfrom another workflow`),
      comment(7, pr, ALICE, `${PR_MARKER}\nalice, older`),
      comment(9, pr, ALICE, `${PR_MARKER}\nalice, newer`)
    );
    const result = await publishPrComment(client('pat-alice'), ctx(), pr, cleanReport(), prOptions());

    expect(result).toMatchObject({ action: 'updated', id: 7 });
    expect(api.state.comments.find((c) => c.id === 5)!.body).toBe(`${PR_MARKER}\nfrom another workflow`);
    expect(api.state.comments.find((c) => c.id === 9)!.body).toBe(`${PR_MARKER}\nalice, newer`);
    expect(api.state.comments.find((c) => c.id === 7)!.body).toContain('## No denied Amazon Bedrock model invocations');
  });

  test('without GraphQL: GET /user names a PAT; an installation token (403 there) is taken to be github-actions[bot]', async () => {
    await start({ graphql: false, tokens: { 'pat-alice': ALICE } });
    const pr = api.addPullRequest();
    api.state.comments.push(
      comment(3, pr, { login: 'renovate[bot]', type: 'Bot' }, `${PR_MARKER}\nrenovate`),
      comment(4, pr, BOT, `${PR_MARKER}\nthe workflow token`),
      comment(6, pr, ALICE, `${PR_MARKER}\nalice`)
    );
    expect(await publishPrComment(client('pat-alice'), ctx(), pr, scanReport([finding()]), prOptions())).toMatchObject({ action: 'updated', id: 6 });
    expect(await publishPrComment(client('ghs_installation'), ctx(), pr, scanReport([finding()]), prOptions())).toMatchObject({ action: 'updated', id: 4 });
    expect(api.requests.filter((r) => r.path === '/graphql' || r.path === '/user').map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual([
      'POST /graphql token pat-alice',
      'GET /user token pat-alice',
      'POST /graphql token ghs_installation',
      'GET /user token ghs_installation'
    ]);
    expect(api.state.comments.find((c) => c.id === 3)!.body).toBe(`${PR_MARKER}\nrenovate`);
    expect(warnings).toEqual([]);
  });
});

describe('the findings issue belongs to the action', () => {
  test('an open issue with the label and the marker opened by someone else is not ours: a new one is opened', async () => {
    await start();
    api.state.labels.push({ name: LABEL, color: 'b60205', description: null });
    api.state.issues.push(issue(50, `${ISSUE_MARKER}\nI copied this`, { login: 'mallory', type: 'User' }));
    const result = await publishIssue(client(), ctx(), scanReport([finding()]), issueOptions());

    expect(result).toEqual({ action: 'created', number: 1, url: 'https://github.example/octo-org/octo-repo/issues/1' });
    expect(api.state.issues.map((i) => [i.number, i.state, i.user?.login, i.body!.slice(0, 30)])).toEqual([
      [50, 'open', 'mallory', `${ISSUE_MARKER}\nI copied this`.slice(0, 30)],
      [1, 'open', 'github-actions[bot]', ISSUE_MARKER.slice(0, 30)]
    ]);
    expect(api.state.comments).toEqual([]);
  });

  test('with 2,500 labelled issues, the oldest own issue (on the last page) is updated, never a newer duplicate', async () => {
    await start();
    api.state.labels.push({ name: LABEL, color: 'b60205', description: null });
    for (let n = 1; n <= 2500; n++) {
      const body = n === 7 || n === 2400 ? `${ISSUE_MARKER}\nown ${n}` : n === 2 ? `${ISSUE_MARKER}\npasted` : `other ${n}`;
      api.state.issues.push(issue(n, body, n === 2 ? DEV : BOT));
    }
    const result = await publishIssue(client(), ctx(), scanReport([finding()]), issueOptions());

    expect(result).toEqual({ action: 'updated', number: 7, url: 'https://github.example/octo-org/octo-repo/issues/7' });
    expect(api.requests.filter((r) => r.method === 'GET' && r.path === ISSUES).map((r) => Number(r.query.page))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(api.state.issues.find((i) => i.number === 2400)!.body).toBe(`${ISSUE_MARKER}\nown 2400`);
    expect(api.state.issues.find((i) => i.number === 2)!.body).toBe(`${ISSUE_MARKER}\npasted`);
    expect(api.state.comments.map((c) => c.issue_number)).toEqual([7]);
  });
});

describe('nothing hangs', () => {
  test('a GitHub API that accepts connections and never answers: each attempt times out, retried, then a clear error', async () => {
    const stalled = await startStalledServer();
    try {
      const octokit = githubClient('test-token', { baseUrl: stalled.url, timeoutMs: 300 })!;
      const error = await publishIssue(octokit, { owner: 'octo-org', repo: 'octo-repo', runUrl: RUN_URL }, scanReport([finding()]), issueOptions()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IssuePublishError);
      expect((error as IssuePublishError).status).toBeUndefined();
      expect((error as Error).message).toBe(
        `Issue mode failed: GitHub API: list open issues (page 1) failed after 4 attempts: no response from ${stalled.url} within 300 ms (request timeout; BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS changes it)`
      );
      expect(sleeps).toEqual([1000, 2000, 4000]);
      expect(stalled.requests()).toEqual(Array(4).fill('GET /repos/octo-org/octo-repo/issues?state=open&labels=bedrock-denied-scan&per_page=100&page=1 HTTP/1.1'));

      const prResult = await publishPrComment(octokit, { owner: 'octo-org', repo: 'octo-repo', runUrl: RUN_URL }, 5, scanReport([finding()]), prOptions());
      expect(prResult).toEqual({
        action: 'skipped',
        reason: `GitHub API: list pull request comments (page 1) failed after 4 attempts: no response from ${stalled.url} within 300 ms (request timeout; BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS changes it)`
      });
      expect(stalled.requests().slice(4)).toEqual(Array(4).fill('GET /repos/octo-org/octo-repo/issues/5/comments?per_page=100&page=1 HTTP/1.1'));
    } finally {
      await stalled.close();
    }
  }, 30_000);

  test('the timeout defaults to 30 s and is read from BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS', () => {
    const seen: string[] = [];
    expect(DEFAULT_HTTP_TIMEOUT_MS).toBe(30_000);
    expect(httpTimeoutMs({})).toBe(30_000);
    expect(httpTimeoutMs({ BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '250' })).toBe(250);
    expect(httpTimeoutMs({ BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '2s' }, (m) => seen.push(m))).toBe(30_000);
    expect(httpTimeoutMs({ BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '0' }, (m) => seen.push(m))).toBe(30_000);
    expect(seen).toEqual([
      "BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS must be a positive whole number of milliseconds, got '2s'; using 30000 ms.",
      "BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS must be a positive whole number of milliseconds, got '0'; using 30000 ms."
    ]);
  });

  test('a request that answers in time is not affected by the timeout', async () => {
    await start();
    const result = await publishIssue(githubClient('test-token', { baseUrl: api.url, timeoutMs: 5_000 })!, ctx(), scanReport([finding()]), issueOptions());
    expect(result.action).toBe('created');
    expect(sleeps).toEqual([]);
  });
});

describe('errors say what happened', () => {
  test('connection refused is named, not reported as HTTP 500', async () => {
    const url = await closedPortUrl();
    const error = await publishIssue(getOctokit('t', { baseUrl: url }), { owner: 'octo-org', repo: 'octo-repo', runUrl: RUN_URL }, scanReport([finding()]), issueOptions()).catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(IssuePublishError);
    expect((error as IssuePublishError).status).toBeUndefined();
    expect((error as Error).message).toBe(`Issue mode failed: GitHub API: list open issues (page 1) failed after 4 attempts: could not connect to ${url} (ECONNREFUSED)`);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  test('an exhausted primary rate limit says when it resets and asks for no permission', async () => {
    await start();
    const reset = String(NOW / 1000 + 3600);
    api.failNext({ method: 'GET', path: ISSUES, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, message: 'API rate limit exceeded for installation ID 1.' });
    const error = await publishIssue(client(), ctx(), scanReport([finding()]), issueOptions()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuePublishError);
    expect((error as IssuePublishError).status).toBe(403);
    expect((error as Error).message).toBe(
      'Issue mode failed: GitHub API: list open issues (page 1) was refused by the rate limit (HTTP 403: API rate limit exceeded for installation ID 1.); the limit resets at 2024-04-10T01:00:00.000Z (in 60 min). This is not a permission problem.'
    );
    expect(sleeps).toEqual([]); // an hour is longer than the longest wait honoured
  });

  test('a secondary rate limit is retried, then reported as such, without the permission hint (issue and PR comment)', async () => {
    await start();
    const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    api.failNext({ method: 'POST', path: ISSUES, status: 403, times: 4, message });
    const error = await publishIssue(client(), ctx(), scanReport([finding()]), issueOptions()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Issue mode failed: GitHub API: create issue was refused by a secondary rate limit (HTTP 403 after 4 attempts: ${message}); try again in a few minutes. This is not a permission problem.`
    );
    expect(sleeps).toEqual([1000, 2000, 4000]);

    const pr = api.addPullRequest();
    api.failNext({ method: 'POST', path: `${ISSUES}/${pr}/comments`, status: 403, headers: { 'retry-after': '120' }, message });
    const result = await publishPrComment(client(), ctx(), pr, scanReport([finding()]), prOptions());
    const reason = `GitHub API: create pull request comment was refused by a secondary rate limit (HTTP 403: ${message}); GitHub asks to wait 120 s (until 2024-04-10T00:02:00.000Z). This is not a permission problem.`;
    expect(result).toEqual({ action: 'skipped', reason });
    expect(warnings).toEqual([`Could not comment on pull request #${pr}: ${reason}`]);
  });
});
