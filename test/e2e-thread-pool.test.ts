/**
 * libuv's thread pool, where gunzip inflates, is sized to the run's scanning threads (sizeInflatePool), keeping
 * libuv's 4 at least when sources are fetched over the network: checked on the bundle as the runner starts it, by
 * counting the process's pool threads while it waits on a server that never answers (the GitHub API after a local
 * scan, or an HTTP export that sends half its body). Node names those threads `libuv-worker` from Node 22 (Linux);
 * Node 20 starts its pool before the bundle runs, so there is nothing to check there.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sizeInflatePool } from '../src/parallel/prestart.js';
import { repoRoot } from './helpers/fixtures.js';
import { startHttpServer, type TestHttpServer } from './helpers/http-server.js';
import { startAction } from './helpers/run-action.js';

const major = Number(process.versions.node.split('.')[0]);
const canCount = process.platform === 'linux' && major >= 22;

/** The pool threads of process `pid` (0 once it has gone). */
function poolThreads(pid: number): number {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return 0;
  let count = 0;
  for (const task of readdirSync(tasks)) {
    try {
      if (readFileSync(`${tasks}/${task}/comm`, 'utf8').trim() === 'libuv-worker') count++;
    } catch {
      // the thread ended meanwhile
    }
  }
  return count;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sizeInflatePool: one pool thread per scanning thread, unless UV_THREADPOOL_SIZE is set', () => {
  /** The pool size sizeInflatePool sets in `env`. */
  const sized = (env: NodeJS.ProcessEnv): string | undefined => {
    sizeInflatePool(env);
    return env.UV_THREADPOOL_SIZE;
  };

  test('set from the workers input, kept when already set, left alone for another engine', () => {
    expect(sized({ INPUT_SOURCE: 'logs/', INPUT_WORKERS: '1' })).toBe('1');
    expect(sized({ INPUT_SOURCE: 'logs/', INPUT_WORKERS: '3' })).toBe('3');
    expect(sized({ INPUT_SOURCE: 'logs/', INPUT_WORKERS: '1', UV_THREADPOOL_SIZE: '6' })).toBe('6');
    expect(sized({ INPUT_SOURCE: 's3://trail/', INPUT_ENGINE: 'athena' })).toBeUndefined();
    // A value the input check refuses: one thread until the run stops with that error.
    expect(sized({ INPUT_SOURCE: 'logs/', INPUT_WORKERS: 'many' })).toBe('1');
  });

  test("sources fetched over the network keep libuv's 4 at least: their DNS lookups run on the pool too", () => {
    expect(sized({ INPUT_SOURCE: 's3://trail/', INPUT_WORKERS: '1' })).toBe('4');
    expect(sized({ INPUT_SOURCE: 'logs/\n https://example.com/a.json.gz', INPUT_WORKERS: '2' })).toBe('4');
    expect(sized({ INPUT_SOURCE: 'Artifact:trail', INPUT_WORKERS: '1' })).toBe('4');
    expect(sized({ INPUT_SOURCE: 's3://trail/', INPUT_WORKERS: '6' })).toBe('6');
    // A commented-out or excluded line fetches nothing.
    expect(sized({ INPUT_SOURCE: 'logs/\n# s3://trail/\n!https://example.com/', INPUT_WORKERS: '1' })).toBe('1');
  });
});

