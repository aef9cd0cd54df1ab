import { describe, expect, test } from '@jest/globals';
import { runAction } from './helpers/run-action.js';

const SAMPLE = '__fixtures__/sample-export';

describe('node dist/index.js, as the runner runs it', () => {
  test('the sample export: findings, outputs, summary, report, exit 1 on threshold', async () => {
    const run = await runAction({ source: SAMPLE });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({
      'denied-count': '8',
      'findings-count': '7',
      'user-count': '2',
      'threshold-exceeded': 'true',
      'report-path': run.reportPath,
      'files-scanned': '4',
      'records-scanned': '15',
      'files-failed': '0',
      'scan-complete': 'true'
    });
    const report = run.report!;
    expect(report.schemaVersion).toBe(1);
    expect(report.detection).toMatchObject({ id: 'c53a8e62-f741-11ee-9f6e-acde48001122', name: 'AWS Bedrock Invoke Model Access Denied', mitreAttack: ['T1078', 'T1550'] });
    expect(report.scan).toMatchObject({ files: 4, filesSkipped: 1, filesFailed: [], records: 15, complete: true });
    expect(report.threshold).toEqual({ value: 0, by: 'events', observed: 8, exceeded: true });
    expect(report.findings.map((f) => [f.user, f.count, f.firstTime, f.lastTime, f.vendor_region, f.modelIds.join(' ')])).toEqual([
      ['build-bot', 2, '2026-11-26T09:01:20', '2026-11-26T09:01:25', 'us-east-1', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['build-bot', 1, '2026-11-26T22:10:04', '2026-11-26T22:10:04', 'us-west-2', 'mistral.mistral-large-2402-v1:0'],
      ['build-bot', 1, '2026-11-26T22:10:02', '2026-11-26T22:10:02', 'us-west-2', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['build-bot', 1, '2026-11-26T14:06:30', '2026-11-26T14:06:30', 'us-east-1', 'amazon.titan-text-premier-v1:0'],
      ['AnalystRole', 1, '2026-11-26T14:03:10', '2026-11-26T14:03:10', 'us-east-1', 'cohere.command-r-plus-v1:0'],
      ['build-bot', 1, '2026-11-26T09:01:22', '2026-11-26T09:01:22', 'us-east-1', 'meta.llama3-70b-instruct-v1:0'],
      ['build-bot', 1, '2026-11-26T09:01:21', '2026-11-26T09:01:21', 'us-east-1', 'anthropic.claude-3-opus-20240229-v1:0']
    ]);
    expect(report.findings[0]).toEqual({
      src: '185.220.101.47',
      user: 'build-bot',
      user_agent: 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.35.36',
      vendor_account: '111122223333',
      vendor_product: 'AWS CloudTrail',
      dest: 'bedrock.amazonaws.com',
      signature: 'InvokeModel',
      vendor_region: 'us-east-1',
      result:
        'User: arn:aws:iam::111122223333:user/build-bot is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
      result_id: 'AccessDenied',
      count: 2,
      firstTime: '2026-11-26T09:01:20',
      lastTime: '2026-11-26T09:01:25',
      modelIds: ['anthropic.claude-3-5-sonnet-20240620-v1:0'],
      // Not a Splunk field: classified from result, beside the ten.
      deny_reason: 'no-identity-allow'
    });
    expect(report.nearMisses).toEqual([
      { reason: 'errorCode=AccessDeniedException', count: 1, include: 'error-codes: AccessDenied,AccessDeniedException' },
      { reason: 'eventName=Converse', count: 1, include: 'event-names: InvokeModel,Converse' }
    ]);
    expect(run.summary).toContain('🔴 **Threshold exceeded** (8 events &gt; 0): 8 denied calls by 2 users in 7 findings');
    expect(run.summary).toContain('### Denied Bedrock invocations by user');
    expect(run.summary).toContain('<tr><td><code>AnalystRole</code></td><td>1</td><td>2026-11-26T14:03:10</td><td><code>cohere.command-r-plus-v1:0</code></td><td><code>scp</code> 1</td></tr>');
    expect(run.summary).toContain('<details><summary>All 7 findings as Splunk rows</summary>');
    expect(run.stdout).toContain('::error::Denied Bedrock invocations exceed the threshold: 8 events > 0.');
  });

  test('fail-on-threshold false reports the breach without failing', async () => {
    const run = await runAction({ source: SAMPLE, 'fail-on-threshold': 'false' });
    expect(run.code).toBe(0);
    expect(run.outputs['threshold-exceeded']).toBe('true');
  });

  test.each([
    ['events', '8', 0, '8'],
    ['events', '7', 1, '8'],
    ['findings', '7', 0, '7'],
    ['findings', '6', 1, '7'],
    ['users', '2', 0, '2'],
    ['users', '1', 1, '2']
  ])('threshold-by %s, threshold %s → exit %i', async (by, threshold, code, observed) => {
    const run = await runAction({ source: SAMPLE, 'threshold-by': by, threshold });
    expect(run.code).toBe(code);
    expect(run.report!.threshold).toEqual({ value: Number(threshold), by, observed: Number(observed), exceeded: code === 1 });
  });

  test('corrupt and truncated files are named, everything else is scanned, exit 2', async () => {
    const run = await runAction({ source: `${SAMPLE}\n__fixtures__/formats/corrupt.json.gz\n__fixtures__/formats/truncated.json`, threshold: '100' });
    expect(run.code).toBe(2);
    expect(run.outputs['scan-complete']).toBe('false');
    expect(run.outputs['files-failed']).toBe('2');
    expect(run.outputs['denied-count']).toBe('8');
    expect(run.report!.scan.filesFailed.map((f) => f.file)).toEqual(['__fixtures__/formats/corrupt.json.gz', '__fixtures__/formats/truncated.json']);
    expect(run.report!.scan.complete).toBe(false);
    expect(run.summary).toContain('⚠️ **Incomplete scan**: 2 files could not be scanned');
    expect(run.summary).toContain('<code>&#95;&#95;fixtures&#95;&#95;/formats/corrupt.json.gz</code>');
    expect(run.stdout).toMatch(/::warning title=bedrock-denied-scan%3A file not scanned::Could not scan __fixtures__\/formats\/corrupt\.json\.gz: /);
    expect(run.stdout).toContain('::error::Incomplete scan: 2 file(s) could not be scanned');
  });

  test('allow-incomplete accepts a partial scan; a breach still exits 1 over an incomplete scan', async () => {
    const partial = await runAction({ source: `${SAMPLE}\n__fixtures__/formats/corrupt.json.gz`, threshold: '100', 'allow-incomplete': 'true' });
    expect(partial.code).toBe(0);
    expect(partial.outputs['scan-complete']).toBe('false');
    const breach = await runAction({ source: `${SAMPLE}\n__fixtures__/formats/corrupt.json.gz` });
    expect(breach.code).toBe(1);
  });

  test('suppress rules leave known-good activity out, counted per rule in the report, summary and log', async () => {
    const run = await runAction({ source: SAMPLE, suppress: 'user=AnalystRole\nuser=build-bot vendor_region=us-west-2\nuser=retired-canary' });
    expect(run.code).toBe(1);
    expect(run.outputs['denied-count']).toBe('5');
    expect(run.report!.suppressed).toEqual([
      { rule: 'user=AnalystRole', count: 1 },
      { rule: 'user=build-bot vendor_region=us-west-2', count: 2 },
      { rule: 'user=retired-canary', count: 0 }
    ]);
    expect(run.report!.selection.suppress).toEqual(['user=AnalystRole', 'user=build-bot vendor_region=us-west-2', 'user=retired-canary']);
    expect(run.report!.findings.every((f) => f.user === 'build-bot' && f.vendor_region === 'us-east-1')).toBe(true);
    expect(run.summary).toContain('`suppress` left 3 matching events out of the findings (<code>user=AnalystRole</code>: 1 · <code>user=build-bot vendor&#95;region=us-west-2</code>: 2 · <code>user=retired-canary</code>: 0).');
    expect(run.stdout).toContain("suppressed by 'user=retired-canary': 0");
    const bad = await runAction({ source: SAMPLE, suppress: 'username=x' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("::error::Input 'suppress': unknown field 'username'");
  });

  test('configuration errors exit 2 and name the input', async () => {
    const badInput = await runAction({ source: SAMPLE, 'threshold-by': 'bytes' });
    expect(badInput.code).toBe(2);
    expect(badInput.stdout).toContain("::error::Input 'threshold-by' must be one of events, findings, users; got 'bytes'.");
    const noMatch = await runAction({ source: '__fixtures__/does-not-exist/*.json.gz' });
    expect(noMatch.code).toBe(2);
    // A line matching nothing is a named gap in the scan (exit 2 as incomplete), not a reason to write nothing.
    expect(noMatch.stdout).toContain("Could not scan __fixtures__/does-not-exist/*.json.gz: no files match '__fixtures__/does-not-exist/*.json.gz'");
    expect(noMatch.stdout).toContain('::error::Incomplete scan: 1 file(s) could not be scanned');
    expect(noMatch.report!.scan.filesFailed).toEqual([{ file: '__fixtures__/does-not-exist/*.json.gz', error: "no files match '__fixtures__/does-not-exist/*.json.gz'" }]);
    const noSource = await runAction({ source: '' });
    expect(noSource.code).toBe(2);
    expect(noSource.stdout).toContain("::error::Input 'source' is required");
  });

  test('hostile strings stay inert in the summary and cannot inject workflow commands in the log', async () => {
    const run = await runAction({ source: '__fixtures__/hostile-strings.json', 'fail-on-threshold': 'false' });
    expect(run.code).toBe(0);
    expect(run.report!.findings[0]!.user_agent).toBe('<img src=x onerror=alert(1)> | @org/team [x](https://evil.example)\n| injected | row |');
    expect(run.summary).not.toContain('<img');
    expect(run.summary).not.toContain('<script');
    expect(run.summary).not.toContain('<b>');
    // The only links are our own (MITRE ATT&CK), none built from log data.
    expect(run.summary.match(/\]\([^)]*\)/g)).toEqual(['](https://attack.mitre.org/techniques/T1078/)', '](https://attack.mitre.org/techniques/T1550/)']);
    expect(run.summary).not.toMatch(/@(org|octocat)/);
    expect(run.summary).not.toContain('https://evil');
    expect(run.summary).not.toContain('`code`');
    expect(run.summary).toContain('<code>&lt;img src=x onerror=alert&#40;1&#41;&gt; &#124; &#64;org/team &#91;x&#93;&#40;https&#58;//evil.example&#41;&#92;n&#124; injected &#124; row &#124;</code>');
    // Every table row stays on one line: the newline in the user agent did not split it.
    for (const line of run.summary.split('\n').filter((l) => l.startsWith('<tr>'))) expect(line.endsWith('</tr>')).toBe(true);
    expect(run.stdout.split('\n').some((l) => /^::(add-mask|error)::(injected|secret)/.test(l))).toBe(false);
  });
});
