/**
 * The GitHub API behind a proxy: the real Octokit from `@actions/github` (with our request timeout hook) through a
 * real loopback CONNECT proxy. `@actions/github` picks its proxy when first imported, from GITHUB_API_URL and
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, so they are set before the code under test is imported. The API is
 * addressed as `api.github.test`, a name that never resolves: only the proxy knows where it is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { startConnectProxy, type ConnectProxy } from './helpers/connect-proxy.js';
import { startGitHubApi, startStalledServer, type GitHubApi, type StalledServer } from './helpers/github-api.js';
import { scanReport, finding } from './helpers/report.js';

type GitHubModule = typeof import('../src/publish/github.js');
type IssueModule = typeof import('../src/publish/issue.js');

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'GITHUB_API_URL'];
const saved: Record<string, string | undefined> = {};

let api: GitHubApi;
let stalled: StalledServer;
let proxy: ConnectProxy;
let github: GitHubModule;
let issues: IssueModule;
let apiUrl: string;
let sleeps: number[];

beforeAll(async () => {
  for (const name of PROXY_VARS) saved[name] = process.env[name];
  api = await startGitHubApi();
  stalled = await startStalledServer();
  proxy = await startConnectProxy({
    routes: { 'api.github.test': { port: Number(new URL(api.url).port) }, 'stalled.github.test': { port: Number(new URL(stalled.url).port) } }
  });
  apiUrl = `http://api.github.test:${new URL(api.url).port}`;
  for (const name of PROXY_VARS) delete process.env[name];
  process.env.HTTP_PROXY = proxy.url;
  process.env.GITHUB_API_URL = apiUrl;
  github = await import('../src/publish/github.js');
  issues = await import('../src/publish/issue.js');
});

afterAll(async () => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await proxy.close();
  await stalled.close();
  await api.close();
});

beforeEach(() => {
  proxy.reset();
  proxy.refuseWith(undefined);
  sleeps = [];
});

const retry = () => ({
  sleep: async (ms: number) => {
    sleeps.push(ms);
  }
});

describe('Octokit (getOctokit + the timeout hook) through the proxy', () => {
  test('issue mode runs entirely through CONNECT tunnels to api.github.test', async () => {
    const octokit = github.githubClient('ghs_test', { timeoutMs: 5_000 })!;
    const result = await issues.publishIssue(
      octokit,
      { owner: api.owner, repo: api.repo, runUrl: 'https://github.example/octo-org/octo-repo/actions/runs/1' },
      scanReport([finding()]),
      { label: 'bedrock-denied-scan', title: 'Denied Bedrock calls', assignees: [], closeWhenClean: true, retry: retry(), warn: () => undefined }
    );
    expect(result.action).toBe('created');
    expect(api.state.issues).toHaveLength(1);
    expect(api.requests.length).toBeGreaterThan(0);
    // Every request reached the fake through the proxy (the name never resolves), as a tunnel, never absolute-form.
    expect(proxy.hosts).toEqual(['api.github.test']);
    expect(new Set(proxy.targets)).toEqual(new Set([`api.github.test:${new URL(api.url).port}`]));
    expect(proxy.absoluteRequests).toEqual([]);
  });

  test('the request timeout still applies through the proxy, and the error says the proxy was used', async () => {
    const stalledUrl = `http://stalled.github.test:${new URL(stalled.url).port}`;
    const octokit = github.githubClient('ghs_test', { baseUrl: stalledUrl, timeoutMs: 300 })!;
    const call = github.withRetries('list issues', () => octokit.rest.issues.listForRepo({ owner: 'o', repo: 'r' }), { ...retry(), retries: 1 });
    await expect(call).rejects.toThrow(
      `GitHub API: list issues failed after 2 attempts: no response from ${stalledUrl} within 300 ms (through proxy ${proxy.url}) (request timeout; BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS changes it)`
    );
    expect(proxy.hosts).toEqual(['stalled.github.test']);
    expect(stalled.requests().length).toBe(2);
  });

  test('407 from the proxy: not retried, and the error names the proxy and the status', async () => {
    proxy.refuseWith(407);
    const octokit = github.githubClient('ghs_test', { timeoutMs: 5_000 })!;
    const call = github.withRetries('create issue', () => octokit.rest.issues.create({ owner: api.owner, repo: api.repo, title: 't' }), retry());
    await expect(call).rejects.toThrow(
      `GitHub API: create issue failed: the proxy ${proxy.url} refused to tunnel to api.github.test:${new URL(api.url).port}: HTTP 407 Proxy Authentication Required`
    );
    expect(sleeps).toEqual([]);
    expect(proxy.connects.map((c) => c.status)).toEqual([407]);
  });

  test('502 from the proxy is retried like a network failure, then named', async () => {
    proxy.refuseWith(502);
    const octokit = github.githubClient('ghs_test', { timeoutMs: 5_000 })!;
    const call = github.withRetries('create issue', () => octokit.rest.issues.create({ owner: api.owner, repo: api.repo, title: 't' }), retry());
    await expect(call).rejects.toThrow(
      `GitHub API: create issue failed after 4 attempts: the proxy ${proxy.url} refused to tunnel to api.github.test:${new URL(api.url).port}: HTTP 502 Bad Gateway`
    );
    expect(sleeps).toHaveLength(3);
  });
});
