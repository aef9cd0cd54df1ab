import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { DETECTION } from '../src/detection/metadata.js';
import { encodeStateBlock, issueMarker, parseStateBlock, stateOf } from '../src/report/findings-markdown.js';
import { githubClient } from '../src/publish/github.js';
import { IssuePublishError, publishIssue, type IssueOptions } from '../src/publish/issue.js';
import { startGitHubApi, type GitHubApi } from './helpers/github-api.js';
import { cleanReport, finding, scanReport } from './helpers/report.js';

const MARKER = '<!-- bedrock-denied-scan:c53a8e62-f741-11ee-9f6e-acde48001122 -->';
const RUN_URL = 'https://github.example/octo-org/octo-repo/actions/runs/42';
const TITLE = 'Denied Amazon Bedrock model invocations detected (AWS Bedrock Invoke Model Access Denied)';

let api: GitHubApi;
let warnings: string[];
let sleeps: number[];

beforeEach(async () => {
  api = await startGitHubApi();
  warnings = [];
  sleeps = [];
});
afterEach(async () => {
  await api.close();
});

const octokit = () => getOctokit('test-token', { baseUrl: api.url });
const ctx = () => ({ owner: api.owner, repo: api.repo, runUrl: RUN_URL, serverUrl: api.serverUrl });
const options = (overrides: Partial<IssueOptions> = {}): IssueOptions => ({
  label: 'bedrock-denied-scan',
  title: TITLE,
  assignees: ['sec-oncall'],
  closeWhenClean: true,
  retry: {
    sleep: async (ms) => {
      sleeps.push(ms);
    }
  },
  warn: (m) => warnings.push(m),
  ...overrides
});
const calls = () => api.requests.map((r) => `${r.method} ${r.path}`);
const ISSUES = '/repos/octo-org/octo-repo/issues';

