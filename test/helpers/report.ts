/** Builds ScanReport literals for the issue, PR comment and artifact tests. */
import { detectionMetadata } from '../../src/report/json-report.js';
import { denyReasonCounts, denyReasonOf } from '../../src/detection/deny-reason.js';
import type { Finding } from '../../src/detection/types.js';
import type { ScanReport } from '../../src/report/types.js';

/** A denied InvokeModel row as the Splunk search would output it, modeled on real CloudTrail denials. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  const row: Omit<Finding, 'deny_reason'> & { deny_reason?: Finding['deny_reason'] } = {
    src: '198.51.100.23',
    user: 'ci-bot',
    user_agent: 'Boto3/1.34.74 md/Botocore#1.34.74 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.74',
    vendor_account: '111122223333',
    vendor_product: 'AWS CloudTrail',
    dest: 'bedrock.amazonaws.com',
    signature: 'InvokeModel',
    vendor_region: 'us-east-1',
    result:
      'User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
    result_id: 'AccessDenied',
    count: 3,
    firstTime: '2024-04-09T01:02:03',
    lastTime: '2024-04-09T01:09:44',
    modelIds: ['anthropic.claude-3-sonnet-20240229-v1:0'],
    ...overrides
  };
  return { ...row, deny_reason: overrides.deny_reason ?? denyReasonOf(row.result) };
}

/** A report over `findings`; the threshold (by events, value 0) is exceeded when any finding is present. */
export function scanReport(findings: Finding[], overrides: Partial<ScanReport> = {}): ScanReport {
  const matched = findings.reduce((n, f) => n + f.count, 0);
  return {
    schemaVersion: 1,
    generatedAt: '2024-04-10T03:00:00.000Z',
    detection: detectionMetadata(),
    selection: {
      eventSources: ['bedrock.amazonaws.com'],
      eventNames: ['InvokeModel'],
      errorCodes: ['AccessDenied'],
      splunkParity: false,
      suppress: [],
      since: null,
      until: null
    },
    scan: {
      sources: [{ kind: 'local', location: 'logs/**/*.json.gz', details: {} }],
      files: 12,
      filesSkipped: 0,
      filesFailed: [],
      filesDuplicate: 0,
      formats: { 'records-envelope': 12 },
      records: 4_812,
      bytes: 9_500_000,
      durationMs: 1_250,
      peakRssBytes: 120_000_000,
      complete: true
    },
    matched,
    droppedByParity: 0,
    outsideWindow: 0,
    suppressed: [],
    denyReasons: denyReasonCounts(findings),
    nearMisses: [],
    threshold: { value: 0, by: 'events', observed: matched, exceeded: matched > 0 },
    users: new Set(findings.map((f) => f.user)).size,
    findings,
    links: { runUrl: 'https://github.example/octo-org/octo-repo/actions/runs/42' },
    ...overrides
  };
}

/** A clean report: nothing denied. */
export function cleanReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return scanReport([], overrides);
}
