import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAction } from './helpers/run-action.js';

/** A denied InvokeModel call with the given attacker-chosen values. */
function record(i: number, user: string, userAgent: string, modelId: string, src = '203.0.113.7'): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${i}`, arn: `arn:aws:iam::111122223333:user/u${i}`, accountId: '111122223333', userName: user },
    eventTime: `2026-11-26T10:00:0${i}Z`,
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    awsRegion: 'us-east-1',
    sourceIPAddress: src,
    userAgent,
    errorCode: 'AccessDenied',
    errorMessage: `User: arn:aws:iam::111122223333:user/u${i} is not authorized to perform: bedrock:InvokeModel`,
    requestParameters: { modelId },
    eventID: `00000000-0000-4000-8000-00000000000${i}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333'
  };
}

const COPYABLE_UA = 'curl/8.5.0 @octocat #1 owner/repo#2 GH-3 https://x.example/a?b=c www.example.com';

function hostileFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bds-hostile-'));
  const file = path.join(dir, 'hostile.ndjson');
  const records = [
    record(1, '::add-mask::secret', 'aws-cli/2.15.30', 'anthropic.claude-3-haiku-20240307-v1:0'),
    record(2, '  ::error::x', 'aws-cli/2.15.30', '##[error]pwned'),
    record(3, 'zero\u200Bwidth', 'Boto3/1.35\u200B.36 md/\uFEFFBotocore', '##[add-mask]m', '::warning::ip'),
    record(4, '@octocat', COPYABLE_UA, 'meta.llama3-70b-instruct-v1:0'),
    record(5, '#1', 'python-requests/2.32.3', 'https://evil.example/model')
  ];
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** Lines the runner would read as commands: `::` after leading whitespace, or `##[` anywhere. */
const commandLines = (stdout: string): string[] => stdout.split(/\r?\n/).filter((l) => /^\s*::/.test(l) || l.includes('##['));

const decodeEntities = (html: string): string => {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return html.replace(/&(#\d+|amp|lt|gt|quot);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : named[e]!));
};

describe('node dist/index.js with hostile values in the logs', () => {
  test('no workflow command from log values on stdout; zero-width characters shown as escapes in the summary', async () => {
    const run = await runAction({ source: hostileFixture() });
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => f.user).sort()).toEqual(['  ::error::x', '#1', '::add-mask::secret', '@octocat', 'zero\u200Bwidth']);
    // The only command lines are the action's own, produced by setFailed (src/workflow-commands.ts, as @actions/core writes it), with our wording.
    expect(commandLines(run.stdout)).toEqual(['::error::Denied Bedrock invocations exceed the threshold: 5 events > 0.']);
    expect(run.stdout).not.toContain('##[');
    // The hostile values are in the log, readable and inert.
    const log = run.stdout.split('\n');
    expect(log).toContainEqual(expect.stringMatching(/^ {2}\\u003a:add-mask::secret +1 /));
    expect(log).toContainEqual(expect.stringMatching(/^ {4}\\u003a:error::x +1 .* #\\u0023\[error\]pwned +203\.0\.113\.7$/));
    expect(log).toContainEqual(expect.stringMatching(/^ {2}zero\\u200bwidth +1 .* #\\u0023\[add-mask\]m +\\u003a:warning::ip$/));
    expect(run.stdout).not.toMatch(/[\u200B\uFEFF]/);

    // Summary: the zero-width characters are visible escapes inside the code element, never raw in any code.
    expect(run.summary).toContain('<code>Boto3/1.35&#92;u200b.36 md/&#92;ufeffBotocore</code>');
    expect(run.summary).toContain('<code>zero&#92;u200bwidth</code>');
    expect(run.summary).not.toContain('\uFEFF');
    for (const code of run.summary.match(/<code>[^]*?<\/code>/g) ?? []) expect(code).not.toContain('\u200B');
    expect(run.summary).toContain('<code>&#64;octocat</code>');
    expect(run.summary).toContain('<code>&#35;1</code>');
    expect(run.summary).toContain('<code>https&#58;//evil.example/model</code>');
  });

  test('a user agent copied from the summary into a suppress rule matches', async () => {
    const fixture = hostileFixture();
    const first = await runAction({ source: fixture, 'fail-on-threshold': 'false' });
    const codes = (first.summary.match(/<code>[^<]*<\/code>/g) ?? []).map((c) => decodeEntities(c.slice('<code>'.length, -'</code>'.length)));
    const copied = codes.find((c) => c.startsWith('curl/'));
    expect(copied).toBe(COPYABLE_UA);
    const second = await runAction({ source: fixture, 'fail-on-threshold': 'false', suppress: `user_agent="${copied}"` });
    expect(second.report!.suppressed).toEqual([{ rule: `user_agent="${COPYABLE_UA}"`, count: 1 }]);
    expect(second.report!.findings.map((f) => f.user)).not.toContain('@octocat');
  });
});
