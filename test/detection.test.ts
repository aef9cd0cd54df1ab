import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { capText, TextCapper } from '../src/decode/cap-text.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { cimFields, cimUser } from '../src/detection/fields.js';
import { DEFAULT_SELECTION } from '../src/detection/metadata.js';
import type { Selection } from '../src/detection/types.js';
import { activityByUser } from '../src/detection/by-user.js';
import { parseSuppressionRules } from '../src/detection/suppress.js';
import { fixtureRecords } from './helpers/fixtures.js';

const selection = (over: Partial<Selection> = {}): Selection => ({
  eventSources: [...DEFAULT_SELECTION.eventSources],
  eventNames: [...DEFAULT_SELECTION.eventNames],
  errorCodes: [...DEFAULT_SELECTION.errorCodes],
  splunkParity: false,
  ...over
});

function detect(records: Record<string, unknown>[], over: Partial<Selection> = {}) {
  const d = new DeniedInvocations(selection(over));
  records.forEach((r) => d.observe(r));
  return d.result();
}

describe('field mapping (Splunk Add-on for AWS)', () => {
  const records = fixtureRecords('identity-types.json');

  test('user for every identity type', () => {
    expect(records.map(cimUser)).toEqual([
      'ci-deployer', // IAMUser: userName
      'DataScienceRole', // AssumedRole: the role from sessionIssuer, not the session
      'attacker-session', // AssumedRole without sessionIssuer: last segment of the arn
      'root', // Root: arn ends in :root
      'federation-broker', // FederatedUser: the IAM user that federated
      null // AWSService: no name, no arn
    ]);
  });

  test('all ten by-fields of an IAM user record', () => {
    expect(cimFields(records[0]!)).toEqual({
      src: '203.0.113.10',
      user: 'ci-deployer',
      user_agent: 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.35.36',
      vendor_account: '111122223333',
      vendor_product: 'AWS CloudTrail',
      dest: 'bedrock.amazonaws.com',
      signature: 'InvokeModel',
      vendor_region: 'us-east-1',
      result:
        'User: arn:aws:iam::111122223333:user/ci-deployer is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
      result_id: 'AccessDenied'
    });
  });

  test('vendor_account falls back to recipientAccountId; src may be a service name', () => {
    expect(cimFields(records[5]!)).toMatchObject({ src: 'bedrock.amazonaws.com', user: null, vendor_account: '444455556666' });
  });

  test('user from requestParameters.roleArn when the identity has no arn', () => {
    expect(cimUser({ userIdentity: { type: 'AWSAccount', principalId: 'AIDAX', accountId: '1' }, requestParameters: { roleArn: 'arn:aws:iam::1:role/path/to/Target' } })).toBe('Target');
    expect(cimUser({ userIdentity: { type: 'AWSAccount', principalId: 'AIDAX', accountId: '1' } })).toBeNull();
    expect(cimUser({})).toBeNull();
  });

  test('the six identity types give six findings with the exact rows', () => {
    const result = detect(records);
    expect(result.matched).toBe(6);
    expect(result.findings.map((f) => [f.user, f.count, f.firstTime, f.lastTime, f.modelIds, f.vendor_region])).toEqual([
      [null, 1, '2026-11-26T12:00:00', '2026-11-26T12:00:00', ['us.anthropic.claude-3-5-haiku-20241022-v1:0'], 'us-east-1'],
      ['federation-broker', 1, '2026-11-26T11:05:00', '2026-11-26T11:05:00', ['cohere.command-r-plus-v1:0'], 'us-east-1'],
      ['root', 1, '2026-11-26T10:02:10', '2026-11-26T10:02:10', ['amazon.titan-text-premier-v1:0'], 'eu-central-1'],
      ['attacker-session', 1, '2026-11-26T09:30:00', '2026-11-26T09:30:00', ['anthropic.claude-3-opus-20240229-v1:0'], 'us-east-1'],
      ['DataScienceRole', 1, '2026-11-26T09:01:44', '2026-11-26T09:01:44', ['meta.llama3-70b-instruct-v1:0'], 'us-west-2'],
      ['ci-deployer', 1, '2026-11-26T08:15:02', '2026-11-26T08:15:02', ['anthropic.claude-3-5-sonnet-20240620-v1:0'], 'us-east-1']
    ]);
  });
});

