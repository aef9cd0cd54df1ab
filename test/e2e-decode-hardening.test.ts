import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { constants, createGzip } from 'node:zlib';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runAction } from './helpers/run-action.js';

/**
 * The hardening cases through the bundle (`node dist/index.js`), with inputs generated into a temp folder.
 * Peak RSS is read from the child itself (process.resourceUsage().maxRSS at exit, via a --require'd hook).
 */

const temp = mkdtempSync(path.join(tmpdir(), 'bds-hardening-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const rssHook = path.join(temp, 'rss-hook.cjs');
writeFileSync(rssHook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)));\n");

async function runMeasured(inputs: Record<string, string>) {
  const rssFile = path.join(mkdtempSync(path.join(temp, 'rss-')), 'max-rss-kb');
  const run = await runAction(inputs, { NODE_OPTIONS: `--require ${rssHook}`, RSS_FILE: rssFile });
  return { run, maxRssMB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const sha12 = (s: string) => createHash('sha256').update(s, 'utf16le').digest('hex').slice(0, 12);
/** What the report shows for a value longer than 8192 code units. */
function capped(value: string): string {
  const marker = `…[truncated: ${value.length} chars, sha256:${sha12(value)}]`;
  return value.slice(0, 8192 - marker.length) + marker;
}

const denied = (i: number, userAgent: string, user = 'huge-agent'): Record<string, unknown> => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/${user}`, accountId: '123456789012', userName: user },
  eventTime: `2026-11-20T10:${String(i).padStart(2, '0')}:00Z`,
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'InvokeModel',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.50',
  userAgent,
  errorCode: 'AccessDenied',
  errorMessage: `User: arn:aws:iam::123456789012:user/${user} is not authorized to perform: bedrock:InvokeModel`,
  requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
  eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
});

describe('node dist/index.js on hostile sizes', () => {
  test('16 records with a 40 MiB userAgent beside a good file: exit 0, all 19 events, capped values, < 200 MB RSS', async () => {
    const dir = path.join(temp, 'huge');
    mkdirSync(dir);
    const MIB40 = 40 * 1024 * 1024;
    // Two distinct 40 MiB agents (they differ only in their last character), 8 records each, in one gzip envelope.
    const agentA = 'A'.repeat(MIB40 - 1) + '1';
    const agentB = 'A'.repeat(MIB40 - 1) + '2';
    const gzip = createGzip({ level: constants.Z_BEST_SPEED });
    const out = createWriteStream(path.join(dir, 'huge.json.gz'));
    gzip.pipe(out);
    const write = async (s: string | Buffer) => {
      if (!gzip.write(s)) await once(gzip, 'drain');
    };
    const slice = Buffer.alloc(1024 * 1024, 'A');
    await write('{"Records":[');
    for (let i = 0; i < 16; i++) {
      const [before, after] = JSON.stringify(denied(i, 'UA')).split('"UA"');
      await write(`${i ? ',' : ''}${before}"`);
      for (let m = 0; m < 39; m++) await write(slice);
      await write(slice.subarray(0, slice.length - 1));
      await write(`${i % 2 ? '2' : '1'}"${after}`);
    }
    await write(']}');
    gzip.end();
    await once(out, 'close');
    writeFileSync(
      path.join(dir, 'good.json'),
      JSON.stringify({ Records: [denied(30, 'aws-cli/2.15.30', 'good-user'), denied(31, 'aws-cli/2.15.30', 'good-user'), denied(32, 'Boto3/1.34.0', 'good-user')] })
    );

    const { run, maxRssMB } = await runMeasured({ source: dir, threshold: '100' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '19', 'findings-count': '4', 'files-scanned': '2', 'records-scanned': '19', 'files-failed': '0', 'scan-complete': 'true' });
    const report = run.report!;
    expect(report.scan).toMatchObject({ files: 2, filesFailed: [], records: 19, complete: true });
    expect(report.findings.map((f) => [f.user, f.user_agent, f.count, f.firstTime, f.lastTime])).toEqual([
      ['huge-agent', capped(agentB), 8, '2026-11-20T10:01:00', '2026-11-20T10:15:00'],
      ['huge-agent', capped(agentA), 8, '2026-11-20T10:00:00', '2026-11-20T10:14:00'],
      ['good-user', 'aws-cli/2.15.30', 2, '2026-11-20T10:30:00', '2026-11-20T10:31:00'],
      ['good-user', 'Boto3/1.34.0', 1, '2026-11-20T10:32:00', '2026-11-20T10:32:00']
    ]);
    expect(capped(agentA)).toHaveLength(8192);
    expect(capped(agentA).endsWith(`…[truncated: 41943040 chars, sha256:${sha12(agentA)}]`)).toBe(true);
    expect(statSync(run.reportPath).size).toBeLessThan(64 * 1024);
    console.log(`40 MiB x16 case: peak RSS of node dist/index.js ${maxRssMB.toFixed(0)} MB`);
    expect(maxRssMB).toBeLessThan(200);
  }, 180_000);

  test('a single 60 MB value: the report stays small', async () => {
    const dir = path.join(temp, 'sixty');
    mkdirSync(dir);
    const message = 'x'.repeat(60_000_000);
    const record = { ...denied(40, 'aws-cli/2.15.30', 'long-message'), errorMessage: message };
    writeFileSync(path.join(dir, 'one.ndjson'), JSON.stringify(record) + '\n');
    const { run } = await runMeasured({ source: dir, threshold: '100' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '1', 'records-scanned': '1', 'files-failed': '0' });
    expect(run.report!.findings.map((f) => [f.user, f.result, f.count])).toEqual([['long-message', capped(message), 1]]);
    expect(statSync(run.reportPath).size).toBeLessThan(64 * 1024);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(256 * 1024);
  }, 120_000);

  test('widened to SageMaker: every denied InvokeEndpoint call in the envelope and NDJSON fixtures is found', async () => {
    const { run } = await runMeasured({
      source: '__fixtures__/formats/sagemaker-denied-envelope.json\n__fixtures__/formats/sagemaker-denied.ndjson',
      'event-sources': 'sagemaker.amazonaws.com',
      'event-names': 'InvokeEndpoint',
      threshold: '100'
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '10', 'records-scanned': '14', 'files-failed': '0' });
    expect(run.report!.nearMisses).toEqual([
      { reason: 'eventSource=bedrock.amazonaws.com eventName=InvokeModel', count: 2, include: 'event-sources: sagemaker.amazonaws.com,bedrock.amazonaws.com; event-names: InvokeEndpoint,InvokeModel' }
    ]);
  }, 60_000);

  test('files are judged by content: a digest-named file with events is scanned; a real digest and an Insights file are skipped', async () => {
    const { run } = await runMeasured({
      source: '__fixtures__/named-like-digest\n__fixtures__/sample-export/AWSLogs/111122223333/CloudTrail-Digest',
      threshold: '100'
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'denied-count': '2', 'files-scanned': '3', 'records-scanned': '3', 'files-failed': '0' });
    expect(run.report!.scan).toMatchObject({ files: 3, filesSkipped: 2, formats: { 'records-envelope': 1, digest: 1, insight: 1 } });
    expect(run.report!.findings.map((f) => [f.user, f.count])).toEqual([['renamed-export', 2]]);
  }, 60_000);

  test('a duplicate Records key fails the file with a clear reason; its records still count as read', async () => {
    const dir = path.join(temp, 'dup');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'dup.json'), JSON.stringify({ Records: [denied(50, 'ua')] }).slice(0, -1) + ',"Records":[' + JSON.stringify(denied(51, 'ua')) + ']}');
    const { run } = await runMeasured({ source: dir, threshold: '100' });
    expect(run.code).toBe(2);
    expect(run.report!.scan.filesFailed).toEqual([
      { file: path.join(dir, 'dup.json'), error: expect.stringMatching(/^not CloudTrail: duplicate envelope key "Records" after the "Records" array \(at byte \d+\) \(the 1 records parsed before the error were still scanned\)$/) }
    ]);
    expect(run.report!.scan.records).toBe(1);
    expect(run.outputs['denied-count']).toBe('1');
  }, 60_000);
});
