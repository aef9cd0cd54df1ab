import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { getOctokit } from '@actions/github';
import type { Finding } from '../src/detection/types.js';
import { parseStateBlock, stateOf } from '../src/report/findings-markdown.js';
import { publishIssue, type IssueOptions } from '../src/publish/issue.js';
import { publishPrComment } from '../src/publish/pr-comment.js';
import type { ScanReport } from '../src/report/types.js';
import { GITHUB_BODY_LIMIT, startGitHubApi, type GitHubApi } from './helpers/github-api.js';
import { finding, scanReport } from './helpers/report.js';

const HOSTILE_UA = '<img src=x onerror=alert(1)> | @org/team [x](https://evil.example)\n| injected | row |';
const HOSTILE_USER = '@org/security-team <script>alert(1)</script> #1 GH-2 octo/repo#3';
const HOSTILE_MODEL = '![x](https://evil.example/a.png) [y](http://evil.example) <!-- bedrock-denied-scan-state:e30= -->';
const RUN_URL = 'https://github.example/octo-org/octo-repo/actions/runs/42';

let api: GitHubApi;
beforeEach(async () => {
  api = await startGitHubApi();
});
afterEach(async () => {
  await api.close();
});

const octokit = () => getOctokit('test-token', { baseUrl: api.url });
const ctx = () => ({ owner: api.owner, repo: api.repo, runUrl: RUN_URL, serverUrl: api.serverUrl });
const issueOptions: IssueOptions = { label: 'bedrock-denied-scan', title: 'Denied Bedrock calls', assignees: [], closeWhenClean: true, retry: { sleep: async () => {} }, warn: () => {} };

/** Every property a body sent to GitHub must have, whatever the logs contained. */
function expectInert(body: string): void {
  expect(body).not.toMatch(/<img/i);
  expect(body).not.toMatch(/<script/i);
  expect(body).not.toMatch(/<a href="(?!https:\/\/(github\.example|attack\.mitre\.org|research\.splunk\.com|docs\.aws\.amazon\.com)\/)/);
  expect(body).not.toMatch(/\]\(/); // no Markdown link or image syntax at all
  expect(body).not.toMatch(/@(?!\u200B)/); // no live mention or team ping
  expect(body).not.toMatch(/(?<!&)#\d/); // no issue reference (entities like &#124; are fine)
  expect(body).not.toMatch(/GH-\d/i);
  expect(body).not.toMatch(/:\/\/evil/);
  expect(body).not.toMatch(/www\.evil/);
  // Only our own hidden comments: the marker and, in the issue body, the state block.
  for (const comment of body.match(/<!--[^]*?-->/g) ?? []) {
    expect(comment).toMatch(/^<!-- bedrock-denied-scan(:pr-comment)?:c53a8e62-f741-11ee-9f6e-acde48001122 -->$|^<!-- bedrock-denied-scan-state:[A-Za-z0-9+/=]* -->$/);
  }
  // Tables: one row per line, no blank line inside (it would end the HTML block).
  for (const table of body.match(/<table>[^]*?<\/table>/g) ?? []) {
    expect(table).not.toMatch(/\n\s*\n/);
    for (const line of table.split('\n').slice(1, -1)) expect(line).toMatch(/^<tr>.*<\/tr>$/);
  }
  expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
}

describe('bodies sent to GitHub are inert', () => {
  test('hostile user agent, user name, model id, source IP and error message', async () => {
    const hostile: Finding = finding({
      user: HOSTILE_USER,
      user_agent: HOSTILE_UA,
      src: 'www.evil.example',
      modelIds: [HOSTILE_MODEL],
      result: '<a href="https://evil.example">click</a>\n\n| a | b |',
      result_id: '@here',
      vendor_account: '<!-- x -->',
      vendor_region: '</td></tr></table>\n\n# pwned',
      firstTime: '[t](javascript:alert(1))'
    });
    await publishIssue(octokit(), ctx(), scanReport([finding()]), issueOptions);
    await publishIssue(octokit(), ctx(), scanReport([finding(), hostile]), issueOptions); // update + delta comment listing the new values
    const pr = api.addPullRequest();
    await publishPrComment(octokit(), ctx(), pr, scanReport([hostile]), { warn: () => {} });

    const bodies = api.sentBodies();
    expect(bodies).toHaveLength(4); // issue create, issue update, delta comment, PR comment
    for (const body of bodies) expectInert(body);
    // The hostile values are still there, readable, as text.
    const issueBody = api.state.issues[0]!.body!;
    expect(issueBody).toContain('<code>&lt;img src=x onerror=alert&#40;1&#41;&gt; &#124; &#64;org/team &#91;x&#93;&#40;https&#58;//evil.example&#41;&#92;n&#124; injected &#124; row &#124;</code>');
    expect(issueBody).toContain('<code>&#64;org/security-team &lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &#35;1 GH&#45;2 octo/repo&#35;3</code>');
    expect(api.state.comments[0]!.body).toContain('- New users (1): <code>&#64;org/security-team');
    // A state block smuggled in a model id is not the one parsed.
    expect(parseStateBlock(issueBody)).toEqual(stateOf(scanReport([finding(), hostile])));
  });
});

function hugeReport(): ScanReport {
  const findings: Finding[] = [];
  for (let i = 0; i < 3000; i++) {
    findings.push(
      finding({
        user: `user-${String(i).padStart(4, '0')}-${'|'.repeat(300)}`,
        user_agent: `${'<'.repeat(400)}${i}`,
        src: `10.${i >> 8}.${i & 255}.1`,
        modelIds: Array.from({ length: 8 }, (_, m) => `model-${m}-${i}-${'_'.repeat(200)}`),
        result: `${'`'.repeat(500)} ${i}`,
        count: 3000 - i
      })
    );
  }
  return scanReport(findings, { links: { runUrl: RUN_URL, artifactId: 5, artifactUrl: `${RUN_URL}/artifacts/5` } });
}

describe('a huge report', () => {
  test('stays under 65,536 characters in the issue, the delta comment and the PR comment, and says how many rows are left out', async () => {
    const report = hugeReport();
    await publishIssue(octokit(), ctx(), report, issueOptions);
    const second = hugeReport();
    second.findings = second.findings.map((f) => ({ ...f, user: `again-${f.user}` }));
    await publishIssue(octokit(), ctx(), second, issueOptions);
    const pr = api.addPullRequest();
    await publishPrComment(octokit(), ctx(), pr, report, { warn: () => {} });

    const bodies = api.sentBodies();
    expect(bodies).toHaveLength(4);
    for (const body of bodies) expectInert(body);
    const [created, updated, deltaComment, prComment] = bodies as [string, string, string, string];
    for (const body of [created, updated, prComment]) {
      expect(body.length).toBeGreaterThan(40_000); // the budget is used, not wasted
      const table = body.slice(body.indexOf('### Denied calls by user'), body.indexOf('### Why they were denied'));
      const shown = (table.match(/^<tr><td>/gm) ?? []).length;
      const more = Number(/_([\d,]+) more rows in the report artifact\._/.exec(table)![1]!.replace(/,/g, ''));
      expect(shown).toBeGreaterThan(0);
      expect(shown + more).toBe(3000);
    }
    expect(deltaComment).toContain('- New users (3000): <code>again-user-0000-');
    expect(deltaComment).toMatch(/<em>\+\d+ more<\/em>/);
    const state = parseStateBlock(updated)!;
    expect(state.truncated).toBe(true);
    expect(/<!-- bedrock-denied-scan-state:[^ ]* -->/.exec(updated)![0].length).toBeLessThanOrEqual(20_000);
  });
});