describe('selection: whole value, case-insensitive', () => {
  const records = fixtureRecords('case-insensitive-selection.ndjson');

  test('defaults match only InvokeModel/AccessDenied on bedrock.amazonaws.com, any case', () => {
    const result = detect(records);
    expect(result.matched).toBe(1);
    expect(result.findings).toHaveLength(1);
    // result_id, dest and signature keep the record's own spelling.
    expect(result.findings[0]).toMatchObject({ dest: 'BEDROCK.amazonaws.com', signature: 'invokemodel', result_id: 'accessdenied', count: 1, firstTime: '2026-11-26T13:00:01' });
  });

  test('near misses name the input that would include them', () => {
    expect(detect(records).nearMisses).toEqual([
      { reason: 'eventName=Converse', count: 2, include: 'event-names: InvokeModel,Converse' },
      { reason: 'errorCode=AccessDeniedException', count: 1, include: 'error-codes: AccessDenied,AccessDeniedException' },
      { reason: 'eventName=InvokeModelWithResponseStream', count: 1, include: 'event-names: InvokeModel,InvokeModelWithResponseStream' },
      {
        reason: 'eventSource=bedrock-mantle.amazonaws.com eventName=CreateChatCompletion',
        count: 1,
        include: 'event-sources: bedrock.amazonaws.com,bedrock-mantle.amazonaws.com; event-names: InvokeModel,CreateChatCompletion'
      }
    ]);
  });

  test('event-names and error-codes widen the selection', () => {
    const result = detect(records, { eventNames: ['InvokeModel', 'converse', 'InvokeModelWithResponseStream'], errorCodes: ['AccessDenied', 'AccessDeniedException'] });
    expect(result.matched).toBe(5);
    expect(result.findings.map((f) => [f.signature, f.result_id, f.count])).toEqual([
      ['Converse', 'AccessDenied', 2],
      ['InvokeModel', 'AccessDeniedException', 1],
      ['InvokeModelWithResponseStream', 'AccessDenied', 1],
      ['invokemodel', 'accessdenied', 1]
    ]);
    expect(result.nearMisses.map((n) => n.reason)).toEqual(['eventSource=bedrock-mantle.amazonaws.com eventName=CreateChatCompletion']);
  });
});

describe('aggregation', () => {
  const records = fixtureRecords('aggregation-repeats.ndjson');

  test('count, min/max time, distinct code-unit-sorted modelIds; null by-fields kept', () => {
    const result = detect(records);
    expect(result.matched).toBe(8);
    expect(result.findings.map((f) => ({ user: f.user, ua: f.user_agent === null ? null : 'ua', result: f.result === null ? null : 'msg', count: f.count, firstTime: f.firstTime, lastTime: f.lastTime, modelIds: f.modelIds, account: f.vendor_account }))).toEqual([
      {
        user: 'svc-llm',
        ua: 'ua',
        result: 'msg',
        count: 5,
        firstTime: '2026-11-26T13:00:05',
        lastTime: '2026-11-26T13:00:59',
        modelIds: ['Anthropic.claude-v2', 'anthropic.claude-3-haiku-20240307-v1:0', 'mistral.mistral-large-2402-v1:0'],
        account: '111122223333'
      },
      { user: null, ua: 'ua', result: 'msg', count: 1, firstTime: '2026-11-26T13:00:33', lastTime: '2026-11-26T13:00:33', modelIds: ['mistral.mistral-large-2402-v1:0'], account: '777788889999' },
      { user: 'svc-llm', ua: 'ua', result: null, count: 1, firstTime: '2026-11-26T13:00:32', lastTime: '2026-11-26T13:00:32', modelIds: ['mistral.mistral-large-2402-v1:0'], account: '111122223333' },
      { user: 'svc-llm', ua: null, result: 'msg', count: 1, firstTime: '2026-11-26T13:00:31', lastTime: '2026-11-26T13:00:31', modelIds: ['mistral.mistral-large-2402-v1:0'], account: '111122223333' }
    ]);
  });

  test('splunk-parity drops events with a null by-field, exactly as stats by does', () => {
    const result = detect(records, { splunkParity: true });
    expect(result.matched).toBe(5);
    expect(result.droppedByParity).toBe(3);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.count).toBe(5);
  });

  test('no modelId gives an empty list', () => {
    const result = detect([records[4]!]);
    expect(result.findings[0]!.modelIds).toEqual([]);
  });

  test('time window filters on eventTime and counts what it leaves out', () => {
    const since = Date.parse('2026-11-26T13:00:20Z');
    const until = Date.parse('2026-11-26T13:00:40Z');
    const result = detect(records, { since, until });
    expect(result.matched).toBe(6);
    expect(result.outsideWindow).toBe(2);
    expect(detect([{ ...records[0]!, eventTime: 'not a time' }], { since }).outsideWindow).toBe(1);
  });

  test('by-user view folds rows per user', () => {
    const users = activityByUser(detect(records).findings);
    expect(users.map((u) => [u.user, u.count, u.findings, u.firstTime, u.lastTime, u.modelIds.length, u.srcs, u.accounts])).toEqual([
      ['svc-llm', 7, 3, '2026-11-26T13:00:05', '2026-11-26T13:00:59', 3, ['203.0.113.50'], ['111122223333']],
      [null, 1, 1, '2026-11-26T13:00:33', '2026-11-26T13:00:33', 1, ['203.0.113.50'], ['777788889999']]
    ]);
  });
});

