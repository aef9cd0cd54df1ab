import { describe, expect, test } from '@jest/globals';
import { readConfig, splitList, DEFAULT_ISSUE_TITLE } from '../src/config.js';
import { parseInstant, resolveWindow } from '../src/detection/window.js';
import { ConfigError } from '../src/errors.js';

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
const env = { GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt' };

describe('readConfig', () => {
  test('defaults', async () => {
    const c = await readConfig(reader({ source: 'logs/\n\n# a comment\ns3://bucket/p/' }), env);
    expect(c).toMatchObject({
      sources: ['logs/', 's3://bucket/p/'],
      workspace: '/ws',
      eventSources: ['bedrock.amazonaws.com'],
      eventNames: ['InvokeModel'],
      errorCodes: ['AccessDenied'],
      splunkParity: false,
      allowIncomplete: false,
      threshold: 0,
      thresholdBy: 'events',
      failOnThreshold: true,
      reportPath: '/rt/bedrock-denied-scan/report.json',
      concurrency: 8,
      createIssue: false,
      issueLabel: 'bedrock-denied-scan',
      issueTitle: DEFAULT_ISSUE_TITLE,
      closeIssueWhenClean: true,
      commentOnPr: true,
      uploadArtifact: false,
      artifactName: 'bedrock-denied-scan-report'
    });
    expect((await readConfig(reader({ source: 'x' }), { ...env, ACTIONS_RUNTIME_TOKEN: 't' })).uploadArtifact).toBe(true);
  });

  test('lists, booleans, numbers, report path relative to the workspace', async () => {
    const c = await readConfig(
      reader({ source: 'x', 'event-names': 'InvokeModel, Converse\nConverseStream', 'splunk-parity': 'TRUE', threshold: '5', 'threshold-by': 'Users', 'report-path': 'out/r.json' }),
      env
    );
    expect(c.eventNames).toEqual(['InvokeModel', 'Converse', 'ConverseStream']);
    expect(c.splunkParity).toBe(true);
    expect(c.threshold).toBe(5);
    expect(c.thresholdBy).toBe('users');
    expect(c.reportPath).toBe('/ws/out/r.json');
  });

  test.each([
    [{ source: '' }, "Input 'source' is required"],
    [{ source: 'x', threshold: '-1' }, "Input 'threshold' must be a whole number (0 or more), got '-1'."],
    [{ source: 'x', threshold: '1.5' }, "Input 'threshold' must be a whole number"],
    [{ source: 'x', 'threshold-by': 'bytes' }, "Input 'threshold-by' must be one of events, findings, users; got 'bytes'."],
    [{ source: 'x', 'fail-on-threshold': 'maybe' }, "Input 'fail-on-threshold' must be true or false, got 'maybe'."],
    [{ source: 'x', concurrency: '0' }, "Input 'concurrency' must be a whole number from 1 to 256, got '0'."],
    [{ source: 'x', concurrency: '257' }, "Input 'concurrency' must be a whole number from 1 to 256, got '257'."],
    [{ source: 'x', concurrency: '99999999999999999999' }, "Input 'concurrency' must be a whole number from 1 to 256"],
    [{ source: 'x', threshold: '99999999999999999999' }, "Input 'threshold' must be a whole number (0 or more), got '99999999999999999999'."],
    [{ source: 'x', 'event-names': ' , ' }, "Input 'event-names' must name at least one event name."]
  ])('%j is rejected naming the input', async (inputs, message) => {
    await expect(readConfig(reader(inputs), env)).rejects.toThrow(ConfigError);
    await expect(readConfig(reader(inputs), env)).rejects.toThrow(message);
  });

  test('splitList', () => {
    expect(splitList(' a,b \n\n c ,')).toEqual(['a', 'b', 'c']);
  });
});

describe('event-time window', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  test('instants and relative durations', () => {
    expect(parseInstant('since', '2026-11-01T00:00:00Z', now)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseInstant('since', '2026-11-01T05:30:00+02:00', now)).toBe(Date.parse('2026-11-01T03:30:00Z'));
    expect(parseInstant('since', '2026-11-01T05:30', now)).toBe(Date.parse('2026-11-01T05:30:00Z'));
    expect(parseInstant('since', '2026-11-01', now)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseInstant('since', '24h', now)).toBe(Date.parse('2026-11-26T12:00:00Z'));
    expect(parseInstant('since', '7d', now)).toBe(Date.parse('2026-11-20T12:00:00Z'));
    expect(parseInstant('since', '90m', now)).toBe(Date.parse('2026-11-27T10:30:00Z'));
    expect(() => parseInstant('since', 'yesterday', now)).toThrow("Input 'since' must be an ISO 8601 instant");
    expect(() => parseInstant('until', '2026-13-45', now)).toThrow("Input 'until'");
    expect(() => parseInstant('since', '99999999999d', now)).toThrow(ConfigError);
    expect(() => parseInstant('since', '99999999999d', now)).toThrow("Input 'since': '99999999999d' reaches back before 1970");
    expect(() => parseInstant('until', '999999999999999999999w', now)).toThrow("Input 'until'");
  });

  test('defaults: all events, or the last 24 hours for S3; a bare until date covers its day', () => {
    expect(resolveWindow('', '', now, false)).toEqual({});
    expect(resolveWindow('', '', now, true)).toEqual({ since: Date.parse('2026-11-26T12:00:00Z') });
    expect(resolveWindow('2026-11-01', '2026-11-01', now, false)).toEqual({ since: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-11-01T23:59:59.999Z') });
    expect(() => resolveWindow('1d', '2d', now, false)).toThrow("Input 'since' (2026-11-26T12:00:00.000Z) is after 'until' (2026-11-25T12:00:00.000Z).");
  });
});
