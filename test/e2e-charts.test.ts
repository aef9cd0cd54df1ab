/**
 * Charts end to end through `node dist/index.js`: the job summary's Mermaid blocks for two fixtures, exactly;
 * the by-user table's header (five columns, six with a baseline); hostile user names never inside a Mermaid
 * block, only escaped in the legend; per-user hours merge exactly across worker partials.
 */
import { afterAll, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { inertCode } from '../src/report/escape.js';
import { runAction } from './helpers/run-action.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bds-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mermaid = (summary: string): string[] => summary.match(/```mermaid\n[^]*?```\n/g) ?? [];
/** Every line a Mermaid block may hold: fixed words, quoted labels of digits, dashes, colons and spaces, numbers. */
const SAFE_LINE =
  /^(```mermaid|```|xychart-beta|pie showData| {4}title Denied calls by reason| {4}title "Denied calls (per (hour|day) \(UTC\), [0-9-]+( to [0-9-]+)?|in the (hour|day) of [0-9 :-]+ \(UTC\))"| {4}x-axis \[("[0-9: -]+"|"user [1-5]"|"others")(, ("[0-9: -]+"|"user [1-5]"|"others"))*\]| {4}y-axis "Denied calls" 0 --> \d+| {4}(line|bar) \[\d+(, \d+)*\]| {4}"[a-z-]+" : \d+|%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#[0-9a-f]{6}(, #[0-9a-f]{6})*"\}\}\}\}%%)$/;

test('sample export: the time chart per hour and the reasons pie, exactly; five columns without a baseline', async () => {
  const run = await runAction({ source: '__fixtures__/sample-export/' });
  expect(mermaid(run.summary)).toEqual([
    '```mermaid\n%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#dd2e44, #f4900c"}}}}%%\nxychart-beta\n    title "Denied calls per hour (UTC), 2026-11-26"\n' +
      '    x-axis ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00", "21:00", "22:00"]\n' +
      '    y-axis "Denied calls" 0 --> 4\n    line [4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2]\n    line [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]\n```\n',
    '```mermaid\npie showData\n    title Denied calls by reason\n    "scp" : 1\n    "no-identity-allow" : 7\n```\n'
  ]);
  expect(run.summary).toContain('<tr><td>🟥 user 1</td><td><code>build-bot</code></td><td>7</td></tr>\n<tr><td>🟧 user 2</td><td><code>AnalystRole</code></td><td>1</td></tr>');
  expect(run.summary).toContain('<tr><th>User</th><th>Denied calls</th><th>First / last seen (UTC)</th><th>Models</th><th>Deny reasons</th></tr>');
  expect(run.report!.timeline!.buckets).toHaveLength(14);
});

test('every deny reason and credential with a baseline: exact charts, six columns, new/known per user', async () => {
  const baseline = path.join(dir, 'baseline.json');
  const run = await runAction({ source: '__fixtures__/triage-every-deny-reason-and-credential.json', baseline, 'update-baseline': 'true' });
  expect(mermaid(run.summary)).toEqual([
    '```mermaid\n%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#dd2e44, #f4900c, #fdcb58, #78b159, #55acee, #c1694f"}}}}%%\nxychart-beta\n' +
      '    title "Denied calls per hour (UTC), 2026-11-26"\n    x-axis ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"]\n    y-axis "Denied calls" 0 --> 2\n' +
      '    line [0, 0, 0, 2, 0, 0, 0]\n    line [0, 2, 0, 0, 0, 0, 0]\n    line [2, 0, 0, 0, 0, 0, 0]\n    line [0, 0, 0, 0, 0, 0, 1]\n    line [0, 0, 0, 0, 0, 1, 0]\n    line [1, 0, 1, 0, 1, 0, 0]\n```\n',
    '```mermaid\npie showData\n    title Denied calls by reason\n    "scp" : 1\n    "rcp" : 1\n    "identity-explicit-deny" : 1\n    "resource-explicit-deny" : 1\n    "permissions-boundary" : 1\n' +
      '    "session-policy" : 1\n    "no-identity-allow" : 2\n    "model-access" : 1\n    "marketplace" : 1\n    "other" : 1\n```\n'
  ]);
  expect(run.summary).toContain('<tr><th>User</th><th>Denied calls</th><th>First / last seen (UTC)</th><th>Models</th><th>Deny reasons</th><th>New / known</th></tr>');
  expect(run.summary).toMatch(/<tr><td><code>ci-deployer<\/code><\/td><td>2<\/td><td>[^<]+<br>[^<]+<\/td><td>.*<\/td><td>🆕 2 new<\/td><\/tr>/);
  expect(run.summary).toContain('<tr><td>🟫 others</td><td>3 other users</td><td>3</td></tr>');
});

test('hostile user names never reach a Mermaid block: only escaped, in the legend and tables', async () => {
  const names = ['"]]) click A href "javascript:alert(1)"', '%%{init: {"theme":"dark"}}%%', 'a\nline [9, 9]\n```', '`x` ```mermaid', 'click user1 call alert()', 'ok[1]'];
  const records = names.map((userName, i) => ({
    eventVersion: '1.09', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', awsRegion: 'us-east-1',
    errorMessage: 'User: x is not authorized to perform: bedrock:InvokeModel because no identity-based policy allows the bedrock:InvokeModel action',
    eventTime: `2026-11-2${i % 3}T0${i}:00:00Z`, sourceIPAddress: '203.0.113.9', userAgent: 'curl', userIdentity: { type: 'IAMUser', userName, accountId: '111122223333' },
    requestParameters: { modelId: 'm' }
  }));
  const file = path.join(dir, 'hostile.ndjson');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  const run = await runAction({ source: file });
  const blocks = mermaid(run.summary);
  expect(blocks).toHaveLength(2);
  for (const line of blocks.join('').split('\n').filter(Boolean)) expect(line).toMatch(SAFE_LINE);
  // Exactly two fences open and two close: no name added a fence.
  expect(run.summary.match(/^```/gm)).toHaveLength(4);
  // The legend names each line's user exactly as escaped everywhere else; no raw name is anywhere in the summary.
  const legend = run.summary.slice(run.summary.indexOf('<tr><th>Line</th>'), run.summary.indexOf('</table>', run.summary.indexOf('<tr><th>Line</th>')));
  const shown = names.filter((n) => legend.includes(inertCode(n, 100)));
  expect(shown).toHaveLength(5);
  expect(legend).toContain('<td>🟫 others</td><td>1 other user</td><td>1</td>');
  for (const n of names) expect(run.summary).not.toContain(n);
  expect(legend).toContain('<code>a&#92;nline &#91;9, 9&#93;&#92;n&#96;&#96;&#96;</code>');
});

test('per-user hours merge exactly: two partials equal one detector', () => {
  const selection = { eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false };
  const rec = (user: string, t: string) => ({ eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied', eventTime: t, userIdentity: { type: 'IAMUser', userName: user } });
  const all = [rec('a', '2026-11-26T09:10:00Z'), rec('a', '2026-11-26T09:50:00Z'), rec('b', '2026-11-26T11:00:00Z'), rec('a', '2026-11-27T01:00:00Z'), { ...rec('b', 'x'), eventTime: undefined }];
  const one = new DeniedInvocations(selection);
  all.forEach((r) => one.observe(r));
  const left = new DeniedInvocations(selection);
  const right = new DeniedInvocations(selection);
  all.forEach((r, i) => (i % 2 ? left : right).observe(r));
  const merged = new DeniedInvocations(selection);
  merged.merge(left.partial());
  merged.merge(right.partial());
  expect(merged.result().deniedPerHour).toEqual(one.result().deniedPerHour);
  const h = Date.parse('2026-11-26T09:00:00Z') / 3_600_000;
  expect(one.result().deniedPerHour).toEqual([
    { user: 'a', untimed: 0, hours: [[h, 2], [h + 16, 1]] },
    { user: 'b', untimed: 1, hours: [[h + 2, 1]] }
  ]);
});
