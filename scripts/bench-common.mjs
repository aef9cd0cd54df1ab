// Helpers shared by the benchmark scripts.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
export const secs = (ms) => (ms / 1000).toFixed(2) + ' s';
export const verdict = (ok) => (ok ? 'PASS' : 'MISS');

/** Runs `node <args>` to its end; resolves with its wall time (start-up included) and stdout. */
export function timedChild(args, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - started;
      if (status !== 0) reject(new Error(`${args.join(' ').slice(0, 200)} exited ${status}: ${stderr.slice(-1000)}`));
      else resolvePromise({ ms, stdout });
    });
  });
}
