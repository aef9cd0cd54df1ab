import { describe, expect, test } from '@jest/globals';
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../src/report/summary.js';
import { buildReport } from '../src/report/json-report.js';
import { renderLog } from '../src/report/log.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import type { ScanReport } from '../src/report/types.js';
import { fixtureRecords } from './helpers/fixtures.js';

function reportOf(records: Record<string, unknown>[], failed: { file: string; error: string }[] = []): ScanReport {
  const selection = { eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false };
  const d = new DeniedInvocations(selection);
  records.forEach((r) => d.observe(r));
  const detection = d.result();
  return buildReport({
    selection,
    sources: [{ kind: 'local', location: 'logs/', details: {} }],
    totals: { files: 3, filesSkipped: 1, filesFailed: failed, filesDuplicate: 0, records: records.length, bytes: 2_500_000, formats: { 'records-envelope': 2, digest: 1 } },
    detection,
    threshold: { value: 0, by: 'events', observed: detection.matched, exceeded: detection.matched > 0 },
    durationMs: 1234,
    peakRssBytes: 50_000_000,
    now: new Date('2026-11-27T00:00:00Z')
  });
}

describe('job summary', () => {
  test('verdict, figures, by-user table, failures', () => {
    const report = reportOf(fixtureRecords('identity-types.json'), [{ file: 'logs/bad.json.gz', error: 'not gzip: incorrect header check' }]);
    const summary = renderSummary(report, '/tmp/r.json');
    expect(summary).toContain('🔴 **Threshold exceeded** (6 events &gt; 0): 6 denied calls by 6 users in 6 findings · ⚠️ **Incomplete scan**: 1 file could not be scanned');
    expect(summary).toContain('<tr><td>3</td><td>6</td><td>2.5</td><td>1.23</td><td>1</td><td>1</td><td>all events</td></tr>');
    expect(summary).toContain('<tr><td><code>logs/bad.json.gz</code></td><td>not gzip: incorrect header check</td></tr>');
    // Five columns without a baseline; source IPs, user agents, accounts and regions are in the user's section.
    expect(summary).toContain('<tr><th>User</th><th>Denied calls</th><th>First / last seen (UTC)</th><th>Models</th><th>Deny reasons</th></tr>');
    expect(summary).toContain('<tr><td><em>none</em></td><td>1</td><td>2026-11-26T12:00:00</td><td><code>us.anthropic.claude-3-5-haiku-20241022-v1:0</code></td><td><code>model-access</code> 1</td></tr>');
    expect(summary).toContain(
      '<tr><td>Source IPs</td><td><code>bedrock.amazonaws.com</code> (aws-internal)</td></tr>\n<tr><td>User agents</td><td><code>bedrock.amazonaws.com</code></td></tr>\n<tr><td>Accounts</td><td><code>444455556666</code></td></tr>\n<tr><td>Regions</td><td><code>us-east-1</code></td></tr>'
    );
    expect(summary).toContain('Full report: `/tmp/r.json`');
  });

  test('links from the publish stage are added as safe links, and the warnings and rare figures of a source are shown', () => {
    const report = reportOf(fixtureRecords('identity-types.json'));
    report.links = { artifactUrl: 'https://github.com/o/r/actions/runs/7/artifacts/9', issueUrl: 'https://github.com/o/r/issues/5', commentUrl: 'javascript:alert(1)' };
    report.scan.sources = [
      { kind: 's3', location: 's3://b/logs/', details: { objectsListed: 4, objectsRead: 3, retries: 0, resumes: 2, prefixesNotListed: 1, layout: 'flat', warnings: ['s3://b/logs/: no CloudTrail layout <b>found</b>'] } }
    ];
    const summary = renderSummary(report, '/tmp/r.json');
    expect(summary).toContain(
      'Full report: `/tmp/r.json` · <a href="https://github.com/o/r/actions/runs/7/artifacts/9">report artifact</a> · <a href="https://github.com/o/r/issues/5">findings issue</a>\n'
    );
    expect(summary).not.toContain('javascript');
    expect(summary).toContain(
      'Scanned <code>s3&#58;//b/logs/</code> (s3): 4 objects listed, 3 objects read, 1 prefix that could not be listed, 0 retries, 2 downloads resumed, no CloudTrail layout found: every object under the prefix was listed, and files delivered outside the window were skipped\n- ⚠️ s3:\u200B//b/logs/: no CloudTrail layout &lt;b&gt;found&lt;/b&gt;'
    );
  });

  test('a clean scan says so', () => {
    const summary = renderSummary(reportOf([]), '/tmp/r.json');
    expect(summary).toContain('🟢 **Within threshold** (0 events, threshold 0): 0 denied calls by 0 users in 0 findings');
    expect(summary).toContain('No denied invocations matched.');
    expect(summary).not.toContain('<details>');
  });

  test('a huge report stays under GitHub\'s 1 MiB limit and says what was left out', () => {
    const base = fixtureRecords('identity-types.json')[0]!;
    const records = Array.from({ length: 5000 }, (_, i) => ({
      ...base,
      userIdentity: { type: 'IAMUser', userName: `user-${i}-${'x'.repeat(200)}`, accountId: '111122223333' },
      userAgent: `<b>${'u'.repeat(2000)}</b> ${i}`,
      errorMessage: `${'|'.repeat(1500)} ${i}`
    }));
    const report = reportOf(records);
    const summary = renderSummary(report, '/tmp/r.json');
    expect(Buffer.byteLength(summary)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    // Every table row is whole: nothing cut mid-row.
    for (const line of summary.split('\n').filter((l) => l.startsWith('<tr>'))) expect(line.endsWith('</tr>')).toBe(true);
    expect(summary).toMatch(/_[\d,]+ more users in the report file\._/);
    expect(summary).toMatch(/_[\d,]+ more rows in the report file\._/);
  });

  test('the budget is in UTF-8 bytes: three-byte characters cannot push it over 1 MiB', () => {
    const base = fixtureRecords('identity-types.json')[0]!;
    const records = Array.from({ length: 3000 }, (_, i) => ({
      ...base,
      userIdentity: { type: 'IAMUser', userName: `利用者-${i}-${'界'.repeat(100)}`, accountId: '111122223333' },
      userAgent: '語'.repeat(300),
      errorMessage: `${'拒'.repeat(700)} ${i}`
    }));
    const summary = renderSummary(reportOf(records), '/tmp/r.json');
    expect(Buffer.byteLength(summary)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(500 * 1024); // the budget is used, not wasted
  });

  test('the log view', () => {
    const log = renderLog(reportOf(fixtureRecords('identity-types.json')));
    expect(log.split('\n').slice(0, 4)).toEqual([
      'Scanned 3 files (1 skipped, 0 failed), 6 records, 2.5 MB in 1.23 s.',
      '6 denied InvokeModel calls by 6 users in 6 findings; threshold events > 0: EXCEEDED (observed 6).',
      '',
      'Denied Bedrock invocations by user:'
    ]);
    expect(log).toMatch(/^ {2}ci-deployer +1 +2026-11-26T08:15:02 +2026-11-26T08:15:02 +anthropic\.claude-3-5-sonnet-20240620-v1:0 +203\.0\.113\.10$/m);
  });

  test('values in <code> carry no zero-width spaces; zero-width characters from the logs are shown as escapes', () => {
    const base = fixtureRecords('identity-types.json')[0]!;
    const record = {
      ...base,
      userIdentity: { type: 'IAMUser', userName: '@octocat', accountId: '111122223333' },
      userAgent: 'curl/8.5\u200B.0\uFEFF #1 https://x.example/a',
      errorMessage: 'denied\u2060 see #2 and @org/team'
    };
    const report = reportOf([record]);
    report.suppressed = [{ rule: 'user=@org/* user_agent="curl/*#1*"', count: 0 }];
    const summary = renderSummary(report, '/tmp/r.json');
    expect(summary).toContain('<td><code>curl/8.5&#92;u200b.0&#92;ufeff &#35;1 https&#58;//x.example/a</code></td>');
    expect(summary).toContain('<tr><td><code>&#64;octocat</code></td>');
    expect(summary).toContain('(<code>user=&#64;org/&#42; user&#95;agent=&quot;curl/&#42;&#35;1&#42;&quot;</code>: 0)');
    // The error message (Splunk's result) is shown as code too, in the Splunk rows.
    expect(summary).toContain('<td><code>denied&#92;u2060 see &#35;2 and &#64;org/team</code></td>');
    expect(summary).not.toMatch(/\u200C|\u200D|\u2060|\uFEFF/);
    for (const code of summary.match(/<code>[^]*?<\/code>/g) ?? []) expect(code).not.toContain('\u200B');
  });
});

describe('formatCount', () => {
  test("writes numbers exactly as toLocaleString('en-US') does", async () => {
    const { formatCount } = await import('../src/report/html.js');
    const values = [0, 1, -1, 7, 12, 999, 1000, -1000, 1001, 9999, 10000, 123456, 999999, 1000000, 1234567, -7654321, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1, 0.5, 1234.5678, -0, NaN, Infinity, 2 ** 60];
    for (const n of values) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