describe('publishIssue', () => {
  test('the first exceeded run creates the label and one issue carrying the marker', async () => {
    const report = scanReport([finding()]);
    const result = await publishIssue(octokit(), ctx(), report, options());

    expect(result).toEqual({ action: 'created', number: 1, url: 'https://github.example/octo-org/octo-repo/issues/1' });
    expect(calls()).toEqual([
      `GET ${ISSUES}`,
      'GET /repos/octo-org/octo-repo/labels/bedrock-denied-scan',
      'POST /repos/octo-org/octo-repo/labels',
      `POST ${ISSUES}`,
      `GET ${ISSUES}`
    ]);
    expect(api.requests[0]!.query).toEqual({ state: 'open', labels: 'bedrock-denied-scan', per_page: '100', page: '1' });
    expect(api.requests[0]!.authorization).toBe('token test-token');
    expect(api.state.labels).toEqual([
      { name: 'bedrock-denied-scan', color: 'b60205', description: 'Denied Amazon Bedrock model invocations found by bedrock-denied-scan' }
    ]);
    expect(api.state.issues).toHaveLength(1);
    const issue = api.state.issues[0]!;
    expect(issue).toMatchObject({ number: 1, title: TITLE, state: 'open', labels: ['bedrock-denied-scan'], assignees: ['sec-oncall'] });
    const body = issue.body!;
    expect(body.startsWith(`${MARKER}\n## Denied Amazon Bedrock model invocations\n\n🔴 **Threshold exceeded**: 3 denied calls, threshold 0.`)).toBe(true);
    // The by-user table has the summary's columns; where the calls came from is in a collapsible table.
    expect(body).toContain(
      '<tr><td><code>ci-bot</code></td><td>3</td><td>2024-04-09T01:02:03<br>2024-04-09T01:09:44</td><td><code>anthropic.claude-3-sonnet-20240229-v1:0</code></td><td><code>no-identity-allow</code> 3</td></tr>'
    );
    expect(body).toContain("<details><summary>Where each user's calls came from</summary>\n\n<table>\n<tr><th>User</th><th>Source IPs</th><th>User agents</th><th>Accounts</th><th>Regions</th></tr>\n<tr><td><code>ci-bot</code></td><td><code>198.51.100.23</code></td>");
    expect(body).toContain('<a href="https://github.example/octo-org/octo-repo/actions/runs/42">Workflow run</a>');
    expect(body).toContain('<a href="https://attack.mitre.org/techniques/T1078/">T1078 Valid Accounts</a>');
    expect(body).toContain('<a href="https://attack.mitre.org/techniques/T1550/">T1550 Use Alternate Authentication Material</a>');
    expect(body).toContain('Known false positives: Legitimate users may encounter access denied errors');
    expect(body).toContain('First report for this detection on this issue');
    expect(parseStateBlock(body)).toEqual(stateOf(report));
    expect(api.state.comments).toEqual([]);
  });

  test('the artifact link appears when the report has one', async () => {
    const report = scanReport([finding()], {
      links: { runUrl: RUN_URL, artifactId: 77, artifactUrl: 'https://github.example/octo-org/octo-repo/actions/runs/42/artifacts/77' }
    });
    await publishIssue(octokit(), ctx(), report, options());
    expect(api.state.issues[0]!.body).toContain(
      '<a href="https://github.example/octo-org/octo-repo/actions/runs/42">Workflow run</a> · <a href="https://github.example/octo-org/octo-repo/actions/runs/42/artifacts/77">Report artifact (JSON + CSV)</a>'
    );
  });

  test('a second exceeded run updates the same issue and comments with what changed', async () => {
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    const second = scanReport([
      finding(),
      finding({ user: 'mallory', src: '203.0.113.9', modelIds: ['meta.llama3-70b-instruct-v1:0'], count: 2 })
    ]);
    const result = await publishIssue(octokit(), ctx(), second, options());

    expect(result).toEqual({ action: 'updated', number: 1, url: 'https://github.example/octo-org/octo-repo/issues/1' });
    expect(api.state.issues).toHaveLength(1);
    expect(calls().slice(5)).toEqual([`GET ${ISSUES}`, 'POST /graphql', `PATCH ${ISSUES}/1`, `POST ${ISSUES}/1/comments`]);
    expect(api.state.comments.map((c) => c.body)).toEqual([
      [
        MARKER,
        `🔴 Still exceeded in <a href="${RUN_URL}">this run</a>: 5 denied calls by 2 users (threshold 0 events, observed 5).`,
        '- New users (1): <code>mallory</code>',
        '- New source IPs (1): <code>203.0.113.9</code>',
        '- New models (1): <code>meta.llama3-70b-instruct-v1:0</code>',
        ''
      ].join('\n')
    ]);
    const body = api.state.issues[0]!.body!;
    expect(body).toContain('Changes since the report of 2024-04-10T03:00:00.000Z (previous report: 3 denied calls):');
    expect(body).toContain('- New users (1): <code>mallory</code>');
    expect(parseStateBlock(body)).toEqual(stateOf(second));
  });

  test('an update with nothing new says so, and a tampered state block counts everything as new', async () => {
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(api.state.comments[0]!.body).toBe(
      `${MARKER}\n🔴 Still exceeded in <a href="${RUN_URL}">this run</a>: 3 denied calls by 1 user (threshold 0 events, observed 3).\nNo new users, source IPs or models since the previous report.\n`
    );

    // Someone with write access edits the hidden block: it is ignored, not trusted.
    const tampered = Buffer.from(JSON.stringify({ v: 1, users: [{ evil: true }], sourceIps: [], models: [] })).toString('base64');
    api.state.issues[0]!.body = api.state.issues[0]!.body!.replace(/<!-- bedrock-denied-scan-state:[^ ]* -->/, `<!-- bedrock-denied-scan-state:${tampered} -->`);
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(api.state.comments[1]!.body).toContain('The previous state was missing or unreadable');
  });

  test('a clean run comments and closes the open issue; the next clean run does nothing', async () => {
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    const result = await publishIssue(octokit(), ctx(), cleanReport(), options());

    expect(result).toEqual({ action: 'closed', number: 1, url: 'https://github.example/octo-org/octo-repo/issues/1' });
    expect(api.state.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(api.state.comments.map((c) => c.body)).toEqual([
      `${MARKER}\n🟢 Clean run: <a href="${RUN_URL}">this run</a> found 0 denied calls (observed 0 events, threshold 0). Closing.\n`
    ]);

    const before = api.requests.length;
    expect(await publishIssue(octokit(), ctx(), cleanReport(), options())).toEqual({ action: 'none' });
    expect(calls().slice(before)).toEqual([`GET ${ISSUES}`]);
  });

  test('a clean run leaves the issue open when closeWhenClean is off or the scan was incomplete', async () => {
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    const url = 'https://github.example/octo-org/octo-repo/issues/1';
    expect(await publishIssue(octokit(), ctx(), cleanReport(), options({ closeWhenClean: false }))).toEqual({ action: 'none', number: 1, url });

    const incomplete = cleanReport();
    incomplete.scan = { ...incomplete.scan, complete: false, filesFailed: [{ file: 'a.json.gz', error: 'unexpected end of file' }] };
    expect(await publishIssue(octokit(), ctx(), incomplete, options())).toEqual({ action: 'none', number: 1, url });
    expect(warnings).toEqual(['Not closing issue #1: the scan was incomplete (1 file(s) failed).']);
    expect(api.state.issues[0]!.state).toBe('open');
    expect(api.state.comments).toEqual([]);
  });

  test('issues without the marker, closed issues and pull requests with the label are not ours', async () => {
    api.state.labels.push({ name: 'bedrock-denied-scan', color: 'b60205', description: null });
    api.state.issues.push(
      { number: 50, title: 'someone else', body: 'unrelated', state: 'open', state_reason: null, labels: ['bedrock-denied-scan'], assignees: [], created_at: '2024-01-01T00:00:00Z' },
      { number: 51, title: 'old', body: MARKER, state: 'closed', state_reason: 'completed', labels: ['bedrock-denied-scan'], assignees: [], created_at: '2024-01-01T00:00:00Z' },
      { number: 52, title: 'pr', body: MARKER, state: 'open', state_reason: null, labels: ['bedrock-denied-scan'], assignees: [], pull_request: { url: 'x' }, created_at: '2024-01-01T00:00:00Z' }
    );
    const result = await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(result.action).toBe('created');
    expect(calls()).not.toContain('POST /repos/octo-org/octo-repo/labels');
  });

  test('the owned issue is found on a later page of the label listing', async () => {
    for (let n = 1; n <= 130; n++) {
      api.state.issues.push({ number: n, title: `t${n}`, body: n === 3 ? `${MARKER}\nold` : 'other', state: 'open', state_reason: null, labels: ['bedrock-denied-scan'], assignees: [], created_at: '2024-01-01T00:00:00Z' });
    }
    const result = await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(result).toMatchObject({ action: 'updated', number: 3 });
    expect(api.requests.filter((r) => r.method === 'GET' && r.path === ISSUES).map((r) => r.query.page)).toEqual(['1', '2']);
  });

  test('two runs back to back, and two overlapping runs, leave exactly one open issue', async () => {
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(api.state.issues.map((i) => [i.number, i.state])).toEqual([[1, 'open']]);

    const other = await startGitHubApi();
    try {
      const run = () =>
        publishIssue(getOctokit('t', { baseUrl: other.url }), { ...ctx(), owner: other.owner, repo: other.repo }, scanReport([finding()]), options());
      const results = await Promise.all([run(), run()]);
      expect(results.map((r) => r.action).sort()).toEqual(['created', 'updated']);
      expect(results.map((r) => r.number)).toEqual([1, 1]);
      expect(other.state.issues.filter((i) => i.state === 'open').map((i) => i.number)).toEqual([1]);
      const closed = other.state.issues.filter((i) => i.state === 'closed');
      expect(closed.map((i) => [i.number, i.state_reason])).toEqual(closed.length ? [[2, 'not_planned']] : []);
    } finally {
      await other.close();
    }
  });

  test('an assignee GitHub rejects does not stop the issue from opening', async () => {
    api.failNext({ method: 'POST', path: ISSUES, status: 422, message: 'Validation Failed' });
    const result = await publishIssue(octokit(), ctx(), scanReport([finding()]), options({ assignees: ['not-a-collaborator'] }));
    expect(result.action).toBe('created');
    expect(api.state.issues[0]!.assignees).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Could not assign the findings issue to not-a-collaborator .*; opening it unassigned\.$/);
  });

  test('5xx answers are retried with backoff, then the run succeeds', async () => {
    api.failNext({ method: 'GET', path: ISSUES, status: 500, times: 2 });
    const result = await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(result.action).toBe('created');
    expect(calls().slice(0, 3)).toEqual([`GET ${ISSUES}`, `GET ${ISSUES}`, `GET ${ISSUES}`]);
    expect(sleeps).toEqual([1000, 2000]);
  });

  test('rate limits wait for retry-after (403 and 429)', async () => {
    api.failNext({ method: 'GET', path: ISSUES, status: 429, headers: { 'retry-after': '3' } });
    api.failNext({ method: 'POST', path: ISSUES, status: 403, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '7' }, message: 'API rate limit exceeded' });
    const result = await publishIssue(octokit(), ctx(), scanReport([finding()]), options());
    expect(result.action).toBe('created');
    expect(sleeps).toEqual([3000, 7000]);
  });

  test('a final failure throws IssuePublishError naming the operation and status', async () => {
    api.failNext({ method: 'POST', path: ISSUES, status: 502, times: 10 });
    const error = await publishIssue(octokit(), ctx(), scanReport([finding()]), options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuePublishError);
    expect((error as IssuePublishError).status).toBe(502);
    expect((error as Error).message).toBe('Issue mode failed: GitHub API: create issue failed with HTTP 502 after 4 attempts: injected 502');
    expect(api.requests.filter((r) => r.method === 'POST' && r.path === ISSUES)).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  test('a permission error is not retried and says which permission to add', async () => {
    api.failNext({ method: 'POST', path: ISSUES, status: 403, message: 'Resource not accessible by integration' });
    const error = await publishIssue(octokit(), ctx(), scanReport([finding()]), options({ assignees: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuePublishError);
    expect((error as Error).message).toBe(
      "Issue mode failed: GitHub API: create issue failed with HTTP 403: Resource not accessible by integration (give the job 'permissions: issues: write' and check github-token)"
    );
    expect(sleeps).toEqual([]);
  });
});

describe('githubClient', () => {
  test('no token, no client; a token gives a working client', async () => {
    expect(githubClient('')).toBeNull();
    expect(githubClient('   ')).toBeNull();
    const client = githubClient('abc', { baseUrl: api.url })!;
    await client.rest.issues.listForRepo({ owner: api.owner, repo: api.repo });
    expect(api.requests[0]!.authorization).toBe('token abc');
  });
});

describe('issue state block', () => {
  test('is capped and still parses when huge', () => {
    const users = Array.from({ length: 3000 }, (_, i) => `user-${i}-${'x'.repeat(40)}`);
    const block = encodeStateBlock({ v: 1, generatedAt: null, events: 1, users, sourceIps: [], models: [] });
    expect(block.length).toBeLessThanOrEqual(20_000);
    const parsed = parseStateBlock(`text\n${block}\n`)!;
    expect(parsed.truncated).toBe(true);
    expect(parsed.users).toEqual(users.slice(0, parsed.users.length));
  });

  test('rejects anything that is not exactly what we write', () => {
    const encode = (o: unknown) => `<!-- bedrock-denied-scan-state:${Buffer.from(JSON.stringify(o)).toString('base64')} -->`;
    expect(parseStateBlock(null)).toBeNull();
    expect(parseStateBlock('<!-- bedrock-denied-scan-state:!!! -->')).toBeNull();
    expect(parseStateBlock('<!-- bedrock-denied-scan-state:bm90IGpzb24= -->')).toBeNull();
    expect(parseStateBlock(encode({ v: 2, users: [], sourceIps: [], models: [] }))).toBeNull();
    expect(parseStateBlock(encode({ v: 1, users: 'x', sourceIps: [], models: [] }))).toBeNull();
    expect(parseStateBlock(encode({ v: 1, users: ['x'.repeat(257)], sourceIps: [], models: [] }))).toBeNull();
    expect(parseStateBlock(encode({ v: 1, generatedAt: '<b>', events: -1, users: ['a'], sourceIps: [], models: [] }))).toEqual({
      v: 1,
      generatedAt: null,
      events: null,
      users: ['a'],
      sourceIps: [],
      models: []
    });
    expect(issueMarker(DETECTION.id)).toBe(MARKER);
    // No `>` can reach the marker, so it cannot end the comment early.
    expect(issueMarker('x --><img>')).toBe('<!-- bedrock-denied-scan:x--img -->');
  });
});
