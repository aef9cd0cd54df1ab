import type { Readable } from 'node:stream';
import { ConfigError } from '../errors.js';

/** No bytes for this long fails an S3 or HTTPS connection, request or body read (then retried or resumed). */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Overrides the idle timeout (milliseconds): for slow links, and for tests that stall on purpose. */
export const IDLE_TIMEOUT_ENV = 'BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS';

/** The idle timeout `env` asks for, or undefined for the default; a value that is not a positive integer is a ConfigError. */
export function idleTimeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[IDLE_TIMEOUT_ENV]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw new ConfigError(`${IDLE_TIMEOUT_ENV}: '${raw}' is not a positive number of milliseconds`);
  }
  return Number(raw);
}

/** The error a stalled stream fails with. */
export function idleError(ms: number): Error {
  return Object.assign(new Error(`no data for ${ms} ms`), { code: 'ETIMEDOUT', name: 'TimeoutError' });
}

/** A timeout noticed by us, Node's sockets or the AWS SDK's handler. */
export function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; code?: string };
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

/**
 * The chunks of `stream`, failing with "no data for N ms" when it gives none for `ms`. The caller destroys the
 * stream afterwards (the pending read is then abandoned, its outcome ignored).
 */
export async function* idleGuard(stream: Readable, ms: number): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const next = chunks.next();
    next.catch(() => undefined);
    const stalled = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(idleError(ms)), ms);
    });
    let result: IteratorResult<Buffer>;
    try {
      result = await Promise.race([next, stalled]);
    } finally {
      clearTimeout(timer);
    }
    if (result.done) return;
    yield result.value;
  }
}
