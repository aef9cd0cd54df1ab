/**
 * Triage end to end through `node dist/index.js`: deny reasons on every finding and in `denyReasons`, a
 * suppressions file (CIDR, deny_reason, an expired and a stale rule), count-deny-reasons, and a baseline that is
 * required, created by update-baseline, then makes known activity stop counting. The fixture has one denied
 * InvokeModel per deny reason and every credential kind.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAction } from './helpers/run-action.js';

const FIXTURE = '__fixtures__/triage-every-deny-reason-and-credential.json';
const dir = mkdtempSync(path.join(tmpdir(), 'bds-triage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suppressions = path.join(dir, 'suppressions.yml');
writeFileSync(
  suppressions,
  `suppressions:
  - match: { user: ci-deployer, src: 10.20.0.0/16 }
    reason: deploy pipeline probes model access after each rollout
    owner: platform-team
    expires: 2099-03-31
  - match: { user_agent: "Terraform/*", deny_reason: model-access }
    reason: model access requests are pending
    owner: ml-infra
  - match: { user: leaked-key-user }
    reason: was a pentest
    owner: red-team
    expires: 2020-01-01
  - match: { user: nobody-at-all }
    reason: left over
    owner: sec-team
`
);
const base = { source: FIXTURE, 'suppressions-file': suppressions, workers: '1' };

describe('node dist/index.js: deny reasons, suppressions file, baseline', () => {
  test('deny reasons and owned suppressions: expired rule warned, stale rule listed, suppressed events never counted', async () => {
    const run = await runAction(base);
    expect(run.code).toBe(1);
    const report = run.report!;
    expect(report.matched).toBe(9);
    expect(report.threshold.observed).toBe(9);
    expect(report.findings.map((f) => [f.user, f.deny_reason]).sort()).toEqual(
      [
        [null, 'other'], // a cross-account AWSAccount identity has no user
        ['BatchJobRole', 'session-policy'],
        ['BedrockAPIKey_7x2q', 'marketplace'],
        ['ConsoleAdmin', 'permissions-boundary'],
        ['ConsoleAdmin', 'resource-explicit-deny'],
        ['DataScienceRole', 'identity-explicit-deny'],
        ['DataScienceRole', 'rcp'],
        ['ci-deployer', 'no-identity-allow'],
        ['leaked-key-user', 'scp']
      ].sort()
    );
    expect(report.denyReasons).toEqual({
      scp: 1,
      rcp: 1,
      'identity-explicit-deny': 1,
      'resource-explicit-deny': 1,
      'permissions-boundary': 1,
      'session-policy': 1,
      'no-identity-allow': 1,
      'model-access': 0,
      marketplace: 1,
      other: 1
    });
    const loc = (line: number) => `${suppressions}:${line}`;
    expect(report.suppressed).toEqual([
      { rule: 'user=ci-deployer src=10.20.0.0/16', count: 1, reason: 'deploy pipeline probes model access after each rollout', owner: 'platform-team', expires: '2099-03-31', expired: false, location: loc(2) },
      { rule: 'user_agent=Terraform/* deny_reason=model-access', count: 1, reason: 'model access requests are pending', owner: 'ml-infra', expires: null, expired: false, location: loc(6) },
      { rule: 'user=leaked-key-user', count: 0, reason: 'was a pentest', owner: 'red-team', expires: '2020-01-01', expired: true, location: loc(9) },
      { rule: 'user=nobody-at-all', count: 0, reason: 'left over', owner: 'sec-team', expires: null, expired: false, location: loc(13) }
    ]);
    expect(run.stdout).toContain('::warning title=bedrock-denied-scan%3A suppression expired::Suppression user=leaked-key-user');
    expect(run.stdout).toContain('owner red-team) expired on 2020-01-01 and no longer suppresses.');
    expect(run.summary).toContain('`suppressions-file` left 2 matching events out of the findings (1 expired rule, 1 stale rule).');
    expect(run.summary).toContain('💤 stale: matched nothing');
    expect(run.summary).toContain('⚠️ **expired** 2020-01-01');
    expect(run.summary).toContain('<tr><td><code>marketplace</code></td><td>1</td><td>yes</td></tr>');

    // Who it really is, what they tried next: every credential kind; the leaked key's success after denial comes first.
    const users = report.userContext!;
    expect(users.map((u) => [u.user, u.credentialKinds.join()])).toEqual([
      ['leaked-key-user', 'long-term-key'],
      ['ConsoleAdmin', 'console'],
      ['DataScienceRole', 'temporary'],
      [null, 'unknown'],
      ['BatchJobRole', 'temporary'],
      ['BedrockAPIKey_7x2q', 'api-key'],
      ['ci-deployer', 'long-term-key']
    ]);
    expect(users[0]).toMatchObject({
      recon: { GetFoundationModelAvailability: 2, ListFoundationModels: 1, PutUseCaseForModelAccess: 1 },
      succeededAfterDenial: [{ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', count: 2, lastTime: '2026-11-26T09:31:00' }],
      eventHistoryLinks: [{ accessKeyId: 'AKIA2N7TQQRGKLEAKED1' }]
    });
    expect(run.summary).toContain('🚨 **1 user invoked a model successfully after being denied.**');
    expect(run.summary).toContain('<details><summary>🚨 <code>leaked-key-user</code>: 1 denied call · long-term-key · 4 recon calls · **succeeded after denial** (1 model)</summary>');
    expect(run.summary).toContain('<a href="https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events?AccessKeyId=AKIA2N7TQQRGKLEAKED1">AKIA2N7TQQRGKLEAKED1</a>');
  });

  test('count-deny-reasons: the threshold counts only the listed reasons; the report still has every finding', async () => {
    const run = await runAction({ ...base, 'count-deny-reasons': 'scp, marketplace' });
    expect(run.code).toBe(1);
    expect(run.report!.matched).toBe(9);
    expect(run.report!.threshold).toMatchObject({ observed: 2, countDenyReasons: ['scp', 'marketplace'], exceeded: true });
    expect(run.summary).toContain('<tr><td><code>rcp</code></td><td>1</td><td>no</td></tr>');
    const bad = await runAction({ ...base, 'count-deny-reasons': 'scp,typo' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain("Input 'count-deny-reasons': unknown deny reason 'typo'");
  });

  test('baseline: missing is a configuration error; update-baseline creates it; then known activity no longer counts', async () => {
    const baseline = path.join(dir, 'sub', 'baseline.json');
    const missing = await runAction({ ...base, baseline });
    expect(missing.code).toBe(2);
    expect(missing.report).toBeNull();
    expect(missing.stdout).toContain(`Input 'baseline': ${baseline} does not exist; set update-baseline: true to create it from this run.`);
    expect(missing.summary).toContain('Input &#39;baseline&#39;');

    const created = await runAction({ ...base, baseline, 'update-baseline': 'true' });
    expect(created.code).toBe(1); // everything is new to an empty baseline
    expect(created.report!.baseline).toMatchObject({ path: baseline, known: 0, new: 9, newFindings: 9, updated: { fingerprints: 9, added: 9 } });
    expect(created.report!.threshold).toMatchObject({ observed: 9, baselineOnly: true });
    const text = readFileSync(baseline, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('{"user"'))).toHaveLength(9);
    expect(text).not.toMatch(/"count"|Time"/);
    expect(existsSync(path.dirname(baseline))).toBe(true);

    const known = await runAction({ ...base, baseline });
    expect(known.code).toBe(0);
    expect(known.report!.matched).toBe(9); // still reported
    expect(known.report!.baseline).toEqual({
      path: baseline,
      known: 9,
      new: 0,
      newFindings: 0,
      newFingerprints: [],
      byUser: [
        { user: 'ConsoleAdmin', new: 0, known: 2 },
        { user: 'DataScienceRole', new: 0, known: 2 },
        { user: 'BatchJobRole', new: 0, known: 1 },
        { user: 'BedrockAPIKey_7x2q', new: 0, known: 1 },
        { user: 'ci-deployer', new: 0, known: 1 },
        { user: 'leaked-key-user', new: 0, known: 1 },
        { user: null, new: 0, known: 1 }
      ]
    });
    expect(known.report!.threshold).toMatchObject({ observed: 0, exceeded: false });
    expect(known.summary).toContain('🆕 0 new denied calls in 0 findings, 9 known calls');

    // New activity (the suppressed events, once the file is gone) counts; updating again merges.
    const more = await runAction({ source: FIXTURE, workers: '1', baseline, 'update-baseline': 'true' });
    expect(more.code).toBe(1);
    expect(more.report!.baseline).toMatchObject({ known: 9, new: 2, newFindings: 2, updated: { fingerprints: 11, added: 2 } });
    expect(more.report!.baseline!.newFingerprints.map((f) => [f.user, f.deny_reason, f.count])).toEqual([
      ['TerraformRole', 'model-access', 1],
      ['ci-deployer', 'no-identity-allow', 1]
    ]);
    expect(readFileSync(baseline, 'utf8').split('\n').filter((l) => l.startsWith('{"user"'))).toHaveLength(11);

    const corrupt = path.join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"fingerprints": [');
    const bad = await runAction({ ...base, baseline: corrupt });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain(`Input 'baseline': ${corrupt} is not a baseline file: invalid JSON`);
  });

  test('a malformed suppressions file is a configuration error naming the line; a missing one names the input', async () => {
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(bad, 'suppressions:\n  - match: { user: a }\n    owner: o\n');
    const run = await runAction({ source: FIXTURE, 'suppressions-file': bad });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`Input 'suppressions-file': ${bad} line 2: a rule needs a non-empty 'reason'`);
    const none = await runAction({ source: FIXTURE, 'suppressions-file': path.join(dir, 'none.yml') });
    expect(none.code).toBe(2);
    expect(none.stdout).toContain(`Input 'suppressions-file': cannot read ${path.join(dir, 'none.yml')}: no such file.`);
  });

  test('workers 1 and 2 write the same report with a suppressions file and a baseline', async () => {
    const baseline = path.join(dir, 'w-baseline.json');
    writeFileSync(baseline, '{"fingerprints":[{"user":"ConsoleAdmin","vendor_account":"111122223333","src":"AWS Internal","modelId":"amazon.titan-text-express-v1","deny_reason":"permissions-boundary"}]}');
    const inputs = { source: `${FIXTURE}\n__fixtures__/sample-export\n__fixtures__/identity-types.json`, 'suppressions-file': suppressions, baseline, 'fail-on-threshold': 'false', concurrency: '3' };
    const one = await runAction({ ...inputs, workers: '1' });
    const two = await runAction({ ...inputs, workers: '2' });
    const strip = (r: typeof one.report) => ({ ...r!, generatedAt: '', scan: { ...r!.scan, durationMs: 0, peakRssBytes: 0 } });
    expect(one.report!.baseline!.known).toBe(1);
    expect(one.report!.suppressed[0]!.count).toBeGreaterThan(0);
    expect(strip(two.report)).toEqual(strip(one.report));
  });
});
