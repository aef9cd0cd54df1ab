/** deny_reason: every reason from the real errorMessage shapes, malformed messages, and never a split Splunk row. */
import { describe, expect, test } from '@jest/globals';
import { DENY_REASONS, denyReasonCounts, denyReasonOf, parseDenyReasons } from '../src/detection/deny-reason.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import type { CloudTrailRecord } from '../src/decode/types.js';

const head = 'User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0';

describe('denyReasonOf', () => {
  test.each([
    [`${head} with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-abc`, 'scp'],
    [`${head} with an explicit deny in a service control policy`, 'scp'],
    [`${head} because no service control policy allows the bedrock:InvokeModel action`, 'scp'],
    [`${head} with an explicit deny in a resource control policy`, 'rcp'],
    [`${head} with an explicit deny in an identity-based policy`, 'identity-explicit-deny'],
    [`${head} with an explicit deny in a resource-based policy`, 'resource-explicit-deny'],
    [`${head} with an explicit deny in a permissions boundary`, 'permissions-boundary'],
    [`${head} because no permissions boundary allows the bedrock:InvokeModel action`, 'permissions-boundary'],
    [`${head} with an explicit deny in a session policy`, 'session-policy'],
    [`${head} because no session policy allows the bedrock:InvokeModel action`, 'session-policy'],
    [`${head} because no identity-based policy allows the bedrock:InvokeModel action`, 'no-identity-allow'],
    ["You don't have access to the model with the specified model ID.", 'model-access'],
    [
      'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
      'marketplace'
    ],
    [`User: arn:aws:iam::1:user/x is not authorized to perform: aws-marketplace:Subscribe`, 'marketplace'],
    // Case and whitespace do not matter.
    [`${head}  WITH AN EXPLICIT DENY IN A\nSERVICE CONTROL POLICY`, 'scp'],
    ["YOU DON'T HAVE ACCESS TO THE MODEL with the specified model ID.", 'model-access']
  ])('%s → %s', (message, reason) => {
    expect(denyReasonOf(message)).toBe(reason);
  });

  test.each([
    [null],
    [''],
    ['Access denied'],
    [`${head} with an explicit deny`], // no policy type
    [`${head} with an explicit deny in a VPC endpoint policy`],
    [`${head} because no resource-based policy allows the bedrock:InvokeModel action`],
    [`${head} because no`], // cut off
    ['<script>alert(1)</script> with an explicit deny in a'],
    ['x'.repeat(9000)]
  ])('malformed or unknown %#: other', (message) => {
    expect(denyReasonOf(message)).toBe('other');
  });

  test('a classification never depends on which policy type is named later in the message', () => {
    // The first "with an explicit deny in" decides; a user name containing policy words does not.
    expect(denyReasonOf('User: arn:aws:iam::1:user/session-policy-tester is not authorized ... with an explicit deny in a service control policy')).toBe('scp');
  });
});

describe('parseDenyReasons and counts', () => {
  const fail = (bad: string) => new Error(`bad ${bad}`);
  test('all or empty means every reason; a list keeps the canonical order; unknown names fail', () => {
    expect(parseDenyReasons([], fail)).toEqual([...DENY_REASONS]);
    expect(parseDenyReasons(['ALL'], fail)).toEqual([...DENY_REASONS]);
    expect(parseDenyReasons(['other', 'SCP', 'scp'], fail)).toEqual(['scp', 'other']);
    expect(() => parseDenyReasons(['scp', 'nope'], fail)).toThrow('bad nope');
  });
  test('counts per reason, every reason listed', () => {
    expect(
      denyReasonCounts([
        { count: 2, deny_reason: 'scp' },
        { count: 3, deny_reason: 'scp' },
        { count: 1, deny_reason: 'other' }
      ])
    ).toEqual({ scp: 5, rcp: 0, 'identity-explicit-deny': 0, 'resource-explicit-deny': 0, 'permissions-boundary': 0, 'session-policy': 0, 'no-identity-allow': 0, 'model-access': 0, marketplace: 0, other: 1 });
  });
});

describe('deny_reason on findings', () => {
  const denied = (errorMessage: string | undefined, user: string): CloudTrailRecord => ({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    errorCode: 'AccessDenied',
    eventTime: '2026-11-26T09:00:00Z',
    sourceIPAddress: '10.0.0.1',
    userAgent: 'Boto3/1.35',
    awsRegion: 'us-east-1',
    userIdentity: { type: 'IAMUser', userName: user, accountId: '111122223333' },
    ...(errorMessage === undefined ? {} : { errorMessage }),
    requestParameters: { modelId: 'm' }
  });

  test('each finding carries its reason; rows are exactly the Splunk rows (one per result), counts unchanged', () => {
    const detector = new DeniedInvocations({ eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false });
    const scp = `${head} with an explicit deny in a service control policy`;
    [denied(scp, 'a'), denied(scp, 'a'), denied("You don't have access to the model with the specified model ID.", 'a'), denied(undefined, 'b')].forEach((r) => detector.observe(r));
    const result = detector.result();
    expect(result.findings.map((f) => [f.user, f.count, f.deny_reason])).toEqual([
      ['a', 2, 'scp'],
      ['a', 1, 'model-access'],
      ['b', 1, 'other']
    ]);
    expect(result.findings.every((f) => f.deny_reason === denyReasonOf(f.result))).toBe(true);
    expect(result.fingerprints).toEqual([
      { user: 'a', vendor_account: '111122223333', src: '10.0.0.1', modelId: 'm', deny_reason: 'model-access', count: 1 },
      { user: 'a', vendor_account: '111122223333', src: '10.0.0.1', modelId: 'm', deny_reason: 'scp', count: 2 },
      { user: 'b', vendor_account: '111122223333', src: '10.0.0.1', modelId: 'm', deny_reason: 'other', count: 1 }
    ]);
  });
});