describe('hostile records', () => {
  test('non-object and odd-typed fields never throw', () => {
    const result = detect([
      { eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', userIdentity: 'x', requestParameters: [1], eventTime: 5 },
      { eventSource: ['bedrock.amazonaws.com'], eventName: 'InvokeModel', errorCode: 'AccessDenied' },
      { eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', userIdentity: { userName: 42, accountId: 123 } }
    ]);
    expect(result.findings.map((f) => [f.user, f.vendor_account, f.count])).toEqual([
      [null, null, 1],
      ['42', '123', 1]
    ]);
  });
});

describe('suppress rules', () => {
  const records = fixtureRecords('identity-types.json');

  test('parse: conditions, quotes, comments, wildcards', () => {
    const rules = parseSuppressionRules('# canary\nuser=ci-deployer\n  user=DataScienceRole src=198.51.100.*  \nuser_agent="python-requests/*"\n\n');
    expect(rules.map((r) => [r.text, r.conditions.map((c) => [c.field, c.pattern.source])])).toEqual([
      ['user=ci-deployer', [['user', '^ci-deployer$']]],
      ['user=DataScienceRole src=198.51.100.*', [['user', '^DataScienceRole$'], ['src', '^198\\.51\\.100\\.[\\s\\S]*$']]],
      ['user_agent="python-requests/*"', [['user_agent', '^python-requests\\/[\\s\\S]*$']]]
    ]);
    expect(() => parseSuppressionRules('usr=x')).toThrow("Input 'suppress': unknown field 'usr' in 'usr=x'");
    expect(() => parseSuppressionRules('user ci-bot')).toThrow("Input 'suppress': cannot read 'user ci-bot'");
  });

  test('matching events leave the findings and are counted per rule; unused rules show 0', () => {
    const suppress = parseSuppressionRules('user=CI-DEPLOYER\nuser=DataScienceRole src=198.51.100.*\nuser_agent="python-requests/*"\nmodelId=amazon.titan-*\nuser=nobody-uses-this\nuser=*');
    const result = detect(records, { suppress: suppress.slice(0, 5) });
    expect(result.suppressed).toEqual([
      { rule: 'user=CI-DEPLOYER', count: 1 },
      { rule: 'user=DataScienceRole src=198.51.100.*', count: 1 },
      { rule: 'user_agent="python-requests/*"', count: 1 },
      { rule: 'modelId=amazon.titan-*', count: 1 },
      { rule: 'user=nobody-uses-this', count: 0 }
    ]);
    expect(result.matched).toBe(2);
    expect(result.findings.map((f) => f.user)).toEqual([null, 'federation-broker']);
    // A missing field never matches, even `*`.
    expect(detect(records, { suppress: [suppress[5]!] }).findings.map((f) => f.user)).toEqual([null]);
  });
});

describe('strings from the logs are capped at 8192 UTF-16 code units, distinct values kept distinct', () => {
  const sha12 = (s: string) => createHash('sha256').update(s, 'utf16le').digest('hex').slice(0, 12);
  const denied = (over: Record<string, unknown>, i = 0): Record<string, unknown> => ({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    errorCode: 'AccessDenied',
    eventTime: `2024-03-07T12:00:0${i}Z`,
    sourceIPAddress: '192.0.2.1',
    userIdentity: { userName: 'u', accountId: '123456789012' },
    userAgent: 'ua',
    requestParameters: { modelId: 'm' },
    ...over
  });

  test('capText: head, then the full length and a hash of the full value; idempotent; short values unchanged', () => {
    const long = 'A'.repeat(100_000);
    const marker = `…[truncated: 100000 chars, sha256:${sha12(long)}]`;
    expect(capText(long)).toBe('A'.repeat(8192 - marker.length) + marker);
    expect(capText(long)).toHaveLength(8192);
    expect(capText(capText(long))).toBe(capText(long));
    expect(capText('A'.repeat(8192))).toBe('A'.repeat(8192));
    expect(capText('A'.repeat(8193))).toMatch(/^A+…\[truncated: 8193 chars, sha256:[0-9a-f]{12}\]$/);
    // Values that differ only after the cut stay different.
    expect(capText(long + 'x')).not.toBe(capText(long + 'y'));
    // A surrogate pair is never cut in half.
    const emoji = '😀'.repeat(50_000);
    const capped = capText(emoji);
    expect(capped.endsWith(`…[truncated: 100000 chars, sha256:${sha12(emoji)}]`)).toBe(true);
    expect(capped.length).toBeLessThanOrEqual(8192);
    expect(capped.slice(0, capped.indexOf('…')).length % 2).toBe(0);
  });

  test('TextCapper gives capText() piece by piece', () => {
    const value = 'é😀\u0000x'.repeat(30_000);
    const capper = new TextCapper();
    for (let i = 0; i < value.length; i += 4097) capper.add(value.slice(i, i + 4097));
    expect(capper.done()).toBe(capText(value));
    const short = new TextCapper();
    short.add('ab');
    short.add('c');
    expect(short.done()).toBe('abc');
  });

  test('every kept field, the modelId and the user are capped; equal long values group, different ones do not', () => {
    const ua1 = 'Mozilla/5.0 '.repeat(5000);
    const ua2 = ua1.slice(0, -1) + '!';
    const longModel = 'anthropic.'.repeat(2000);
    const longArn = `arn:aws:iam::123456789012:user/${'x'.repeat(20_000)}`;
    const result = detect([
      denied({ userAgent: ua1 }, 1),
      denied({ userAgent: ua1 }, 2),
      denied({ userAgent: ua2, requestParameters: { modelId: longModel } }, 3),
      denied({ userAgent: 'short', errorMessage: 'E'.repeat(9000), sourceIPAddress: '9'.repeat(9000), awsRegion: 'r'.repeat(9000) }, 4),
      denied({ userAgent: 'arn', userIdentity: { arn: longArn, accountId: 'a'.repeat(9000) } }, 5)
    ]);
    expect(result.matched).toBe(5);
    const byAgent = new Map(result.findings.map((f) => [f.user_agent, f]));
    expect(byAgent.get(capText(ua1))?.count).toBe(2);
    expect(byAgent.get(capText(ua2))?.count).toBe(1);
    expect(byAgent.get(capText(ua2))?.modelIds).toEqual([capText(longModel)]);
    expect(capText(ua1)).not.toBe(capText(ua2));
    const other = byAgent.get('short')!;
    expect([other.result, other.src, other.vendor_region]).toEqual([capText('E'.repeat(9000)), capText('9'.repeat(9000)), capText('r'.repeat(9000))]);
    const arn = byAgent.get('arn')!;
    expect(arn.user).toBe(capText(longArn));
    expect(arn.vendor_account).toBe(capText('a'.repeat(9000)));
    for (const f of result.findings) {
      for (const v of [f.src, f.user, f.user_agent, f.vendor_account, f.dest, f.signature, f.vendor_region, f.result, f.result_id, ...f.modelIds]) {
        expect((v ?? '').length).toBeLessThanOrEqual(8192);
      }
    }
  });

  test('near misses keep capped values too', () => {
    const longName = 'Converse' + 'X'.repeat(20_000);
    const mantle = detect([denied({ eventSource: 'bedrock-mantle.amazonaws.com', errorCode: 'AccessDenied', eventName: longName })]);
    expect(mantle.nearMisses).toEqual([
      {
        reason: `eventSource=bedrock-mantle.amazonaws.com eventName=${capText(longName)}`,
        count: 1,
        include: `event-sources: bedrock.amazonaws.com,bedrock-mantle.amazonaws.com; event-names: InvokeModel,${capText(longName)}`
      }
    ]);
  });
});
