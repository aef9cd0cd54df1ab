import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startGitHubApi, type GitHubApi } from './helpers/github-api.js';
import { runAction } from './helpers/run-action.js';

const SAMPLE = '__fixtures__/sample-export';
const MARKER = '<!-- bedrock-denied-scan:c53a8e62-f741-11ee-9f6e-acde48001122 -->';

let api: GitHubApi;
beforeEach(async () => {
  api = await startGitHubApi();
});
afterEach(async () => {
  await api.close();
});

/** The runner's GitHub variables, pointing the real Octokit client inside dist/ at the loopback API. */
function githubEnv(event: { name: string; payload: unknown }, runId = '1001'): Record<string, string> {
  const eventPath = path.join(mkdtempSync(path.join(tmpdir(), 'bds-event-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));
  return {
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: api.serverUrl,
    GITHUB_REPOSITORY: `${api.owner}/${api.repo}`,
    GITHUB_RUN_ID: runId,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath
  };
}
const schedule = { name: 'schedule', payload: { schedule: '17 3 * * *' } };
const issueInputs = { 'create-issue': 'true', 'github-token': 'ghs_test', 'fail-on-threshold': 'false' };

describe('issue mode through node dist/index.js', () => {
  test('first run creates, second updates the same issue with a delta comment, a clean run closes it', async () => {
    const first = await runAction({ source: SAMPLE, ...issueInputs }, githubEnv(schedule, '1'));
    expect(first.code).toBe(0);
    expect(api.state.issues).toHaveLength(1);
    const issue = api.state.issues[0]!;
    expect(issue).toMatchObject({ state: 'open', labels: ['bedrock-denied-scan'] });
    expect(issue.body).toContain(MARKER);
    expect(issue.body).toContain('build-bot');
    expect(issue.body).toContain(`${api.serverUrl}/${api.owner}/${api.repo}/actions/runs/1`);
    expect(first.outputs['issue-number']).toBe(String(issue.number));
    expect(first.outputs['issue-url']).toBe(`${api.serverUrl}/${api.owner}/${api.repo}/issues/${issue.number}`);
    expect(first.report!.links?.issueUrl).toBe(first.outputs['issue-url']);

    const second = await runAction({ source: `${SAMPLE}\n__fixtures__/hostile-strings.json`, ...issueInputs }, githubEnv(schedule, '2'));
    expect(second.code).toBe(0);
    expect(api.state.issues).toHaveLength(1);
    expect(second.outputs['issue-number']).toBe(String(issue.number));
    expect(api.state.issues[0]!.body).toContain('actions/runs/2');
    const deltas = api.state.comments.filter((c) => c.issue_number === issue.number);
    expect(deltas).toHaveLength(1);
    // The hostile fixture's user is the one new user; new source IP and model likewise.
    expect(deltas[0]!.body).toContain('- New users (1): <code>&#64;octocat&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&#42;&#42;pwn&#42;&#42;</code>');
    expect(deltas[0]!.body).toContain('- New source IPs (1): <code>203.0.113.66</code>');

    const clean = await runAction({ source: SAMPLE, ...issueInputs, threshold: '100' }, githubEnv(schedule, '3'));
    expect(clean.code).toBe(0);
    expect(api.state.issues).toHaveLength(1);
    expect(api.state.issues[0]!.state).toBe('closed');
    expect(api.state.comments.filter((c) => c.issue_number === issue.number)).toHaveLength(2);
  });

  test('two runs back to back create one issue', async () => {
    await Promise.all([
      runAction({ source: SAMPLE, ...issueInputs }, githubEnv(schedule, '10')),
      runAction({ source: SAMPLE, ...issueInputs }, githubEnv(schedule, '11'))
    ]);
    expect(api.state.issues.filter((i) => i.state === 'open')).toHaveLength(1);
  });

  test('an API that keeps failing: warning, exit 2, summary and report still written', async () => {
    api.failNext({ method: 'GET', path: /\/issues$/, status: 500, times: 10 });
    const run = await runAction({ source: SAMPLE, ...issueInputs }, githubEnv(schedule));
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/::warning::.*500/);
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
    expect(run.report!.findings).toHaveLength(7);
    expect(api.state.issues).toHaveLength(0);
  }, 60_000);
});

describe('pull-request comment through node dist/index.js', () => {
  test('one sticky comment, created then updated; hostile strings inert in every body', async () => {
    const pr = api.addPullRequest();
    const event = { name: 'pull_request', payload: { action: 'synchronize', number: pr, pull_request: { number: pr } } };
    const first = await runAction({ source: `${SAMPLE}\n__fixtures__/hostile-strings.json`, 'github-token': 'ghs_test' }, githubEnv(event));
    expect(first.code).toBe(1);
    expect(api.state.comments).toHaveLength(1);
    expect(first.outputs['comment-url']).toBe(`${api.serverUrl}/${api.owner}/${api.repo}/issues/${pr}#issuecomment-${api.state.comments[0]!.id}`);
    const second = await runAction({ source: SAMPLE, 'github-token': 'ghs_test', threshold: '100' }, githubEnv(event));
    expect(second.code).toBe(0);
    expect(api.state.comments).toHaveLength(1);
    expect(api.state.comments[0]!.body).toMatch(/clean|within/i);
    expect(api.requests.filter((r) => r.method === 'PATCH' && /\/issues\/comments\//.test(r.path))).toHaveLength(1);

    const bodies = api.sentBodies();
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body).not.toContain('<img');
      expect(body).not.toContain('<script');
      expect(body).not.toMatch(/@(org|octocat)/);
      expect(body).not.toContain('](https://evil');
      expect(body).not.toContain('https://evil');
    }
  });

  test('a token that cannot write: warning naming the permission, everything else done', async () => {
    const pr = api.addPullRequest();
    api.failNext({ method: 'POST', path: /\/comments$/, status: 403, message: 'Resource not accessible by integration' });
    const event = { name: 'pull_request', payload: { number: pr, pull_request: { number: pr } } };
    const run = await runAction({ source: SAMPLE, 'github-token': 'ghs_test' }, githubEnv(event));
    expect(run.code).toBe(1); // the policy verdict, not a crash
    expect(run.stdout).toMatch(/::warning::.*pull-requests: write/);
    expect(run.outputs['denied-count']).toBe('8');
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
    expect(api.state.comments).toHaveLength(0);
  });
});
