/**
 * The GitHub hardening through `node dist/index.js`: a GitHub API that never answers or refuses connections
 * ends the run (exit 2) with a warning that says what happened and the report and summary written; the sticky
 * PR comment never takes over a comment someone else wrote with the marker in it.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { closedPortUrl, startGitHubApi, startStalledServer, type GitHubApi, type StalledServer } from './helpers/github-api.js';
import { runAction } from './helpers/run-action.js';

const SAMPLE = '__fixtures__/sample-export';
const PR_MARKER = '<!-- bedrock-denied-scan:pr-comment:c53a8e62-f741-11ee-9f6e-acde48001122 -->';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

function githubEnv(apiUrl: string, event: { name: string; payload: unknown }): Record<string, string> {
  const eventPath = path.join(mkdtempSync(path.join(tmpdir(), 'bds-event-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));
  return {
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '77',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath
  };
}
const schedule = { name: 'schedule', payload: { schedule: '17 3 * * *' } };
const issueInputs = { 'create-issue': 'true', 'github-token': 'ghs_test', 'fail-on-threshold': 'false' };

describe('nothing hangs', () => {
  test('a GitHub API that accepts connections and never answers: the run ends with exit 2, the report and summary written', async () => {
    const stalled: StalledServer = await startStalledServer();
    cleanup.push(() => stalled.close());
    const run = await runAction({ source: SAMPLE, ...issueInputs }, { ...githubEnv(stalled.url, schedule), BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '300' });

    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `::warning::Issue mode failed: GitHub API: list open issues (page 1) failed after 4 attempts: no response from ${stalled.url} within 300 ms (request timeout; BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS changes it)`
    );
    expect(stalled.requests()).toEqual(Array(4).fill('GET /repos/octo-org/octo-repo/issues?state=open&labels=bedrock-denied-scan&per_page=100&page=1 HTTP/1.1'));
    expect(run.report!.findings).toHaveLength(7);
    expect(run.report!.matched).toBe(8);
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
    expect(run.outputs['denied-count']).toBe('8');
    expect(run.outputs['issue-number']).toBeUndefined();
  }, 60_000);

  test('a GitHub API that refuses connections is named as such, not as HTTP 500', async () => {
    const url = await closedPortUrl();
    const run = await runAction({ source: SAMPLE, ...issueInputs }, githubEnv(url, schedule));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`::warning::Issue mode failed: GitHub API: list open issues (page 1) failed after 4 attempts: could not connect to ${url} (ECONNREFUSED)`);
    expect(run.stdout).not.toMatch(/HTTP 500/);
    expect(run.report!.findings).toHaveLength(7);
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
  }, 60_000);
});

describe('the sticky comment belongs to the action', () => {
  test('a marker comment by another user is left alone: the action creates its own, then edits only that one', async () => {
    const api: GitHubApi = await startGitHubApi();
    cleanup.push(() => api.close());
    const pr = api.addPullRequest();
    api.state.comments.push({ id: 1, issue_number: pr, body: `copied from another PR: ${PR_MARKER}`, user: { login: 'dev', type: 'User' } });
    const event = { name: 'pull_request', payload: { number: pr, pull_request: { number: pr } } };

    const first = await runAction({ source: SAMPLE, 'github-token': 'ghs_test' }, githubEnv(api.url, event));
    expect(first.code).toBe(1);
    expect(api.state.comments.map((c) => [c.id, c.user.login])).toEqual([
      [1, 'dev'],
      [1000, 'github-actions[bot]']
    ]);
    expect(api.state.comments[0]!.body).toBe(`copied from another PR: ${PR_MARKER}`);
    expect(first.outputs['comment-url']).toBe(`https://github.example/octo-org/octo-repo/issues/${pr}#issuecomment-1000`);

    const second = await runAction({ source: SAMPLE, 'github-token': 'ghs_test', threshold: '100' }, githubEnv(api.url, event));
    expect(second.code).toBe(0);
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual(['/repos/octo-org/octo-repo/issues/comments/1000']);
    expect(api.state.comments[0]!.body).toBe(`copied from another PR: ${PR_MARKER}`);
    expect(api.state.comments[1]!.body.startsWith(`${PR_MARKER}\n## Denied Amazon Bedrock model invocations: within threshold\n\n🟢 **Within threshold**: 8 denied calls, threshold 100.`)).toBe(true);
  }, 60_000);
});
