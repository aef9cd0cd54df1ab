import { execFileSync } from 'node:child_process';
import { ReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ActionConfig } from '../src/config.js';
import { createSources } from '../src/sources/index.js';
import { fileIdentity } from '../src/sources/local.js';
import { storedStream } from '../src/sources/whole-body.js';
import type { Source, SourceGap, SourceObject } from '../src/sources/types.js';
import { asObject } from './helpers/source-items.js';

let workspace: string;

const FILES: Record<string, string> = {
  'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1200Z_A.json.gz': 'gz-1',
  'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1205Z_B.json.gz': 'gz-2',
  'logs/AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/01/111111111111_CloudTrail-Digest_us-east-1_t_us-east-1_20261101T1300Z.json.gz': 'digest',
  'logs/a-b.json': 'a-b',
  'logs/a/b.json': 'a/b',
  'logs/Z.json': 'upper',
  'exports/events.ndjson': '{}\n',
  'exports/lookup.json': '{"Events":[]}',
  'exports/.hidden.json': 'hidden'
};

function configFor(sources: string[]): ActionConfig {
  return { sources, workspace, concurrency: 4, accounts: [], regions: [] } as unknown as ActionConfig;
}

async function names(source: Source): Promise<string[]> {
  const out: string[] = [];
  for await (const object of source.objects()) out.push(asObject(object).name);
  return out;
}

async function items(source: Source): Promise<(SourceObject | SourceGap)[]> {
  const out: (SourceObject | SourceGap)[] = [];
  for await (const item of source.objects()) out.push(item);
  return out;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'sources-local-'));
  for (const [name, content] of Object.entries(FILES)) {
    await fs.mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await fs.writeFile(path.join(workspace, name), content);
  }
  await fs.mkdir(path.join(workspace, 'empty-dir'));
});

afterAll(async () => {
  await fs.rm(workspace, { recursive: true, force: true });
});

