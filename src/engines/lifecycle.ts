/** What the engines share: the run's figures, polling with backoff, the deadline, the list price. */
import type { DetectionResult, Selection } from '../detection/types.js';
import type { SourceDescription } from '../sources/types.js';
import { EngineError } from '../errors.js';

/** Athena's list price: $5 per TB scanned (10 MB minimum per query). CloudTrail Lake's Lake query price is the same. */
export const USD_PER_TB = 5;
const TB = 1024 ** 4;
const MIN_BILLED = 10 * 1024 ** 2;

export function costUsd(bytesScanned: number): number {
  return Math.round((Math.max(bytesScanned, bytesScanned > 0 ? MIN_BILLED : 0) / TB) * USD_PER_TB * 1e6) / 1e6;
}

/** What every query engine is told, besides where its data is. */
export interface EngineQueryOptions {
  selection: Selection;
  accounts: string[];
  regions: string[];
  region?: string;
  endpoint?: string;
  queryTimeoutMs: number;
  /** Stop the query once it is observed to have scanned more (0: no limit). */
  maxScanBytes: number;
  env?: NodeJS.ProcessEnv;
}

/** The engine's answer: the detection (as the runner engine would give it) and what it cost. */
export interface EngineRun {
  detection: DetectionResult;
  /** `scan.sources[0]` of the report. */
  source: SourceDescription;
}

/** The figures every engine puts in `scan.sources[0].details`. */
export interface EngineDetails {
  queryId: string;
  consoleUrl?: string;
  state: string;
  dataScannedBytes: number;
  engineTimeMs: number;
  totalTimeMs: number;
  costUsd: number;
  polls: number;
  resultPages: number;
  resultRows: number;
  [key: string]: unknown;
}

export { EngineError } from '../errors.js';

export interface PollOptions {
  /** First wait between polls, doubled up to maxPollMs. */
  pollMs: number;
  maxPollMs: number;
  timeoutMs: number;
}

/** Poll intervals (overridable for tests: BEDROCK_DENIED_SCAN_ENGINE_POLL_MS). */
export function pollOptions(timeoutMs: number, env: NodeJS.ProcessEnv = process.env): PollOptions {
  const first = Number(env.BEDROCK_DENIED_SCAN_ENGINE_POLL_MS);
  const pollMs = Number.isFinite(first) && first > 0 ? first : 500;
  return { pollMs, maxPollMs: Math.max(pollMs, 5000), timeoutMs };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `status` until it says done (returns a value) or the deadline passes (then `stop` is called and the
 * error names the query). `status` returns undefined while the query is queued or running.
 */
export async function pollUntilDone<T>(queryId: string, options: PollOptions, status: () => Promise<T | undefined>, stop: () => Promise<void>): Promise<{ value: T; polls: number }> {
  const deadline = Date.now() + options.timeoutMs;
  let wait = options.pollMs;
  for (let polls = 1; ; polls++) {
    const value = await status();
    if (value !== undefined) return { value, polls };
    if (Date.now() + wait > deadline) {
      await stop().catch(() => undefined);
      throw new EngineError(`query ${queryId} did not finish within ${Math.round(options.timeoutMs / 1000)} s (query-timeout); it was stopped`);
    }
    await sleep(wait);
    wait = Math.min(options.maxPollMs, Math.ceil(wait * 1.5));
  }
}
