/**
 * libuv's thread pool, where gunzip inflates, is sized to the run's scanning threads (sizeInflatePool): checked on
 * the bundle as the runner starts it, by counting the process's pool threads while a gzip'd HTTP body is being
 * inflated and its server holds the rest back. Node names those threads `libuv-worker` from Node 22 (Linux); Node
 * 20 starts its pool before the bundle runs, so there is nothing to check there.
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
  test('set from the workers input, kept when already set, left alone for another engine', () => {
    const one: NodeJS.ProcessEnv = { INPUT_WORKERS: '1' };
    sizeInflatePool(one);
    expect(one.UV_THREADPOOL_SIZE).toBe('1');
    const three: NodeJS.ProcessEnv = { INPUT_WORKERS: '3' };
    sizeInflatePool(three);
    expect(three.UV_THREADPOOL_SIZE).toBe('3');
    const mine: NodeJS.ProcessEnv = { INPUT_WORKERS: '1', UV_THREADPOOL_SIZE: '6' };
    sizeInflatePool(mine);
    expect(mine.UV_THREADPOOL_SIZE).toBe('6');
    const athena: NodeJS.ProcessEnv = { INPUT_ENGINE: 'athena' };
    sizeInflatePool(athena);
    expect(athena.UV_THREADPOOL_SIZE).toBeUndefined();
    // A value the input check refuses: one thread until the run stops with that error.
    const bad: NodeJS.ProcessEnv = { INPUT_WORKERS: 'many' };
    sizeInflatePool(bad);
    expect(bad.UV_THREADPOOL_SIZE).toBe('1');
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
   * Starts the bundle on an HTTP export that sends its first half and stalls (as the action, or as a command when
   * `command` is given); returns the pool threads seen.
   */
  async function poolWhileInflating(inputs: Record<string, string>, env: Record<string, string> = {}, command?: string[]): Promise<number> {
    // About 250 KB gzip'd: its first half is more than the 64 KiB inflated in one call, so it streams through the pool.
    const records = Array.from({ length: 20_000 }, (_, i) => ({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventID: `${i}-${Math.random()}` }));
    const body = gzipSync(JSON.stringify({ Records: records }));
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
      res.write(body.subarray(0, body.length >> 1));
      held.push(res);
    });
    const source = `${server.url}/export.json.gz`;
    const timeout = { BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS: '20000' };
    const run = command ? startCommand([...command, source], { ...timeout, ...env }) : startAction({ source, 'fail-on-threshold': 'false', ...inputs }, { ...timeout, ...env });
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

  test('one scanning thread: one pool thread (libuv would start 4)', async () => {
    expect(await poolWhileInflating({ workers: '1' })).toBe(1);
  }, 30_000);

  test('two scanning threads: two pool threads', async () => {
    expect(await poolWhileInflating({ workers: '2' })).toBe(2);
  }, 30_000);

  test("the runner's own UV_THREADPOOL_SIZE is kept", async () => {
    expect(await poolWhileInflating({ workers: '1' }, { UV_THREADPOOL_SIZE: '3' })).toBe(3);
  }, 30_000);

  test('as a command: sized from its options', async () => {
    expect(await poolWhileInflating({}, {}, ['--workers', '1'])).toBe(1);
  }, 30_000);
});
