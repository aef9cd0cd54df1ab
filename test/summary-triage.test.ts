/** The triage parts of the job summary: owned suppressions, deny reasons, baseline split, per-user context; hostile values stay inert. */
import { describe, expect, test } from '@jest/globals';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { baselineLine, denyReasonsLine, ownedSuppressions, renderSummary, SUMMARY_LIMIT_BYTES, userContextSections } from '../src/report/summary.js';
import { finding, scanReport } from './helpers/report.js';

const HOSTILE = '"]]) click A href "javascript:alert(1)" %%{init}%% @octocat <img src=x onerror=alert(1)>\n## injected';

function denied(user: string, i: number, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    errorCode: 'AccessDenied',
    errorMessage: 'User: x is not authorized because no identity-based policy allows the bedrock:InvokeModel action',
    eventTime: `2026-11-26T09:${String(i % 60).padStart(2, '0')}:00Z`,
    sourceIPAddress: HOSTILE,
    awsRegion: 'us-east-1',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::1:assumed-role/R/${HOSTILE}`, accessKeyId: 'ASIA"><b>x</b>', userName: user, sessionContext: { attributes: { mfaAuthenticated: HOSTILE } } },
    requestParameters: { modelId: HOSTILE },
    ...extra
  };
}

describe('triage summary', () => {
  test('hostile user names, addresses, session names and keys never become markup, mentions or links', () => {
    const d = new DeniedInvocations({ eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false });
    d.observe(denied(HOSTILE, 1));
    d.observe({ ...denied(HOSTILE, 2), errorCode: undefined, errorMessage: undefined, eventTime: '2026-11-26T10:00:00Z' });
    const result = d.result();
    const html = userContextSections({ userContext: result.userContext }, 100_000);
    expect(html).toContain('🚨');
    expect(html).not.toMatch(/<img|<b>|href="javascript|@octocat|\n## injected/);
    expect(html).not.toContain('<a '); // the malformed access key gives no event-history link
    const full = renderSummary(scanReport(result.findings, { userContext: result.userContext }), '/tmp/r.json');
    expect(full).not.toMatch(/<img|<b>x|href="javascript|@octocat|\n## injected/);
  });

  test('owned suppressions: expired and stale flagged; hostile reason and owner inert', () => {
    const text = ownedSuppressions({
      suppressed: [
        { rule: 'user=a', count: 3, owner: '@platform-team', reason: '<script>x</script>', expires: '2027-01-01', expired: false, location: 'f.yml:2' },
        { rule: 'user=b', count: 0, owner: 'o', reason: 'r', expires: '2020-01-01', expired: true, location: 'f.yml:6' },
        { rule: 'user=c', count: 0, owner: 'o', reason: 'r', expires: null, expired: false, location: 'f.yml:9' },
        { rule: 'inline=1', count: 1 }
      ]
    });
    expect(text).toContain('`suppressions-file` left 3 matching events out of the findings (1 expired rule, 1 stale rule).');
    expect(text).not.toMatch(/<script>|@platform-team/);
    expect(text).not.toContain('inline=1');
    expect(text.match(/<tr>/g)).toHaveLength(4);
  });

  test('deny reasons and baseline lines', () => {
    const report = scanReport([finding({ count: 2 }), finding({ user: 'b', deny_reason: 'scp', count: 1 })], {});
    report.threshold.countDenyReasons = ['scp'];
    expect(denyReasonsLine(report)).toBe(
      '\n**Why denied** (from each errorMessage):\n\n<table>\n<tr><th>Deny reason</th><th>Denied calls</th><th>Counted by the threshold</th></tr>\n' +
        '<tr><td><code>scp</code></td><td>1</td><td>yes</td></tr>\n<tr><td><code>no-identity-allow</code></td><td>2</td><td>no</td></tr>\n</table>\n'
    );
    expect(baselineLine({ baseline: { path: 'b.json', known: 5, new: 2, newFindings: 1, newFingerprints: [], updated: { fingerprints: 9, added: 2 } } })).toBe(
      '\n**Baseline** <code>b.json</code>: 🆕 2 new denied calls in 1 finding, 5 known calls (only new calls count towards the threshold). Baseline updated: 9 fingerprints (2 added).\n'
    );
  });

  test('thousands of users stay within the summary budget', () => {
    const d = new DeniedInvocations({ eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false });
    for (let i = 0; i < 6000; i++) d.observe(denied(`user-${i}-${'x'.repeat(200)}`, i, { sourceIPAddress: `10.0.${i % 250}.${i % 200}` }));
    const result = d.result();
    const summary = renderSummary(scanReport(result.findings, { userContext: result.userContext }), '/tmp/r.json');
    expect(Buffer.byteLength(summary)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(summary).toMatch(/_[\d,]+ more users in the report file\._/);
  });
});