describe('local source', () => {
  test('a file path yields that file, with its bytes and counters', async () => {
    const [source] = await createSources(configFor(['exports/lookup.json']), {});
    const objects = [];
    for await (const object of source.objects()) objects.push(asObject(object));
    expect(objects.map((o) => o.name)).toEqual(['exports/lookup.json']);
    expect(await readAll(await objects[0].open())).toBe('{"Events":[]}');
    expect(source.describe()).toEqual({
      kind: 'local',
      location: 'exports/lookup.json',
      details: { filesListed: 1, filesRead: 1, bytesRead: 13, notRegularFiles: 0 }
    });
  });

  test('an absolute path inside the workspace is named relative to it', async () => {
    const [source] = await createSources(configFor([path.join(workspace, 'exports', 'events.ndjson')]), {});
    expect(await names(source)).toEqual(['exports/events.ndjson']);
  });

  test('a directory is walked recursively in sorted path order, digests and hidden files included', async () => {
    const [source] = await createSources(configFor(['logs']), {});
    expect(await names(source)).toEqual([
      'logs/AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/01/111111111111_CloudTrail-Digest_us-east-1_t_us-east-1_20261101T1300Z.json.gz',
      'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1200Z_A.json.gz',
      'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1205Z_B.json.gz',
      'logs/Z.json',
      'logs/a-b.json',
      'logs/a/b.json'
    ]);
    const sorted = Object.keys(FILES).filter((f) => f.startsWith('logs/')).sort();
    expect(await names(source)).toEqual(sorted);

    const [exportsDir] = await createSources(configFor(['./exports/']), {});
    expect(await names(exportsDir)).toEqual(['exports/.hidden.json', 'exports/events.ndjson', 'exports/lookup.json']);
  });

  test('a glob matches files only, sorted', async () => {
    const [source] = await createSources(configFor(['logs/**/*.json.gz']), {});
    expect(await names(source)).toEqual([
      'logs/AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/01/111111111111_CloudTrail-Digest_us-east-1_t_us-east-1_20261101T1300Z.json.gz',
      'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1200Z_A.json.gz',
      'logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/111111111111_CloudTrail_us-east-1_20261101T1205Z_B.json.gz'
    ]);
    const [exportsGlob] = await createSources(configFor(['exports/*.json']), {});
    expect(await names(exportsGlob)).toEqual(['exports/.hidden.json', 'exports/lookup.json']);
  });

  test('one source per line', async () => {
    const sources = await createSources(configFor(['exports/lookup.json', 'logs/a']), {});
    expect(sources).toHaveLength(2);
    expect(await names(sources[0])).toEqual(['exports/lookup.json']);
    expect(await names(sources[1])).toEqual(['logs/a/b.json']);
  });

  test.each([['missing/file.json'], ['logs/**/*.csv'], ['empty-dir']])('%s matching nothing is a gap naming the line, not an error', async (line) => {
    const [source] = await createSources(configFor([line]), {});
    expect(await items(source)).toEqual([{ gap: true, name: line, error: `no files match '${line}'` }]);
  });

  test('a FIFO matched by a glob or named directly is never opened (it would block the scan)', async () => {
    const fifoDir = path.join(workspace, 'fifo-dir');
    await fs.mkdir(fifoDir, { recursive: true });
    await fs.writeFile(path.join(fifoDir, 'a.json'), '{}');
    execFileSync('mkfifo', [path.join(fifoDir, 'pipe.json')]);
    const [glob] = await createSources(configFor(['fifo-dir/*.json']), {});
    expect(await names(glob)).toEqual(['fifo-dir/a.json']);
    expect(glob.describe().details).toEqual({ filesListed: 1, filesRead: 0, bytesRead: 0, notRegularFiles: 1 });
    const [walked] = await createSources(configFor(['fifo-dir']), {});
    expect(await names(walked)).toEqual(['fifo-dir/a.json']);
    const [direct] = await createSources(configFor(['fifo-dir/pipe.json']), {});
    expect(await items(direct)).toEqual([
      { gap: true, name: 'fifo-dir/pipe.json', error: "no files match 'fifo-dir/pipe.json' (1 match(es) are not regular files and were not read)" }
    ]);
  });

  test('objects carry their device and inode (and size and time), so a symlink, a hard link and the target are the same file', async () => {
    await fs.symlink('lookup.json', path.join(workspace, 'exports', 'link-to-lookup.json'));
    await fs.link(path.join(workspace, 'exports', 'lookup.json'), path.join(workspace, 'exports', 'lookup-hard.json'));
    const [source] = await createSources(configFor(['exports/l*.json']), {});
    const objects = (await items(source)).map(asObject);
    expect(objects.map((o) => o.name)).toEqual(['exports/link-to-lookup.json', 'exports/lookup-hard.json', 'exports/lookup.json']);
    const stat = await fs.stat(path.join(workspace, 'exports', 'lookup.json'), { bigint: true });
    const id = `file ${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    expect(objects.map((o) => o.identity)).toEqual([id, id, id]);
    // Another file with the same bytes is another file.
    await fs.copyFile(path.join(workspace, 'exports', 'lookup.json'), path.join(workspace, 'exports', 'lookup-copy.json'));
    const [copySource, originalSource] = await createSources(configFor(['exports/lookup-copy.json', 'exports/lookup.json']), {});
    const [copy] = (await items(copySource)).map(asObject);
    const [original] = (await items(originalSource)).map(asObject);
    expect(copy.identity).not.toBe(original.identity);
    for (const name of ['link-to-lookup.json', 'lookup-hard.json', 'lookup-copy.json']) await fs.rm(path.join(workspace, 'exports', name));
  });

  test('the identity carries size and time besides the inode; a file system without inodes (0) falls back to the real path', async () => {
    const times = { size: 14n, mtimeNs: 1764300000123456789n };
    expect(fileIdentity({ dev: 2049n, ino: 131n, ...times })).toBe('file 2049:131:14:1764300000123456789');
    // The same inode number with another size or time (an overlay's layers) is another file.
    expect(fileIdentity({ dev: 2049n, ino: 131n, ...times, size: 15n })).not.toBe(fileIdentity({ dev: 2049n, ino: 131n, ...times }));
    expect(fileIdentity({ dev: 2049n, ino: 0n, ...times })).toBeNull();
    expect(fileIdentity({ dev: 0n, ino: 0n, ...times })).toBeNull();
    expect(fileIdentity(undefined)).toBeNull();
  });

  test('a small file is read whole in one call; one that grew after it was listed is read to its new end', async () => {
    const file = path.join(workspace, 'exports', 'growing.json');
    await fs.writeFile(file, '{"Records":[]}');
    const [source] = await createSources(configFor(['exports/growing.json']), {});
    const [object] = (await items(source)).map(asObject);
    expect(object.size).toBe(14);
    const whole = await object.open();
    // One buffer, not a file read stream, that only the decoder holds (it frees it once decoded).
    expect(whole).not.toBeInstanceOf(ReadStream);
    expect(whole).toMatchObject({ wholeBytesOwned: true });
    expect(await readAll(whole)).toBe('{"Records":[]}');
    // Listed at 14 bytes, 2 MB by the time it is opened: every byte is still read (streamed).
    const grown = `{"Records":[${'{"eventName":"X"},'.repeat(110_000)}{"eventName":"Y"}]}`;
    await fs.writeFile(file, grown);
    const streamed = await object.open();
    expect(streamed).toBeInstanceOf(ReadStream);
    expect(await readAll(streamed)).toBe(grown);
    // Shrunk to fewer bytes than listed: what is there is read.
    await fs.writeFile(file, '{}');
    expect(await readAll(await object.open())).toBe('{}');
    expect(source.describe().details).toEqual({ filesListed: 1, filesRead: 3, bytesRead: 14 + grown.length + 2, notRegularFiles: 0 });
    await fs.rm(file);
  });

  test('objects are produced lazily: the first arrives before later directories are read', async () => {
    const [source] = await createSources(configFor(['logs']), {});
    const iterator = source.objects()[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.name).toMatch(/CloudTrail-Digest/);
    expect(source.describe().details).toEqual({ filesListed: 1, filesRead: 0, bytesRead: 0, notRegularFiles: 0 });
    await iterator.return?.();
  });
});

describe('storedStream', () => {
  test('hands the decoder bytes to free once decoded only when the source says no one else holds them', async () => {
    const bytes = Buffer.from('{"Records":[]}');
    expect(storedStream({ bytes })).toMatchObject({ wholeBytes: bytes, wholeBytesOwned: false });
    expect(storedStream({ bytes, owned: true })).toMatchObject({ wholeBytes: bytes, wholeBytesOwned: true });
    // A read cut short is a stream of what arrived, then the failure: never decoded whole, never freed.
    expect('wholeBytes' in storedStream({ bytes, failure: new Error('reset'), owned: true })).toBe(false);
  });
});