(canCount ? describe : describe.skip)('the bundle starts the pool it sized (Node 22+, Linux)', () => {
  let server: TestHttpServer | undefined;
  const held: ServerResponse[] = [];
  afterEach(async () => {
    for (const res of held.splice(0)) res.destroy();
    await server?.close();
    server = undefined;
  });

  /** The bundle as a command (`bedrock-denied-scan [options] <source>`), in a clean environment. */
  function startCommand(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<unknown> } {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(INPUT_|GITHUB_|ACTIONS_|AWS_|UV_)/.test(k)) clean[k] = v;
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'index.js'), ...args], { env: { ...clean, NODE_OPTIONS: '', ...env }, stdio: 'ignore' });
    return { child, done: new Promise((resolve) => child.on('close', resolve)) };
  }

  /**
   * Starts the bundle against a server that never finishes answering (`answer` holds each response it starts);
   * returns the pool threads seen once the server has been asked and the pool has started.
   */
  async function poolWhileWaiting(
    answer: (res: ServerResponse) => void,
    start: (url: string) => { child: ChildProcess; done: Promise<unknown> }
  ): Promise<number> {
    server = await startHttpServer((_req, res) => {
      answer(res);
      held.push(res);
    });
    const run = start(server.url);
    try {
      const pid = run.child.pid!;
      let seen = 0;
      for (let waited = 0; waited < 15_000 && (seen === 0 || server.requests.length === 0); waited += 50) {
        await sleep(50);
        seen = poolThreads(pid);
      }
      // libuv starts every pool thread at once; look again once they have all had time to name themselves.
      await sleep(300);
      return Math.max(seen, poolThreads(pid));
    } finally {
      run.child.kill();
      await run.done;
    }
  }

  const timeouts = { BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '20000', BEDROCK_DENIED_SCAN_HTTP_TIMEOUT_MS: '20000' };
  /** Issue mode against a GitHub API that never answers: the process waits there, after scanning the local sample. */
  const github = (url: string): Record<string, string> => ({
    ...timeouts,
    GITHUB_API_URL: url,
    GITHUB_SERVER_URL: url,
    GITHUB_REPOSITORY: 'octo/trail',
    GITHUB_RUN_ID: '1',
    GITHUB_EVENT_NAME: 'schedule'
  });
  const localScan = (inputs: Record<string, string>, env: Record<string, string> = {}) => (url: string) =>
    startAction(
      { source: '__fixtures__/sample-export', 'create-issue': 'true', 'github-token': 'ghs_test', 'fail-on-threshold': 'false', ...inputs },
      { ...github(url), ...env }
    );
  const silent = (): void => undefined;

  test('a local scan with one scanning thread: one pool thread (libuv would start 4)', async () => {
    expect(await poolWhileWaiting(silent, localScan({ workers: '1' }))).toBe(1);
  }, 30_000);

  test('a local scan with two scanning threads: two pool threads', async () => {
    expect(await poolWhileWaiting(silent, localScan({ workers: '2' }))).toBe(2);
  }, 30_000);

  test("the runner's own UV_THREADPOOL_SIZE is kept", async () => {
    expect(await poolWhileWaiting(silent, localScan({ workers: '1' }, { UV_THREADPOOL_SIZE: '3' }))).toBe(3);
  }, 30_000);

  test('as a command: sized from its options', async () => {
    const command = (url: string) =>
      startCommand(['--workers', '1', '--create-issue', '--no-fail-on-threshold', '__fixtures__/sample-export'], { ...github(url), GITHUB_TOKEN: 'ghs_test' });
    expect(await poolWhileWaiting(silent, command)).toBe(1);
  }, 30_000);

  test("an HTTPS source (here loopback http) keeps libuv's 4, or more with more scanning threads", async () => {
    // About 250 KB gzip'd: its first half is more than the 64 KiB inflated in one call, so it streams through the pool.
    const records = Array.from({ length: 20_000 }, (_, i) => ({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventID: `${i}-${Math.random()}` }));
    const body = gzipSync(JSON.stringify({ Records: records }));
    const halfBody = (res: ServerResponse): void => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
      res.write(body.subarray(0, body.length >> 1));
    };
    const fetched = (workers: string) => (url: string) => startAction({ source: `${url}/export.json.gz`, 'fail-on-threshold': 'false', workers }, timeouts);
    expect(await poolWhileWaiting(halfBody, fetched('1'))).toBe(4);
    for (const res of held.splice(0)) res.destroy();
    await server?.close();
    expect(await poolWhileWaiting(halfBody, fetched('6'))).toBe(6);
  }, 60_000);
});
