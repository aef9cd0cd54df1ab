import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readConfig, type ActionConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { ExclusionPattern } from '../src/sources/exclude.js';
import { createSources } from '../src/sources/index.js';
import { asObject } from './helpers/source-items.js';

describe('exclusion patterns (! lines)', () => {
  const ws = '/ws';
  const matches = (pattern: string, name: string) => new ExclusionPattern(pattern, ws).matches(name);

  test.each([
    ['logs/*.json', 'logs/a.json', true],
    ['logs/*.json', 'logs/sub/a.json', false],
    ['logs/**/*.json', 'logs/sub/deeper/a.json', true],
    ['logs/**/*.json', 'logs/a.json', true],
    ['**/CloudTrail-Insight/**', 'logs/AWSLogs/1/CloudTrail-Insight/us-east-1/x.json.gz', true],
    ['logs/a?.json', 'logs/ab.json', true],
    ['logs/a?.json', 'logs/a.json', false],
    ['logs/old', 'logs/old/2026/a.json', true],
    ['logs/old/', 'logs/old/a.json', true],
    ['logs/old', 'logs/older/a.json', false],
    ['./logs/a.json', 'logs/a.json', true],
    ['/ws/logs/a.json', 'logs/a.json', true],
    ['Logs/A.json', 'logs/a.json', false],
    ['s3://bucket/AWSLogs/*/CloudTrail/eu-*/**', 's3://bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/01/f.json.gz', true],
    ['s3://bucket/AWSLogs/*/CloudTrail/eu-*/**', 's3://bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/f.json.gz', false],
    ['artifact:logs/exports/*', 'artifact:logs/exports/a.ndjson', true]
  ])('%s against %s: %s', (pattern, name, expected) => {
    expect(matches(pattern, name)).toBe(expected);
  });

  test('a pathological pattern against a long name answers at once (no backtracking blow-up)', () => {
    const name = 'a'.repeat(20_000) + '/' + 'a'.repeat(20_000);
    expect(matches('*a*a*a*a*a*a*a*a*b/**', name)).toBe(false);
    expect(matches('**/**/**/**/**/**/x', name)).toBe(false);
  });
});

describe('! lines in the source input', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'bds-exclude-'));
    for (const f of ['logs/a.json', 'logs/b.json', 'logs/old/c.json', 'other/d.json']) {
      await fs.mkdir(path.dirname(path.join(workspace, f)), { recursive: true });
      await fs.writeFile(path.join(workspace, f), '{}');
    }
  });
  afterAll(async () => fs.rm(workspace, { recursive: true, force: true }));

  const configFor = (source: string): Promise<ActionConfig> => readConfig((name) => (name === 'source' ? source : ''), { GITHUB_WORKSPACE: workspace });

  test('are exclusions, not sources, and apply to every source line', async () => {
    const config = await configFor('logs\n!logs/old\nother\n! **/b.json');
    expect(config.sources).toEqual(['logs', 'other']);
    expect(config.exclude).toEqual(['logs/old', '**/b.json']);
    const sources = await createSources(config, {});
    const names: string[] = [];
    for (const source of sources) for await (const item of source.objects()) names.push(asObject(item).name);
    expect(names).toEqual(['logs/a.json', 'other/d.json']);
    expect(sources.map((s) => s.describe().details)).toEqual([
      { filesListed: 3, filesRead: 0, bytesRead: 0, notRegularFiles: 0, excluded: 2 },
      { filesListed: 1, filesRead: 0, bytesRead: 0, notRegularFiles: 0, excluded: 0 }
    ]);
  });

  test('only exclusions, or an empty one, is a configuration error', async () => {
    await expect(configFor('!logs/old')).rejects.toThrow(ConfigError);
    await expect(configFor('!logs/old')).rejects.toThrow("Input 'source' is required");
    await expect(configFor('logs\n!')).rejects.toThrow("Input 'source': a line '!' must be followed by a pattern to exclude.");
  });
});
