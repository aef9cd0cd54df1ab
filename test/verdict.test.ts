import { describe, expect, test } from '@jest/globals';
import { decideVerdict, evaluateThreshold } from '../src/verdict/threshold.js';
import type { DetectionResult, Finding } from '../src/detection/types.js';

const finding = (user: string | null, count: number): Finding => ({
  src: '1.2.3.4', user, user_agent: 'ua', vendor_account: '1', vendor_product: 'AWS CloudTrail', dest: 'bedrock.amazonaws.com',
  signature: 'InvokeModel', vendor_region: 'us-east-1', result: 'denied', result_id: 'AccessDenied', count,
  firstTime: '2026-11-26T00:00:00', lastTime: '2026-11-26T00:00:00', modelIds: [], deny_reason: 'other'
});
const result: DetectionResult = { matched: 6, droppedByParity: 0, outsideWindow: 0, suppressed: [], nearMisses: [], findings: [finding('a', 3), finding('a', 1), finding(null, 2)] };

describe('threshold', () => {
  test('each measure, strictly greater', () => {
    expect(evaluateThreshold(result, 6, 'events')).toEqual({ observed: 6, exceeded: false });
    expect(evaluateThreshold(result, 5, 'events')).toEqual({ observed: 6, exceeded: true });
    expect(evaluateThreshold(result, 3, 'findings')).toEqual({ observed: 3, exceeded: false });
    expect(evaluateThreshold(result, 1, 'users')).toEqual({ observed: 2, exceeded: true });
    expect(evaluateThreshold({ ...result, matched: 0, findings: [] }, 0, 'events')).toEqual({ observed: 0, exceeded: false });
  });

  const base = { exceeded: false, failOnThreshold: true, observed: 0, threshold: 0, by: 'events' as const, failedFiles: 0, allowIncomplete: false };
  test('exit codes tell a policy failure from an incomplete scan', () => {
    expect(decideVerdict(base)).toEqual({ exitCode: 0, message: '' });
    expect(decideVerdict({ ...base, exceeded: true, observed: 3 })).toEqual({ exitCode: 1, message: 'Denied Bedrock invocations exceed the threshold: 3 events > 0.' });
    expect(decideVerdict({ ...base, exceeded: true, failOnThreshold: false })).toEqual({ exitCode: 0, message: '' });
    expect(decideVerdict({ ...base, failedFiles: 2 }).exitCode).toBe(2);
    expect(decideVerdict({ ...base, failedFiles: 2, allowIncomplete: true }).exitCode).toBe(0);
    expect(decideVerdict({ ...base, failedFiles: 2, exceeded: true, observed: 1 })).toEqual({
      exitCode: 1,
      message: 'Denied Bedrock invocations exceed the threshold: 1 events > 0 (and 2 file(s) could not be scanned).'
    });
    expect(decideVerdict({ ...base, failedFiles: 1, exceeded: true, failOnThreshold: false }).exitCode).toBe(2);
    expect(decideVerdict({ ...base, publishFailure: 'Issue mode failed: GitHub API: 500' })).toEqual({ exitCode: 2, message: 'Issue mode failed: GitHub API: 500' });
    expect(decideVerdict({ ...base, exceeded: true, publishFailure: 'x' }).exitCode).toBe(1);
  });
});
