/** Who it really is and what they tried next: credential kinds, address kinds, recon, success after denial; exact merges. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { addressKindOf, credentialKindOf, eventHistoryUrl } from '../src/detection/user-context.js';
import type { Selection } from '../src/detection/types.js';
import { fixturePath } from './helpers/fixtures.js';

const records = (JSON.parse(readFileSync(fixturePath('triage-every-deny-reason-and-credential.json'), 'utf8')) as { Records: CloudTrailRecord[] }).Records;
const selection: Selection = { eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false };

describe('classifications', () => {
  test('credential kinds', () => {
    expect(credentialKindOf({ userIdentity: { accessKeyId: 'AKIAEXAMPLE' } })).toBe('long-term-key');
    expect(credentialKindOf({ userIdentity: { accessKeyId: 'ASIAEXAMPLE' } })).toBe('temporary');
    expect(credentialKindOf({ userIdentity: { accessKeyId: 'ASIAEXAMPLE', sessionCredentialFromConsole: 'true' } })).toBe('console');
    expect(credentialKindOf({ userIdentity: { userName: 'BedrockAPIKey_x' } })).toBe('api-key');
    expect(credentialKindOf({ userIdentity: { accessKeyId: 'AKIA1' }, additionalEventData: { callWithBearerToken: true } })).toBe('api-key');
    expect(credentialKindOf({ userIdentity: { type: 'AWSService' } })).toBe('unknown');
    expect(credentialKindOf({})).toBe('unknown');
  });
  test('address kinds', () => {
    expect(['10.1.2.3', '172.31.0.9', '192.168.1.1', '100.64.0.1', '127.0.0.1', 'fd00::1', 'fe80::1', '::1', '::ffff:10.0.0.1'].map(addressKindOf)).toEqual(Array(9).fill('private'));
    expect(['AWS Internal', 'bedrock.amazonaws.com'].map(addressKindOf)).toEqual(['aws-internal', 'aws-internal']);
    expect(['198.51.100.77', '172.32.0.1', '2001:db8::42', '::ffff:8.8.8.8'].map(addressKindOf)).toEqual(Array(4).fill('public'));
    expect(['', 'not an ip', '<img src=x>'].map(addressKindOf)).toEqual(Array(3).fill('unknown'));
  });
  test('event-history links only for well-formed keys and regions (never a hostile string in a URL)', () => {
    expect(eventHistoryUrl('AKIA2N7TQQRGKLEAKED1', 'eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events?AccessKeyId=AKIA2N7TQQRGKLEAKED1');
    expect(eventHistoryUrl('AKIA2N7TQQRGKLEAKED1', 'evil.com/#')).toBe('https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events?AccessKeyId=AKIA2N7TQQRGKLEAKED1');
    expect(eventHistoryUrl('AKIA"><script>', 'us-east-1')).toBeNull();
  });
});

describe('user context from the triage fixture', () => {
  const context = (input: CloudTrailRecord[]) => {
    const d = new DeniedInvocations(selection);
    input.forEach((r) => d.observe(r));
    return d.result().userContext!;
  };

  test('every credential kind, sessions, MFA, addresses; recon counted; success after the first denial flagged and first', () => {
    const users = context(records);
    expect(users.map((u) => [u.user, u.denied, u.credentialKinds, u.succeededAfterDenial.length > 0])).toEqual([
      ['leaked-key-user', 1, ['long-term-key'], true],
      ['ConsoleAdmin', 2, ['console'], false],
      ['DataScienceRole', 2, ['temporary'], false],
      ['ci-deployer', 2, ['long-term-key'], false],
      [null, 1, ['unknown'], false],
      ['BatchJobRole', 1, ['temporary'], false],
      ['BedrockAPIKey_7x2q', 1, ['api-key'], false],
      ['TerraformRole', 1, ['temporary'], false]
    ]);
    const leaked = users[0]!;
    expect(leaked.recon).toEqual({ GetFoundationModelAvailability: 2, ListFoundationModels: 1, PutUseCaseForModelAccess: 1 });
    expect(leaked.succeededAfterDenial).toEqual([{ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', count: 2, lastTime: '2026-11-26T09:31:00' }]);
    expect(leaked.sourceIps).toEqual([{ address: '198.51.100.77', kind: 'public' }]);
    expect(leaked.eventHistoryLinks).toEqual([{ accessKeyId: 'AKIA2N7TQQRGKLEAKED1', url: eventHistoryUrl('AKIA2N7TQQRGKLEAKED1', 'us-east-1') }]);
    const ds = users.find((u) => u.user === 'DataScienceRole')!;
    // Its successful invoke came before its first denial: not flagged.
    expect(ds).toMatchObject({ roleSessionNames: ['alice@example.com'], mfaAuthenticated: ['true'], recon: { ListInferenceProfiles: 1 }, succeededAfterDenial: [], identityTypes: ['AssumedRole'] });
    expect(users.find((u) => u.user === 'ConsoleAdmin')!.sourceIps).toEqual([{ address: 'AWS Internal', kind: 'aws-internal' }]);
    expect(users.find((u) => u.user === 'ci-deployer')!.sourceIps.map((s) => s.kind)).toEqual(['private', 'public']);
    expect(users.find((u) => u.user === 'BedrockAPIKey_7x2q')!.sourceIps).toEqual([{ address: '2001:db8::42', kind: 'public' }]);
  });

  test('order-independent: any split and order of the records, merged, gives the same context', () => {
    const expected = context(records);
    for (const parts of [2, 3, 5]) {
      const detectors = Array.from({ length: parts }, () => new DeniedInvocations(selection));
      [...records].reverse().forEach((r, i) => detectors[i % parts]!.observe(r));
      const merged = new DeniedInvocations(selection);
      for (const d of detectors) merged.merge(structuredClone(d.partial()));
      expect(merged.result().userContext).toEqual(expected);
    }
  });

  test('the window applies to recon and successes too', () => {
    const d = new DeniedInvocations({ ...selection, until: Date.parse('2026-11-26T09:29:59Z') });
    records.forEach((r) => d.observe(r));
    const leaked = d.result().userContext!.find((u) => u.user === 'leaked-key-user')!;
    expect(leaked.succeededAfterDenial).toEqual([]);
    expect(leaked.recon.ListFoundationModels).toBe(1);
  });
});
