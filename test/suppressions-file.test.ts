/** suppressions-file: owned, reasoned, expiring rules; CIDR src; deny_reason; errors name the line. */
import { describe, expect, test } from '@jest/globals';
import { parseSuppressionsFile } from '../src/detection/suppressions-file.js';
import { CidrPattern, matchingRule, ruleFromPlain, ruleToPlain } from '../src/detection/suppress.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import type { CimFields } from '../src/detection/types.js';
import { ConfigError } from '../src/errors.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const FILE = `# reviewed like code
suppressions:
  - match: { user: ci-deployer, src: 10.20.0.0/16 }   # all conditions must hold
    reason: deploy pipeline probes model access after each rollout
    owner: platform-team
    expires: 2027-03-31
  - match: { user_agent: "Terraform/*", deny_reason: model-access }
    reason: model access requests are pending
    owner: ml-infra
  - match:
      vendor_account: "012345678901"
      modelId: anthropic.*
    reason: old sandbox
    owner: sec-team
    expires: 2026-11-26
  - match: { src: "2001:db8::/32" }
    reason: lab range
    owner: lab
    expires: 2026-11-27
`;

const fields = (over: Partial<CimFields> = {}): CimFields => ({
  src: '10.20.3.4',
  user: 'ci-deployer',
  user_agent: 'Boto3/1.35',
  vendor_account: '111122223333',
  vendor_product: 'AWS CloudTrail',
  dest: 'bedrock.amazonaws.com',
  signature: 'InvokeModel',
  vendor_region: 'us-east-1',
  result: "You don't have access to the model with the specified model ID.",
  result_id: 'AccessDenied',
  ...over
});

describe('parseSuppressionsFile', () => {
  const rules = parseSuppressionsFile(FILE, '.github/bedrock-suppressions.yml', NOW);

  test('rules with their text, owner, reason, expiry, expired flag and line', () => {
    expect(rules.map((r) => [r.text, r.ownership])).toEqual([
      ['user=ci-deployer src=10.20.0.0/16', { reason: 'deploy pipeline probes model access after each rollout', owner: 'platform-team', expires: '2027-03-31', expired: false, location: '.github/bedrock-suppressions.yml:3' }],
      ['user_agent=Terraform/* deny_reason=model-access', { reason: 'model access requests are pending', owner: 'ml-infra', expires: null, expired: false, location: '.github/bedrock-suppressions.yml:7' }],
      ['vendor_account=012345678901 modelId=anthropic.*', { reason: 'old sandbox', owner: 'sec-team', expires: '2026-11-26', expired: true, location: '.github/bedrock-suppressions.yml:10' }],
      // Suppresses through its expiry day (UTC).
      ['src=2001:db8::/32', { reason: 'lab range', owner: 'lab', expires: '2026-11-27', expired: false, location: '.github/bedrock-suppressions.yml:16' }]
    ]);
    expect(rules[0]!.conditions[1]!.pattern).toBeInstanceOf(CidrPattern);
  });

  test('CIDR for src (IPv4 and IPv6); a hostname or another family never matches', () => {
    expect(matchingRule(rules, fields(), null)?.text).toBe('user=ci-deployer src=10.20.0.0/16');
    expect(matchingRule(rules, fields({ src: '10.21.0.1' }), null)).toBeUndefined();
    expect(matchingRule(rules, fields({ src: 'bedrock.amazonaws.com' }), null)).toBeUndefined();
    expect(matchingRule(rules, fields({ user: 'x', src: '2001:db8:1::9' }), null)?.text).toBe('src=2001:db8::/32');
    expect(matchingRule(rules, fields({ user: 'x', src: '2001:db9::1' }), null)).toBeUndefined();
  });

  test('deny_reason is matched on the classification of result, case-insensitively with wildcards', () => {
    const tf = fields({ user: 'TerraformRole', src: '192.0.2.44', user_agent: 'terraform/1.9.5 (+https://www.terraform.io)' });
    expect(matchingRule(rules, tf, null)?.text).toBe('user_agent=Terraform/* deny_reason=model-access');
    expect(matchingRule(rules, { ...tf, result: 'User: x is not authorized ... with an explicit deny in a service control policy' }, null)).toBeUndefined();
  });

  test('an expired rule no longer suppresses', () => {
    expect(matchingRule(rules, fields({ user: 'x', src: '1.1.1.1', vendor_account: '012345678901' }), 'anthropic.claude')).toBeUndefined();
  });

  test('rules cross a worker boundary as plain data and match the same', () => {
    const back = rules.map((r) => ruleFromPlain(structuredClone(ruleToPlain(r))));
    expect(back.map((r) => [r.text, r.ownership, r.conditions.map((c) => c.pattern.source)])).toEqual(rules.map((r) => [r.text, r.ownership, r.conditions.map((c) => c.pattern.source)]));
    expect(matchingRule(back, fields(), null)?.text).toBe('user=ci-deployer src=10.20.0.0/16');
  });

  test('the report entry of each rule carries reason, owner, expires, expired and location; stale rules count 0', () => {
    const detector = new DeniedInvocations({ eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false, suppress: rules });
    detector.observe({
      eventSource: 'bedrock.amazonaws.com',
      eventName: 'InvokeModel',
      errorCode: 'AccessDenied',
      eventTime: '2026-11-26T12:00:00Z',
      sourceIPAddress: '10.20.9.9',
      userIdentity: { type: 'IAMUser', userName: 'ci-deployer', accountId: '111122223333' },
      errorMessage: 'User: x is not authorized because no identity-based policy allows the bedrock:InvokeModel action'
    });
    const result = detector.result();
    expect(result.matched).toBe(0);
    expect(result.suppressed).toEqual([
      { rule: 'user=ci-deployer src=10.20.0.0/16', count: 1, reason: 'deploy pipeline probes model access after each rollout', owner: 'platform-team', expires: '2027-03-31', expired: false, location: 'f.yml:3' },
      { rule: 'user_agent=Terraform/* deny_reason=model-access', count: 0, reason: 'model access requests are pending', owner: 'ml-infra', expires: null, expired: false, location: 'f.yml:7' },
      { rule: 'vendor_account=012345678901 modelId=anthropic.*', count: 0, reason: 'old sandbox', owner: 'sec-team', expires: '2026-11-26', expired: true, location: 'f.yml:10' },
      { rule: 'src=2001:db8::/32', count: 0, reason: 'lab range', owner: 'lab', expires: '2026-11-27', expired: false, location: 'f.yml:16' }
    ].map((e) => ({ ...e, location: e.location.replace('f.yml', '.github/bedrock-suppressions.yml') })));
  });

  test('an empty file or an empty list has no rules', () => {
    expect(parseSuppressionsFile('', 'f.yml', NOW)).toEqual([]);
    expect(parseSuppressionsFile('suppressions:\n', 'f.yml', NOW)).toEqual([]);
    expect(parseSuppressionsFile('suppressions: []\n', 'f.yml', NOW)).toEqual([]);
  });
});

describe('a malformed file is a configuration error naming the line', () => {
  test.each([
    ['suppressions:\n  - match: { user: a\n    reason: r\n', /^Input 'suppressions-file': f\.yml line \d+: not valid YAML/],
    ['suppressions:\n  - match: { user: a }\n    owner: o\n', /^Input 'suppressions-file': f\.yml line 2: a rule needs a non-empty 'reason'$/],
    ['suppressions:\n  - match: { user: a }\n    reason: r\n', /line 2: a rule needs a non-empty 'owner'$/],
    ['suppressions:\n  - match: { user: a }\n    reason: r\n    owner: ""\n', /line 2: a rule needs a non-empty 'owner'$/],
    ['suppressions:\n  - reason: r\n    owner: o\n', /line 2: a rule needs 'match' with at least one field$/],
    ['suppressions:\n  - reason: r\n    owner: o\n    match: {}\n', /line 2: a rule needs 'match' with at least one field$/],
    ['suppressions:\n  - match:\n      user: a\n      usr: b\n    reason: r\n    owner: o\n', /line 4: unknown field 'usr'; use one of src, user, /],
    ['suppressions:\n  - match: { user: a }\n    reason: r\n    owner: o\n    ttl: 3d\n', /line 5: unknown key 'ttl' in a rule; use match, reason, owner, expires$/],
    ['suppressions:\n  - match: { user: a }\n    reason: r\n    owner: o\n    expires: next week\n', /line 2: 'expires' must be a date YYYY-MM-DD, got 'next week'$/],
    ['suppressions:\n  - match: { user: a }\n    reason: r\n    owner: o\n    expires: 2027-02-30\n', /line 2: 'expires' must be a date YYYY-MM-DD, got '2027-02-30'$/],
    ['suppressions:\n  - match: { src: 10.0.0.0/33 }\n    reason: r\n    owner: o\n', /line 2: '10\.0\.0\.0\/33' is not a CIDR block/],
    ['suppressions:\n  - match: { deny_reason: scpp }\n    reason: r\n    owner: o\n', /line 2: unknown deny_reason 'scpp'; use one of scp, rcp/],
    ['suppressions:\n  - match: { user: [a, b] }\n    reason: r\n    owner: o\n', /line 2: the value of 'user' must be text$/],
    ['rules:\n  - match: { user: a }\n', /line 1: unknown key 'rules'; the file has one key, 'suppressions'$/],
    ['- match: { user: a }\n', /line 1: expected a mapping with a 'suppressions' list$/],
    ['suppressions:\n  user: a\n', /line 2: 'suppressions' must be a list of rules$/],
    ['suppressions:\n  - just text\n', /line 2: each rule must be a mapping/],
    ['suppressions:\n  - match: { user: a, user: b }\n    reason: r\n    owner: o\n', /line 2: not valid YAML: Map keys must be unique/]
  ])('%#', (text, message) => {
    let error: unknown;
    try {
      parseSuppressionsFile(text, 'f.yml', NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
