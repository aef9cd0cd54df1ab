/** Baselines: fingerprints (never times or counts), merge on update, new/known split, the threshold counting only new events. */
import { describe, expect, test } from '@jest/globals';
import { isNewFinding, parseBaseline, serializeBaseline, splitByBaseline, fingerprintKeys } from '../src/detection/baseline.js';
import { fingerprintKey } from '../src/detection/denied-invocations.js';
import type { DetectionResult, Fingerprint } from '../src/detection/types.js';
import { ConfigError } from '../src/errors.js';
import { evaluateThreshold } from '../src/verdict/threshold.js';
import { finding } from './helpers/report.js';

const fp = (user: string, modelId: string | null, count: number, deny_reason: Fingerprint['deny_reason'] = 'no-identity-allow'): Fingerprint => ({
  user,
  vendor_account: '111122223333',
  src: '198.51.100.23',
  modelId,
  deny_reason,
  count
});

describe('baseline file', () => {
  test('serialises sorted, one fingerprint per line, without counts; merges with what is known; parses back', () => {
    const first = serializeBaseline(new Set(), [fp('b', 'm1', 5), fp('a', null, 2)]);
    expect(first.fingerprints).toBe(2);
    expect(first.text).toBe(
      '{"schemaVersion":1,"detection":"c53a8e62-f741-11ee-9f6e-acde48001122","fingerprints":[\n' +
        '{"user":"a","vendor_account":"111122223333","src":"198.51.100.23","modelId":null,"deny_reason":"no-identity-allow"},\n' +
        '{"user":"b","vendor_account":"111122223333","src":"198.51.100.23","modelId":"m1","deny_reason":"no-identity-allow"}\n]}\n'
    );
    const known = parseBaseline(first.text, 'baseline.json');
    expect([...known]).toEqual([fingerprintKey(fp('a', null, 0)), fingerprintKey(fp('b', 'm1', 0))]);
    const second = serializeBaseline(known, [fp('b', 'm1', 9), fp('c', 'm2', 1)]);
    expect(second.fingerprints).toBe(3);
    expect(parseBaseline(second.text, 'baseline.json').size).toBe(3);
    expect(serializeBaseline(new Set(), []).text).toMatch(/"fingerprints":\[\n\n\]\}\n$/);
    expect(parseBaseline(serializeBaseline(new Set(), []).text, 'b').size).toBe(0);
  });

  test.each([
    ['not json', /invalid JSON/],
    ['[]', /expected an object/],
    ['{}', /"fingerprints" must be a list/],
    ['{"fingerprints":[1]}', /fingerprint 1 is not an object/],
    ['{"fingerprints":[{"user":5,"deny_reason":"scp"}]}', /fingerprint 1: "user" must be text or null/],
    ['{"fingerprints":[{"user":"a","deny_reason":"nope"}]}', /fingerprint 1: "deny_reason" must be one of/]
  ])('a bad file is a ConfigError naming the input: %s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(ConfigError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
    expect(() => parseBaseline(text, 'b.json')).toThrow(/^Input 'baseline': b\.json is not a baseline file/);
  });

  test('new/known split and new findings', () => {
    const known = new Set([fingerprintKey(fp('ci-bot', 'anthropic.claude-3-sonnet-20240229-v1:0', 0))]);
    expect(splitByBaseline([fp('ci-bot', 'anthropic.claude-3-sonnet-20240229-v1:0', 3), fp('ci-bot', 'other', 2)], known)).toEqual({ known: 3, new: 2 });
    const f = finding(); // ci-bot, 198.51.100.23, one model, no-identity-allow
    expect(isNewFinding(f, known, fingerprintKeys([fp('ci-bot', 'anthropic.claude-3-sonnet-20240229-v1:0', 3)]))).toBe(false);
    expect(isNewFinding(finding({ modelIds: ['anthropic.claude-3-sonnet-20240229-v1:0', 'x'] }), known)).toBe(true);
    expect(isNewFinding(finding({ src: '203.0.113.1' }), known)).toBe(true);
    // Known fingerprints are whole: another deny reason for the same user, model and address is new.
    expect(isNewFinding(finding({ deny_reason: 'scp' }), known)).toBe(true);
  });
});

describe('threshold scope', () => {
  const result: DetectionResult = {
    matched: 6,
    droppedByParity: 0,
    outsideWindow: 0,
    suppressed: [],
    nearMisses: [],
    findings: [finding({ user: 'a', count: 3, modelIds: ['m'] }), finding({ user: 'b', count: 2, modelIds: ['m'], deny_reason: 'model-access' }), finding({ user: 'c', count: 1, modelIds: ['m'] })],
    fingerprints: [fp('a', 'm', 3), fp('b', 'm', 2, 'model-access'), fp('c', 'm', 1)]
  };
  test('without a scope: the selection as before', () => {
    expect(evaluateThreshold(result, 0, 'events')).toEqual({ observed: 6, exceeded: true });
  });
  test('count-deny-reasons leaves the other reasons out of every measure', () => {
    const scope = { countDenyReasons: ['no-identity-allow' as const] };
    expect(evaluateThreshold(result, 0, 'events', scope).observed).toBe(4);
    expect(evaluateThreshold(result, 0, 'findings', scope).observed).toBe(2);
    expect(evaluateThreshold(result, 0, 'users', scope).observed).toBe(2);
  });
  test('a baseline counts only new events, and nothing when all are known', () => {
    const baseline = new Set([fingerprintKey(fp('a', 'm', 0))]);
    expect(evaluateThreshold(result, 0, 'events', { baseline }).observed).toBe(3);
    expect(evaluateThreshold(result, 0, 'findings', { baseline }).observed).toBe(2);
    expect(evaluateThreshold(result, 0, 'users', { baseline }).observed).toBe(2);
    const all = new Set(result.fingerprints!.map(fingerprintKey));
    expect(evaluateThreshold(result, 0, 'events', { baseline: all })).toEqual({ observed: 0, exceeded: false });
    expect(evaluateThreshold(result, 0, 'events', { baseline, countDenyReasons: ['model-access'] }).observed).toBe(2);
  });
});
